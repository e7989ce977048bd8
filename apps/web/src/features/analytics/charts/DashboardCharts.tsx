/**
 * The dashboard's charts section, loaded with React.lazy so ECharts stays out of the main bundle: the
 * picked figure over the last 12 quarters at the current unit, as bars across the units one level down,
 * and as a treemap of those units. Rendered from the page's first paint (skeletons until the dashboard
 * answers), so the chunk arrives while the data is on its way.
 */
import { compareVi, periodLabel, searchMatches } from '@nhip/contracts';
import { Card, Col, Empty, Flex, Row, Select, Skeleton, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useL, useLang } from '../../../app/i18n';
import { ErrorState } from '../../../components/QueryState';
import { useAnalytics } from '../api';
import { ChartsSkeleton } from '../ChartsSkeleton';
import { chartDimensions } from '../figures';
import type { Dashboard, Figure } from '../types';
import TrendChart from './TrendChart';
import UnitBarChart from './UnitBarChart';
import UnitTreemap from './UnitTreemap';

type Part = 'trend' | 'units' | 'map';

function ChartSkeleton({ height }: { height: number }) {
  return <Skeleton.Node active style={{ width: '100%', height }} />;
}

export default function DashboardCharts(props: {
  data: Dashboard | undefined;
  figure: Figure | null;
  onPickFigure: (dx: string) => void;
  onDrill: (code: string) => void;
  onReady?: () => void;
}) {
  if (!props.data) return <ChartsSkeleton />;
  if (!props.figure) return null;
  return <FigureCharts {...props} data={props.data} figure={props.figure} />;
}

function FigureCharts({
  data,
  figure,
  onPickFigure,
  onDrill,
  onReady,
}: {
  data: Dashboard;
  figure: Figure;
  onPickFigure: (dx: string) => void;
  onDrill: (code: string) => void;
  /** Called once every chart shown has drawn (or has nothing to draw). */
  onReady?: () => void;
}) {
  const l = useL();
  const lang = useLang();
  const unit = data.unit;
  const dims = useMemo(() => chartDimensions(data, figure.dx), [data, figure.dx]);
  const quarters = dims.quarters;
  const hasChildren = dims.units !== null;

  const trend = useAnalytics(dims.trend);
  const units = useAnalytics(dims.units);
  // Another figure's answer kept on screen while this one loads counts as loading, not as "no data".
  const trendLoaded = !!trend.data && !trend.isPlaceholderData;
  const unitsLoaded = !!units.data && !units.isPlaceholderData;

  const points = useMemo(() => {
    const byPe = new Map<string, number>();
    for (const [dx, ou, pe, v] of trend.data?.rows ?? []) if (dx === figure.dx && ou === unit.code) byPe.set(pe, Number(v));
    return quarters.map((pe) => ({ pe, label: periodLabel(pe, lang), value: byPe.get(pe) ?? null }));
  }, [trend.data, quarters, figure.dx, unit.code, lang]);

  const unitValues = useMemo(() => {
    const items = (units.data?.rows ?? [])
      .filter(([dx, ou, pe]) => dx === figure.dx && ou !== unit.code && pe === data.period.id)
      .map(([, ou, , v]) => ({ code: ou, name: units.data?.metaData.items[ou]?.name ?? ou, value: Number(v) }));
    return items.sort((a, b) => b.value - a.value || compareVi(a.name, b.name));
  }, [units.data, figure.dx, unit.code, data.period.id]);
  const missing = useMemo(() => {
    const have = new Set(unitValues.map((u) => u.code));
    return unit.children.filter((c) => !have.has(c.code));
  }, [unitValues, unit.children]);

  // Readiness: each part reports once it has drawn or has nothing to draw.
  const [done, setDone] = useState<Record<Part, boolean>>({ trend: false, units: false, map: false });
  const mark = useCallback((p: Part) => setDone((d) => (d[p] ? d : { ...d, [p]: true })), []);
  const trendEmpty = trendLoaded && points.every((p) => p.value === null);
  const unitsEmpty = !hasChildren || (unitsLoaded && unitValues.length === 0);
  const treemapCount = unitValues.filter((u) => u.value > 0).length;
  const mapEmpty = !hasChildren || (unitsLoaded && treemapCount === 0);
  useEffect(() => {
    if (trend.isError || trendEmpty) mark('trend');
    if (units.isError || unitsEmpty) mark('units');
    if (units.isError || mapEmpty) mark('map');
  }, [trend.isError, trendEmpty, units.isError, unitsEmpty, mapEmpty, mark]);
  const reported = useRef(false);
  useEffect(() => {
    if (!reported.current && done.trend && done.units && done.map) {
      reported.current = true;
      onReady?.();
    }
  }, [done, onReady]);

  const figureOptions = useMemo(
    () =>
      data.sectors
        .filter((s) => s.figures.length > 0)
        .map((s) => ({ label: s.name, options: s.figures.map((f) => ({ value: f.dx, label: f.dxName })) })),
    [data.sectors],
  );

  return (
    <Flex vertical gap={16} data-testid="dashboard-charts">
      <Flex align="center" gap={12} wrap="wrap">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {l('Phân tích chỉ tiêu', 'Figure analysis')}
        </Typography.Title>
        <Select
          aria-label={l('Chỉ tiêu được phân tích', 'Figure analysed')}
          data-testid="dashboard-figure"
          value={figure.dx}
          onChange={(v: string) => onPickFigure(v)}
          options={figureOptions}
          showSearch={{ filterOption: (input, opt) => !!opt && typeof opt.label === 'string' && searchMatches(opt.label, input) }}
          style={{ flex: 1, minWidth: 280, maxWidth: 640 }}
          popupMatchSelectWidth={false}
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={hasChildren ? 12 : 24}>
          <Card
            size="small"
            title={l('Diễn biến 12 quý gần nhất', 'Last 12 quarters')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {unit.name}
              </Typography.Text>
            }
            style={{ height: '100%' }}
          >
            {trend.isError ? (
              <ErrorState error={trend.error} compact onRetry={() => trend.refetch()} />
            ) : !trendLoaded ? (
              <ChartSkeleton height={300} />
            ) : trendEmpty ? (
              <Empty
                description={l(
                  'Chưa có số liệu đã duyệt của chỉ tiêu này trong 12 quý gần nhất.',
                  'No approved data in the last 12 quarters.',
                )}
              />
            ) : (
              <TrendChart
                points={points}
                seriesName={figure.dxName}
                decimals={figure.decimals}
                uom={figure.uom}
                current={quarters[quarters.length - 1]}
                onFinished={() => mark('trend')}
              />
            )}
          </Card>
        </Col>
        {hasChildren ? (
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={l('So sánh giữa các đơn vị trực thuộc', 'Across the units below')}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {data.period.name}
                </Typography.Text>
              }
              style={{ height: '100%' }}
            >
              {units.isError ? (
                <ErrorState error={units.error} compact onRetry={() => units.refetch()} />
              ) : !unitsLoaded ? (
                <ChartSkeleton height={300} />
              ) : unitValues.length === 0 ? (
                <Empty
                  description={l(
                    'Chưa đơn vị trực thuộc nào có số liệu đã duyệt của chỉ tiêu này trong kỳ.',
                    'No unit below has approved data for this figure in the period.',
                  )}
                />
              ) : (
                <div style={{ maxHeight: 420, overflowY: 'auto', overflowX: 'hidden' }}>
                  <UnitBarChart
                    items={unitValues}
                    seriesName={figure.dxName}
                    decimals={figure.decimals}
                    uom={figure.uom}
                    onPick={onDrill}
                    onFinished={() => mark('units')}
                  />
                </div>
              )}
              {unitsLoaded && missing.length > 0 ? (
                <Tooltip title={missing.map((m) => m.name).join(', ')}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                    {l(
                      `${missing.length} đơn vị trực thuộc chưa có số liệu đã duyệt của chỉ tiêu này.`,
                      `${missing.length} units below have no approved data for this figure.`,
                    )}
                  </Typography.Text>
                </Tooltip>
              ) : null}
            </Card>
          </Col>
        ) : null}
      </Row>
      {hasChildren && unitsLoaded && treemapCount > 0 ? (
        <Card
          size="small"
          title={l('Bản đồ ô theo đơn vị', 'Units as tiles')}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l(
                'Ô lớn và đậm hơn: giá trị cao hơn. Bấm vào ô để xem đơn vị.',
                'Bigger, darker tile: higher value. Click a tile to open the unit.',
              )}
            </Typography.Text>
          }
        >
          <UnitTreemap
            items={unitValues}
            seriesName={figure.dxName}
            decimals={figure.decimals}
            uom={figure.uom}
            height={320}
            onPick={onDrill}
            onFinished={() => mark('map')}
          />
        </Card>
      ) : null}
    </Flex>
  );
}
