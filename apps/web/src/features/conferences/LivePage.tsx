/**
 * The secretary's live view (laptop 1366×768, tablet): the agenda with the running item and its timer, notes per item
 * that save themselves over their revision (a stale save shows both versions instead of overwriting), and quick entry
 * of discussion items with keyboard shortcuts. The notes box keeps its own state, so typing re-renders nothing else.
 */
import { CaretRightOutlined, CheckOutlined, LeftOutlined, PauseOutlined, PoweroffOutlined, RightOutlined } from '@ant-design/icons';
import { AGENDA_KIND_LABELS, DISCUSSION_KIND_LABELS, DISCUSSION_KINDS, type DiscussionKind } from '@nhip/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Input, List, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { ApiError, api } from '../../lib/api';
import { type Board, type DiscussionItem, type Live, type LiveItem, useConference, usePart } from './api';
import { DiscussionKindTag, type DiscussionList } from './DiscussionTab';
import { ConferenceStatusTag, vnTime, viSearch } from './shared';
import './conferences.css';

const liveKey = (id: number) => ['conferences', id, 'live'] as const;

/** mm:ss, or h:mm:ss past an hour. */
function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export default function LivePage() {
  const l = useL();
  const lang = useLang();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const conference = useConference(id);
  const live = useQuery({ queryKey: liveKey(id), queryFn: () => api.get<Live>(`/api/conferences/${id}/live`), refetchInterval: 30_000 });
  const [viewed, setViewed] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The server's clock, so the timer runs true even when the laptop's clock is off.
  const offset = useMemo(() => (live.data ? new Date(live.data.now).getTime() - Date.now() : 0), [live.data]);

  const items = live.data?.items ?? [];
  // The server says which item runs (if any) and which one "next" starts.
  const current = items.find((i) => i.id === live.data?.runningItemId) ?? null;
  const upNext = items.find((i) => i.id === live.data?.nextItemId) ?? null;
  const shownId = viewed ?? current?.id ?? upNext?.id ?? items[0]?.id ?? null;
  const shown = items.find((i) => i.id === shownId) ?? null;
  const index = shown ? items.indexOf(shown) : -1;
  const canRecord = !!live.data?.canRecord;

  const act = useCallback(
    async (path: string, key: string) => {
      setBusy(key);
      try {
        const s = await api.post<Live>(`/api/conferences/${id}/live/${path}`);
        qc.setQueryData(liveKey(id), s);
        void qc.invalidateQueries({ queryKey: ['conferences', id], exact: true });
        return s;
      } catch (e) {
        message.error(errorMessage(e));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [id, qc, message],
  );
  const startNext = useCallback(async () => {
    if (!upNext) return;
    const s = await act(`items/${upNext.id}/start`, 'start');
    if (s) setViewed(null);
  }, [act, upNext]);

  // Alt+→ starts the next item; Alt+← / Alt+↓ move the view; the notes and the quick entry have their own keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' && canRecord) {
        e.preventDefault();
        void startNext();
      } else if (e.key === 'ArrowUp' && index > 0) {
        e.preventDefault();
        setViewed(items[index - 1]!.id);
      } else if (e.key === 'ArrowDown' && index >= 0 && index < items.length - 1) {
        e.preventDefault();
        setViewed(items[index + 1]!.id);
      } else if (e.key.toLowerCase() === 'g') {
        e.preventDefault();
        document.getElementById('live-notes')?.focus();
      } else if (e.key.toLowerCase() === 'y') {
        e.preventDefault();
        document.getElementById('live-quick-text')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRecord, startNext, index, items]);

  if (live.error) return <ErrorState error={live.error} onRetry={() => void live.refetch()} />;
  if (!live.data || !conference.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = conference.data;
  const L = live.data;

  return (
    <Flex vertical gap={12} className="conf-live">
      <Flex justify="space-between" align="flex-start" gap={12} wrap="wrap">
        <div style={{ minWidth: 0, flex: '1 1 480px' }}>
          <Link to={`/conferences/${id}`} className="nhip-muted">
            ← {l('Hội nghị', 'Conference')}
          </Link>
          <h1 className="conf-live-title">{l('Màn hình thư ký', 'Secretary’s view')}</h1>
          <Flex gap={8} wrap="wrap" align="center">
            <ConferenceStatusTag status={L.status} testId="conference-status" />
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 720 }}>
              {c.title}
            </Typography.Text>
          </Flex>
        </div>
        {canRecord ? (
          <Space wrap>
            <Button type="primary" icon={<CaretRightOutlined />} loading={busy === 'start'} disabled={!upNext} onClick={() => void startNext()}>
              {current ? l('Chuyển mục tiếp theo', 'Next item') : L.startedAt ? l('Bắt đầu mục tiếp theo', 'Start the next item') : l('Khai mạc', 'Open')}
              <span className="conf-kbd">Alt →</span>
            </Button>
            {L.status === 'held' && !L.endedAt ? (
              <Button
                icon={<PoweroffOutlined />}
                loading={busy === 'end'}
                onClick={() =>
                  modal.confirm({
                    title: l('Bế mạc hội nghị?', 'Close the session?'),
                    content: l('Giờ kết thúc được ghi để đưa vào biên bản.', 'The closing time is recorded for the minutes.'),
                    okText: l('Bế mạc', 'Close'),
                    cancelText: l('Hủy', 'Cancel'),
                    onOk: () => act('end', 'end'),
                  })
                }
              >
                {l('Bế mạc', 'End')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Flex>
      {!canRecord ? (
        <Alert type="info" showIcon title={l('Chỉ xem: màn hình thư ký do Văn phòng Sở ghi khi hội nghị đã gửi giấy mời hoặc đang diễn ra.', 'Read only: the office records while the conference runs.')} />
      ) : null}
      <div className="conf-live-grid">
        <AgendaColumn items={items} currentId={current?.id ?? null} shownId={shownId} onPick={setViewed} />
        <div className="conf-live-main">
          {shown ? (
            <Card size="small" className="conf-live-current">
              <Flex justify="space-between" align="flex-start" gap={12} wrap="wrap">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text type="secondary">
                    {l(`Mục ${index + 1}/${items.length}`, `Item ${index + 1}/${items.length}`)} · {AGENDA_KIND_LABELS[shown.kind][lang]} · {vnTime(shown.plannedStart)}–{vnTime(shown.plannedEnd)}
                  </Typography.Text>
                  <h2 className="conf-live-item-title">{shown.title}</h2>
                  {shown.presenter ? <Typography.Text>{shown.presenter.name}</Typography.Text> : null}
                </div>
                <Timer item={shown} offset={offset} />
              </Flex>
              <Flex gap={8} wrap="wrap" style={{ marginTop: 8 }}>
                <Button icon={<LeftOutlined />} disabled={index <= 0} onClick={() => setViewed(items[index - 1]!.id)} aria-label={l('Mục trước (Alt ↑)', 'Previous item (Alt ↑)')}>
                  {l('Mục trước', 'Previous')}
                </Button>
                <Button icon={<RightOutlined />} disabled={index >= items.length - 1} onClick={() => setViewed(items[index + 1]!.id)} aria-label={l('Mục sau (Alt ↓)', 'Next item (Alt ↓)')}>
                  {l('Mục sau', 'Next')}
                </Button>
                {canRecord && !shown.running ? (
                  <Button icon={<CaretRightOutlined />} loading={busy === 'start1'} onClick={() => void act(`items/${shown.id}/start`, 'start1').then(() => setViewed(null))}>
                    {shown.endedAt ? l('Bắt đầu lại mục này', 'Restart this item') : l('Bắt đầu mục này', 'Start this item')}
                  </Button>
                ) : null}
                {canRecord && shown.running ? (
                  <Button icon={<PauseOutlined />} loading={busy === 'stop'} onClick={() => void act(`items/${shown.id}/stop`, 'stop')}>
                    {l('Kết thúc mục này', 'End this item')}
                  </Button>
                ) : null}
              </Flex>
              <NotesEditor key={shown.id} conferenceId={id} item={shown} canEdit={canRecord} />
            </Card>
          ) : (
            <Card>
              <Empty description={l('Chương trình chưa có mục nào.', 'The agenda is empty.')} />
            </Card>
          )}
        </div>
        <QuickEntry conferenceId={id} agendaItemId={current?.id ?? shown?.id ?? null} canEdit={canRecord} />
      </div>
    </Flex>
  );
}

const AgendaColumn = memo(function AgendaColumn({ items, currentId, shownId, onPick }: { items: LiveItem[]; currentId: number | null; shownId: number | null; onPick: (id: number) => void }) {
  const l = useL();
  return (
    <Card size="small" title={l('Chương trình', 'Agenda')} className="conf-live-agenda">
      <ol className="conf-live-list">
        {items.map((i) => (
          <li key={i.id}>
            <button
              type="button"
              className={`conf-live-agenda-item${i.id === shownId ? ' shown' : ''}${i.id === currentId ? ' running' : ''}${i.endedAt ? ' done' : ''}`}
              onClick={() => onPick(i.id)}
              aria-current={i.id === shownId ? 'true' : undefined}
            >
              <span className="time">{vnTime(i.plannedStart)}</span>
              <span className="title">
                {i.title}
                {i.id === currentId ? <Tag color="processing" style={{ marginInlineStart: 6 }}>{l('đang diễn ra', 'running')}</Tag> : null}
                {i.endedAt ? <CheckOutlined aria-label={l('đã xong', 'done')} style={{ marginInlineStart: 6 }} /> : null}
                {i.notes.trim() ? <span className="nhip-muted"> · {l('có ghi chép', 'notes')}</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </Card>
  );
});

function Timer({ item, offset }: { item: LiveItem; offset: number }) {
  const l = useL();
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    if (!item.running) return;
    const t = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(t);
  }, [item.running, offset]);
  const planned = item.durationMinutes * 60_000;
  const elapsed = item.startedAt ? (item.endedAt ? new Date(item.endedAt).getTime() : now) - new Date(item.startedAt).getTime() : 0;
  const over = elapsed > planned;
  return (
    <div className={`conf-timer${over ? ' over' : ''}${item.running ? ' running' : ''}`} role="timer" aria-label={l('Thời gian của mục', 'Time of the item')}>
      <div className="conf-timer-value">{item.startedAt ? clock(elapsed) : '0:00'}</div>
      <div className="conf-timer-sub">
        {l(`dự kiến ${item.durationMinutes} phút`, `${item.durationMinutes} min planned`)}
        {over ? ` · ${l('quá', 'over')} ${clock(elapsed - planned)}` : ''}
      </div>
    </div>
  );
}

type SaveState = { kind: 'saved' | 'saving' | 'dirty' | 'error'; at?: string; error?: string };
type Stale = { revision: number; notes: string; updatedBy: string | null; updatedAt: string | null };

/**
 * The notes of one item. Saves a second after typing stops, over the revision it was loaded with; a 409 keeps what was
 * typed and shows the saved version beside it: keep mine (over the new revision), take theirs, or put both together.
 */
function NotesEditor({ conferenceId, item, canEdit }: { conferenceId: number; item: LiveItem; canEdit: boolean }) {
  const l = useL();
  const qc = useQueryClient();
  const [text, setText] = useState(item.notes);
  const revision = useRef(item.notesRevision);
  const latestText = useRef(item.notes);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: item.notesUpdatedAt ?? undefined });
  const [stale, setStale] = useState<Stale | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef(false);
  const ref = useRef<TextAreaRef>(null);

  // Another person's save arrives with the live state: taken in only when nothing here is unsaved.
  useEffect(() => {
    if (item.notesRevision > revision.current && state.kind === 'saved' && !stale) {
      revision.current = item.notesRevision;
      latestText.current = item.notes;
      setText(item.notes);
    }
  }, [item.notesRevision, item.notes, state.kind, stale]);

  const save = useCallback(
    async (base?: number) => {
      if (inflight.current) return;
      inflight.current = true;
      const sending = latestText.current;
      setState({ kind: 'saving' });
      try {
        const saved = await api.put<LiveItem>(`/api/conferences/${conferenceId}/live/items/${item.id}/notes`, { notes: sending, baseRevision: base ?? revision.current });
        revision.current = saved.notesRevision;
        setStale(null);
        qc.setQueryData<Live>(liveKey(conferenceId), (s) => (s ? { ...s, items: s.items.map((i) => (i.id === saved.id ? saved : i)) } : s));
        setState(latestText.current === sending ? { kind: 'saved', at: saved.notesUpdatedAt ?? undefined } : { kind: 'dirty' });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.details && typeof e.details === 'object') {
          setStale(e.details as Stale);
          setState({ kind: 'error', error: l('Người khác vừa lưu ghi chép của mục này.', 'Someone else just saved these notes.') });
        } else setState({ kind: 'error', error: errorMessage(e) });
      } finally {
        inflight.current = false;
      }
    },
    [conferenceId, item.id, qc, l],
  );

  useEffect(() => {
    if (state.kind !== 'dirty' || stale) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 1000);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [state, text, save, stale]);

  // Leaving the item or the page with something unsaved: save it now.
  useEffect(
    () => () => {
      if (latestText.current !== item.notes && !inflight.current) void save();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const status =
    state.kind === 'saving'
      ? l('Đang lưu…', 'Saving…')
      : state.kind === 'dirty'
        ? l('Chưa lưu', 'Unsaved')
        : state.kind === 'error'
          ? state.error
          : state.at
            ? l(`Đã lưu ${vnTime(state.at)}`, `Saved ${vnTime(state.at)}`)
            : l('Đã lưu', 'Saved');

  return (
    <Flex vertical gap={6} style={{ marginTop: 12 }}>
      <Flex justify="space-between" align="center" gap={8}>
        <label htmlFor="live-notes">
          <Typography.Text strong>{l('Ghi chép của mục', 'Notes')}</Typography.Text> <span className="conf-kbd">Alt G</span>
        </label>
        <Typography.Text type={state.kind === 'error' ? 'danger' : 'secondary'} data-testid="notes-status" aria-live="polite">
          {status}
        </Typography.Text>
      </Flex>
      {stale ? (
        <Alert
          type="warning"
          showIcon
          data-testid="notes-conflict"
          title={l(
            `${stale.updatedBy ?? 'Người khác'} đã lưu ghi chép của mục này${stale.updatedAt ? ` lúc ${vnTime(stale.updatedAt)}` : ''}. Ghi chép của bạn chưa lưu.`,
            `${stale.updatedBy ?? 'Someone'} saved these notes${stale.updatedAt ? ` at ${vnTime(stale.updatedAt)}` : ''}. Yours are not saved.`,
          )}
          description={
            <Flex vertical gap={8}>
              <div className="conf-merge-cols">
                <div className="conf-merge-side">
                  <div className="conf-merge-head">{l('Bản đã lưu', 'Saved version')}</div>
                  <div className="conf-pre">{stale.notes || '—'}</div>
                </div>
                <div className="conf-merge-side">
                  <div className="conf-merge-head">{l('Bản của bạn', 'Yours')}</div>
                  <div className="conf-pre">{text || '—'}</div>
                </div>
              </div>
              <Space wrap>
                <Button size="small" type="primary" onClick={() => void save(stale.revision)}>
                  {l('Giữ bản của tôi', 'Keep mine')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    // Their text, then the lines of mine they do not have.
                    const theirs = new Set(stale.notes.split('\n').map((x) => x.trim()));
                    const mine = text.split('\n').filter((x) => x.trim() && !theirs.has(x.trim()));
                    const both = [stale.notes.trimEnd(), ...mine].filter(Boolean).join('\n');
                    latestText.current = both;
                    setText(both);
                    void save(stale.revision);
                  }}
                >
                  {l('Ghép cả hai', 'Put both together')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    revision.current = stale.revision;
                    latestText.current = stale.notes;
                    setText(stale.notes);
                    setStale(null);
                    setState({ kind: 'saved', at: stale.updatedAt ?? undefined });
                  }}
                >
                  {l('Dùng bản đã lưu', 'Take the saved one')}
                </Button>
              </Space>
            </Flex>
          }
        />
      ) : null}
      <Input.TextArea
        id="live-notes"
        ref={ref}
        value={text}
        readOnly={!canEdit}
        onChange={(e) => {
          latestText.current = e.target.value;
          setText(e.target.value);
          if (!stale) setState((s) => (s.kind === 'dirty' ? s : { kind: 'dirty' }));
        }}
        onBlur={() => {
          if (state.kind === 'dirty' && !stale) void save();
        }}
        autoSize={{ minRows: 8, maxRows: 18 }}
        placeholder={canEdit ? l('Ý chính của người trình bày, số liệu nêu ra, ý kiến chỉ đạo…', 'Main points, figures, guidance…') : ''}
        className="conf-live-notes"
      />
    </Flex>
  );
}

/** Quick entry of what is said: kind (Alt+1/2/3), the point, who spoke (unit, name), the sector; Ctrl+Enter saves. */
function QuickEntry({ conferenceId, agendaItemId, canEdit }: { conferenceId: number; agendaItemId: number | null; canEdit: boolean }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const board = usePart<Board>(conferenceId, 'board', 'invitations');
  const discussion = usePart<DiscussionList>(conferenceId, 'discussion', 'discussion');
  const sectors = useSectors();
  const [kind, setKind] = useState<DiscussionKind>('difficulty');
  const [text, setText] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [speaker, setSpeaker] = useState('');
  const [sectorId, setSectorId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const units = useMemo(() => (board.data?.items ?? []).map((i) => ({ value: i.unit.id, label: i.unit.name })), [board.data]);
  const floor = useMemo(() => (discussion.data?.items ?? []).filter((i) => i.source === 'floor' || i.raised).slice(-8).reverse(), [discussion.data]);

  const submit = async () => {
    if (!text.trim() || saving) return;
    setSaving(true);
    try {
      await api.post<DiscussionItem>(`/api/conferences/${conferenceId}/discussion`, {
        kind, text, unitIds: unitId ? [unitId] : [], speakerName: speaker.trim() || null, sectorId, agendaItemId, raised: true,
      });
      setText('');
      setSpeaker('');
      setUnitId(null);
      message.success(l('Đã ghi ý kiến.', 'Point recorded.'));
      await qc.invalidateQueries({ queryKey: ['conferences', conferenceId, 'discussion'] });
      document.getElementById('live-quick-text')?.focus();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey && ['1', '2', '3'].includes(e.key)) {
      e.preventDefault();
      setKind(DISCUSSION_KINDS[Number(e.key) - 1] as DiscussionKind);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Card size="small" title={l('Ghi nhanh ý kiến thảo luận', 'Quick entry')} className="conf-live-quick">
      {canEdit ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: the shortcuts act on the fields inside
        <div onKeyDown={onKeyDown} className="conf-quick-form">
          <Segmented<DiscussionKind>
            block
            aria-label={l('Loại ý kiến (Alt 1, 2, 3)', 'Kind (Alt 1, 2, 3)')}
            value={kind}
            onChange={setKind}
            options={DISCUSSION_KINDS.map((k, i) => ({ value: k, label: `${DISCUSSION_KIND_LABELS[k][lang].split(',')[0]} ${i + 1}` }))}
          />
          <Select
            allowClear
            showSearch={viSearch}
            aria-label={l('Đơn vị phát biểu', 'Speaking unit')}
            placeholder={l('Đơn vị phát biểu', 'Speaking unit')}
            value={unitId}
            onChange={(v) => setUnitId(v ?? null)}
            options={units}
          />
          <Input aria-label={l('Người phát biểu', 'Speaker')} placeholder={l('Người phát biểu (họ tên, chức vụ)', 'Speaker')} value={speaker} onChange={(e) => setSpeaker(e.target.value)} maxLength={300} />
          <Select
            allowClear
            aria-label={l('Lĩnh vực', 'Sector')}
            placeholder={l('Lĩnh vực', 'Sector')}
            value={sectorId}
            onChange={(v) => setSectorId(v ?? null)}
            options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))}
          />
          <Input.TextArea
            id="live-quick-text"
            aria-label={l('Nội dung ý kiến', 'The point')}
            placeholder={l('Nội dung ý kiến (Ctrl+Enter để lưu)', 'The point (Ctrl+Enter saves)')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={5000}
          />
          <Button type="primary" block loading={saving} disabled={!text.trim()} onClick={() => void submit()}>
            {l('Ghi ý kiến', 'Record')} <span className="conf-kbd">Ctrl ↵</span>
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l('Phím tắt: Alt 1/2/3 loại ý kiến · Alt Y ô nội dung · Alt G ghi chép · Alt → mục tiếp theo · Alt ↑/↓ xem mục', 'Keys: Alt 1/2/3 kind · Alt Y point · Alt G notes · Alt → next item · Alt ↑/↓ view')}
          </Typography.Text>
        </div>
      ) : null}
      <List
        size="small"
        header={<Typography.Text strong>{l('Ý kiến đã ghi gần đây', 'Recently recorded')}</Typography.Text>}
        dataSource={floor}
        locale={{ emptyText: <Typography.Text type="secondary">{l('Chưa có ý kiến nào được ghi.', 'Nothing recorded yet.')}</Typography.Text> }}
        renderItem={(i) => (
          <List.Item data-testid="live-discussion-item">
            <Flex vertical gap={2}>
              <span>
                <DiscussionKindTag kind={i.kind} />
                {i.units.length ? <Typography.Text type="secondary">{i.units.map((u) => u.name).join(', ')}</Typography.Text> : null}
              </span>
              <span className="conf-pre">{i.text}</span>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
