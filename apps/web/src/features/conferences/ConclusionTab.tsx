/**
 * Kết luận: the director's conclusion and the provincial leader's directive as numbered points — information, decision
 * or task; a task has an owner division, co-operating units, a deadline and a sector. The director issues the Thông báo
 * kết luận; once issued it is immutable, and a reissue makes a new numbered version with a reason.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, EyeOutlined, FileWordOutlined, FlagOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { formatDate, POINT_KIND_LABELS, POINT_KINDS, type PointKind, type PointSource } from '@nhip/contracts';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, List, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { DateField } from '../../components/DateField';
import { OrgUnitTreeSelect, useOrgUnits } from '../../components/orgUnits';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { type Conference, type DiscussionItem, type Notice, type Point, type PointInput, type Points, usePart, useRefreshConference } from './api';
import { dt, useAction, useDownload, vnWall, viSearch } from './shared';

const KIND_COLOR: Record<PointKind, string> = { information: 'default', decision: 'purple', task: 'blue' };

export function PointKindTag({ kind }: { kind: PointKind }) {
  const lang = useLang();
  return <Tag color={KIND_COLOR[kind]}>{POINT_KIND_LABELS[kind][lang]}</Tag>;
}

export default function ConclusionTab({ c }: { c: Conference }) {
  const l = useL();
  const points = usePart<Points>(c.id, 'points', 'points');
  const notices = usePart<{ items: Notice[] }>(c.id, 'notices', 'notices');
  const [editing, setEditing] = useState<{ source: PointSource; point: Point | null } | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [download, downloading] = useDownload();
  const [, setParams] = useSearchParams();
  const issued = notices.data?.items ?? [];
  const canEdit = !!points.data?.canEdit;

  if (points.error) return <ErrorState error={points.error} onRetry={() => void points.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <PointList c={c} source="conclusion" points={points.data?.conclusion ?? []} canEdit={canEdit} loading={points.isLoading} onEdit={(p) => setEditing({ source: 'conclusion', point: p })} />
            <PointList c={c} source="directive" points={points.data?.directive ?? []} canEdit={canEdit} loading={points.isLoading} onEdit={(p) => setEditing({ source: 'directive', point: p })} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={l('Thông báo kết luận', 'Conclusion notice')}>
            <Flex vertical gap={12}>
              {issued.length === 0 ? (
                <Typography.Text type="secondary">
                  {c.abilities.issue
                    ? l('Chưa ban hành. Rà soát các điểm kết luận, xem trước rồi ban hành.', 'Not issued yet. Review the points, preview, then issue.')
                    : l('Chưa ban hành. Giám đốc Sở ban hành thông báo kết luận.', 'Not issued yet; the director issues it.')}
                </Typography.Text>
              ) : null}
              <Space wrap>
                <Button icon={<EyeOutlined />} onClick={() => setParams({ tab: 'documents', doc: 'conclusion' })}>
                  {issued.length ? l('Xem bản đã ban hành', 'View the issued notice') : l('Xem trước dự thảo', 'Preview the draft')}
                </Button>
                {c.abilities.issue ? (
                  <Button type="primary" icon={issued.length ? <ReloadOutlined /> : <FlagOutlined />} onClick={() => setIssuing(true)}>
                    {issued.length ? l('Ban hành lại', 'Reissue') : l('Ban hành thông báo kết luận', 'Issue the notice')}
                  </Button>
                ) : null}
              </Space>
              {issued.length ? (
                <List
                  size="small"
                  header={<Typography.Text strong>{l('Các phiên bản đã ban hành', 'Issued versions')}</Typography.Text>}
                  dataSource={issued}
                  renderItem={(n) => (
                    <List.Item>
                      <Flex vertical gap={2} style={{ width: '100%' }}>
                        <Flex justify="space-between" gap={8} align="center">
                          <span>
                            <strong>{l(`Bản ${n.version}`, `Version ${n.version}`)}</strong> · {l('Số', 'No.')} {n.number}
                          </span>
                          <Button
                            size="small"
                            icon={<FileWordOutlined />}
                            loading={downloading === n.href}
                            onClick={() => void download(n.href, `Thông báo kết luận ${n.number.replace(/\//g, '-')}.docx`)}
                            aria-label={l(`Tải .docx bản ${n.version}`, `Download .docx version ${n.version}`)}
                          >
                            {l('Tải .docx', 'Download .docx')}
                          </Button>
                        </Flex>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {dt(n.issuedAt)}
                          {n.issuedBy ? ` · ${n.issuedBy}` : ''}
                        </Typography.Text>
                        {n.reason ? <Typography.Text style={{ fontSize: 13 }}>{l('Lý do: ', 'Reason: ')}{n.reason}</Typography.Text> : null}
                      </Flex>
                    </List.Item>
                  )}
                />
              ) : null}
            </Flex>
          </Card>
        </Col>
      </Row>
      {editing ? <PointModal c={c} source={editing.source} point={editing.point} onClose={() => setEditing(null)} /> : null}
      {issuing && points.data ? <IssueModal c={c} points={points.data} reissue={issued.length > 0} onClose={() => setIssuing(false)} /> : null}
    </Flex>
  );
}

function PointList({
  c, source, points, canEdit, loading, onEdit,
}: { c: Conference; source: PointSource; points: Point[]; canEdit: boolean; loading: boolean; onEdit: (p: Point | null) => void }) {
  const l = useL();
  const refresh = useRefreshConference(c.id);
  const [run] = useAction();
  const { modal } = App.useApp();
  const move = (from: number, to: number) => {
    if (to < 0 || to >= points.length) return;
    const ids = points.map((p) => p.id);
    const [x] = ids.splice(from, 1);
    ids.splice(to, 0, x as number);
    void run('order', () => api.put(`/api/conferences/${c.id}/points/order`, { source, ids })).then(() => refresh(['points']));
  };
  return (
    <Card
      loading={loading}
      title={source === 'conclusion' ? l('Kết luận của Giám đốc Sở', 'The director’s conclusion') : l('Chỉ đạo của lãnh đạo tỉnh', 'The provincial leader’s directive')}
      extra={
        canEdit ? (
          <Button icon={<PlusOutlined />} onClick={() => onEdit(null)}>
            {source === 'conclusion' ? l('Thêm điểm kết luận', 'Add a point') : l('Thêm điểm chỉ đạo', 'Add a point')}
          </Button>
        ) : null
      }
    >
      {points.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có điểm nào.', 'No point yet.')} />
      ) : (
        <List
          dataSource={points}
          renderItem={(p, i) => (
            <List.Item
              data-testid={`point-${source}-${p.number}`}
              actions={
                canEdit
                  ? [
                      <Button key="u" size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={l(`Đưa điểm ${p.number} lên`, `Move ${p.number} up`)} onClick={() => move(i, i - 1)} />,
                      <Button key="d" size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === points.length - 1} aria-label={l(`Đưa điểm ${p.number} xuống`, `Move ${p.number} down`)} onClick={() => move(i, i + 1)} />,
                      <Button key="e" size="small" type="text" icon={<EditOutlined />} aria-label={l(`Sửa điểm ${p.number}`, `Edit ${p.number}`)} onClick={() => onEdit(p)} />,
                      <Button
                        key="x"
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={l(`Xóa điểm ${p.number}`, `Delete ${p.number}`)}
                        onClick={() =>
                          modal.confirm({
                            title: l(`Xóa điểm ${p.number}?`, `Delete point ${p.number}?`),
                            content: l('Các điểm sau được đánh số lại.', 'The points after it are renumbered.'),
                            okText: l('Xóa', 'Delete'),
                            cancelText: l('Hủy', 'Cancel'),
                            okButtonProps: { danger: true },
                            onOk: () => run('del', () => api.del(`/api/conferences/${c.id}/points/${p.id}`)).then(() => refresh(['points', 'discussion'])),
                          })
                        }
                      />,
                    ]
                  : undefined
              }
            >
              <Flex gap={10} align="flex-start" style={{ width: '100%' }}>
                <span className="conf-point-number">{p.number}.</span>
                <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <div className="conf-pre">{p.text}</div>
                  <Flex gap={6} wrap="wrap" align="center">
                    <PointKindTag kind={p.kind} />
                    {p.sector ? <Tag color="geekblue">{p.sector.name}</Tag> : null}
                  </Flex>
                  {p.kind === 'task' ? (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {l('Chủ trì: ', 'Owner: ')}
                      {p.ownerDivision?.name ?? '—'}
                      {p.coUnits.length ? ` · ${l('phối hợp', 'with')}: ${p.coUnits.map((u) => u.name).join(', ')}` : ''}
                      {p.deadline ? ` · ${l('hạn', 'due')} ${formatDate(p.deadline)}` : ''}
                    </Typography.Text>
                  ) : null}
                  {p.discussionItem ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {l('Trả lời ý kiến: ', 'Answers: ')}
                      {p.discussionItem.text}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PointFields({ c, kind }: { c: Conference; kind: PointKind | undefined }) {
  const l = useL();
  const lang = useLang();
  const date = vnWall(c.startsAt)?.slice(0, 10);
  const divisions = useOrgUnits({ asOf: date, type: 'division' });
  const sectors = useSectors();
  const discussion = usePart<{ items: DiscussionItem[] }>(c.id, 'discussion', 'discussion');
  return (
    <>
      <Form.Item name="kind" label={l('Loại', 'Kind')}>
        <Segmented options={POINT_KINDS.map((k) => ({ value: k, label: POINT_KIND_LABELS[k][lang] }))} />
      </Form.Item>
      <Form.Item name="text" label={l('Nội dung', 'Text')} rules={[{ required: true, message: l('Hãy nhập nội dung.', 'Enter the text.') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
      {kind === 'task' ? (
        <>
          <Form.Item name="ownerDivisionId" label={l('Phòng chủ trì', 'Owner division')} rules={[{ required: true, message: l('Nhiệm vụ cần phòng chủ trì.', 'A task needs an owner.') }]}>
            <Select
              showSearch={viSearch}
              loading={divisions.isLoading}
              options={(divisions.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              placeholder={l('Phòng chuyên môn', 'A division')}
            />
          </Form.Item>
          <Form.Item name="coUnitIds" label={l('Đơn vị phối hợp', 'Co-operating units')}>
            <OrgUnitTreeSelect multiple asOf={date} placeholder={l('Không bắt buộc', 'Optional')} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={l('Hạn hoàn thành (sau ngày hội nghị)', 'Deadline (after the conference)')}
            rules={[{ required: true, message: l('Nhiệm vụ cần hạn hoàn thành.', 'A task needs a deadline.') }]}
          >
            <DateField />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="sectorId" label={l('Lĩnh vực', 'Sector')}>
        <Select allowClear loading={sectors.isLoading} options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))} />
      </Form.Item>
      <Form.Item name="discussionItemId" label={l('Trả lời ý kiến thảo luận', 'Answers a discussion point')}>
        <Select
          allowClear
          showSearch={viSearch}
          options={(discussion.data?.items ?? []).map((d) => ({ value: d.id, label: d.text.length > 140 ? `${d.text.slice(0, 140)}…` : d.text }))}
          placeholder={l('Không bắt buộc', 'Optional')}
        />
      </Form.Item>
    </>
  );
}

function PointModal({ c, source, point, onClose }: { c: Conference; source: PointSource; point: Point | null; onClose: () => void }) {
  const l = useL();
  const [form] = Form.useForm<PointInput>();
  const kind = Form.useWatch('kind', form) as PointKind | undefined;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefreshConference(c.id);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    const task = v.kind === 'task';
    const body: PointInput = {
      kind: v.kind, text: v.text, sectorId: v.sectorId ?? null, discussionItemId: v.discussionItemId ?? null,
      ownerDivisionId: task ? (v.ownerDivisionId ?? null) : null, coUnitIds: task ? (v.coUnitIds ?? []) : [], deadline: task ? (v.deadline ?? null) : null,
    };
    try {
      if (point) await api.patch(`/api/conferences/${c.id}/points/${point.id}`, body);
      else await api.post(`/api/conferences/${c.id}/points`, { source, ...body });
      await refresh(['points', 'discussion']);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['kind', 'text', 'ownerDivisionId', 'coUnitIds', 'deadline', 'sectorId', 'discussionItemId']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={
        point
          ? l(`Sửa điểm ${point.number}`, `Edit point ${point.number}`)
          : source === 'conclusion'
            ? l('Thêm điểm kết luận', 'Add a conclusion point')
            : l('Thêm điểm chỉ đạo', 'Add a directive point')
      }
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
      width={680}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          point
            ? {
                kind: point.kind, text: point.text, ownerDivisionId: point.ownerDivision?.id ?? null, coUnitIds: point.coUnits.map((u) => u.id), deadline: point.deadline,
                sectorId: point.sector?.id ?? null, discussionItemId: point.discussionItem?.id ?? null,
              }
            : { kind: 'task', coUnitIds: [] }
        }
      >
        <PointFields c={c} kind={kind} />
      </Form>
    </Modal>
  );
}

type EditablePoint = Point & { changed?: boolean };

/** First issue (optional register number), or a reissue with its reason and the corrected points. */
function IssueModal({ c, points, reissue, onClose }: { c: Conference; points: Points; reissue: boolean; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const refresh = useRefreshConference(c.id);
  const { message } = App.useApp();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<EditablePoint[]>(() => [...points.conclusion, ...points.directive]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const tasks = useMemo(() => rows.filter((p) => p.kind === 'task').length, [rows]);
  const issue = async () => {
    setSaving(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { number: number.trim() || null };
      if (reissue) {
        body.reason = reason;
        body.points = rows.map((p) => ({
          id: p.id, source: p.source, kind: p.kind, text: p.text, ownerDivisionId: p.ownerDivision?.id ?? null, coUnitIds: p.coUnits.map((u) => u.id),
          deadline: p.deadline, sectorId: p.sector?.id ?? null, discussionItemId: p.discussionItem?.id ?? null,
        }));
      }
      const n = await api.post<Notice>(`/api/conferences/${c.id}/notices`, body);
      message.success(l(`Đã ban hành Thông báo kết luận số ${n.number}.`, `Notice ${n.number} issued.`));
      await refresh(['notices', 'points']);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={reissue ? l('Ban hành lại thông báo kết luận', 'Reissue the notice') : l('Ban hành thông báo kết luận', 'Issue the conclusion notice')}
      onCancel={onClose}
      onOk={() => void issue()}
      okText={reissue ? l('Ban hành lại', 'Reissue') : l('Ban hành', 'Issue')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving, disabled: reissue && !reason.trim() }}
      width={reissue ? 860 : 560}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          reissue
            ? l('Bản đã ban hành không thay đổi; bản mới có số mới, ghi lý do, và gửi tới các đơn vị được mời.', 'Issued versions stay as they were; the new one has its own number and reason.')
            : l(
                `Thông báo gồm ${points.conclusion.length} điểm kết luận và ${points.directive.length} điểm chỉ đạo (${tasks} nhiệm vụ). Sau khi ban hành, hội nghị chuyển sang "Đã ban hành kết luận" và thông báo không sửa được nữa.`,
                `${points.conclusion.length} conclusion and ${points.directive.length} directive points (${tasks} tasks). Once issued, the notice cannot be edited.`,
              )
        }
      />
      <Form layout="vertical">
        <Form.Item label={l('Số vào sổ (không bắt buộc)', 'Register number (optional)')} htmlFor="conf-notice-number" extra={l('Để trống: số tiếp theo trong năm.', 'Empty: the next number of the year.')}>
          <Input id="conf-notice-number" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={20} style={{ maxWidth: 200 }} />
        </Form.Item>
        {reissue ? (
          <Form.Item label={l('Lý do ban hành lại', 'Reason')} htmlFor="conf-notice-reason" required>
            <Input.TextArea id="conf-notice-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        ) : null}
      </Form>
      {reissue ? (
        <Table<EditablePoint>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          scroll={{ y: 320 }}
          columns={[
            { title: '#', key: 'n', width: 60, render: (_, p) => `${p.source === 'directive' ? l('CĐ ', 'D ') : ''}${p.number}` },
            {
              title: l('Nội dung', 'Text'),
              key: 't',
              render: (_, p) => (
                <Input.TextArea
                  aria-label={l(`Nội dung điểm ${p.number}`, `Text of point ${p.number}`)}
                  value={p.text}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  onChange={(e) => setRows((r) => r.map((x) => (x.id === p.id ? { ...x, text: e.target.value, changed: true } : x)))}
                />
              ),
            },
            { title: l('Loại', 'Kind'), key: 'k', width: 110, render: (_, p) => POINT_KIND_LABELS[p.kind][lang] },
            {
              title: l('Hạn', 'Due'),
              key: 'd',
              width: 160,
              render: (_, p) =>
                p.kind === 'task' ? (
                  <DateField value={p.deadline} onChange={(v) => setRows((r) => r.map((x) => (x.id === p.id ? { ...x, deadline: v, changed: true } : x)))} allowClear={false} />
                ) : null,
            },
          ]}
        />
      ) : null}
    </Modal>
  );
}
