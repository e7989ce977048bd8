/**
 * Biên bản: the minutes compiled from the notes of each agenda item, the discussion and the conclusion, edited as
 * revisions. A save carries the revision it was based on; when someone else saved in between, the server answers 409
 * with their version, and this screen shows both side by side, field by field, so nothing is overwritten unseen.
 */
import { FileWordOutlined, HistoryOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Drawer, Empty, Flex, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useL } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { ApiError, api } from '../../lib/api';
import { type Conference, docUrl, type Minutes, type MinutesContent, type MinutesRevision, usePart, useRefreshConference } from './api';
import { dt, useDownload } from './shared';

/** The form's shape: the attendance as lines of one text. */
type FormValues = Omit<MinutesContent, 'attendance'> & { attendance: string };

const toForm = (c: MinutesContent): FormValues => ({ ...c, number: c.number ?? '', attendance: c.attendance.join('\n') });
const fromForm = (v: FormValues): MinutesContent => ({
  ...v,
  number: v.number?.trim() ? v.number.trim() : null,
  attendance: (v.attendance ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
  items: (v.items ?? []).map((i) => ({ agendaItemId: i.agendaItemId ?? null, title: i.title ?? '', text: i.text ?? '' })),
});

type Theirs = { revision: number; content: MinutesContent; editedBy: string | null; editedAt: string | null };

/** The fields of the minutes one by one, as [form path, label, text] — what a conflict compares. */
function fieldsOf(c: FormValues, l: (vi: string, en: string) => string): { path: (string | number)[]; label: string; text: string }[] {
  return [
    { path: ['number'], label: l('Số biên bản', 'Number'), text: c.number ?? '' },
    { path: ['time'], label: l('Thời gian', 'Time'), text: c.time },
    { path: ['place'], label: l('Địa điểm', 'Place'), text: c.place },
    { path: ['chair'], label: l('Chủ trì', 'Chair'), text: c.chair },
    { path: ['secretary'], label: l('Thư ký', 'Secretary'), text: c.secretary },
    { path: ['attendance'], label: l('Thành phần tham dự', 'Attendance'), text: c.attendance },
    ...c.items.flatMap((i, n) => [
      { path: ['items', n, 'title'], label: l(`Mục ${n + 1}: tiêu đề`, `Item ${n + 1}: title`), text: i.title },
      { path: ['items', n, 'text'], label: l(`Mục ${n + 1}: nội dung`, `Item ${n + 1}: text`), text: i.text },
    ]),
    { path: ['closing'], label: l('Kết thúc', 'Closing'), text: c.closing },
  ];
}

export default function MinutesTab({ c }: { c: Conference }) {
  const l = useL();
  const minutes = usePart<Minutes>(c.id, 'minutes', 'minutes');
  const [form] = Form.useForm<FormValues>();
  const refresh = useRefreshConference(c.id);
  const { message, modal } = App.useApp();
  const [download, downloading] = useDownload();
  const [base, setBase] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [theirs, setTheirs] = useState<Theirs | null>(null);
  const [mine, setMine] = useState<FormValues | null>(null);
  const [history, setHistory] = useState(false);
  const canEdit = !!minutes.data?.canEdit;

  // The loaded minutes fill the form once, and again only when nothing typed would be lost.
  useEffect(() => {
    const m = minutes.data;
    if (!m || (dirty && base !== null)) return;
    form.setFieldsValue(toForm(m.content));
    setBase(m.revision);
  }, [minutes.data, form, dirty, base]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const conflictFrom = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.details && typeof e.details === 'object' && 'content' in (e.details as object)) {
      setMine(form.getFieldsValue(true) as FormValues);
      setTheirs(e.details as Theirs);
      return true;
    }
    return false;
  };

  const save = async () => {
    if (base === null) return;
    setSaving(true);
    try {
      const v = await api.put<Minutes>(`/api/conferences/${c.id}/minutes`, { baseRevision: theirs ? theirs.revision : base, content: fromForm(form.getFieldsValue(true) as FormValues) });
      setBase(v.revision);
      setDirty(false);
      setTheirs(null);
      setMine(null);
      message.success(l(`Đã lưu phiên bản ${v.revision}.`, `Saved as revision ${v.revision}.`));
      await refresh(['minutes', 'minutes-revisions']);
    } catch (e) {
      if (!conflictFrom(e)) message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const recompile = () =>
    modal.confirm({
      title: l('Lập lại biên bản từ ghi chép?', 'Compile the minutes again?'),
      content: l(
        'Nội dung được lập lại từ ghi chép từng mục, ý kiến thảo luận và kết luận, lưu thành phiên bản mới. Các phiên bản cũ vẫn xem được.',
        'The content is compiled again from the notes, discussion and conclusion, as a new revision; older ones stay readable.',
      ),
      okText: l('Lập lại', 'Compile'),
      cancelText: l('Hủy', 'Cancel'),
      onOk: async () => {
        try {
          const v = await api.post<Minutes>(`/api/conferences/${c.id}/minutes/recompile`, { baseRevision: base ?? 0 });
          form.setFieldsValue(toForm(v.content));
          setBase(v.revision);
          setDirty(false);
          await refresh(['minutes', 'minutes-revisions']);
          message.success(l(`Đã lập lại, phiên bản ${v.revision}.`, `Compiled as revision ${v.revision}.`));
        } catch (e) {
          if (!conflictFrom(e)) message.error(errorMessage(e));
        }
      },
    });

  if (minutes.error) return <ErrorState error={minutes.error} onRetry={() => void minutes.refetch()} />;
  const m = minutes.data;
  return (
    <Card
      loading={minutes.isLoading}
      title={
        <Flex vertical>
          <span>{l('Biên bản hội nghị', 'Minutes')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }} data-testid="minutes-revision">
            {m?.unsaved
              ? l('Lập tự động từ ghi chép, chưa lưu lần nào', 'Compiled from the notes, never saved')
              : l(`Phiên bản ${base ?? m?.revision}${m?.editedBy ? `, ${m.editedBy}` : ''}${m?.editedAt ? `, ${dt(m.editedAt)}` : ''}`, `Revision ${base ?? m?.revision}`)}
            {dirty ? <Tag color="warning" style={{ marginInlineStart: 8 }}>{l('Có thay đổi chưa lưu', 'Unsaved changes')}</Tag> : null}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Space wrap>
          <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
            {l('Các phiên bản', 'Revisions')}
          </Button>
          <Button icon={<FileWordOutlined />} loading={downloading === docUrl(c.id, 'minutes', 'docx')} onClick={() => void download(docUrl(c.id, 'minutes', 'docx'), 'Biên bản hội nghị.docx')}>
            .docx
          </Button>
          {canEdit ? (
            <>
              <Button icon={<ReloadOutlined />} onClick={recompile} disabled={dirty}>
                {l('Lập lại từ ghi chép', 'Compile again')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty && !m?.unsaved && !theirs} onClick={() => void save()}>
                {theirs ? l('Lưu bản đã hợp nhất', 'Save the merged version') : l('Lưu phiên bản mới', 'Save a revision')}
              </Button>
            </>
          ) : null}
        </Space>
      }
    >
      {!canEdit && m ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={l('Biên bản được sửa khi hội nghị đã tổ chức hoặc đã ban hành kết luận, bởi Văn phòng Sở.', 'The office edits the minutes once the conference is held.')}
        />
      ) : null}
      {theirs && mine ? <ConflictPanel form={form} mine={mine} theirs={theirs} onDone={() => setDirty(true)} /> : null}
      <Form form={form} layout="vertical" disabled={!canEdit} onValuesChange={() => setDirty(true)} className="conf-minutes-form">
        <Flex gap={12} wrap="wrap">
          <Form.Item name="number" label={l('Số biên bản', 'Number')} style={{ flex: '0 1 160px' }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="time" label={l('Thời gian', 'Time')} style={{ flex: '1 1 320px' }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={l('Địa điểm', 'Place')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Flex gap={12} wrap="wrap">
          <Form.Item name="chair" label={l('Chủ trì', 'Chair')} style={{ flex: '1 1 280px' }}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="secretary" label={l('Thư ký', 'Secretary')} style={{ flex: '1 1 280px' }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item name="attendance" label={l('Thành phần tham dự (mỗi dòng một nhóm)', 'Attendance (one group a line)')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Form.List name="items">
          {(fields) =>
            fields.map((f, n) => (
              <Card key={f.key} size="small" className="conf-minutes-item" title={l(`Mục ${n + 1}`, `Item ${n + 1}`)}>
                <Form.Item name={[f.name, 'title']} label={l('Tiêu đề', 'Title')}>
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} label={l('Nội dung (dòng bắt đầu bằng "- " là một ý)', 'Text (a line starting with "- " is a bullet)')}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 24 }} />
                </Form.Item>
              </Card>
            ))
          }
        </Form.List>
        <Form.Item name="closing" label={l('Kết thúc', 'Closing')} style={{ marginTop: 12 }}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <RevisionsDrawer c={c} open={history} onClose={() => setHistory(false)} />
    </Card>
  );
}

/** The other person's version beside mine, for each field that differs; one click takes either into the form. */
function ConflictPanel({ form, mine, theirs, onDone }: { form: ReturnType<typeof Form.useForm<FormValues>>[0]; mine: FormValues; theirs: Theirs; onDone: () => void }) {
  const l = useL();
  const theirsForm = useMemo(() => toForm(theirs.content), [theirs]);
  const diffs = useMemo(() => {
    const a = fieldsOf(mine, l);
    const b = fieldsOf(theirsForm, l);
    return b.filter((f) => (a.find((x) => JSON.stringify(x.path) === JSON.stringify(f.path))?.text ?? '') !== f.text).map((f) => ({
      ...f,
      mine: a.find((x) => JSON.stringify(x.path) === JSON.stringify(f.path))?.text ?? '',
    }));
  }, [mine, theirsForm, l]);
  const [chosen, setChosen] = useState<Record<string, 'mine' | 'theirs'>>({});
  const take = (path: (string | number)[], which: 'mine' | 'theirs', text: string) => {
    form.setFieldValue(path as never, text);
    setChosen((c) => ({ ...c, [JSON.stringify(path)]: which }));
    onDone();
  };
  // Items the other person added or removed: their list length wins only if taken whole.
  const itemsDiffer = mine.items.length !== theirsForm.items.length;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="minutes-conflict"
      title={l(
        `${theirs.editedBy ?? 'Người khác'} đã lưu phiên bản ${theirs.revision}${theirs.editedAt ? ` lúc ${dt(theirs.editedAt)}` : ''} trong lúc bạn sửa. Bản của bạn chưa được lưu.`,
        `${theirs.editedBy ?? 'Someone'} saved revision ${theirs.revision} while you were editing. Yours is not saved yet.`,
      )}
      description={
        <Flex vertical gap={10} style={{ marginTop: 8 }}>
          <Typography.Text>
            {l(
              `Chọn bản giữ lại cho từng phần khác nhau (${diffs.length} phần), sửa thêm nếu cần, rồi bấm "Lưu bản đã hợp nhất".`,
              `Pick a version for each of the ${diffs.length} differing parts, edit if needed, then save the merged version.`,
            )}
          </Typography.Text>
          {itemsDiffer ? (
            <Button size="small" onClick={() => { form.setFieldValue('items', theirsForm.items); onDone(); }}>
              {l('Lấy toàn bộ các mục theo bản mới nhất', 'Take all items from their version')}
            </Button>
          ) : null}
          {diffs.map((d) => {
            const key = JSON.stringify(d.path);
            return (
              <div key={key} className="conf-merge-row">
                <Typography.Text strong>{d.label}</Typography.Text>
                <div className="conf-merge-cols">
                  <div className={`conf-merge-side${chosen[key] === 'mine' ? ' chosen' : ''}`}>
                    <div className="conf-merge-head">{l('Bản của bạn', 'Yours')}</div>
                    <div className="conf-pre">{d.mine || '—'}</div>
                    <Button size="small" onClick={() => take(d.path, 'mine', d.mine)}>
                      {l('Giữ bản của tôi', 'Keep mine')}
                    </Button>
                  </div>
                  <div className={`conf-merge-side${chosen[key] === 'theirs' ? ' chosen' : ''}`}>
                    <div className="conf-merge-head">{l(`Bản ${theirs.revision}${theirs.editedBy ? ` của ${theirs.editedBy}` : ''}`, `Revision ${theirs.revision}`)}</div>
                    <div className="conf-pre">{d.text || '—'}</div>
                    <Button size="small" onClick={() => take(d.path, 'theirs', d.text)}>
                      {l('Dùng bản này', 'Use theirs')}
                    </Button>
                  </div>
                </div>
              </div>
            );
          })}
        </Flex>
      }
    />
  );
}

function RevisionsDrawer({ c, open, onClose }: { c: Conference; open: boolean; onClose: () => void }) {
  const l = useL();
  const list = usePart<{ items: MinutesRevision[] }>(c.id, 'minutes-revisions', 'minutes/revisions', open);
  const [shown, setShown] = useState<{ revision: number; content: MinutesContent } | null>(null);
  const view = async (r: number) => setShown(await api.get<{ revision: number; content: MinutesContent }>(`/api/conferences/${c.id}/minutes/revisions/${r}`));
  return (
    <Drawer open={open} onClose={onClose} title={l('Các phiên bản biên bản', 'Revisions of the minutes')} size={420}>
      {list.data?.items.length === 0 ? (
        <Empty description={l('Chưa lưu phiên bản nào.', 'Nothing saved yet.')} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          renderItem={(r) => (
            <List.Item actions={[<Button key="v" size="small" onClick={() => void view(r.revision)}>{l('Xem', 'View')}</Button>]}>
              <List.Item.Meta
                title={
                  <span>
                    {l(`Phiên bản ${r.revision}`, `Revision ${r.revision}`)} {r.compiled ? <Tag>{l('lập tự động', 'compiled')}</Tag> : null}
                  </span>
                }
                description={`${dt(r.editedAt)}${r.editedBy ? ` · ${r.editedBy}` : ''}`}
              />
            </List.Item>
          )}
        />
      )}
      <Modal open={!!shown} onCancel={() => setShown(null)} footer={null} title={shown ? l(`Phiên bản ${shown.revision}`, `Revision ${shown.revision}`) : ''} width={760}>
        {shown ? (
          <div className="conf-pre">
            {[shown.content.time, shown.content.place, shown.content.chair, shown.content.secretary, ...shown.content.attendance, '', ...shown.content.items.flatMap((i) => [i.title, i.text, '']), shown.content.closing].join('\n')}
          </div>
        ) : null}
      </Modal>
    </Drawer>
  );
}
