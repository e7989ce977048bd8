/**
 * The pivot table as data: what is asked (items per dimension, which dimension goes on rows, on columns
 * or as a filter), how that is written in the URL, and how an analytics grid becomes rows × columns.
 * Pure functions, tested in pivotModel.test.ts.
 */
import { comparePeriods, compareVi, isRelativePeriodKeyword, parsePeriod } from '@nhip/contracts';
import type { AnalyticsGrid, Dim } from './types';

export const DIMS: Dim[] = ['dx', 'ou', 'pe'];

export type PivotQuery = {
  dx: string[];
  /** Unit codes and `LEVEL-n` (every unit at level n under the units named, or in the caller's scope). */
  ou: string[];
  /** Period ids and relative keywords. */
  pe: string[];
  rows: Dim[];
  columns: Dim[];
  includeUnapproved: boolean;
  /** Rows and columns without any value are left out (on by default). */
  hideEmpty: boolean;
};

const CODE_RE = /^[A-Za-z0-9_.-]{1,100}$/;
const LEVEL_RE = /^LEVEL-(\d{1,2})$/;

function list(raw: string | null, keep: (s: string) => boolean): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '' && keep(s)),
    ),
  ];
}

function dims(raw: string | null): Dim[] {
  return [...new Set((raw ?? '').split(',').filter((d): d is Dim => (DIMS as string[]).includes(d)))];
}

export const isLevelItem = (s: string) => LEVEL_RE.test(s);
export const levelOf = (s: string): number | null => {
  const m = LEVEL_RE.exec(s);
  return m ? Number(m[1]) : null;
};

/**
 * Reads the pivot from the URL: `?dx=A;B&ou=VL;LEVEL-2&pe=2024;2025&rows=ou&cols=pe`. Unknown pieces are
 * dropped; a dimension named on both rows and columns stays on rows; without any layout, units go on
 * rows, periods on columns and the figure is the filter.
 */
export function parsePivotQuery(sp: URLSearchParams, defaults: { ou: string[]; pe: string[] }): PivotQuery {
  const dx = list(sp.get('dx'), (s) => CODE_RE.test(s));
  const ouRaw = sp.get('ou');
  const ou = ouRaw === null ? defaults.ou : list(ouRaw, (s) => isLevelItem(s) || (CODE_RE.test(s) && !s.startsWith('LEVEL')));
  const peRaw = sp.get('pe');
  const pe = peRaw === null ? defaults.pe : list(peRaw, (s) => isRelativePeriodKeyword(s) || !!parsePeriod(s));
  let rows = dims(sp.get('rows'));
  let columns = dims(sp.get('cols')).filter((d) => !rows.includes(d));
  if (!sp.has('rows') && !sp.has('cols')) {
    rows = ['ou'];
    columns = ['pe'];
  }
  return {
    dx,
    ou,
    pe,
    rows,
    columns,
    includeUnapproved: sp.get('unapproved') === '1',
    hideEmpty: sp.get('empty') !== '1',
  };
}

/** The URL form of a pivot (the inverse of parsePivotQuery). */
export function pivotQueryToParams(q: PivotQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.dx.length) p.set('dx', q.dx.join(';'));
  p.set('ou', q.ou.join(';'));
  p.set('pe', q.pe.join(';'));
  p.set('rows', q.rows.join(','));
  p.set('cols', q.columns.join(','));
  if (q.includeUnapproved) p.set('unapproved', '1');
  if (!q.hideEmpty) p.set('empty', '1');
  return p;
}

export const filtersOf = (q: Pick<PivotQuery, 'rows' | 'columns'>): Dim[] =>
  DIMS.filter((d) => !q.rows.includes(d) && !q.columns.includes(d));

/** Puts a dimension on rows, on columns or among the filters, keeping the others where they are. */
export function placeDim(q: PivotQuery, dim: Dim, where: 'rows' | 'columns' | 'filter'): PivotQuery {
  const rows = q.rows.filter((d) => d !== dim);
  const columns = q.columns.filter((d) => d !== dim);
  if (where === 'rows') rows.push(dim);
  if (where === 'columns') columns.push(dim);
  return { ...q, rows, columns };
}

/** The `dimension` values of GET /api/analytics and POST /api/analytics/pivot.xlsx. */
export function dimensionStrings(q: Pick<PivotQuery, 'dx' | 'ou' | 'pe'>): string[] {
  return [`dx:${q.dx.join(';')}`, `ou:${q.ou.join(';')}`, `pe:${q.pe.join(';')}`];
}

export type PivotProblem = { kind: 'missing'; dim: Dim } | { kind: 'noRows' } | { kind: 'filterMany'; dim: Dim; count: number };

/** What keeps the pivot from being asked (before the server resolves levels and relative periods). */
export function pivotProblems(q: PivotQuery): PivotProblem[] {
  const out: PivotProblem[] = [];
  for (const d of DIMS) if (q[d].length === 0) out.push({ kind: 'missing', dim: d });
  if (q.rows.length === 0) out.push({ kind: 'noRows' });
  return out;
}

export type Item = { code: string; name: string };

export type PivotTableModel = {
  rowDims: Dim[];
  colDims: Dim[];
  filters: { dim: Dim; items: Item[] }[];
  /** One per column: the items along the column dimensions. */
  columns: { key: string; path: Item[] }[];
  rows: { key: string; path: Item[]; values: (string | null)[] }[];
  /** Filter dimensions that resolved to more than one item. */
  problems: PivotProblem[];
};

function cartesian(lists: Item[][]): Item[][] {
  return lists.reduce<Item[][]>((acc, items) => acc.flatMap((prefix) => items.map((it) => [...prefix, it])), [[]]);
}

/**
 * Orders each dimension's resolved items: figures as asked, units as asked first then the rest in
 * Vietnamese order of their names, periods by date (longer periods after the ones they start with).
 */
export function orderedItems(grid: AnalyticsGrid, q: Pick<PivotQuery, 'dx' | 'ou'>): Record<Dim, Item[]> {
  const name = (c: string) => grid.metaData.items[c]?.name ?? c;
  const rank = (asked: string[], c: string) => {
    const i = asked.indexOf(c);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const dx = [...grid.metaData.dimensions.dx].sort((a, b) => rank(q.dx, a) - rank(q.dx, b));
  const ou = [...grid.metaData.dimensions.ou].sort((a, b) => rank(q.ou, a) - rank(q.ou, b) || compareVi(name(a), name(b)));
  const pe = [...grid.metaData.dimensions.pe].sort((a, b) => {
    const pa = parsePeriod(a);
    const pb = parsePeriod(b);
    return pa && pb ? comparePeriods(pa, pb) : a.localeCompare(b);
  });
  const items = (codes: string[]) => codes.map((code) => ({ code, name: name(code) }));
  return { dx: items(dx), ou: items(ou), pe: items(pe) };
}

/** Lays an analytics grid out as the pivot asks. */
export function buildPivot(grid: AnalyticsGrid, q: PivotQuery): PivotTableModel {
  const items = orderedItems(grid, q);
  const filterDims = filtersOf(q);
  const problems: PivotProblem[] = [];
  for (const d of filterDims) if (items[d].length !== 1) problems.push({ kind: 'filterMany', dim: d, count: items[d].length });
  const idx = { dx: 0, ou: 1, pe: 2 } as const;
  const values = new Map<string, string>();
  for (const r of grid.rows) values.set(`${r[0]}|${r[1]}|${r[2]}`, r[3]);

  const fixed: Partial<Record<Dim, string>> = {};
  for (const d of filterDims) fixed[d] = items[d][0]?.code;

  let colPaths = cartesian(q.columns.map((d) => items[d]));
  let rowPaths = cartesian(q.rows.map((d) => items[d]));
  const valueAt = (rowPath: Item[], colPath: Item[]): string | null => {
    const key: string[] = ['', '', ''];
    for (const d of filterDims) key[idx[d]] = fixed[d] ?? '';
    q.rows.forEach((d, i) => {
      key[idx[d]] = rowPath[i]?.code ?? '';
    });
    q.columns.forEach((d, i) => {
      key[idx[d]] = colPath[i]?.code ?? '';
    });
    return values.get(key.join('|')) ?? null;
  };
  if (q.hideEmpty) {
    rowPaths = rowPaths.filter((rp) => colPaths.some((cp) => valueAt(rp, cp) !== null));
    colPaths = colPaths.filter((cp) => rowPaths.some((rp) => valueAt(rp, cp) !== null));
  }
  return {
    rowDims: q.rows,
    colDims: q.columns,
    filters: filterDims.map((d) => ({ dim: d, items: items[d] })),
    columns: colPaths.map((path) => ({ key: path.map((p) => p.code).join('|') || 'value', path })),
    rows: rowPaths.map((path) => ({
      key: path.map((p) => p.code).join('|'),
      path,
      values: colPaths.map((cp) => valueAt(path, cp)),
    })),
    problems,
  };
}

/** The figure (dx code) a cell shows: from its row, its column or the filter. */
export function cellDx(model: PivotTableModel, rowPath: Item[], colPath: Item[]): string | undefined {
  const r = model.rowDims.indexOf('dx');
  if (r >= 0) return rowPath[r]?.code;
  const c = model.colDims.indexOf('dx');
  if (c >= 0) return colPath[c]?.code;
  return model.filters.find((f) => f.dim === 'dx')?.items[0]?.code;
}

/** rowSpan of the row-header cell at (row, level): merged down while the path prefix is the same. */
export function rowSpans(paths: Item[][], level: number): number[] {
  const spans = new Array<number>(paths.length).fill(0);
  const same = (a: Item[], b: Item[]) => a.slice(0, level + 1).every((it, i) => it.code === b[i]?.code);
  let start = 0;
  for (let i = 1; i <= paths.length; i++) {
    if (i === paths.length || !same(paths[i] as Item[], paths[start] as Item[])) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}
