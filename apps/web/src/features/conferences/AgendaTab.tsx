/**
 * The agenda: ordered items with start times computed from the opening time, so moving an item moves the times after
 * it. The office edits a working copy (up and down buttons, or drag a row; kind, title, presenter, duration) and saves it
 * whole; items keep their ids, so their notes stay with them.
 */
import {
  ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FilePdfOutlined, FileWordOutlined, HolderOutlined, PaperClipOutlined, PlusOutlined,
} from '@ant-design/icons';
import { AGENDA_KIND_LABELS, AGENDA_KINDS, type AgendaKind } from '@nhip/contracts';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { api } from '../../lib/api';
import { ConferenceAwards } from '../awards/ConferenceAwards';
import { type Agenda, type AgendaItem, type AgendaItemInput, type Board, type Conference, docUrl, usePart, useRefreshConference } from './api';
import { PersonSelect } from './PersonSelect';
import { useAction, useDownload, vnTime, viSearch } from './shared';
import { agendaTimes } from './time';

/** One row of the working copy: what the server takes, plus what the screen shows. */
type Row = AgendaItemInput & { key: string; label: string | null; material: AgendaItem['material']; hasNotes: boolean; personName?: string | null };

let seq = 0;
const toRow = (i: AgendaItem): Row => ({
  key: `i${i.id}`, id: i.id, kind: i.kind, title: i.title, durationMinutes: i.durationMinutes,
  presenter: { personId: i.presenter.personId, unitId: i.presenter.unitId, name: i.presenter.name }, label: i.presenter.label, material: i.material,
  hasNotes: i.hasNotes,
});


export default function AgendaTab({ c }: { c: Conference }) {
  const l = useL();
  const lang = useLang();
  const agenda = usePart<Agenda>(c.id, 'agenda', 'agenda');
  const board = usePart<Board>(c.id, 'board', 'invitations', c.abilities.plan);
  const refresh = useRefreshConference(c.id);
  const [run, busy] = useAction();
  const [download, downloading] = useDownload();
  const { modal } = App.useApp();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const canPlan = c.abilities.plan;
  const saved = useMemo(() => agenda.data?.items.map(toRow) ?? [], [agenda.data]);
  const shown = rows ?? saved;
  const dirty = rows !== null;
  const times = agendaTimes(c.startsAt, shown.map((r) => r.durationMinutes));
  const total = shown.reduce((n, r) => n + r.durationMinutes, 0);
  const units = useMemo(() => (board.data?.items ?? []).map((i) => ({ value: i.unit.id, label: i.unit.name })), [board.data]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (next: Row[]) => setRows(next);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= shown.length || from === to) return;
    const next = [...shown];
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r as Row);
    change(next);
    // The moved row's button keeps the keyboard's focus at its new place.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-agenda-key="${r?.key}"] .conf-move-${to > from ? 'down' : 'up'}`)?.focus());
  };
  const save = () =>
    run(
      'save',
      () =>
        api.put<Agenda>(`/api/conferences/${c.id}/agenda`, {
          items: shown.map((r) => ({ id: r.id ?? null, kind: r.kind, title: r.title || null, presenter: r.presenter ?? null, durationMinutes: r.durationMinutes })),
        }),
      l('Đã lưu chương trình.', 'Agenda saved.'),
    ).then(async (r) => {
      if (r) {
        setRows(null);
        await refresh(['agenda', 'live']);
      }
    });

  if (agenda.error) return <ErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />;

  return (
    <Card
      loading={agenda.isLoading}
      title={
        <Flex vertical>
          <span>{l('Chương trình hội nghị', 'Agenda')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {l(`${shown.length} mục, ${vnTime(c.startsAt)} – ${times.length ? vnTime(new Date(times[times.length - 1]!.end).toISOString()) : vnTime(c.startsAt)} (${total} phút)`,
              `${shown.length} items, ${vnTime(c.startsAt)} – ${times.length ? vnTime(new Date(times[times.length - 1]!.end).toISOString()) : ''} (${total} min)`)}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Space wrap>
          <Button icon={<FileWordOutlined />} loading={downloading === docUrl(c.id, 'agenda', 'docx')} onClick={() => void download(docUrl(c.id, 'agenda', 'docx'), 'Chương trình hội nghị.docx')}>
            .docx
          </Button>
          <Button icon={<FilePdfOutlined />} loading={downloading === docUrl(c.id, 'agenda', 'pdf')} onClick={() => void download(docUrl(c.id, 'agenda', 'pdf'), 'Chương trình hội nghị.pdf')}>
            .pdf
          </Button>
        </Space>
      }
    >
      {dirty ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={l('Chương trình có thay đổi chưa lưu.', 'The agenda has unsaved changes.')}
          action={
            <Space>
              <Button size="small" onClick={() => setRows(null)}>
                {l('Bỏ thay đổi', 'Discard')}
              </Button>
              <Button size="small" type="primary" loading={busy === 'save'} onClick={() => void save()}>
                {l('Lưu chương trình', 'Save the agenda')}
              </Button>
            </Space>
          }
        />
      ) : null}
      <ol className="conf-agenda" aria-label={l('Các mục của chương trình', 'Agenda items')}>
        {shown.map((r, i) => (
          <li
            key={r.key}
            data-agenda-key={r.key}
            className={`conf-agenda-row${dragged === i ? ' dragging' : ''}`}
            draggable={canPlan}
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (dragged !== null) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) move(dragged, i);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
          >
            <div className="conf-agenda-time">
              {vnTime(new Date(times[i]!.start).toISOString())}
              <span className="nhip-muted"> – {vnTime(new Date(times[i]!.end).toISOString())}</span>
            </div>
            <div className="conf-agenda-body">
              <div>
                <Tag>{AGENDA_KIND_LABELS[r.kind][lang]}</Tag>
                <strong>{r.title || AGENDA_KIND_LABELS[r.kind].vi}</strong>
              </div>
              {r.label ? <div className="nhip-muted">{r.label}</div> : null}
              {r.material.length ? (
                <Flex gap={10} wrap="wrap" style={{ marginTop: 2 }}>
                  {r.material.map((m) =>
                    m.kind === 'draft_report' && m.available ? (
                      <Link key={m.href} to={`/reports/summary?period=${encodeURIComponent(c.period)}`}>
                        <PaperClipOutlined aria-hidden /> {m.label}
                      </Link>
                    ) : m.kind === 'presentation' && m.available ? (
                      <a key={m.href} href={m.href}>
                        <PaperClipOutlined aria-hidden /> {m.label}
                      </a>
                    ) : m.kind === 'draft_report' ? (
                      // Not a link: this user cannot read the draft report; the server says why.
                      <span key={m.href} className="nhip-muted" data-testid="agenda-material-note">
                        <PaperClipOutlined aria-hidden /> {l(m.note ?? m.label, 'The office hands out the draft report at the conference')}
                      </span>
                    ) : !m.uploaded ? (
                      <span key={m.href} className="nhip-muted">
                        <PaperClipOutlined aria-hidden /> {m.label} {l('(chưa nộp)', '(not uploaded)')}
                      </span>
                    ) : (
                      <span key={m.href} className="nhip-muted" data-testid="agenda-material-note">
                        <PaperClipOutlined aria-hidden /> {m.label} · {l('Văn phòng Sở phát hành tại hội nghị', 'handed out by the office at the conference')}
                      </span>
                    ),
                  )}
                </Flex>
              ) : null}
              {/* The "khen thưởng" item lists the award decisions handed out at this conference, by title or form. */}
              {r.kind === 'awards' && r.id ? <ConferenceAwards conferenceId={c.id} /> : null}
            </div>
            <div className="conf-agenda-duration">
              {canPlan ? (
                <InputNumber
                  size="small"
                  min={1}
                  max={600}
                  value={r.durationMinutes}
                  aria-label={l(`Thời lượng (phút) của mục ${i + 1}`, `Minutes of item ${i + 1}`)}
                  onChange={(v) => change(shown.map((x) => (x.key === r.key ? { ...x, durationMinutes: Number(v ?? 1) } : x)))}
                  suffix={l('phút', 'min')}
                  style={{ width: 100 }}
                />
              ) : (
                <span className="nhip-muted">{l(`${r.durationMinutes} phút`, `${r.durationMinutes} min`)}</span>
              )}
            </div>
            {canPlan ? (
              <Space size={2} className="conf-agenda-actions">
                <HolderOutlined className="conf-drag-handle" aria-hidden />
                <Button size="small" type="text" className="conf-move-up" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={l(`Đưa mục ${i + 1} lên`, `Move item ${i + 1} up`)} onClick={() => move(i, i - 1)} />
                <Button
                  size="small"
                  type="text"
                  className="conf-move-down"
                  icon={<ArrowDownOutlined />}
                  disabled={i === shown.length - 1}
                  aria-label={l(`Đưa mục ${i + 1} xuống`, `Move item ${i + 1} down`)}
                  onClick={() => move(i, i + 1)}
                />
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={l(`Sửa mục ${i + 1}`, `Edit item ${i + 1}`)} onClick={() => setEditing(r)} />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={l(`Xóa mục ${i + 1}`, `Delete item ${i + 1}`)}
                  onClick={() =>
                    r.hasNotes
                      ? modal.confirm({
                          title: l('Mục này đã có ghi chép. Xóa cả ghi chép?', 'This item has notes. Delete them too?'),
                          okText: l('Xóa', 'Delete'),
                          cancelText: l('Hủy', 'Cancel'),
                          okButtonProps: { danger: true },
                          onOk: () => change(shown.filter((x) => x.key !== r.key)),
                        })
                      : change(shown.filter((x) => x.key !== r.key))
                  }
                />
              </Space>
            ) : null}
          </li>
        ))}
      </ol>
      {canPlan ? (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setEditing({ key: `n${++seq}`, id: null, kind: 'other', title: '', durationMinutes: 15, presenter: null, label: null, material: [], hasNotes: false })}
        >
          {l('Thêm mục', 'Add an item')}
        </Button>
      ) : null}
      {editing ? (
        <ItemModal
          row={editing}
          units={units}
          onClose={() => setEditing(null)}
          onSave={(r) => {
            change(shown.some((x) => x.key === r.key) ? shown.map((x) => (x.key === r.key ? r : x)) : [...shown, r]);
            setEditing(null);
          }}
        />
      ) : null}
    </Card>
  );
}

function ItemModal({ row, units, onClose, onSave }: { row: Row; units: { value: number; label: string }[]; onClose: () => void; onSave: (r: Row) => void }) {
  const l = useL();
  const lang = useLang();
  const [form] = Form.useForm<{ kind: AgendaKind; title: string; durationMinutes: number; personId: number | null; unitId: number | null; name: string }>();
  const [personName, setPersonName] = useState<string | null>(row.personName ?? null);
  const done = async () => {
    const v = await form.validateFields();
    const unitName = units.find((u) => u.value === v.unitId)?.label ?? null;
    const label = [personName, unitName, v.name?.trim() || null].filter(Boolean).join(' – ') || null;
    onSave({
      ...row, kind: v.kind, title: v.title?.trim() ?? '', durationMinutes: v.durationMinutes,
      presenter: v.personId || v.unitId || v.name?.trim() ? { personId: v.personId ?? null, unitId: v.unitId ?? null, name: v.name?.trim() || null } : null,
      label: label ?? (row.presenter?.personId === v.personId && row.presenter?.unitId === v.unitId ? row.label : null), personName,
    });
  };
  return (
    <Modal
      open
      title={row.id || row.title ? l('Sửa mục chương trình', 'Edit the item') : l('Thêm mục chương trình', 'Add an item')}
      onCancel={onClose}
      onOk={() => void done()}
      okText={l('Xong', 'Done')}
      cancelText={l('Hủy', 'Cancel')}
    >
      <Typography.Paragraph type="secondary">{l('Thay đổi được lưu khi bấm "Lưu chương trình".', 'Changes are saved with "Save the agenda".')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: row.kind, title: row.title ?? '', durationMinutes: row.durationMinutes, personId: row.presenter?.personId ?? null,
          unitId: row.presenter?.unitId ?? null, name: row.presenter?.name ?? '',
        }}
      >
        <Form.Item name="kind" label={l('Loại mục', 'Kind')} rules={[{ required: true }]}>
          <Select options={AGENDA_KINDS.map((k) => ({ value: k, label: AGENDA_KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={l('Nội dung', 'Title')} extra={l('Để trống: dùng tên loại mục.', 'Empty: the kind’s name.')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={l('Thời lượng (phút)', 'Minutes')} rules={[{ required: true }]}>
          <InputNumber min={1} max={600} />
        </Form.Item>
        <Form.Item name="personId" label={l('Người trình bày (trong danh bạ cán bộ)', 'Presenter (from the directory)')}>
          <PersonSelect
            initial={row.presenter?.personId ? { personId: row.presenter.personId, fullName: row.personName ?? row.label ?? '', position: null } : null}
            onChange={(_, p) => setPersonName(p ? p.fullName : null)}
          />
        </Form.Item>
        <Form.Item name="unitId" label={l('Đơn vị trình bày', 'Presenting unit')}>
          <Select allowClear showSearch={viSearch} options={units} placeholder={l('Đơn vị được mời', 'An invited unit')} />
        </Form.Item>
        <Form.Item name="name" label={l('Hoặc tên khách mời', 'Or a guest’s name')}>
          <Input maxLength={300} placeholder={l('Ví dụ: Phó Chủ tịch UBND tỉnh Nguyễn Văn A', 'e.g. the provincial vice-chairman')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
