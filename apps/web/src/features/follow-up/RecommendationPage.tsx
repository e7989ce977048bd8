/**
 * One recommendation: its text and assignment (kind, sector, owner, co-operating units, deputy in charge, deadline),
 * state and grid cell, "Nêu lại lần thứ N" with every time it was raised (unit, period, report bullet or conference
 * item), the dated timeline (updates with progress and files), the transitions with their reasons, and the answer to
 * the units that raised it. Every change sends the version read; a 409 shows the server's Vietnamese message and the
 * data as it now is, and keeps what the person typed.
 */
import {
  CheckOutlined, EditOutlined, FileOutlined, MessageOutlined, PaperClipOutlined, SendOutlined, UploadOutlined,
} from '@ant-design/icons';
import {
  RECOMMENDATION_KINDS, RECOMMENDATION_STATE_LABELS, RECOMMENDATION_TRANSITIONS, type RecommendationKind, type RecommendationState, type RecommendationTransition,
} from '@nhip/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Slider, Space, Tag, Timeline, Typography, Upload,
} from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { DateField } from '../../components/DateField';
import { useOrgUnits } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { ApiError } from '../../lib/api';
import { fileSize, viSearch } from '../conferences/shared';
import { PersonSelect } from '../conferences/PersonSelect';
import { fileToBase64, fuApi, fuKeys, type Recommendation, type Source, type TimelineEntry, useRecommendation, useRefreshFollowUp } from './api';
import {
  kindLabel, periodText, SECTION_LABELS, SOURCE_LABELS, StateTag, TimelinessTag, TimesRaised, useDivisions, usePeriodOptions, vnDate, vnDateTime,
} from './shared';

/** The data the server sent with its 409, when it did. */
function conflictOf(e: unknown): Recommendation | null {
  if (!(e instanceof ApiError) || e.status !== 409) return null;
  const d = e.details as { current?: Recommendation } | undefined;
  return d?.current && typeof d.current.id === 'number' ? d.current : null;
}

/** Runs a change; on 409 puts the current data in place and returns the message to show with it. */
function useSave(id: number) {
  const qc = useQueryClient();
  const refresh = useRefreshFollowUp();
  const { message } = App.useApp();
  const lang = useLang();
  return async (call: () => Promise<Recommendation>, done: string): Promise<{ ok: true } | { ok: false; error: string; current: Recommendation | null }> => {
    try {
      const r = await call();
      qc.setQueryData(fuKeys.detail(id), r);
      void refresh();
      message.success(done);
      return { ok: true };
    } catch (e) {
      const current = conflictOf(e);
      if (current) qc.setQueryData(fuKeys.detail(id), current);
      else if (e instanceof ApiError && e.status === 409) void refresh();
      return { ok: false, error: errorMessage(e, lang), current };
    }
  };
}

/** The 409 notice: the server's sentence and what the recommendation now says. */
function ConflictNotice({ error, current }: { error: string | null; current: Recommendation | null }) {
  const l = useL();
  const lang = useLang();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error}
      data-testid="fu-conflict"
      description={
        current ? (
          <div>
            <div>{l('Dữ liệu hiện tại (đã hiện trên trang):', 'Current data (now on the page):')}</div>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              <li>{l('Nội dung', 'Text')}: {current.text.length > 200 ? `${current.text.slice(0, 200)}…` : current.text}</li>
              <li>{l('Trạng thái', 'State')}: {RECOMMENDATION_STATE_LABELS[current.state][lang]}, {l('tiến độ', 'progress')} {current.progress}%</li>
              <li>{l('Phòng chủ trì', 'Owner')}: {current.owner?.name ?? '—'}; {l('hạn', 'deadline')} {vnDate(current.deadline)}</li>
              <li>{l('Cập nhật lúc', 'Updated at')} {vnDateTime(current.updatedAt)}</li>
            </ul>
            <div style={{ marginTop: 4 }}>{l('Nội dung bạn đã nhập vẫn còn; xem lại rồi bấm lưu lần nữa.', 'What you typed is kept; review and save again.')}</div>
          </div>
        ) : undefined
      }
    />
  );
}

export default function RecommendationPage() {
  const l = useL();
  const id = Number(useParams().id);
  const q = useRecommendation(id);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSkeleton />;
  const r = q.data;
  return (
    <>
      <PageHeader
        title={l(`Kiến nghị #${r.id}`, `Recommendation #${r.id}`)}
        crumbs={[{ title: l('Theo dõi kiến nghị', 'Recommendations'), to: '/follow-up' }, { title: `#${r.id}` }]}
        subtitle={
          <Space size={6} wrap>
            <StateTag state={r.state} />
            <TimelinessTag value={r.timeliness} />
            <TimesRaised n={r.timesRaised} long />
            {r.escalated ? <Tag color="red">{l(`Đã báo lãnh đạo Sở phụ trách ${vnDateTime(r.escalatedAt)}`, `Escalated ${vnDateTime(r.escalatedAt)}`)}</Tag> : null}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Overview r={r} />
            <SourcesCard r={r} />
            <TimelineCard r={r} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <TransitionsCard r={r} />
            <AnswerCard r={r} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function Overview({ r }: { r: Recommendation }) {
  const l = useL();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const canEdit = r.abilities.edit || r.abilities.assign;
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'kind', label: l('Loại', 'Kind'), children: kindLabel(r.kind, lang) },
    { key: 'sector', label: l('Lĩnh vực', 'Sector'), children: r.sector?.name ?? '—' },
    { key: 'owner', label: l('Phòng chủ trì', 'Owner division'), children: r.owner?.name ?? <Typography.Text type="secondary">{l('Chưa giao', 'Unassigned')}</Typography.Text> },
    { key: 'coop', label: l('Đơn vị phối hợp', 'Co-operating'), children: r.cooperating.length ? r.cooperating.map((u) => u.name).join(', ') : '—' },
    { key: 'deputy', label: l('Lãnh đạo Sở phụ trách', 'Deputy director in charge'), children: r.deputy?.name ?? '—' },
    { key: 'deadline', label: l('Hạn giải quyết', 'Deadline'), children: vnDate(r.deadline) },
    { key: 'progress', label: l('Tiến độ', 'Progress'), children: <Progress percent={r.progress} size="small" style={{ maxWidth: 200, margin: 0 }} aria-label={l(`Tiến độ ${r.progress}%`, `Progress ${r.progress}%`)} /> },
    { key: 'raised', label: l('Nêu lần đầu', 'First raised'), children: `${vnDate(r.raisedOn)}${r.firstPeriod ? ` · ${periodText(r.firstPeriod, lang)}` : ''}` },
  ];
  if (r.closedOn) items.push({ key: 'closed', label: l('Ngày kết thúc', 'Closed on'), children: vnDate(r.closedOn) });
  if (r.carriedToPeriod) items.push({ key: 'carried', label: l('Chuyển sang kỳ', 'Carried to'), children: periodText(r.carriedToPeriod, lang) });
  if (r.stateReason) items.push({ key: 'reason', label: l('Lý do', 'Reason'), children: <span className="fu-text">{r.stateReason}</span> });
  if (r.closingEvidence) items.push({ key: 'evidence', label: l('Minh chứng hoàn thành', 'Closing evidence'), children: <span className="fu-text">{r.closingEvidence}</span> });
  if (r.mergedInto) items.push({ key: 'into', label: l('Đã gộp vào', 'Merged into'), children: <Link to={`/follow-up/${r.mergedInto.id}`}>#{r.mergedInto.id} {r.mergedInto.text.slice(0, 120)}</Link> });
  if (r.mergedFrom.length)
    items.push({
      key: 'from', label: l('Các kiến nghị đã gộp vào đây', 'Merged here'),
      children: <Space wrap>{r.mergedFrom.map((m) => <Link key={m} to={`/follow-up/${m}`}>#{m}</Link>)}</Space>,
    });
  return (
    <Card
      title={l('Nội dung và phân công', 'Text and assignment')}
      extra={canEdit ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="fu-edit">{l('Sửa', 'Edit')}</Button> : null}
    >
      <Typography.Paragraph className="fu-text" style={{ fontSize: 15 }} data-testid="fu-text">{r.text}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
      {editing ? <EditModal r={r} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

type EditValues = { text: string; kind: RecommendationKind; sector?: string | null; owner?: string; cooperating?: string[]; deadline?: string | null; deputy?: number | null };

function EditModal({ r, onClose }: { r: Recommendation; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const [form] = Form.useForm<EditValues>();
  const sectors = useSectors();
  const { divisions } = useDivisions();
  const units = useOrgUnits();
  const save = useSave(r.id);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ error: string; current: Recommendation | null } | null>(null);
  const content = r.abilities.edit;
  const assign = r.abilities.assign;
  const unitOptions = useMemo(
    () => (units.data ?? []).filter((u) => u.type !== 'department').sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((u) => ({ value: u.code, label: u.name })),
    [units.data],
  );
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    // The version of the data on the page now: after a 409 it is the current one, shown in the notice.
    const res = await save(
      () => fuApi.patch(r.id, {
        version: r.version,
        ...(content ? { text: v.text, kind: v.kind, sector: v.sector ?? null } : {}),
        ...(assign ? { owner: v.owner, cooperating: v.cooperating ?? [], deadline: v.deadline ?? null, deputy: v.deputy ?? null } : {}),
      }),
      l('Đã lưu thay đổi.', 'Saved.'),
    );
    setSaving(false);
    if (res.ok) onClose();
    else setConflict({ error: res.error, current: res.current });
  };
  return (
    <Modal open title={l(`Sửa kiến nghị #${r.id}`, `Edit #${r.id}`)} okText={l('Lưu', 'Save')} cancelText={l('Hủy', 'Cancel')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} width={720}>
      <ConflictNotice error={conflict?.error ?? null} current={conflict?.current ?? null} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          text: r.text, kind: r.kind, sector: r.sector?.code ?? null, owner: r.owner?.code, cooperating: r.cooperating.map((u) => u.code), deadline: r.deadline, deputy: r.deputy?.id ?? null,
        }}
      >
        <Form.Item name="text" label={l('Nội dung', 'Text')} rules={[{ required: true, whitespace: true, message: l('Hãy nhập nội dung.', 'Enter the text.') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} disabled={!content} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={l('Loại', 'Kind')}>
              <Select disabled={!content} options={RECOMMENDATION_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={l('Lĩnh vực', 'Sector')}>
              <Select disabled={!content} allowClear showSearch={viSearch} options={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="owner" label={l('Phòng chủ trì', 'Owner division')}>
              <Select disabled={!assign} showSearch={viSearch} options={divisions.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deadline" label={l('Hạn giải quyết', 'Deadline')}>
              <DateField disabled={!assign} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cooperating" label={l('Đơn vị phối hợp', 'Co-operating units')}>
              <Select disabled={!assign} mode="multiple" allowClear showSearch={viSearch} options={unitOptions} maxTagCount="responsive" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deputy" label={l('Lãnh đạo Sở phụ trách', 'Deputy director in charge')}>
              {assign ? (
                <PersonSelect initial={r.deputy ? { personId: r.deputy.id, fullName: r.deputy.name, position: null } : null} />
              ) : (
                <Input disabled value={r.deputy?.name ?? ''} />
              )}
            </Form.Item>
          </Col>
        </Row>
        {!content || !assign ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {!assign
              ? l('Phân công (phòng chủ trì, hạn, phối hợp, lãnh đạo phụ trách) do Văn phòng Sở hoặc Giám đốc Sở sửa.', 'Assignment is changed by the office or the director.')
              : l('Nội dung, loại, lĩnh vực do Văn phòng Sở hoặc phòng chủ trì sửa.', 'Text, kind and sector are changed by the office or the owner.')}
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}

function sourceWhere(s: Source, l: (vi: string, en: string) => string): ReactNode {
  if (s.report) {
    const where = [s.report.section ? SECTION_LABELS[s.report.section] ?? s.report.section : null, s.report.item !== null ? l(`ý ${s.report.item + 1}`, `item ${s.report.item + 1}`) : null]
      .filter(Boolean)
      .join(', ');
    const label = `${l('Báo cáo', 'Report')}${where ? ` (${where})` : ''}`;
    return s.report.roundId !== null && s.report.unitId !== null ? <Link to={`/rounds/${s.report.roundId}/units/${s.report.unitId}`}>{label}</Link> : label;
  }
  if (s.conference) {
    const what = s.conference.pointId !== null
      ? l(`${s.conference.pointSource === 'directive' ? 'chỉ đạo' : 'kết luận'} điểm ${s.conference.pointNumber ?? ''}`, `point ${s.conference.pointNumber ?? ''}`)
      : l('ý kiến thảo luận', 'discussion item');
    return <Link to={`/conferences/${s.conference.id}`}>{s.conference.title} ({what})</Link>;
  }
  return null;
}

function SourcesCard({ r }: { r: Recommendation }) {
  const l = useL();
  const lang = useLang();
  const sources = [...r.sources].sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.id - b.id);
  return (
    <Card
      title={r.timesRaised >= 2 ? l(`Nêu lại lần thứ ${r.timesRaised}: các lần được nêu`, `Raised ${r.timesRaised} times`) : l('Nguồn kiến nghị', 'Sources')}
      data-testid="fu-sources"
    >
      {sources.length === 0 ? (
        <Typography.Text type="secondary">{l('Kiến nghị được ghi trực tiếp, chưa gắn với báo cáo hay hội nghị nào.', 'Entered directly, not linked to a report or a conference.')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {sources.map((s) => (
            <div key={s.id} style={{ borderBottom: '1px solid #eef1f5', paddingBottom: 10 }}>
              <Space size={6} wrap>
                <Typography.Text strong>{s.unit?.name ?? (s.kind === 'point' ? l('Kết luận, chỉ đạo tại hội nghị', 'Conference conclusion') : l('Không rõ đơn vị', 'Unknown unit'))}</Typography.Text>
                {s.period ? <Tag>{periodText(s.period, lang)}</Tag> : null}
                <Typography.Text type="secondary">{vnDate(s.raisedOn)}</Typography.Text>
                <Typography.Text type="secondary">· {SOURCE_LABELS[s.kind][lang]}</Typography.Text>
              </Space>
              {sourceWhere(s, l) ? <div style={{ fontSize: 13 }}>{sourceWhere(s, l)}</div> : null}
              <Typography.Paragraph className="fu-text" type="secondary" style={{ margin: '4px 0 0' }}>
                “{s.text}”
              </Typography.Paragraph>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

const ENTRY_LABELS: Record<TimelineEntry['kind'], { vi: string; en: string; color: string }> = {
  progress: { vi: 'Cập nhật tiến độ', en: 'Progress', color: 'blue' },
  note: { vi: 'Ghi chú', en: 'Note', color: 'gray' },
  state: { vi: 'Chuyển trạng thái', en: 'State change', color: 'green' },
  answer: { vi: 'Trả lời đơn vị', en: 'Answer', color: 'green' },
  escalation: { vi: 'Báo lãnh đạo Sở', en: 'Escalation', color: 'red' },
  reminder: { vi: 'Nhắc hạn', en: 'Reminder', color: 'orange' },
  link: { vi: 'Nêu lại', en: 'Raised again', color: 'orange' },
};

const stateName = (s: string | null, lang: 'vi' | 'en') => (s && s in RECOMMENDATION_STATE_LABELS ? RECOMMENDATION_STATE_LABELS[s as RecommendationState][lang] : s ?? '');

function TimelineCard({ r }: { r: Recommendation }) {
  const l = useL();
  const lang = useLang();
  const entries = [...r.timeline].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Card title={l('Diễn biến giải quyết', 'Timeline')} data-testid="fu-timeline">
      {r.abilities.update ? <UpdateForm r={r} /> : null}
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có cập nhật nào.', 'No update yet.')} />
      ) : (
        <Timeline
          items={entries.map((u) => ({
            key: u.id,
            color: ENTRY_LABELS[u.kind].color,
            content: (
              <div>
                <Space size={6} wrap>
                  <Typography.Text strong>{ENTRY_LABELS[u.kind][lang]}</Typography.Text>
                  {u.stateFrom || u.stateTo ? <Typography.Text type="secondary">{stateName(u.stateFrom, lang)} → {stateName(u.stateTo, lang)}</Typography.Text> : null}
                  {u.progress !== null ? <Tag color="blue">{u.progress}%</Tag> : null}
                </Space>
                <div className="nhip-muted" style={{ fontSize: 12 }}>
                  {vnDateTime(u.at)}
                  {u.by ? ` · ${u.by}` : ''}
                </div>
                {u.text ? <div className="fu-text" style={{ marginTop: 2 }}>{u.text}</div> : null}
                {u.files.length ? (
                  <ul className="fu-timeline-files">
                    {u.files.map((f) => (
                      <li key={f.id}>
                        <a href={f.url} download={f.filename}>
                          <FileOutlined aria-hidden /> {f.filename}
                        </a>{' '}
                        <span className="nhip-muted">({fileSize(f.size)})</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function UpdateForm({ r }: { r: Recommendation }) {
  const l = useL();
  const save = useSave(r.id);
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<number>(r.progress);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!text.trim() && progress === r.progress && files.length === 0) {
      setError(l('Hãy ghi nội dung cập nhật, đổi tiến độ hoặc đính kèm tệp.', 'Write something, change the progress or attach a file.'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const encoded = await Promise.all(files.map(async (f) => ({ filename: f.name, content: await fileToBase64(f.originFileObj as File) })));
      const res = await save(() => fuApi.addUpdate(r.id, { text, progress: progress === r.progress ? null : progress, files: encoded }), l('Đã thêm cập nhật.', 'Update added.'));
      if (res.ok) {
        setText('');
        setFiles([]);
      } else setError(res.error);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ marginBottom: 16, padding: 12, background: '#f5f7fa', borderRadius: 8 }} data-testid="fu-update-form">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} closable onClose={() => setError(null)} /> : null}
      <Input.TextArea
        aria-label={l('Nội dung cập nhật', 'Update text')}
        placeholder={l('Đã làm gì, kết quả, vướng mắc…', 'What was done, results, obstacles…')}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={10000}
      />
      <Flex gap={12} align="center" wrap="wrap" style={{ marginTop: 8 }}>
        <Typography.Text id="fu-progress-label">{l('Tiến độ', 'Progress')}</Typography.Text>
        <Slider style={{ flex: '1 1 160px', minWidth: 140 }} min={0} max={100} step={5} value={progress} onChange={setProgress} ariaLabelForHandle={l('Tiến độ (%)', 'Progress (%)')} />
        <InputNumber aria-label={l('Tiến độ (%)', 'Progress (%)')} min={0} max={100} value={progress} onChange={(v) => setProgress(typeof v === 'number' ? v : 0)} suffix="%" style={{ width: 90 }} />
      </Flex>
      <Flex gap={8} justify="space-between" align="flex-start" wrap="wrap" style={{ marginTop: 8 }}>
        <Upload
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
        >
          <Button icon={<UploadOutlined />}>{l('Đính kèm tệp (tối đa 5)', 'Attach files (up to 5)')}</Button>
        </Upload>
        <Button type="primary" icon={<PaperClipOutlined />} loading={saving} onClick={() => void submit()} data-testid="fu-update-submit">
          {l('Thêm cập nhật', 'Add update')}
        </Button>
      </Flex>
    </div>
  );
}

const TRANSITION_LABELS: Record<RecommendationTransition, { vi: string; en: string }> = {
  assign: { vi: 'Giao phòng chủ trì', en: 'Assign' },
  start: { vi: 'Bắt đầu giải quyết', en: 'Start' },
  complete: { vi: 'Hoàn thành', en: 'Complete' },
  reject: { vi: 'Không thể giải quyết', en: 'Cannot be done' },
  carry: { vi: 'Chuyển kỳ sau', en: 'Carry over' },
  merge: { vi: 'Gộp vào kiến nghị khác', en: 'Merge into another' },
  reopen: { vi: 'Mở lại', en: 'Reopen' },
};

function TransitionsCard({ r }: { r: Recommendation }) {
  const l = useL();
  const [open, setOpen] = useState<RecommendationTransition | null>(null);
  const names = (Object.keys(RECOMMENDATION_TRANSITIONS) as RecommendationTransition[]).filter(
    (t) => (RECOMMENDATION_TRANSITIONS[t].from as readonly string[]).includes(r.state) && (t === 'merge' ? r.abilities.merge : r.abilities.transition),
  );
  return (
    <Card title={l('Xử lý', 'Actions')} data-testid="fu-transitions">
      {names.length === 0 ? (
        <Typography.Text type="secondary">
          {r.abilities.transition ? l('Không còn bước chuyển nào từ trạng thái này.', 'No transition from this state.') : l('Bạn xem được kiến nghị này; phòng chủ trì và Văn phòng Sở xử lý.', 'You may view it; the owner and the office act on it.')}
        </Typography.Text>
      ) : (
        <Flex gap={8} wrap="wrap">
          {names.map((t) => (
            <Button key={t} type={t === 'complete' || t === 'start' || t === 'assign' ? 'primary' : 'default'} danger={t === 'reject'} onClick={() => setOpen(t)} data-testid={`fu-t-${t}`}>
              {l(TRANSITION_LABELS[t].vi, TRANSITION_LABELS[t].en)}
            </Button>
          ))}
        </Flex>
      )}
      {open ? <TransitionModal r={r} name={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function TransitionModal({ r, name, onClose }: { r: Recommendation; name: RecommendationTransition; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const save = useSave(r.id);
  const periods = usePeriodOptions();
  const [form] = Form.useForm<{ note?: string; closingEvidence?: string; period?: string; into?: number }>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ error: string; current: Recommendation | null } | null>(null);
  const t = RECOMMENDATION_TRANSITIONS[name];
  const noteRequired = t.note === 'required';
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    const res = await save(
      () => fuApi.transition(r.id, name, { version: r.version, note: v.note?.trim() || null, closingEvidence: v.closingEvidence?.trim() || null, period: v.period ?? null, into: v.into ?? null }),
      l(`Đã chuyển sang "${RECOMMENDATION_STATE_LABELS[t.to].vi}".`, `Moved to ${RECOMMENDATION_STATE_LABELS[t.to].en}.`),
    );
    setSaving(false);
    if (res.ok) onClose();
    else setConflict({ error: res.error, current: res.current });
  };
  return (
    <Modal
      open
      title={`${l(TRANSITION_LABELS[name].vi, TRANSITION_LABELS[name].en)} — #${r.id}`}
      okText={l('Xác nhận', 'Confirm')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ConflictNotice error={conflict?.error ?? null} current={conflict?.current ?? null} />
      <Typography.Paragraph>
        {stateName(r.state, lang)} → <strong>{RECOMMENDATION_STATE_LABELS[t.to][lang]}</strong>
      </Typography.Paragraph>
      {name === 'complete' && !r.answer ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={l('Chưa có trả lời cho đơn vị đã nêu: hãy soạn trả lời ở khung "Trả lời đơn vị" trước khi hoàn thành.', 'Write the answer to the raising units before completing.')}
        />
      ) : name === 'complete' && r.answer && !r.answer.publishedAt ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={l('Bản trả lời đang là bản nháp; khi hoàn thành, trả lời sẽ được gửi cho các đơn vị.', 'The draft answer will be sent on completion.')} />
      ) : null}
      <Form form={form} layout="vertical">
        {name === 'carry' ? (
          <Form.Item name="period" label={l('Chuyển sang kỳ', 'Carry to period')} rules={[{ required: true, message: l('Hãy chọn kỳ chuyển sang.', 'Choose the period.') }]}>
            <Select showSearch={viSearch} options={periods} />
          </Form.Item>
        ) : null}
        {name === 'merge' ? (
          <Form.Item
            name="into"
            label={l('Gộp vào kiến nghị số', 'Merge into number')}
            extra={l('Số hiệu của kiến nghị đang mở cùng nội dung (không gộp vào chính nó).', 'The number of an open recommendation on the same matter.')}
            rules={[{ required: true, message: l('Hãy nhập số hiệu kiến nghị.', 'Enter the number.') }]}
          >
            <InputNumber min={1} precision={0} prefix="#" style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        {name === 'complete' ? (
          <Form.Item name="closingEvidence" label={l('Minh chứng hoàn thành', 'Closing evidence')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} placeholder={l('Văn bản, kết quả cụ thể…', 'Document, concrete result…')} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={noteRequired ? l('Lý do', 'Reason') : l('Ghi chú', 'Note')}
          rules={noteRequired ? [{ required: true, whitespace: true, message: l('Hãy ghi lý do.', 'Give the reason.') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Names as a sentence: the first six, then how many more. */
const unitList = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(', ')} và ${names.length - 6} đơn vị khác` : names.join(', '));

function AnswerCard({ r }: { r: Recommendation }) {
  const l = useL();
  const save = useSave(r.id);
  const [text, setText] = useState(r.answer?.text ?? '');
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [conflict, setConflict] = useState<{ error: string; current: Recommendation | null } | null>(null);
  const send = async (publish: boolean) => {
    if (!text.trim()) {
      setConflict({ error: l('Hãy soạn nội dung trả lời.', 'Write the answer.'), current: null });
      return;
    }
    setBusy(publish ? 'publish' : 'draft');
    const res = await save(
      () => fuApi.answer(r.id, { text, publish, version: r.version }),
      publish ? l('Đã gửi trả lời cho các đơn vị đã nêu.', 'Answer sent to the raising units.') : l('Đã lưu bản nháp trả lời.', 'Draft saved.'),
    );
    setBusy(null);
    setConflict(res.ok ? null : { error: res.error, current: res.current });
  };
  return (
    <Card
      title={
        <Space>
          <MessageOutlined aria-hidden />
          {l('Trả lời đơn vị', 'Answer to the units')}
        </Space>
      }
      data-testid="fu-answer"
    >
      {r.answer?.publishedAt ? (
        <Tag color="green" icon={<CheckOutlined />} style={{ marginBottom: 8 }}>
          {l(`Đã gửi ${vnDateTime(r.answer.publishedAt)}`, `Sent ${vnDateTime(r.answer.publishedAt)}`)}
        </Tag>
      ) : r.answer ? (
        <Tag style={{ marginBottom: 8 }}>{l('Bản nháp, đơn vị chưa thấy', 'Draft, not sent')}</Tag>
      ) : null}
      {r.abilities.answer ? (
        <>
          <ConflictNotice error={conflict?.error ?? null} current={conflict?.current ?? null} />
          <Input.TextArea
            aria-label={l('Nội dung trả lời', 'Answer text')}
            autoSize={{ minRows: 4, maxRows: 12 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={10000}
            placeholder={l('Kết quả giải quyết, văn bản trả lời gửi các đơn vị đã nêu kiến nghị…', 'The result, as the raising units will read it…')}
          />
          <Flex gap={8} justify="flex-end" wrap="wrap" style={{ marginTop: 8 }}>
            <Button loading={busy === 'draft'} onClick={() => void send(false)}>
              {l('Lưu nháp', 'Save draft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'publish'} onClick={() => void send(true)} data-testid="fu-answer-publish">
              {r.answer?.publishedAt ? l('Gửi lại trả lời', 'Send again') : l('Gửi cho đơn vị', 'Send to the units')}
            </Button>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {r.raisedBy.length
              ? l(`Gửi tới: ${unitList(r.raisedBy.map((u) => u.name))} (thông báo và trang "Kiến nghị của đơn vị").`, `To: ${r.raisedBy.length} units.`)
              : l('Chưa có đơn vị nào được ghi là đã nêu kiến nghị này.', 'No raising unit recorded.')}
          </Typography.Paragraph>
        </>
      ) : r.answer ? (
        <Typography.Paragraph className="fu-text" style={{ margin: 0 }}>{r.answer.text}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{l('Chưa có trả lời.', 'No answer yet.')}</Typography.Text>
      )}
    </Card>
  );
}
