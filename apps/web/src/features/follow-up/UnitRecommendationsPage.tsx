/**
 * "Kiến nghị của đơn vị": what became of everything a unit (and the units it took over) raised — state, owner,
 * deadline, the grid's cell and the answer it was sent. A unit's people reach their own page from the menu and their
 * home; the department opens any unit's page at /follow-up/units/:unitId.
 */
import { TIMELINESS, type Timeliness } from '@nhip/contracts';
import { Card, Empty, Flex, List, Select, Space, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { viSearch } from '../conferences/shared';
import { useUnitRecommendations } from './api';
import { GridTags, kindLabel, periodText, StateTag, TimelinessTag, TimesRaised, usePeriodOptions, vnDate, vnDateTime } from './shared';

const PAGE_SIZE = 20;

export default function UnitRecommendationsPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const routeId = useParams().unitId;
  const unitId = routeId ? Number(routeId) : me.orgUnitId;
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const timeliness = params.get('timeliness') ?? undefined;
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
  const q = useUnitRecommendations(unitId, { period, timeliness, page, pageSize: PAGE_SIZE });
  const periods = usePeriodOptions();
  const selected = (timeliness?.split(',') ?? []) as Timeliness[];
  const own = !routeId;

  if (unitId === null) {
    return (
      <Card>
        <Empty description={l('Tài khoản của bạn chưa gắn với đơn vị nào.', 'Your account has no unit.')} />
      </Card>
    );
  }
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSkeleton />;
  const d = q.data;
  return (
    <>
      <PageHeader
        title={own ? l('Kiến nghị của đơn vị', 'Our recommendations') : l(`Kiến nghị của ${d.unit.name}`, `Recommendations of ${d.unit.name}`)}
        crumbs={own ? undefined : [{ title: l('Theo dõi kiến nghị', 'Recommendations'), to: '/follow-up' }, { title: d.unit.name }]}
        subtitle={
          <>
            {l('Kết quả giải quyết các khó khăn, đề xuất đơn vị đã nêu trong báo cáo và tại hội nghị, cùng trả lời của Sở.', 'What became of what the unit raised, and the department’s answers.')}
            {d.predecessors.length ? (
              <div>{l(`Gồm cả kiến nghị do ${d.predecessors.map((p) => p.name).join(', ')} nêu trước đây.`, `Includes those raised by ${d.predecessors.map((p) => p.name).join(', ')}.`)}</div>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="nhip-toolbar">
          <Select
            aria-label={l('Kỳ nêu', 'Period raised')}
            allowClear
            showSearch={viSearch}
            placeholder={l('Mọi kỳ', 'Every period')}
            value={period}
            onChange={(v?: string) => set({ period: v })}
            options={periods}
            style={{ width: 200 }}
          />
        </div>
        <GridTags
          counts={d.counts}
          selected={selected}
          onToggle={(t) => {
            const next = selected.includes(t) ? selected.filter((x) => x !== t) : [...selected, t];
            set({ timeliness: TIMELINESS.filter((x) => next.includes(x)).join(',') || undefined });
          }}
        />
      </Card>
      <Card size="small">
        <List
          dataSource={d.items}
          loading={q.isFetching}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={l('Chưa có kiến nghị nào của đơn vị trong sổ theo dõi.', 'Nothing raised by the unit in the register yet.')}
              />
            ),
          }}
          pagination={
            d.total > PAGE_SIZE
              ? { current: page, pageSize: PAGE_SIZE, total: d.total, showSizeChanger: false, onChange: (p) => set({ page: p > 1 ? String(p) : undefined }), align: 'center' }
              : false
          }
          renderItem={(r) => (
            <List.Item key={r.id} data-testid="fu-unit-item">
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap="wrap" align="flex-start">
                  <Typography.Text strong className="fu-text" style={{ flex: '1 1 320px' }}>
                    <Link to={`/follow-up/${r.id}`}>{r.text}</Link>
                  </Typography.Text>
                  <Space size={4} wrap>
                    <StateTag state={r.state} />
                    <TimelinessTag value={r.timeliness} />
                    <TimesRaised n={r.timesRaised} />
                  </Space>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  #{r.id} · {kindLabel(r.kind, lang)}
                  {r.firstPeriod ? ` · ${l('nêu', 'raised')} ${periodText(r.firstPeriod, lang)}` : ''} · {l('phòng chủ trì', 'owner')}: {r.owner?.name ?? '—'} ·{' '}
                  {l('hạn', 'due')} {vnDate(r.deadline)} · {l('tiến độ', 'progress')} {r.progress}%
                </Typography.Text>
                {r.answer ? (
                  <div style={{ background: '#f0f7ee', borderRadius: 6, padding: '8px 10px' }} data-testid="fu-unit-answer">
                    <Typography.Text strong>{l('Trả lời của Sở', 'Answer')}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {vnDateTime(r.answer.publishedAt)}</Typography.Text>
                    <div className="fu-text">{r.answer.text}</div>
                  </div>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {l('Chưa có trả lời.', 'No answer yet.')}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
