import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, type TestServer, loginAs } from '../../test/server.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { PIVOT_SHEET } from './pivot.xlsx.js';

/** The demo province (Vân Lĩnh) as of 22/11/2026: the directorate's dashboard and a pivot export across the 2025 reform. */
let s: TestServer;
let office: { cookie: string };
let director: { cookie: string };
const TODAY = '2026-11-22';

beforeAll(async () => {
  s = await demoTestServer({ today: TODAY });
  office = await loginAs(s.app, 'vanphong', DEMO_PASSWORD);
  director = await loginAs(s.app, 'giamdoc', DEMO_PASSWORD);
}, 180_000);
afterAll(() => s?.close());

type Item = Record<string, unknown> & { dx: string; value: number | null; lastYear: { value: number | null; basis: string; predecessors?: { code: string }[] } };
type Dash = { period: { id: string }; unit: { code: string; children: { code: string; type: string }[]; path: { code: string }[] }; sectors: { code: string; figures: Item[] }[]; completeness: Record<string, number | string>[] };

const dash = async (qs = ''): Promise<Dash> => {
  const r = await s.app.inject({ method: 'GET', url: `/api/dashboard${qs}`, headers: director });
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  return r.json();
};

async function expectCompareEqual(d: Dash) {
  for (const sector of d.sectors) {
    const r = await s.app.inject({ method: 'GET', url: `/api/analytics/compare?dx=${sector.figures.map((f) => f.dx).join(';')}&ou=${d.unit.code}&pe=${d.period.id}`, headers: office });
    expect(r.statusCode, r.body).toBe(200);
    expect(sector.figures.map(({ uom: _u, decimals: _d, kind: _k, ...rest }) => rest)).toEqual(r.json().items);
  }
}

describe('dashboard of the demo province', () => {
  it('opens for the director on the province and the last quarter, with figures, children and open rounds', async () => {
    // (its speed is measured in bench/, not asserted here)
    const d = await dash();
    // Quý III/2026 ended, but most of its reports are still awaiting approval in the demo: the dashboard opens
    // on the latest quarter whose reports are at least 80 % approved
    expect(d.period.id).toBe('2026Q2');
    const q3 = await dash('?period=2026Q3');
    expect(q3.period.id).toBe('2026Q3');
    expect(d.unit.code).toBe('VL');
    expect(d.unit.children.filter((c) => c.type === 'commune').length).toBeGreaterThan(5);
    expect(d.unit.children.some((c) => c.type === 'district')).toBe(false); // abolished on 01/07/2025
    expect(d.sectors.length).toBeGreaterThan(4);
    for (const x of d.sectors) expect(x.figures.length).toBeLessThanOrEqual(8);
    expect(d.sectors.flatMap((x) => x.figures).filter((f) => f.value !== null).length).toBeGreaterThan(20);
    expect(d.completeness.length).toBeGreaterThan(0);
    for (const c of d.completeness) {
      expect(Number(c.submitted)).toBeLessThanOrEqual(Number(c.expected));
      expect(Number(c.approved)).toBeLessThanOrEqual(Number(c.submitted));
    }
    await expectCompareEqual(d);
  }, 60_000);

  it('judges the "less is better" figures their way: fewer broken loudspeakers, incidents under their ceiling', async () => {
    const d = await dash();
    const all = d.sectors.flatMap((x) => x.figures);
    expect(all.filter((f) => f.better === 'lower').map((f) => f.dx).sort()).toEqual(['ATTT_SUCO', 'TT_CUMLOA_HONG']);
    // 43 → 36 broken clusters: a fall, which is good news here
    expect(all.find((f) => f.dx === 'TT_CUMLOA_HONG')).toMatchObject({ value: 36, previous: { value: 43 }, changePrevPct: -16.28 });
    // 5 incidents against a ceiling of 24 a year (6 a quarter): 83.33 % of it used → better than planned
    expect(all.find((f) => f.dx === 'ATTT_SUCO')).toMatchObject({
      value: 5, target: { year: 2026, value: 24, periodValue: 6, proRata: true }, achievementPct: 83.33, achievement: 'Vượt',
    });
    // Q4 2025: 7 incidents against 27 ÷ 4 = 6.75 → above the ceiling
    const q4 = (await dash('?period=2025Q4')).sectors.flatMap((x) => x.figures).find((f) => f.dx === 'ATTT_SUCO')!;
    expect(q4).toMatchObject({ value: 7, achievementPct: 103.7, achievement: 'Không đạt' });
  }, 60_000);

  it('before the reform the province\'s children are the districts', async () => {
    const d = await dash('?period=2024Q3');
    expect(d.unit.children.filter((c) => c.type === 'district')).toHaveLength(8);
    expect(d.unit.children.some((c) => c.type === 'commune')).toBe(false);
  }, 60_000);

  it('drills into a radio station formed by a merge: last year is the sum of the stations it replaced', async () => {
    const d = await dash('?ou=VL-X03-DTT&period=2025Q3');
    expect(d.unit.path.map((p) => p.code)).toEqual(['VL', 'VL-X03', 'VL-X03-DTT']);
    const pttt = d.sectors.find((x) => x.code === 'PTTT')!;
    const loa = pttt.figures.find((f) => f.dx === 'TT_CUMLOA_HD')!;
    expect(loa.lastYear.basis).toBe('predecessors');
    const preds = loa.lastYear.predecessors!.map((p) => p.code);
    expect(preds).toEqual(['VL-H02-X01-DTT', 'VL-H02-X02-DTT', 'VL-H02-X03-DTT']);
    const r = await s.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:TT_CUMLOA_HD&dimension=ou:${preds.join(';')}&dimension=pe:2024Q3`, headers: office });
    const sum = (r.json().rows as string[][]).reduce((a, row) => a + Number(row[3]), 0);
    expect(sum).toBeGreaterThan(0);
    expect(loa.lastYear.value).toBe(sum);
    await expectCompareEqual(d);
  }, 60_000);

  it('exports a pivot of the communes over two years to .xlsx with the analytics API\'s figures', async () => {
    const dimension = ['dx:HS_TTHC_TONG', 'ou:LEVEL-2', 'pe:2024;2025'];
    const r = await s.app.inject({ method: 'POST', url: '/api/analytics/pivot.xlsx', headers: office, payload: { dimension, rows: ['ou'], columns: ['pe'] } });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(PIVOT_SHEET)!;
    const api = await s.app.inject({ method: 'GET', url: `/api/analytics?${dimension.map((x) => `dimension=${encodeURIComponent(x)}`).join('&')}`, headers: office });
    const grid = api.json() as { rows: string[][]; metaData: { items: Record<string, { name: string }> } };
    const byName = new Map<string, number>();
    for (const [, ou, pe, v] of grid.rows) byName.set(`${grid.metaData.items[ou!]!.name}|${pe}`, Number(v));
    let seen = 0;
    for (let row = 1; row <= ws.rowCount; row++) {
      const name = ws.getCell(row, 1).value;
      for (const [j, pe] of ['2024', '2025'].entries()) {
        const want = byName.get(`${name}|${pe}`);
        if (want === undefined) continue;
        expect(ws.getCell(row, 2 + j).value, `${name} ${pe}`).toBe(want);
        seen++;
      }
    }
    expect(seen).toBe(grid.rows.length);
    expect(seen).toBeGreaterThan(10);
  }, 60_000);
});
