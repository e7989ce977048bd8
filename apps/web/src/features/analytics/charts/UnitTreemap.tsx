/**
 * Units one level down as tiles sized and shaded by one figure: the "map" of the province where no map
 * of its new communes can be had. A click on a tile drills into the unit.
 */
import { useMemo } from 'react';
import { formatFigure } from '../figures';
import { EChart } from './EChart';
import { type ChartOption, esc, FONT } from './echarts';
import type { UnitValue } from './UnitBarChart';

export default function UnitTreemap({
  items,
  seriesName,
  decimals,
  uom,
  height = 300,
  onPick,
  onFinished,
}: {
  items: UnitValue[];
  seriesName: string;
  decimals: number | null;
  uom: string | null;
  height?: number;
  onPick?: (code: string) => void;
  onFinished?: () => void;
}) {
  const tiles = useMemo(() => items.filter((i) => i.value > 0), [items]);
  const option = useMemo<ChartOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      // Drawn at once: the dashboard counts as open when its charts are on screen.
      animation: false,
      tooltip: {
        formatter: (p: unknown) => {
          const code = (p as { data?: { code?: string } }).data?.code;
          const it = tiles.find((t) => t.code === code);
          if (!it) return '';
          return `${esc(it.name)}<br/>${esc(seriesName)}: <b>${esc(formatFigure(it.value, decimals))}</b>${uom ? ` ${esc(uom)}` : ''}`;
        },
      },
      series: [
        {
          type: 'treemap',
          name: seriesName,
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          left: 0,
          right: 0,
          top: 0,
          bottom: 0,
          // One level of tiles, shaded from light to the primary blue by value.
          levels: [
            {
              color: ['#8dbbe6', '#0b5cad'],
              colorMappingBy: 'value',
              visualMin: Math.min(...tiles.map((t) => t.value)),
              visualMax: Math.max(...tiles.map((t) => t.value)) + (tiles.length === 1 ? 1 : 0),
              itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
            },
          ],
          label: {
            show: true,
            position: 'insideTopLeft',
            // 'break' drops the line break of rich text (ECharts 6): long names are cut with an ellipsis instead.
            overflow: 'truncate',
            ellipsis: '…',
            formatter: (p: { name: string; value: unknown }) => `{n|${p.name}}\n{v|${formatFigure(Number(p.value), decimals)}}`,
            rich: {
              n: { fontSize: 12, color: '#fff', lineHeight: 18 },
              v: { fontSize: 15, fontWeight: 'bold', color: '#fff', lineHeight: 22 },
            },
          },
          data: tiles.map((t) => ({ name: t.name, value: t.value, code: t.code })),
        },
      ],
    }),
    [tiles, seriesName, decimals, uom],
  );
  return (
    <EChart
      option={option}
      height={height}
      onClick={
        onPick
          ? (e) => {
              const code = (e.data as { code?: string } | null)?.code;
              if (code) onPick(code);
            }
          : undefined
      }
      onFinished={onFinished}
      testId="dashboard-treemap"
      ariaLabel={`${seriesName}: ${tiles.map((i) => `${i.name} ${formatFigure(i.value, decimals)}`).join('; ')}`}
    />
  );
}
