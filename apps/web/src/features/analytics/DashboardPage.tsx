/**
 * Bảng điều hành: the directorate's view of a unit (the province by default) for a period — key figures
 * per sector with their comparisons, the picked figure over time and across the units below, and the
 * progress of the current rounds. The unit, the period and the picked figure live in the URL, so the
 * back button walks back up a drill-down and a view can be shared.
 */
import { FileTextOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { RequireAbility } from '../../components/RequireAbility';
import { useDashboard } from './api';
import { ChartsSkeleton } from './ChartsSkeleton';
import { CompletenessCard, CoverageNotice } from './CompletenessCard';
import { DashboardPeriod } from './DashboardPeriod';
import { pickedFigure } from './figures';
import { SectorCards } from './SectorCards';
import { UnitNav } from './UnitNav';
import './analytics.css';

/** User-timing mark set once the cards and every chart of the first view have drawn. */
export const DASHBOARD_READY_MARK = 'nhip:dashboard-ready';

const loadCharts = () => import('./charts/DashboardCharts');
/** The charts section and ECharts: a chunk of their own, fetched while the dashboard's data is on its way. */
const DashboardCharts = lazy(loadCharts);

function LoadingView() {
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Skeleton.Input active style={{ width: 360 }} />
      </Card>
      <Row gutter={[16, 16]}>
        {[0, 1, 2, 3].map((i) => (
          <Col key={i} xs={24} xl={12}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 5 }} />
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

function DashboardView() {
  const l = useL();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const period = sp.get('period');
  const ou = sp.get('ou');
  const dxParam = sp.get('dx');
  const q = useDashboard({ period, ou, dx: dxParam });
  const data = q.data;

  const update = useCallback(
    (patch: Record<string, string | null>, replace = false) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace },
      ),
    [setSp],
  );

  const picked = useMemo(() => (data ? pickedFigure(data, dxParam) : null), [data, dxParam]);

  const chartsRef = useRef<HTMLDivElement>(null);
  const pickFigure = useCallback(
    (dx: string) => {
      update({ dx }, true);
      chartsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    [update],
  );
  const pickChartFigure = useCallback((dx: string) => update({ dx }, true), [update]);
  const drill = useCallback((code: string | null) => update({ ou: code }), [update]);
  useEffect(() => {
    void loadCharts();
  }, []);

  // The first complete view (cards shown, every chart drawn) is marked without a re-render.
  const root = useRef<HTMLDivElement>(null);
  const marked = useRef(false);
  const markReady = useCallback(() => {
    if (marked.current) return;
    marked.current = true;
    performance.mark(DASHBOARD_READY_MARK);
    root.current?.setAttribute('data-ready', 'true');
  }, []);
  useEffect(() => {
    if (data && !picked) markReady();
  }, [data, picked, markReady]);

  const title = l('Bảng điều hành', 'Dashboard');
  const subtitle = data
    ? l(`${data.unit.name} · ${data.period.name} · số liệu đã duyệt`, `${data.unit.name} · ${data.period.name} · approved figures`)
    : l('Số liệu chủ yếu theo lĩnh vực, so sánh và tiến độ báo cáo', 'Key figures by sector, comparisons and reporting progress');

  return (
    <div data-testid="dashboard" ref={root}>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <>
            <DashboardPeriod value={data?.period.id ?? period} onChange={(id) => update({ period: id })} />
            <Button icon={<TableOutlined />} onClick={() => navigate('/analytics/pivot')}>
              {l('Bảng tổng hợp', 'Pivot table')}
            </Button>
            <Button icon={<FileTextOutlined />} onClick={() => navigate(`/reports/summary${data ? `?period=${data.period.id}` : ''}`)}>
              {l('Báo cáo tổng kết', 'Summary report')}
            </Button>
          </>
        }
      />
      {q.isError && !data ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Spin spinning={q.isPlaceholderData} delay={150} description={l('Đang tải…', 'Loading…')}>
          <Flex vertical gap={16}>
            {data ? (
              <>
                <Card size="small">
                  <UnitNav unit={data.unit} onPick={drill} />
                </Card>
                <CoverageNotice periodId={data.period.id} periodName={data.period.name} rounds={data.completeness} />
                <SectorCards sectors={data.sectors} picked={picked?.dx ?? null} onPick={pickFigure} />
              </>
            ) : (
              <LoadingView />
            )}
            <div ref={chartsRef} style={{ scrollMarginTop: 80 }}>
              <Suspense fallback={<ChartsSkeleton />}>
                <DashboardCharts
                  key={data ? `${data.unit.code}|${data.period.id}` : 'loading'}
                  data={data}
                  figure={picked}
                  onPickFigure={pickChartFigure}
                  onDrill={drill}
                  onReady={markReady}
                />
              </Suspense>
            </div>
            {data ? <CompletenessCard rounds={data.completeness} /> : null}
          </Flex>
        </Spin>
      )}
    </div>
  );
}

export default function DashboardPage() {
  return (
    <RequireAbility ability="completeness.read">
      <DashboardView />
    </RequireAbility>
  );
}
