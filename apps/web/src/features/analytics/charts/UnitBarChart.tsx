/** Horizontal bars of one figure across the units one level down; a click drills into the unit. */
import { formatNumber } from '@nhip/contracts';
import { useMemo } from 'react';
import { formatFigure } from '../figures';
import { EChart } from './EChart';
import { type ChartOption, esc, FONT, PRIMARY } from './echarts';

export type UnitValue = { code: string; name: string; value: number };

export default function UnitBarChart({
  items,
  seriesName,
  decimals,
  uom,
  onPick,
  onFinished,
}: {
  /** Largest first. */
  items: UnitValue[];
  seriesName: string;
  decimals: number | null;
  uom: string | null;
  onPick?: (code: string) => void;
  onFinished?: () => void;
}) {
  const height = Math.max(180, items.length * 30 + 40);
  const option = useMemo<ChartOption>(() => {
    const rows = [...items].reverse(); // ECharts draws the first category at the bottom
    return {
      textStyle: { fontFamily: FONT },
      // Drawn at once: the dashboard counts as open when its charts are on screen.
      animation: false,
      grid: { left: 8, right: 64, top: 8, bottom: 8 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const it = rows[(p as { dataIndex: number }).dataIndex];
          if (!it) return '';
          return `${esc(it.name)}<br/>${esc(seriesName)}: <b>${esc(formatFigure(it.value, decimals))}</b>${uom ? ` ${esc(uom)}` : ''}`;
        },
      },
      xAxis: {
        type: 'value',
        axisLabel: { color: '#52606d', formatter: (v: number) => formatNumber(v, { maxDecimals: 2 }) },
        splitLine: { lineStyle: { color: '#eef1f5' } },
      },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { color: '#243b53', width: 190, overflow: 'truncate' },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd2d9' } },
      },
      series: [
        {
          type: 'bar',
          name: seriesName,
          data: rows.map((r) => r.value),
          barMaxWidth: 18,
          itemStyle: { color: PRIMARY, borderRadius: [0, 3, 3, 0] },
          emphasis: { itemStyle: { color: '#1677c9' } },
          label: {
            show: true,
            position: 'right',
            color: '#334e68',
            formatter: (p: { value: unknown }) => formatFigure(Number(p.value), decimals),
          },
        },
      ],
    };
  }, [items, seriesName, decimals, uom]);
  return (
    <EChart
      option={option}
      height={height}
      onClick={
        onPick
          ? (e) => {
              const it = [...items].reverse()[e.dataIndex];
              if (it) onPick(it.code);
            }
          : undefined
      }
      onFinished={onFinished}
      testId="dashboard-bars"
      ariaLabel={`${seriesName}: ${items.map((i) => `${i.name} ${formatFigure(i.value, decimals)}`).join('; ')}`}
    />
  );
}
