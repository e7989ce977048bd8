/**
 * A chart: one ECharts instance on a div, resized with its box, disposed with the component. Reports
 * `onFinished` once the first rendering is done (the dashboard's "ready" signal) and clicks on data.
 */
import { type CSSProperties, useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

export type ChartClick = { name: string; dataIndex: number; data: unknown };

export function EChart({
  option,
  height,
  onClick,
  onFinished,
  ariaLabel,
  testId,
  style,
}: {
  option: ChartOption;
  height: number;
  onClick?: (e: ChartClick) => void;
  onFinished?: () => void;
  ariaLabel: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onFinished });
  handlers.current = { onClick, onFinished };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const inst = echarts.init(el, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.current = inst;
    inst.on('click', (e) => {
      const ev = e as unknown as ChartClick;
      handlers.current.onClick?.({ name: ev.name, dataIndex: ev.dataIndex, data: ev.data });
    });
    inst.on('finished', () => {
      el.dataset.ready = 'true';
      handlers.current.onFinished?.();
    });
    const ro = new ResizeObserver(() => inst.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      inst.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
}
