/** Line chart of one figure at one unit over the last quarters (lazy chunk: loads ECharts). */
import { formatNumber, periodShortLabel } from '@nhip/contracts';
import { useMemo } from 'react';
import { formatFigure } from '../figures';
import { EChart } from './EChart';
import { type ChartOption, esc, FONT, PRIMARY } from './echarts';

export type TrendPoint = { pe: string; label: string; value: number | null };

export default function TrendChart({
  points,
  seriesName,
  decimals,
  uom,
  current,
  height = 300,
  onFinished,
}: {
  points: TrendPoint[];
  seriesName: string;
  decimals: number | null;
  uom: string | null;
  /** Period id marked on the axis (the quarter the dashboard shows). */
  current?: string;
  height?: number;
  onFinished?: () => void;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      // Drawn at once: the dashboard counts as open when its charts are on screen.
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 8 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = Array.isArray(params) ? params : [params];
          const p = list[0] as { dataIndex: number };
          const pt = points[p.dataIndex];
          if (!pt) return '';
          const v = pt.value === null ? 'chưa có số liệu' : `<b>${esc(formatFigure(pt.value, decimals))}</b>${uom ? ` ${esc(uom)}` : ''}`;
          // A class, not ECharts' own marker: that one is a style attribute, which the page's CSP refuses.
          return `${esc(pt.label)}<br/><span class="nhip-chart-marker"></span> ${esc(seriesName)}: ${v}`;
        },
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: points.map((p) => periodShortLabel(p.pe)),
        axisLabel: {
          color: '#52606d',
          formatter: (v: string, i: number) => (points[i]?.pe === current ? `{cur|${v}}` : v),
          rich: { cur: { color: PRIMARY, fontWeight: 'bold' } },
        },
        axisLine: { lineStyle: { color: '#cbd2d9' } },
      },
      yAxis: {
        type: 'value',
        scale: true,
        name: uom ?? undefined,
        nameTextStyle: { color: '#6b7785', align: 'left' },
        axisLabel: { color: '#52606d', formatter: (v: number) => formatNumber(v, { maxDecimals: 2 }) },
        splitLine: { lineStyle: { color: '#eef1f5' } },
      },
      series: [
        {
          type: 'line',
          name: seriesName,
          data: points.map((p) => p.value),
          connectNulls: false,
          smooth: false,
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { width: 2.5, color: PRIMARY },
          itemStyle: { color: PRIMARY },
          areaStyle: {
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 0,
              y2: 1,
              colorStops: [
                { offset: 0, color: 'rgba(11,92,173,0.18)' },
                { offset: 1, color: 'rgba(11,92,173,0.01)' },
              ],
            },
          },
          markPoint: undefined,
        },
      ],
    }),
    [points, seriesName, decimals, uom, current],
  );
  return (
    <EChart
      option={option}
      height={height}
      onFinished={onFinished}
      testId="dashboard-trend"
      ariaLabel={`${seriesName}: ${points.map((p) => `${p.label} ${p.value === null ? '—' : formatFigure(p.value, decimals)}`).join('; ')}`}
    />
  );
}
