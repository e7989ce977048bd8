/**
 * Theo dõi kiến nghị: the register as a table or a kanban by state. The grid's four cells (Decision 42/2014) are
 * counted over the filter and filter the list when pressed. Every filter sits in the address, so the director's card
 * links straight to "quá hạn của phòng X" and a view can be shared. The office records a new recommendation here
 * (the points raised before that look like it are shown as it is typed), exports the filtered register as .xlsx and
 * opens the period's results report.
 */
import { AppstoreOutlined, FileExcelOutlined, FileTextOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import {
  canRecommendation, OPEN_RECOMMENDATION_STATES, RECOMMENDATION_STATE_LABELS, RECOMMENDATION_STATES, RECOMMENDATION_TRANSITIONS,
  type RecommendationState, type RecommendationTransition, TIMELINESS, type Timeliness,
} from '@nhip/contracts';
import { Button, Card, Flex, Grid, Input, Progress, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Me, useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { type OrgUnit, useOrgUnits } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { EmptyHint, showTotal } from '../../components/table';
import { useAction, useDownload, viSearch } from '../conferences/shared';
import { type BoardFilter, boardQuery, FILTER_KEYS, fuApi, type RecommendationItem, useBoard, useRefreshFollowUp } from './api';
import { CreateRecommendationModal } from './CreateRecommendationModal';
import { GridTags, kindLabel, RowFlags, SOURCE_LABELS, StateTag, TimelinessTag, TimesRaised, useDivisions, usePeriodOptions, vnDate } from './shared';

const PAGE_SIZE = 20;
const SORTS = ['deadline', 'recurrence', 'updated', 'raised'] as const;
const SORT_LABELS: Record<(typeof SORTS)[number], { vi: string; en: string }> = {
  deadline: { vi: 'Hạn gần nhất trước', en: 'Nearest deadline first' },
  recurrence: { vi: 'Nêu nhiều lần nhất trước', en: 'Most often raised first' },
  updated: { vi: 'Mới cập nhật trước', en: 'Recently updated first' },
  raised: { vi: 'Mới nêu trước', en: 'Recently raised first' },
};
/** Kanban columns: the open states in their order, then the settled ones; merged points show only when asked for. */
const KANBAN_STATES: RecommendationState[] = ['new', 'assigned', 'in_progress', 'carried', 'done', 'cannot_do'];

/** The board's filter as the address holds it. */
export function useBoardParams() {
  const [params, setParams] = useSearchParams();
  const filter: BoardFilter = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) filter[k] = v;
  }
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (patch: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('page' in patch)) p.delete('page');
    setParams(p, { replace: true });
  };
  return { filter, page, view: params.get('view') === 'kanban' ? ('kanban' as const) : ('table' as const), isNew: params.get('new') === '1', set };
}

const actorOf = (me: Me) => ({ id: me.id, role: me.role, orgUnitId: me.orgUnitId });

export default function BoardPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { filter, page, view, isNew: creating, set } = useBoardParams();
  const mobile = Grid.useBreakpoint().md === false;
  const kanban = view === 'kanban';
  const q = useBoard({ ...filter, page: kanban ? 1 : page, pageSize: kanban ? 200 : PAGE_SIZE });
  const sectors = useSectors();
  const { divisions } = useDivisions();
  const units = useOrgUnits({ includeClosed: true });
  const periodOptions = usePeriodOptions();
  const [download, busy] = useDownload();
  const canCreate = !!me.abilities['recommendations.manage'];
  const canReport = ['admin', 'office', 'director', 'viewer'].includes(me.role);
  const selectedCells = (filter.timeliness?.split(',') ?? []) as Timeliness[];

  const toggleCell = (t: Timeliness) => {
    const next = selectedCells.includes(t) ? selectedCells.filter((x) => x !== t) : [...selectedCells, t];
    set({ timeliness: TIMELINESS.filter((x) => next.includes(x)).join(',') || undefined });
  };

  const reportingUnits = useMemo(
    () => (units.data ?? []).filter((u: OrgUnit) => u.type !== 'division' && u.type !== 'department').sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [units.data],
  );
  const anyFilter = FILTER_KEYS.some((k) => k !== 'sort' && filter[k]);

  const filters = (
    <Card size="small" style={{ marginBottom: 12 }}>
      <div className="nhip-toolbar">
        <Input.Search
          aria-label={l('Tìm trong nội dung hoặc số hiệu', 'Search text or number')}
          placeholder={l('Tìm nội dung, #số hiệu…', 'Search text, #number…')}
          allowClear
          defaultValue={filter.q}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 240 }}
        />
        <Select
          aria-label={l('Lĩnh vực', 'Sector')}
          allowClear
          showSearch={viSearch}
          placeholder={l('Mọi lĩnh vực', 'Every sector')}
          value={filter.sector}
          onChange={(v?: string) => set({ sector: v })}
          options={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
          style={{ width: 200 }}
        />
        <Select
          aria-label={l('Phòng chủ trì', 'Owner division')}
          allowClear
          showSearch={viSearch}
          placeholder={l('Mọi phòng chủ trì', 'Every owner')}
          value={filter.owner}
          onChange={(v?: string) => set({ owner: v })}
          options={divisions.map((d) => ({ value: d.code, label: d.name }))}
          style={{ width: 220 }}
        />
        <Select
          aria-label={l('Đơn vị đã nêu', 'Raised by')}
          allowClear
          showSearch={viSearch}
          placeholder={l('Mọi đơn vị đã nêu', 'Any raising unit')}
          value={filter.unit}
          onChange={(v?: string) => set({ unit: v })}
          options={reportingUnits.map((u) => ({ value: u.code, label: u.active ? u.name : `${u.name} ${l('(đã giải thể)', '(closed)')}` }))}
          style={{ width: 220 }}
        />
        <Select
          aria-label={l('Kỳ nêu', 'Period raised')}
          allowClear
          showSearch={viSearch}
          placeholder={l('Mọi kỳ', 'Every period')}
          value={filter.period}
          onChange={(v?: string) => set({ period: v })}
          options={periodOptions}
          style={{ width: 190 }}
        />
        <Select
          aria-label={l('Nguồn', 'Source')}
          allowClear
          placeholder={l('Mọi nguồn', 'Every source')}
          value={filter.source}
          onChange={(v?: string) => set({ source: v })}
          options={(Object.keys(SOURCE_LABELS) as (keyof typeof SOURCE_LABELS)[]).map((k) => ({ value: k, label: SOURCE_LABELS[k][lang] }))}
          style={{ width: 210 }}
        />
        <Select
          aria-label={l('Trạng thái', 'State')}
          allowClear
          placeholder={l('Mọi trạng thái', 'Every state')}
          value={filter.state}
          onChange={(v?: string) => set({ state: v })}
          options={[
            { value: OPEN_RECOMMENDATION_STATES.join(','), label: l('Đang theo dõi (chưa xong)', 'Still open') },
            ...RECOMMENDATION_STATES.map((s) => ({ value: s, label: RECOMMENDATION_STATE_LABELS[s][lang] })),
          ]}
          style={{ width: 200 }}
        />
        <Select
          aria-label={l('Nêu lại', 'Recurrence')}
          allowClear
          placeholder={l('Nêu một hay nhiều lần', 'Raised once or more')}
          value={filter.recurring}
          onChange={(v?: string) => set({ recurring: v })}
          options={[
            { value: 'true', label: l('Nêu từ 2 lần trở lên', 'Raised twice or more') },
            { value: 'false', label: l('Nêu một lần', 'Raised once') },
          ]}
          style={{ width: 200 }}
        />
        <Select
          aria-label={l('Đã báo lãnh đạo', 'Escalated')}
          allowClear
          placeholder={l('Báo lãnh đạo Sở?', 'Escalated?')}
          value={filter.escalated}
          onChange={(v?: string) => set({ escalated: v })}
          options={[
            { value: 'true', label: l('Đã báo lãnh đạo Sở phụ trách', 'Escalated to the deputy') },
            { value: 'false', label: l('Chưa báo lãnh đạo', 'Not escalated') },
          ]}
          style={{ width: 220 }}
        />
        <Select
          aria-label={l('Sắp xếp', 'Sort')}
          value={filter.sort ?? 'deadline'}
          onChange={(v: string) => set({ sort: v === 'deadline' ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s][lang] }))}
          style={{ width: 210 }}
        />
        {anyFilter ? (
          <Button type="link" onClick={() => navigate(`/follow-up${kanban ? '?view=kanban' : ''}`, { replace: true })}>
            {l('Bỏ lọc', 'Clear filters')}
          </Button>
        ) : null}
      </div>
      <GridTags counts={q.data?.counts} selected={selectedCells} onToggle={toggleCell} />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={l('Theo dõi kiến nghị', 'Recommendations')}
        subtitle={l(
          'Sổ theo dõi khó khăn, đề xuất, nhiệm vụ theo kết luận và chỉ đạo: phòng chủ trì, hạn giải quyết, kết quả theo lưới QĐ 42/2014/QĐ-TTg.',
          'Register of difficulties, proposals, conclusion tasks and directives: owner, deadline, and the grid of Decision 42/2014.',
        )}
        extra={
          <>
            <Segmented
              aria-label={l('Cách xem', 'View')}
              value={view}
              onChange={(v) => set({ view: v === 'kanban' ? 'kanban' : undefined, page: undefined })}
              options={[
                { value: 'table', label: l('Bảng', 'Table'), icon: <TableOutlined /> },
                { value: 'kanban', label: l('Theo trạng thái', 'Kanban'), icon: <AppstoreOutlined /> },
              ]}
            />
            <Button
              icon={<FileExcelOutlined />}
              loading={busy !== null}
              onClick={() => void download(`/api/recommendations/export.xlsx${boardQuery(filter)}`, 'so-theo-doi-kien-nghi.xlsx')}
              data-testid="fu-export"
            >
              {l('Xuất Excel', 'Export .xlsx')}
            </Button>
            {canReport ? (
              <Button icon={<FileTextOutlined />} onClick={() => navigate(`/follow-up/report${filter.period ? `?period=${filter.period}` : ''}`)}>
                {l('Báo cáo kết quả', 'Results report')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ new: '1' })} data-testid="fu-new">
                {l('Thêm kiến nghị', 'New recommendation')}
              </Button>
            ) : null}
          </>
        }
      />
      {filters}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : kanban ? (
        <Kanban items={q.data?.items ?? []} total={q.data?.total ?? 0} loading={q.isLoading} showMerged={filter.state?.includes('merged') ?? false} me={me} />
      ) : (
        <Card size="small" styles={{ body: { padding: mobile ? 4 : 8 } }}>
          <BoardTable
            items={q.data?.items ?? []}
            loading={q.isFetching}
            page={page}
            total={q.data?.total ?? 0}
            onPage={(p) => set({ page: p > 1 ? String(p) : undefined })}
            empty={
              <EmptyHint
                title={anyFilter ? l('Không có kiến nghị phù hợp bộ lọc', 'No recommendation matches') : l('Sổ theo dõi chưa có kiến nghị nào', 'The register is empty')}
                hint={
                  anyFilter
                    ? l('Bỏ bớt điều kiện lọc để xem thêm.', 'Remove a filter to see more.')
                    : l(
                        'Khi báo cáo của đơn vị được duyệt hoặc hội nghị kết luận, các khó khăn, đề xuất vào hàng chờ xử lý rồi thành kiến nghị ở đây.',
                        'Approved reports and conference conclusions feed the triage queue; its decisions land here.',
                      )
                }
              />
            }
          />
        </Card>
      )}
      {creating && canCreate ? <CreateRecommendationModal onClose={() => set({ new: undefined })} onCreated={(id) => navigate(`/follow-up/${id}`)} /> : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {l(
          'Kiến nghị đã gộp vào kiến nghị khác được tính một lần ở kiến nghị được gộp vào. "Nêu N lần": mỗi đơn vị (gộp với đơn vị tiền thân) trong mỗi kỳ tính một lần.',
          'A merged point counts once, in the point it was merged into. "Raised N times": each unit (with its predecessors) once per period.',
        )}

      </Typography.Paragraph>
    </>
  );
}

function BoardTable({
  items, loading, page, total, onPage, empty,
}: { items: RecommendationItem[]; loading: boolean; page: number; total: number; onPage: (p: number) => void; empty: React.ReactNode }) {
  const l = useL();
  const lang = useLang();
  const columns: ColumnsType<RecommendationItem> = [
    {
      title: l('Kiến nghị', 'Recommendation'),
      key: 'text',
      render: (_, r) => (
        <div style={{ minWidth: 260 }}>
          <Link to={`/follow-up/${r.id}`} className="fu-row-link fu-clamp" data-testid="fu-row-link">
            <span className="nhip-muted">#{r.id}</span> {r.text}
          </Link>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {kindLabel(r.kind, lang)}
              {r.sector ? ` · ${r.sector.name}` : ''}
            </Typography.Text>
            <TimesRaised n={r.timesRaised} />
            <RowFlags escalated={r.escalated} answered={r.answered} />
          </Space>
          {r.raisedBy.length > 0 ? (
            <div className="nhip-muted" style={{ fontSize: 12 }}>
              {l('Đơn vị nêu: ', 'Raised by: ')}
              {r.raisedBy.slice(0, 3).map((u) => u.name).join(', ')}
              {r.raisedBy.length > 3 ? l(` và ${r.raisedBy.length - 3} đơn vị khác`, ` and ${r.raisedBy.length - 3} more`) : ''}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: l('Phòng chủ trì', 'Owner'), key: 'owner', width: 170, render: (_, r) => r.owner?.name ?? <Typography.Text type="secondary">{l('Chưa giao', 'Unassigned')}</Typography.Text> },
    { title: l('Hạn', 'Deadline'), key: 'deadline', width: 105, render: (_, r) => vnDate(r.deadline) },
    {
      title: l('Trạng thái', 'State'),
      key: 'state',
      width: 170,
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          <StateTag state={r.state} />
          {r.state !== 'merged' ? <Progress percent={r.progress} size="small" style={{ width: 120, margin: 0 }} aria-label={l(`Tiến độ ${r.progress}%`, `Progress ${r.progress}%`)} /> : null}
        </Flex>
      ),
    },
    { title: l('Kết quả (QĐ 42)', 'Grid cell'), key: 'timeliness', width: 190, render: (_, r) => <TimelinessTag value={r.timeliness} /> },
  ];
  return (
    <Table<RecommendationItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 860 }}
      locale={{ emptyText: empty }}
      pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, showTotal, onChange: onPage, hideOnSinglePage: false }}
      data-testid="fu-board"
    />
  );
}

/** Transitions a card offers in place: those that need no reason, answer or target. The rest are on the detail page. */
const QUICK: RecommendationTransition[] = ['assign', 'start'];
const QUICK_LABELS: Record<string, { vi: string; en: string }> = {
  assign: { vi: 'Giao', en: 'Assign' },
  start: { vi: 'Bắt đầu giải quyết', en: 'Start' },
};

function Kanban({ items, total, loading, showMerged, me }: { items: RecommendationItem[]; total: number; loading: boolean; showMerged: boolean; me: Me }) {
  const l = useL();
  const lang = useLang();
  const refresh = useRefreshFollowUp();
  const [run, busy] = useAction();
  const states = showMerged ? [...KANBAN_STATES, 'merged' as const] : KANBAN_STATES;
  if (loading) return <Card loading />;
  return (
    <>
      {total > items.length ? (
        <Typography.Paragraph type="secondary">
          {l(`Đang hiện ${items.length} trên ${total.toLocaleString('vi-VN')} kiến nghị; lọc thêm hoặc xem dạng bảng để thấy hết.`, `Showing ${items.length} of ${total}; filter or use the table.`)}
        </Typography.Paragraph>
      ) : null}
      <div className="fu-kanban" data-testid="fu-kanban">
        {states.map((s) => {
          const col = items.filter((r) => r.state === s);
          return (
            <section key={s} className="fu-kanban-col" aria-label={RECOMMENDATION_STATE_LABELS[s][lang]}>
              <h2>
                <span>{RECOMMENDATION_STATE_LABELS[s][lang]}</span>
                <span className="nhip-muted">{col.length}</span>
              </h2>
              {col.length === 0 ? <Typography.Text type="secondary" style={{ fontSize: 12, marginInline: 4 }}>{l('Không có', 'None')}</Typography.Text> : null}
              {col.map((r) => {
                const subject = { state: r.state, ownerDivisionId: r.owner?.id ?? null, cooperatingUnitIds: [], raisedByUnitIds: r.raisedBy.map((u) => u.id) };
                const may = canRecommendation(actorOf(me), 'transition', subject);
                const quick = may ? QUICK.filter((t) => (RECOMMENDATION_TRANSITIONS[t].from as readonly string[]).includes(r.state)) : [];
                return (
                  <article key={r.id} className="fu-kanban-card" data-testid="fu-card">
                    <Link to={`/follow-up/${r.id}`} className="fu-row-link fu-clamp">
                      <span className="nhip-muted">#{r.id}</span> {r.text}
                    </Link>
                    <div className="fu-meta">
                      {r.owner?.name ?? l('Chưa giao', 'Unassigned')} · {l('hạn', 'due')} {vnDate(r.deadline)}
                    </div>
                    <Space size={4} wrap style={{ marginTop: 6 }}>
                      <TimelinessTag value={r.timeliness} />
                      <TimesRaised n={r.timesRaised} />
                      {r.escalated ? <RowFlags escalated answered={false} /> : null}
                    </Space>
                    {quick.length > 0 ? (
                      <Space size={4} wrap style={{ marginTop: 8 }}>
                        {quick.map((t) => (
                          <Tooltip key={t} title={l(`Chuyển sang "${RECOMMENDATION_STATE_LABELS[RECOMMENDATION_TRANSITIONS[t].to].vi}"`, `Move to ${RECOMMENDATION_STATE_LABELS[RECOMMENDATION_TRANSITIONS[t].to].en}`)}>
                            <Button
                              size="small"
                              loading={busy === `${r.id}:${t}`}
                              onClick={() =>
                                void run(`${r.id}:${t}`, () => fuApi.transition(r.id, t, { version: r.version }), l('Đã chuyển trạng thái.', 'Moved.')).then(() => void refresh())
                              }
                            >
                              {QUICK_LABELS[t]?.[lang] ?? t}
                            </Button>
                          </Tooltip>
                        ))}
                      </Space>
                    ) : null}
                  </article>
                );
              })}
            </section>
          );
        })}
      </div>
    </>
  );
}
