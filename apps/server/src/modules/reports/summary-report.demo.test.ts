import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, type TestServer, loginAs } from '../../test/server.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { renderSummaryReportHtml } from '../documents/summary-report.html.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { DOCX_MIME } from './reports.routes.js';
import { GENERAL_SECTOR, assembleSummaryReport } from './summary-report.service.js';

/** The demo province (Vân Lĩnh), seeded as of 22/11/2026: the 2025 annual report spans the commune reform. */
let s: TestServer;
let office: { cookie: string };
const TODAY = '2026-11-22';

beforeAll(async () => {
  s = await demoTestServer({ today: TODAY });
  office = await loginAs(s.app, 'vanphong', DEMO_PASSWORD);
}, 180_000);
afterAll(() => s?.close());

describe('draft summary report of the demo province', () => {
  it('a ceiling (less is better) shows its plan but no "% thực hiện": 17 incidents of at most 27 is not "63,0%"', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025', today: TODAY });
    const lower = new Set((await s.db.query<{ name: string }>(`SELECT name FROM data_elements WHERE better = 'lower' UNION ALL SELECT name FROM indicators WHERE better = 'lower'`)).map((r) => r.name));
    const withTarget = input.sectors.flatMap((x) => x.figures).filter((f) => f.target !== null);
    const ceilings = withTarget.filter((f) => lower.has(f.name));
    expect(ceilings.length, 'the demo has a ceiling with a target').toBeGreaterThan(0);
    for (const f of ceilings) expect(f.achievedPct, f.name).toBeNull();
    for (const f of withTarget.filter((x) => !lower.has(x.name))) expect(f.achievedPct, f.name).toBeCloseTo((f.current! / f.target!) * 100, 6);
  });

  it('assembles the 2025 annual report and its .docx in time; every key figure equals the analytics API', async () => {
    const started = performance.now();
    const input = await assembleSummaryReport(s.db, { period: '2025', today: TODAY });
    const docx = await buildSummaryReportDocx(input);
    const ms = Math.round(performance.now() - started);
    console.info(`report: demo province annual report 2025 (assemble + docx) ${ms} ms, ${docx.length} bytes`);
    expect(ms).toBeLessThan(10_000);

    expect(input.issuer).toBe('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(input.sectors.length).toBeGreaterThan(2);
    // units' own paragraphs, and what several said alike said once for them (a block without a unit's name)
    expect(input.sectors.flatMap((x) => x.narrative).filter((b) => b.unitName).length).toBeGreaterThan(0);
    expect(input.sectors.flatMap((x) => x.narrative).filter((b) => !b.unitName).length).toBeGreaterThan(2);
    expect(input.difficulties.some((d) => d.points.some((p) => p.units.length > 1))).toBe(true);
    expect(input.appendix.length).toBeGreaterThan(0);

    const byName = new Map<string, string[]>();
    for (const r of await s.db.query<{ name: string; code: string }>(`SELECT name, code FROM data_elements UNION ALL SELECT name, code FROM indicators`)) {
      byName.set(r.name, [...(byName.get(r.name) ?? []), r.code]);
    }
    const root = await s.db.one<{ code: string }>(`SELECT code FROM org_units WHERE level = 1 ORDER BY (type = 'province') DESC, id LIMIT 1`);
    let compared = 0;
    for (const sector of input.sectors) {
      expect(sector.figures.length).toBeLessThanOrEqual(8);
      for (const f of sector.figures) {
        const codes = byName.get(f.name)!;
        expect(codes, f.name).toHaveLength(1);
        const r = await s.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:${codes[0]}&dimension=ou:${root.code}&dimension=pe:2025;2024`, headers: office });
        expect(r.statusCode, r.body).toBe(200);
        const api = new Map((r.json().rows as string[][]).map((x) => [x[2], Number(x[3])]));
        for (const [got, pe] of [[f.current, '2025'], [f.previous, '2024'], [f.lastYear, '2024']] as const) {
          if (!api.has(pe)) expect(got, `${codes[0]} ${pe}`).toBeNull();
          else expect(got!, `${codes[0]} ${pe}`).toBeCloseTo(api.get(pe)!, f.decimals === 0 ? 0 : 1);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  }, 60_000);

  it('puts every unit under a sector: no "Công tác chung" block in 2025, the new communes under Thông tin cơ sở', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025', today: TODAY });
    const names = [...input.sectors.map((x) => x.name), ...input.difficulties.map((x) => x.sector), ...input.proposals.map((x) => x.sector)];
    expect(names).not.toContain(GENERAL_SECTOR);
    const communes = await s.db.query<{ name: string }>(`SELECT name FROM org_units WHERE type = 'commune' AND valid_from >= '2025-07-01'`);
    expect(communes.length).toBeGreaterThan(5);
    // the communes say alike what they did, said once under Thông tin cơ sở with their count; none of them elsewhere
    const said = (x: (typeof input.sectors)[number]) => x.narrative.flatMap((b) => [b.unitName, ...b.paragraphs]).join(' ');
    expect(said(input.sectors.find((x) => x.name === 'Thông tin cơ sở')!)).toContain(`${communes.length < 10 ? '0' : ''}${communes.length} UBND cấp xã`);
    for (const x of input.sectors.filter((x) => x.name !== 'Thông tin cơ sở')) for (const c of communes) expect(said(x), x.name).not.toContain(c.name);
    // a year: the previous year once, in the appendix as in the key-figure tables
    expect(input.appendix[0]!.columns.slice(3)).toEqual(['Năm 2025', 'Năm 2024']);
    const html = renderSummaryReportHtml(input);
    expect(html).not.toContain(GENERAL_SECTOR);
    expect(html).not.toContain('Cùng kỳ năm trước');
    expect(html).toContain('<th>Năm 2025</th><th>Năm 2024</th><th>Kế hoạch năm</th>');
  }, 60_000);

  it('downloads the annual report as .docx for the office', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/reports/summary?period=2025&format=docx', headers: office });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX_MIME);
    expect(r.rawPayload.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
  }, 60_000);
});
