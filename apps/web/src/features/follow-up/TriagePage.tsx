/**
 * Hàng chờ kiến nghị: the difficulties and proposals of approved reports and the points of conferences, each with the
 * earlier recommendations most like it (score, and the system's "nêu lại" proposal). A reviewer links one to a point
 * raised again, creates a new recommendation, or marks it "không xử lý" with a reason; one at a time from the keyboard
 * (j/k move, l link to the first suggestion, n new, d dismiss, x select), or many at once. A division sees its own
 * queue; the office every queue. Two people deciding the same item: the second is told who decided it first.
 */
import { CheckOutlined, CloseOutlined, LinkOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { OPEN_RECOMMENDATION_STATES, RECOMMENDATION_STATE_LABELS, type RecommendationState } from '@nhip/contracts';
import { Alert, App, Button, Card, Flex, Grid, Input, Modal, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { RequireAbility } from '../../components/RequireAbility';
import { EmptyHint, showTotal } from '../../components/table';
import { viSearch } from '../conferences/shared';
import { type BulkResult, type Candidate, type CandidateFilter, type CandidateStatus, fuApi, useCandidates, useRefreshFollowUp } from './api';
import { kindLabel, periodText, SECTION_LABELS, useDivisions, usePeriodOptions, vnDate } from './shared';

const STATUSES: CandidateStatus[] = ['pending', 'linked', 'created', 'no_action'];
const STATUS_LABELS: Record<CandidateStatus, { vi: string; en: string }> = {
  pending: { vi: 'Chờ xử lý', en: 'Pending' },
  linked: { vi: 'Đã nối (nêu lại)', en: 'Linked' },
  created: { vi: 'Đã tạo kiến nghị', en: 'Created' },
  no_action: { vi: 'Không xử lý', en: 'No action' },
};
const SOURCE_KIND: Record<Candidate['sourceKind'], { vi: string; en: string }> = {
  report: { vi: 'Báo cáo đã duyệt', en: 'Approved report' },
  discussion: { vi: 'Ý kiến thảo luận', en: 'Discussion' },
  point: { vi: 'Nhiệm vụ theo kết luận', en: 'Conclusion task' },
};
const PAGE_SIZE = 50;

/** A point raised again is linked to an open recommendation only; a finished one is shown for what it says, not offered. */
const linkable = (s: { state: string }) => (OPEN_RECOMMENDATION_STATES as readonly string[]).includes(s.state);
const firstLinkable = (c: Candidate) => c.suggestions.find(linkable);

export default function TriagePage() {
  return (
    <RequireAbility ability="recommendations.triage">
      <TriageView />
    </RequireAbility>
  );
}

function where(c: Candidate, l: (vi: string, en: string) => string) {
  if (c.report) {
    const parts = [c.report.section ? SECTION_LABELS[c.report.section] ?? c.report.section : null, c.report.item !== null ? l(`ý ${c.report.item + 1}`, `item ${c.report.item + 1}`) : null].filter(Boolean);
    return parts.join(', ');
  }
  if (c.conference) {
    return `${c.conference.title}${c.conference.pointNumber !== null ? l(`, điểm ${c.conference.pointNumber}`, `, point ${c.conference.pointNumber}`) : ''}`;
  }
  return '';
}

function TriageView() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const office = me.role === 'admin' || me.role === 'office';
  const [params, setParams] = useSearchParams();
  const filter: CandidateFilter = {
    division: params.get('division') ?? undefined,
    status: (params.get('status') as CandidateStatus | null) ?? 'pending',
    source: params.get('source') ?? undefined,
    period: params.get('period') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? '1') || 1,
    pageSize: PAGE_SIZE,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('page' in patch)) p.delete('page');
    setParams(p, { replace: true });
  };
  const q = useCandidates(filter);
  const refresh = useRefreshFollowUp();
  const { divisions } = useDivisions();
  const periods = usePeriodOptions();
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const pending = filter.status === 'pending';
  const mobile = Grid.useBreakpoint().md === false;
  const statusOptions = STATUSES.map((s) => ({ value: s, label: `${STATUS_LABELS[s][lang]} (${(q.data?.counts[s] ?? 0).toLocaleString('vi-VN')})` }));

  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<number[] | null>(null);
  const [bulkResult, setBulkResult] = useState<BulkResult | null>(null);
  const rowRefs = useRef(new Map<number, HTMLElement>());

  useEffect(() => {
    setFocus((f) => Math.min(f, Math.max(items.length - 1, 0)));
    setSelected((s) => {
      const kept = s.filter((id) => items.some((c) => c.id === id && c.status === 'pending'));
      return kept.length === s.length ? s : kept;
    });
  }, [items]);

  const act = useCallback(
    async (key: string, call: () => Promise<unknown>, done: string) => {
      setBusy(key);
      try {
        await call();
        message.success(done);
      } catch (e) {
        message.error(errorMessage(e, lang));
      } finally {
        setBusy(null);
        void refresh();
      }
    },
    [message, lang, refresh],
  );

  const link = useCallback(
    (c: Candidate, recId: number) => act(`${c.id}:link`, () => fuApi.link(c.id, recId, c.version), l(`Đã nối vào kiến nghị #${recId}.`, `Linked to #${recId}.`)),
    [act, l],
  );
  const create = useCallback((c: Candidate) => act(`${c.id}:create`, () => fuApi.createFrom(c.id, c.version), l('Đã tạo kiến nghị mới.', 'Recommendation created.')), [act, l]);

  const runBulk = async (action: 'link_top' | 'create' | 'dismiss', ids: number[], reason?: string) => {
    setBusy(`bulk:${action}`);
    try {
      const r = await fuApi.bulk(action, ids, reason);
      setBulkResult(r);
      setSelected([]);
      if (r.failed === 0) message.success(l(`Đã xử lý ${r.done} mục.`, `${r.done} done.`));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(null);
      void refresh();
    }
  };

  // Keyboard: j/k move, l link to the first suggestion, n new, d dismiss, x select. Not while typing or in a dialog.
  const state = useRef({ items, focus, pending, dismissing, busy });
  state.current = { items, focus, pending, dismissing, busy };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.closest('input, textarea, select, [contenteditable="true"], .ant-select, .ant-modal') || document.querySelector('.ant-modal-wrap:not([style*="display: none"])'))) return;
      const s = state.current;
      const c = s.items[s.focus];
      const move = (d: number) => {
        const next = Math.min(Math.max(s.focus + d, 0), s.items.length - 1);
        setFocus(next);
        const row = s.items[next] ? rowRefs.current.get(s.items[next].id) : undefined;
        row?.scrollIntoView({ block: 'nearest' });
      };
      switch (e.key) {
        case 'j':
          move(1);
          break;
        case 'k':
          move(-1);
          break;
        case 'x':
          if (c && c.status === 'pending') setSelected((sel) => (sel.includes(c.id) ? sel.filter((i) => i !== c.id) : [...sel, c.id]));
          break;
        case 'l':
          if (c && s.pending && !s.busy && firstLinkable(c)) void link(c, firstLinkable(c)!.id);
          break;
        case 'n':
          if (c && s.pending && !s.busy) void create(c);
          break;
        case 'd':
          if (c && s.pending && !s.busy) setDismissing([c.id]);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [link, create]);

  const columns: ColumnsType<Candidate> = [
    {
      title: l('Nội dung đơn vị nêu', 'What the unit raised'),
      key: 'text',
      render: (_, c) => (
        <div style={{ minWidth: 240 }}>
          <div className="fu-text">{c.text}</div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Tag>{SOURCE_KIND[c.sourceKind][lang]}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[c.unit?.name, c.period ? periodText(c.period, lang) : null, vnDate(c.raisedOn), where(c, l), kindLabel(c.kind, lang), c.sector?.name].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
          {office && c.division ? <div className="nhip-muted" style={{ fontSize: 12 }}>{l('Hàng chờ: ', 'Queue: ')}{c.division.name}</div> : null}
          {c.status !== 'pending' ? (
            <div style={{ fontSize: 12, marginTop: 4 }}>
              <Tag color={c.status === 'no_action' ? 'default' : 'green'}>{STATUS_LABELS[c.status][lang]}</Tag>
              {c.recommendationId ? <Link to={`/follow-up/${c.recommendationId}`}>#{c.recommendationId}</Link> : null}
              {c.reason ? <span className="nhip-muted"> — {c.reason}</span> : null}
              {c.decidedBy ? <span className="nhip-muted"> · {c.decidedBy}</span> : null}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: l('Kiến nghị đã có giống nhất', 'Most similar recommendations'),
      key: 'suggestions',
      width: 380,
      render: (_, c) =>
        c.suggestions.length === 0 ? (
          <Typography.Text type="secondary">{l('Không có kiến nghị nào giống: tạo mới.', 'Nothing alike: create one.')}</Typography.Text>
        ) : (
          <div>
            {c.suggestions.slice(0, 3).map((s) => (
              <div key={s.id} className={`fu-suggestion${s.recurring ? ' recurring' : ''}`}>
                <Link to={`/follow-up/${s.id}`} target="_blank" className="fu-clamp" style={{ fontSize: 13 }}>
                  #{s.id} {s.text}
                </Link>
                <Space size={4} wrap style={{ marginTop: 2 }}>
                  <Tag color={s.recurring ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                    {s.recurring ? l('Đề xuất: nêu lại', 'Proposed: raised again') : l('Giống một phần', 'Partly alike')} · {Math.round(s.score * 100)}%
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {RECOMMENDATION_STATE_LABELS[s.state as RecommendationState]?.[lang] ?? s.state}
                    {s.owner ? ` · ${s.owner.name}` : ''}
                    {s.timesRaised >= 2 ? l(` · nêu ${s.timesRaised} lần`, ` · ${s.timesRaised}×`) : ''}
                  </Typography.Text>
                  {c.status === 'pending' && !linkable(s) ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l('— đã kết thúc: mở lại kiến nghị này, hoặc tạo mới', '— finished: reopen it, or create a new one')}
                    </Typography.Text>
                  ) : null}
                  {c.status === 'pending' && linkable(s) ? (
                    <>
                      <Button
                        size="small"
                        type={s === firstLinkable(c) && s.recurring ? 'primary' : 'default'}
                        icon={<LinkOutlined />}
                        loading={busy === `${c.id}:link`}
                        onClick={() => void link(c, s.id)}
                        data-testid={s === firstLinkable(c) ? 'fu-link-first' : undefined}
                      >
                        {l('Nối vào', 'Link')}
                      </Button>
                      <Tooltip title={l('Không phải cùng một kiến nghị (không đề xuất lại)', 'Not the same point')}>
                        <Button
                          size="small"
                          type="text"
                          icon={<CloseOutlined />}
                          aria-label={l(`Không phải kiến nghị #${s.id}`, `Not #${s.id}`)}
                          onClick={() => void act(`${c.id}:reject`, () => fuApi.reject(c.id, s.id), l('Đã ghi nhận: không phải cùng một kiến nghị.', 'Noted.'))}
                        />
                      </Tooltip>
                    </>
                  ) : null}
                </Space>
              </div>
            ))}
          </div>
        ),
    },
    {
      title: l('Xử lý', 'Decide'),
      key: 'actions',
      width: 150,
      render: (_, c) =>
        c.status === 'pending' ? (
          <Flex vertical gap={6}>
            <Button size="small" icon={<PlusOutlined />} loading={busy === `${c.id}:create`} onClick={() => void create(c)}>
              {l('Tạo mới', 'New')}
            </Button>
            <Button size="small" icon={<StopOutlined />} onClick={() => setDismissing([c.id])}>
              {l('Không xử lý', 'Dismiss')}
            </Button>
          </Flex>
        ) : null,
    },
  ];

  return (
    <div className="fu-triage">
      <PageHeader
        title={l('Hàng chờ kiến nghị', 'Triage queue')}
        subtitle={
          office
            ? l('Khó khăn, đề xuất từ báo cáo đã duyệt và hội nghị, chờ các phòng xử lý: nối vào kiến nghị đã có, tạo mới hoặc không xử lý.', 'Points from approved reports and conferences waiting for a decision.')
            : l(`Hàng chờ của ${me.orgUnitName ?? 'phòng'}: nối vào kiến nghị đã có (nêu lại), tạo mới hoặc không xử lý.`, `Queue of ${me.orgUnitName ?? 'your division'}.`)
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="nhip-toolbar">
          {mobile ? (
            <Select<CandidateStatus>
              aria-label={l('Tình trạng', 'Status')}
              value={filter.status}
              onChange={(v) => set({ status: v === 'pending' ? undefined : v })}
              options={statusOptions}
            />
          ) : (
            <Segmented<CandidateStatus>
              aria-label={l('Tình trạng', 'Status')}
              value={filter.status}
              onChange={(v) => set({ status: v === 'pending' ? undefined : v })}
              options={statusOptions}
            />
          )}
          {office ? (
            <Select
              aria-label={l('Hàng chờ của phòng', 'Division queue')}
              allowClear
              showSearch={viSearch}
              placeholder={l('Mọi phòng', 'Every division')}
              value={filter.division}
              onChange={(v?: string) => set({ division: v })}
              options={[{ value: 'none', label: l('Chưa thuộc phòng nào', 'No division') }, ...divisions.map((d) => ({ value: d.code, label: d.name }))]}
              style={{ width: 220 }}
            />
          ) : null}
          <Select
            aria-label={l('Nguồn', 'Source')}
            allowClear
            placeholder={l('Mọi nguồn', 'Every source')}
            value={filter.source}
            onChange={(v?: string) => set({ source: v })}
            options={(Object.keys(SOURCE_KIND) as Candidate['sourceKind'][]).map((k) => ({ value: k, label: SOURCE_KIND[k][lang] }))}
            style={{ width: 190 }}
          />
          <Select
            aria-label={l('Kỳ', 'Period')}
            allowClear
            showSearch={viSearch}
            placeholder={l('Mọi kỳ', 'Every period')}
            value={filter.period}
            onChange={(v?: string) => set({ period: v })}
            options={periods}
            style={{ width: 190 }}
          />
          <Input.Search
            aria-label={l('Tìm trong nội dung', 'Search text')}
            placeholder={l('Tìm nội dung…', 'Search…')}
            allowClear
            defaultValue={filter.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
        </div>
        <Typography.Text type="secondary" className="fu-keys" style={{ fontSize: 12 }} data-testid="fu-keys-help">
          {l('Phím tắt: ', 'Keys: ')}
          <kbd>j</kbd>/<kbd>k</kbd> {l('xuống/lên', 'down/up')} · <kbd>l</kbd> {l('nối vào gợi ý đầu tiên còn mở', 'link to the first open suggestion')} · <kbd>n</kbd>{' '}
          {l('tạo kiến nghị mới', 'new recommendation')} · <kbd>d</kbd> {l('không xử lý (ghi lý do)', 'dismiss (with a reason)')} · <kbd>x</kbd> {l('chọn dòng', 'select row')}
        </Typography.Text>
      </Card>

      {selected.length > 0 ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="fu-bulk">
          <Flex gap={8} wrap="wrap" align="center">
            <Typography.Text strong>{l(`Đã chọn ${selected.length} mục:`, `${selected.length} selected:`)}</Typography.Text>
            <Tooltip title={l('Chỉ các mục mà hệ thống đề xuất là nêu lại; các mục khác được báo lại.', 'Only items the system proposes as raised again.')}>
              <Button icon={<LinkOutlined />} loading={busy === 'bulk:link_top'} onClick={() => void runBulk('link_top', selected)}>
                {l('Nối vào gợi ý đầu tiên còn mở', 'Link to the first open suggestion')}
              </Button>
            </Tooltip>
            <Button icon={<PlusOutlined />} loading={busy === 'bulk:create'} onClick={() => void runBulk('create', selected)}>
              {l('Tạo kiến nghị mới', 'Create new')}
            </Button>
            <Button icon={<StopOutlined />} onClick={() => setDismissing(selected)}>
              {l('Không xử lý…', 'Dismiss…')}
            </Button>
            <Button type="link" onClick={() => setSelected([])}>
              {l('Bỏ chọn', 'Clear')}
            </Button>
          </Flex>
        </Card>
      ) : null}

      {bulkResult ? (
        <Alert
          type={bulkResult.failed ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setBulkResult(null)}
          style={{ marginBottom: 12 }}
          title={l(`Đã xử lý ${bulkResult.done} mục, ${bulkResult.failed} mục không xử lý được.`, `${bulkResult.done} done, ${bulkResult.failed} failed.`)}
          description={
            bulkResult.failed ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {bulkResult.results.filter((r) => !r.ok).map((r) => (
                  <li key={r.id}>#{r.id}: {r.error?.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}

      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 8 } }}>
          {/* Scrolled by its wrapper, not by the table's scroll.x: that adds an aria-hidden measuring row holding a copy of
              the header's select-all checkbox, which axe rightly reports as focusable content hidden from assistive technology. */}
          <div style={{ overflowX: 'auto' }}>
          <Table<Candidate>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={q.isFetching}
            style={{ minWidth: 820 }}
            rowSelection={
              pending
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (c) => ({ 'aria-label': l(`Chọn mục ${c.id}`, `Select ${c.id}`) }) }
                : undefined
            }
            rowClassName={(_, i) => (i === focus ? 'fu-focus' : '')}
            onRow={(c, i) => ({
              ref: (el: HTMLElement | null) => {
                if (el) rowRefs.current.set(c.id, el);
                else rowRefs.current.delete(c.id);
              },
              onClick: () => setFocus(i ?? 0),
            }) as React.HTMLAttributes<HTMLElement>}
            locale={{
              emptyText: (
                <EmptyHint
                  title={pending ? l('Không còn mục nào chờ xử lý', 'Nothing waits') : l('Không có mục nào', 'Nothing here')}
                  hint={pending ? l('Khi báo cáo được duyệt hoặc hội nghị kết luận, các điểm mới sẽ vào đây.', 'New points arrive when reports are approved or conferences conclude.') : undefined}
                />
              ),
            }}
            pagination={{ current: filter.page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, showSizeChanger: false, showTotal, onChange: (p) => set({ page: p > 1 ? String(p) : undefined }) }}
            data-testid="fu-triage"
          />
          </div>
        </Card>
      )}
      {dismissing ? (
        <DismissModal
          count={dismissing.length}
          onClose={() => setDismissing(null)}
          onDismiss={async (reason) => {
            const ids = dismissing;
            setDismissing(null);
            if (ids.length === 1) {
              const c = items.find((x) => x.id === ids[0]);
              if (c) await act(`${c.id}:dismiss`, () => fuApi.dismiss(c.id, c.version, reason), l('Đã ghi: không xử lý.', 'Dismissed.'));
            } else await runBulk('dismiss', ids, reason);
          }}
        />
      ) : null}
    </div>
  );
}

function DismissModal({ count, onClose, onDismiss }: { count: number; onClose: () => void; onDismiss: (reason: string) => Promise<void> }) {
  const l = useL();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const presets = useMemo(
    () => [
      l('Không thuộc thẩm quyền của Sở; đã hướng dẫn đơn vị gửi cơ quan có thẩm quyền.', 'Not within the department’s remit.'),
      l('Nội dung là kết quả đã đạt, không phải khó khăn hay đề xuất.', 'A result, not a difficulty or proposal.'),
      l('Trùng với ý khác trong cùng báo cáo.', 'Duplicates another item of the same report.'),
    ],
    [l],
  );
  return (
    <Modal
      open
      title={count > 1 ? l(`Không xử lý ${count} mục`, `Dismiss ${count} items`) : l('Không xử lý mục này', 'Dismiss this item')}
      okText={l('Xác nhận', 'Confirm')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => {
        if (!reason.trim()) {
          setError(true);
          return;
        }
        void onDismiss(reason.trim());
      }}
    >
      <Typography.Paragraph>{l('Ghi lý do không xử lý (đơn vị và Văn phòng Sở xem được):', 'Give the reason:')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={l('Lý do', 'Reason')}
        autoFocus
        autoSize={{ minRows: 3, maxRows: 6 }}
        value={reason}
        status={error && !reason.trim() ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)}
        maxLength={10000}
      />
      {error && !reason.trim() ? <Typography.Text type="danger">{l('Hãy ghi lý do.', 'Give a reason.')}</Typography.Text> : null}
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        {presets.map((p) => (
          <Button key={p} size="small" type="dashed" icon={<CheckOutlined />} onClick={() => setReason(p)} style={{ textAlign: 'start', whiteSpace: 'normal', height: 'auto' }}>
            {p}
          </Button>
        ))}
      </Flex>
    </Modal>
  );
}
