/**
 * A pivot table over an analytics answer: each of dx, ou, pe goes to the rows, to the columns, or is a filter.
 * A filter dimension must hold exactly one item once resolved (a LEVEL-n or a relative period may stand for
 * several), since its items would otherwise be added up, which the engine's aggregation rules forbid.
 * Values are the analytics API's, shown exactly as GET /api/analytics shows them (same rounding).
 */
import { formatDate, formatNumber } from '@nhip/contracts';
import { badRequest } from '../../platform/errors.js';
import type { AnalyticsResult } from '../analytics/analytics.engine.js';
import { formatValue } from '../analytics/analytics.presenter.js';

export const DIMENSIONS = ['dx', 'ou', 'pe'] as const;
export type Dim = (typeof DIMENSIONS)[number];
export const DIM_LABELS: Record<Dim, string> = { dx: 'Chỉ tiêu', ou: 'Đơn vị', pe: 'Kỳ' };

/** Excel's last column is XFD (16,384). */
export const MAX_COLUMNS = 16_384;

export type PivotLayout = { rows: Dim[]; columns: Dim[]; filters: Dim[] };

/** Rows and columns as asked; every other dimension a filter. A dimension named twice → 400. */
export function pivotLayout(rows: Dim[], columns: Dim[]): PivotLayout {
  const seen = new Set<Dim>();
  for (const d of [...rows, ...columns]) {
    if (seen.has(d)) {
      const where = rows.includes(d) && columns.includes(d) ? 'vừa ở hàng vừa ở cột' : 'được chọn hai lần';
      throw badRequest(`Chiều "${d}" (${DIM_LABELS[d].toLowerCase()}) ${where}; mỗi chiều chỉ ở hàng, ở cột hoặc làm bộ lọc.`);
    }
    seen.add(d);
  }
  return { rows, columns, filters: DIMENSIONS.filter((d) => !seen.has(d)) };
}

export type PivotCell = { value: number; decimals: number | null };

export type PivotTable = {
  layout: PivotLayout;
  /** 'Kỳ: Năm 2025', then what the figures are and the date. */
  notes: string[];
  /** One key (codes, in layout.rows order) per row; [[]] when no dimension is on the rows. */
  rowKeys: string[][];
  colKeys: string[][];
  name: (code: string) => string;
  cell: (rowKey: string[], colKey: string[]) => PivotCell | null;
};

function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

export function buildPivot(result: AnalyticsResult, layout: PivotLayout, o: { includeUnapproved: boolean; today: string }): PivotTable {
  const items = (d: Dim) => result.dimensions[d];
  for (const d of layout.filters) {
    const n = items(d).length;
    if (n !== 1) {
      throw badRequest(
        `Chiều "${d}" (${DIM_LABELS[d].toLowerCase()}) là bộ lọc nên phải có đúng một mục, nhưng đang có ${formatNumber(n)}: hãy đưa chiều này vào hàng hoặc cột, hoặc chọn một mục.`,
      );
    }
  }
  const name = (code: string) => result.items[code]?.name ?? code;
  const rowKeys = product(layout.rows.map(items));
  const colKeys = product(layout.columns.map(items));
  if (colKeys.length + layout.rows.length > MAX_COLUMNS) {
    throw badRequest(`Bảng có ${formatNumber(colKeys.length)} cột, quá số cột Excel cho phép (${formatNumber(MAX_COLUMNS)}): hãy đưa bớt chiều sang hàng.`);
  }
  const values = new Map<string, PivotCell>();
  for (const r of result.rows) values.set(`${r.dx}|${r.ou}|${r.pe}`, { value: Number(formatValue(r.value, r.decimals)), decimals: r.decimals });
  const fixed: Partial<Record<Dim, string>> = {};
  for (const d of layout.filters) fixed[d] = items(d)[0]!;
  const cell = (rowKey: string[], colKey: string[]): PivotCell | null => {
    const at: Partial<Record<Dim, string>> = { ...fixed };
    layout.rows.forEach((d, i) => { at[d] = rowKey[i]; });
    layout.columns.forEach((d, i) => { at[d] = colKey[i]; });
    return values.get(`${at.dx}|${at.ou}|${at.pe}`) ?? null;
  };
  const notes = [
    ...layout.filters.map((d) => `${DIM_LABELS[d]}: ${name(fixed[d]!)}`),
    o.includeUnapproved ? 'Số liệu: gồm cả số liệu chưa phê duyệt' : 'Số liệu: đã phê duyệt',
    `Ngày lập: ${formatDate(o.today)}`,
  ];
  return { layout, notes, rowKeys, colKeys, name, cell };
}
