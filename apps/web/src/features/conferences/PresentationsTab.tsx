/**
 * Tham luận: the office asks invited units for a presentation (topic, due date, presenter), follows what came in and
 * downloads the conference bundle; a unit uploads or replaces its file (.docx, .pdf, .pptx, typed by content) until the
 * due date.
 */
import { DeleteOutlined, DownloadOutlined, EditOutlined, FileZipOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { DeadlineText } from '../rounds/shared';
import { type Board, type Conference, type Presentation, type PresentationList, putFile, usePart, useRefreshConference } from './api';
import { PersonSelect } from './PersonSelect';
import { DateTimeField, dt, fileSize, sizeLimit, useAction, useDownload, vnWall, viSearch } from './shared';

const ACCEPT = '.docx,.pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation';

export default function PresentationsTab({ c }: { c: Conference }) {
  const l = useL();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const list = usePart<PresentationList>(c.id, 'presentations', 'presentations');
  const refresh = useRefreshConference(c.id);
  const [run] = useAction();
  const [download, downloading] = useDownload();
  const { modal } = App.useApp();
  const [asking, setAsking] = useState<Presentation | 'new' | null>(null);
  const canPlan = c.abilities.plan;
  const bundle = !unitRole && me.role !== 'viewer';
  const items = list.data?.items ?? [];
  const maxBytes = list.data?.limits.presentationBytes ?? null;

  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card
        loading={list.isLoading}
        title={unitRole ? l('Tham luận của đơn vị', 'Our presentation') : l('Tham luận', 'Presentations')}
        extra={
          <Space wrap>
            {bundle ? (
              <>
                <Button icon={<FileZipOutlined />} loading={downloading === c.links.bundleZip} onClick={() => void download(c.links.bundleZip, `Tài liệu hội nghị - ${c.period}.zip`)}>
                  {l('Tài liệu hội nghị (.zip)', 'Conference pack (.zip)')}
                </Button>
                <Button icon={<FilePdfOutlined />} loading={downloading === c.links.bundlePdf} onClick={() => void download(c.links.bundlePdf, `Tài liệu hội nghị - ${c.period}.pdf`)}>
                  {l('Một tệp PDF', 'One PDF')}
                </Button>
              </>
            ) : null}
            {canPlan ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAsking('new')}>
                {l('Đề nghị tham luận', 'Ask for a presentation')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              unitRole
                ? l('Đơn vị chưa được đề nghị trình bày tham luận.', 'Your unit was not asked for a presentation.')
                : l('Chưa đề nghị đơn vị nào trình bày tham luận (thường 4 đơn vị).', 'No unit asked yet (usually four).')
            }
          />
        ) : (
          <List
            dataSource={items}
            renderItem={(p) => (
              <List.Item
                className="conf-presentation"
                actions={
                  canPlan
                    ? [
                        <Button key="e" size="small" type="text" icon={<EditOutlined />} aria-label={l(`Sửa đề nghị của ${p.unit.name}`, `Edit ${p.unit.name}`)} onClick={() => setAsking(p)} />,
                        ...(p.file
                          ? []
                          : [
                              <Button
                                key="d"
                                size="small"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={l(`Rút đề nghị của ${p.unit.name}`, `Withdraw ${p.unit.name}`)}
                                onClick={() =>
                                  modal.confirm({
                                    title: l(`Rút đề nghị tham luận của ${p.unit.name}?`, `Withdraw the request to ${p.unit.name}?`),
                                    okText: l('Rút', 'Withdraw'),
                                    cancelText: l('Hủy', 'Cancel'),
                                    okButtonProps: { danger: true },
                                    onOk: () => run('del', () => api.del(`/api/conferences/${c.id}/presentations/${p.id}`)).then(() => refresh(['presentations', 'agenda'])),
                                  })
                                }
                              />,
                            ]),
                      ]
                    : undefined
                }
              >
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex gap={8} wrap="wrap" align="center">
                    <Typography.Text strong>{p.topic}</Typography.Text>
                    {p.file ? <Tag color="success">{l('Đã nộp', 'Uploaded')}</Tag> : <Tag color="warning">{l('Chưa nộp', 'Not yet')}</Tag>}
                  </Flex>
                  <Typography.Text type="secondary">
                    {p.unit.name}
                    {p.presenter?.fullName ? ` · ${l('trình bày', 'presenter')}: ${p.presenter.fullName}` : ''}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{l('Hạn nộp: ', 'Due: ')}</Typography.Text>
                    <DeadlineText deadline={p.dueAt} done={!!p.file} />
                  </div>
                  {p.file ? (
                    <Flex gap={8} wrap="wrap" align="center">
                      <Button
                        size="small"
                        icon={<DownloadOutlined />}
                        loading={downloading === p.file.href}
                        onClick={() => void download(p.file!.href, p.file!.name)}
                      >
                        {p.file.name}
                      </Button>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fileSize(p.file.size)}
                        {p.file.uploadedAt ? ` · ${l('nộp', 'uploaded')} ${dt(p.file.uploadedAt)}` : ''}
                      </Typography.Text>
                    </Flex>
                  ) : null}
                  {unitRole && c.abilities.present ? <UploadButton c={c} p={p} maxBytes={maxBytes} /> : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      {asking ? <AskModal c={c} current={asking === 'new' ? null : asking} onClose={() => setAsking(null)} /> : null}
    </Flex>
  );
}

/** `maxBytes` is the server's limit (from the list): a larger file is refused here before it is sent. */
function UploadButton({ c, p, maxBytes }: { c: Conference; p: Presentation; maxBytes: number | null }) {
  const l = useL();
  const input = useRef<HTMLInputElement>(null);
  const refresh = useRefreshConference(c.id);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = new Date(p.replaceableUntil).getTime() > Date.now();
  if (!open) return <Typography.Text type="secondary">{l('Đã quá hạn nộp; liên hệ Văn phòng Sở nếu cần thay bài.', 'Past the due date; ask the office to replace it.')}</Typography.Text>;
  const limit = maxBytes === null ? null : sizeLimit(maxBytes);
  const send = async (file: File) => {
    setError(null);
    if (maxBytes !== null && file.size > maxBytes) {
      const kept = p.file ? l(', bài đã nộp trước được giữ nguyên', '; the file uploaded before is kept') : '';
      setError(l(`Tệp tham luận vượt quá ${limit}; tệp chưa được gửi${kept}.`, `The file is larger than ${limit} and was not sent${kept}.`));
      if (input.current) input.current.value = '';
      return;
    }
    setBusy(true);
    try {
      await putFile<Presentation>(`/api/conferences/${c.id}/presentations/${p.id}/file`, file);
      message.success(l(`Đã nộp ${file.name}.`, `Uploaded ${file.name}.`));
      await refresh(['presentations', 'agenda']);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Flex vertical gap={6} style={{ marginTop: 4 }}>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="conf-hidden-input"
        aria-label={l('Chọn tệp tham luận', 'Choose the file')}
        data-testid={`presentation-file-${p.id}`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void send(f);
        }}
      />
      <div>
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} type={p.file ? 'default' : 'primary'}>
          {p.file ? l('Thay tệp', 'Replace the file') : l('Nộp tham luận', 'Upload')}
        </Button>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {limit ? l(`.docx, .pdf hoặc .pptx, tối đa ${limit}`, `.docx, .pdf or .pptx, up to ${limit}`) : l('.docx, .pdf hoặc .pptx', '.docx, .pdf or .pptx')}
        </Typography.Text>
      </div>
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}
    </Flex>
  );
}

function AskModal({ c, current, onClose }: { c: Conference; current: Presentation | null; onClose: () => void }) {
  const l = useL();
  const board = usePart<Board>(c.id, 'board', 'invitations');
  const [form] = Form.useForm<{ unitId: number; topic: string; dueAt: string; presenterPersonId: number | null }>();
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefreshConference(c.id);
  // Due by default three days before the opening, at 17:00.
  const defaultDue = (() => {
    const w = vnWall(new Date(new Date(c.startsAt).getTime() - 3 * 86_400_000).toISOString());
    return w ? `${w.slice(0, 10)}T17:00` : undefined;
  })();
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (current) await api.patch(`/api/conferences/${c.id}/presentations/${current.id}`, { topic: v.topic, dueAt: v.dueAt, presenterPersonId: v.presenterPersonId ?? null });
      else await api.post(`/api/conferences/${c.id}/presentations`, { ...v, presenterPersonId: v.presenterPersonId ?? null });
      await refresh(['presentations', 'agenda']);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['unitId', 'topic', 'dueAt', 'presenterPersonId']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={current ? l(`Đề nghị tham luận: ${current.unit.name}`, `Presentation: ${current.unit.name}`) : l('Đề nghị tham luận', 'Ask for a presentation')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          current
            ? { unitId: current.unit.id, topic: current.topic, dueAt: vnWall(current.dueAt), presenterPersonId: current.presenter?.personId ?? null }
            : { dueAt: defaultDue }
        }
      >
        <Form.Item name="unitId" label={l('Đơn vị', 'Unit')} rules={[{ required: true, message: l('Hãy chọn đơn vị.', 'Choose a unit.') }]}>
          <Select
            disabled={!!current}
            showSearch={viSearch}
            loading={board.isLoading}
            placeholder={l('Một đơn vị được mời', 'An invited unit')}
            options={(board.data?.items ?? []).map((i) => ({ value: i.unit.id, label: i.unit.name }))}
          />
        </Form.Item>
        <Form.Item name="topic" label={l('Chủ đề tham luận', 'Topic')} rules={[{ required: true, message: l('Hãy nhập chủ đề.', 'Enter the topic.') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="dueAt" label={l('Hạn nộp (trước giờ khai mạc)', 'Due (before the opening)')} rules={[{ required: true, message: l('Hãy chọn hạn nộp.', 'Choose the due date.') }]}>
          <DateTimeField style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="presenterPersonId" label={l('Người trình bày (cán bộ của đơn vị)', 'Presenter (from the unit)')}>
          <PersonSelect
            unitId={unitId ?? current?.unit.id}
            asOf={vnWall(c.startsAt)?.slice(0, 10)}
            initial={current?.presenter ? { personId: current.presenter.personId, fullName: current.presenter.fullName ?? '', position: null } : null}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
