import { describe, expect, it } from 'vitest';
import {
  buildPivot,
  cellDx,
  dimensionStrings,
  type PivotQuery,
  parsePivotQuery,
  pivotProblems,
  pivotQueryToParams,
  placeDim,
  rowSpans,
} from './pivotModel';
import type { AnalyticsGrid } from './types';

const DEFAULTS = { ou: ['VL'], pe: ['LAST_4_QUARTERS'] };

function grid(
  rows: [string, string, string, string][],
  dims: { dx: string[]; ou: string[]; pe: string[] },
  names: Record<string, string> = {},
): AnalyticsGrid {
  const items: Record<string, { name: string }> = {};
  for (const c of [...dims.dx, ...dims.ou, ...dims.pe]) items[c] = { name: names[c] ?? c };
  return { headers: [{ name: 'dx' }, { name: 'ou' }, { name: 'pe' }, { name: 'value' }], rows, metaData: { items, dimensions: dims } };
}

const q = (over: Partial<PivotQuery>): PivotQuery => ({
  dx: ['A'],
  ou: ['VL'],
  pe: ['2025'],
  rows: ['ou'],
  columns: ['pe'],
  includeUnapproved: false,
  hideEmpty: true,
  ...over,
});

describe('pivot in the URL', () => {
  it('reads back what it writes', () => {
    const query = q({
      dx: ['TL_THON_CAPQUANG', 'BTS_VITRI'],
      ou: ['VL', 'LEVEL-2'],
      pe: ['2024', '2025Q1', 'LAST_4_QUARTERS'],
      rows: ['dx', 'ou'],
      columns: ['pe'],
      includeUnapproved: true,
      hideEmpty: false,
    });
    expect(parsePivotQuery(pivotQueryToParams(query), DEFAULTS)).toEqual(query);
  });

  it('puts units on rows and periods on columns when no layout is given, with the default units and periods', () => {
    const p = parsePivotQuery(new URLSearchParams('dx=A'), DEFAULTS);
    expect(p).toMatchObject({
      dx: ['A'],
      ou: ['VL'],
      pe: ['LAST_4_QUARTERS'],
      rows: ['ou'],
      columns: ['pe'],
      hideEmpty: true,
      includeUnapproved: false,
    });
  });

  it('drops malformed items, duplicates and a dimension named twice in the layout', () => {
    const p = parsePivotQuery(
      new URLSearchParams('dx=A;A;b%20c;<x>&ou=VL;LEVEL-x;LEVEL-3&pe=2025;2025Q9;THIS_YEAR;NEXT_YEAR&rows=ou,pe,zz&cols=pe,dx'),
      DEFAULTS,
    );
    expect(p.dx).toEqual(['A']);
    expect(p.ou).toEqual(['VL', 'LEVEL-3']);
    expect(p.pe).toEqual(['2025', 'THIS_YEAR']);
    expect(p.rows).toEqual(['ou', 'pe']);
    expect(p.columns).toEqual(['dx']);
  });

  it('moves a dimension between rows, columns and filters', () => {
    const base = q({ rows: ['ou'], columns: ['pe'] });
    expect(placeDim(base, 'dx', 'rows')).toMatchObject({ rows: ['ou', 'dx'], columns: ['pe'] });
    expect(placeDim(base, 'pe', 'filter')).toMatchObject({ rows: ['ou'], columns: [] });
    expect(placeDim(base, 'ou', 'columns')).toMatchObject({ rows: [], columns: ['pe', 'ou'] });
  });

  it('says what is missing before asking the server', () => {
    expect(pivotProblems(q({ dx: [] }))).toEqual([{ kind: 'missing', dim: 'dx' }]);
    expect(pivotProblems(q({ rows: [], columns: ['pe', 'ou'] }))).toEqual([{ kind: 'noRows' }]);
    expect(pivotProblems(q({}))).toEqual([]);
    expect(dimensionStrings(q({ dx: ['A', 'B'], ou: ['VL', 'LEVEL-2'], pe: ['2024', '2025'] }))).toEqual([
      'dx:A;B',
      'ou:VL;LEVEL-2',
      'pe:2024;2025',
    ]);
  });
});

describe('pivot layout of an analytics grid', () => {
  const g = grid(
    [
      ['A', 'VL', '2024', '1386'],
      ['A', 'VL', '2025', '1438'],
      ['A', 'X2', '2025', '175'],
      ['B', 'VL', '2025', '97.9'],
      ['B', 'X1', '2025', '100'],
    ],
    { dx: ['B', 'A'], ou: ['VL', 'X1', 'X2', 'X3'], pe: ['2025', '2024'] },
    { VL: 'Tỉnh Vân Lĩnh', X1: 'Xã Đồng Lạc', X2: 'Xã Bạch Lâm', X3: 'Xã Đa Phúc' },
  );

  it('units on rows (asked first, then in Vietnamese order), periods on columns by date, figure as filter', () => {
    const m = buildPivot(g, q({ dx: ['A'], ou: ['VL', 'LEVEL-2'], rows: ['ou'], columns: ['pe'] }));
    // The grid holds two figures, so the filter is flagged: the page asks to move the figure to rows or columns.
    expect(m.problems).toEqual([{ kind: 'filterMany', dim: 'dx', count: 2 }]);
    const one = buildPivot(
      { ...g, rows: g.rows.filter((r) => r[0] === 'A'), metaData: { ...g.metaData, dimensions: { ...g.metaData.dimensions, dx: ['A'] } } },
      q({ dx: ['A'], ou: ['VL', 'LEVEL-2'] }),
    );
    expect(one.filters).toEqual([{ dim: 'dx', items: [{ code: 'A', name: 'A' }] }]);
    expect(one.problems).toEqual([]);
    expect(one.columns.map((c) => c.key)).toEqual(['2024', '2025']);
    // Empty rows (Xã Đồng Lạc, Xã Đa Phúc have no value of A) are left out; Bạch Lâm before Đa Phúc before Đồng Lạc.
    expect(one.rows.map((r) => [r.path[0]?.name, ...r.values])).toEqual([
      ['Tỉnh Vân Lĩnh', '1386', '1438'],
      ['Xã Bạch Lâm', null, '175'],
    ]);
    const onlyA = {
      ...g,
      rows: g.rows.filter((r) => r[0] === 'A'),
      metaData: { ...g.metaData, dimensions: { ...g.metaData.dimensions, dx: ['A'] } },
    };
    const all = buildPivot(onlyA, q({ dx: ['A'], ou: ['VL'], hideEmpty: false }));
    expect(all.rows.map((r) => r.path[0]?.name)).toEqual(['Tỉnh Vân Lĩnh', 'Xã Bạch Lâm', 'Xã Đa Phúc', 'Xã Đồng Lạc']);
  });

  it('two dimensions on rows; the figure of each cell comes from its row', () => {
    const m = buildPivot(g, q({ dx: ['A', 'B'], rows: ['dx', 'ou'], columns: ['pe'] }));
    expect(m.filters).toEqual([]);
    expect(m.rows.map((r) => r.key)).toEqual(['A|VL', 'A|X2', 'B|VL', 'B|X1']);
    expect(m.rows.map((r) => r.values)).toEqual([
      ['1386', '1438'],
      [null, '175'],
      [null, '97.9'],
      [null, '100'],
    ]);
    expect(cellDx(m, m.rows[2]!.path, m.columns[1]!.path)).toBe('B');
    expect(
      rowSpans(
        m.rows.map((r) => r.path),
        0,
      ),
    ).toEqual([2, 0, 2, 0]);
    expect(
      rowSpans(
        m.rows.map((r) => r.path),
        1,
      ),
    ).toEqual([1, 1, 1, 1]);
  });

  it('a period as filter picks that period only; empty columns are dropped', () => {
    const g2 = grid(
      [
        ['A', 'VL', '2025', '5'],
        ['B', 'X1', '2025', '7'],
      ],
      { dx: ['A', 'B'], ou: ['VL', 'X1'], pe: ['2025'] },
    );
    const m = buildPivot(g2, q({ dx: ['A', 'B'], rows: ['ou'], columns: ['dx'] }));
    expect(m.filters).toEqual([{ dim: 'pe', items: [{ code: '2025', name: '2025' }] }]);
    expect(m.columns.map((c) => c.key)).toEqual(['A', 'B']);
    expect(m.rows.map((r) => r.values)).toEqual([
      ['5', null],
      [null, '7'],
    ]);
    expect(cellDx(m, m.rows[0]!.path, m.columns[1]!.path)).toBe('B');
  });

  it('nothing on columns gives one value column', () => {
    const m = buildPivot(g, q({ dx: ['A', 'B'], pe: ['2024', '2025'], rows: ['dx', 'ou', 'pe'], columns: [] }));
    expect(m.columns).toEqual([{ key: 'value', path: [] }]);
    expect(m.rows.map((r) => [r.key, r.values[0]])).toEqual([
      ['A|VL|2024', '1386'],
      ['A|VL|2025', '1438'],
      ['A|X2|2025', '175'],
      ['B|VL|2025', '97.9'],
      ['B|X1|2025', '100'],
    ]);
    expect(
      rowSpans(
        m.rows.map((r) => r.path),
        0,
      ),
    ).toEqual([3, 0, 0, 2, 0]);
    expect(
      rowSpans(
        m.rows.map((r) => r.path),
        1,
      ),
    ).toEqual([2, 0, 1, 1, 1]);
  });
});
