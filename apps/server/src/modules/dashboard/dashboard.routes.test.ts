import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { makeUser } from '../org/test-fixtures.js';
import { defaultDashboardPeriod } from './dashboard.service.js';
import { FIXTURE_NOW, type World, seedDashboardWorld } from './test-fixtures.js';

let s: TestServer;
let w: World;
const as: Record<string, { cookie: string }> = {};

beforeAll(async () => {
  s = await testServer({ now: FIXTURE_NOW });
  w = await seedDashboardWorld(s.db);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.admin = admin;
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: w.u.DEP });
  as.director = await makeUser(s.app, admin, { username: 'giamdoc', role: 'director', orgUnitId: w.u.DEP });
  as.reviewer = await makeUser(s.app, admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: w.u.DIV });
  as.viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: w.u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: w.u.U1 });
  as.head = await makeUser(s.app, admin, { username: 'truong', role: 'unit_head', orgUnitId: w.u.U2 });
}, 60_000);
afterAll(() => s?.close());

type Figure = Record<string, unknown> & { dx: string; value: number | null; kind: string; decimals: number | null; uom: string | null };
type Dash = {
  period: { id: string; name: string };
  unit: { code: string; name: string; type: string; level: number; path: { code: string; name: string }[]; children: { code: string; name: string; type: string }[] };
  sectors: { code: string; name: string; figures: Figure[] }[];
  completeness: Record<string, unknown>[];
};

const get = (who: string, qs = '') => s.app.inject({ method: 'GET', url: `/api/dashboard${qs}`, headers: as[who] });
const dash = async (who: string, qs = ''): Promise<Dash> => {
  const r = await get(who, qs);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('GET /api/dashboard', () => {
  it('defaults to the province and the latest quarter that has ended', async () => {
    const d = await dash('office');
    expect(d.period).toEqual({ id: '2024Q3', name: 'Quý III năm 2024' });
    expect(d.unit).toMatchObject({ code: 'PROV', name: 'Tỉnh Mẫu', type: 'province', level: 1, path: [{ code: 'PROV', name: 'Tỉnh Mẫu' }] });
    // one level down, valid during the quarter (OLD closed on 30/06/2024), in Vietnamese order
    expect(d.unit.children).toEqual([
      { code: 'DEP', name: 'Sở Khoa học và Công nghệ', type: 'department' },
      { code: 'U1', name: 'Xã An Lạc', type: 'commune' },
      { code: 'U3', name: 'Xã Bảo Yên', type: 'commune' },
      { code: 'U2', name: 'Xã Đông Hà', type: 'commune' },
    ]);
    expect((await dash('office', '?period=2024Q2')).unit.children.map((c) => c.code)).toContain('OLD');
    expect(defaultDashboardPeriod('2024-10-01').id).toBe('2024Q3');
    expect(defaultDashboardPeriod('2024-09-30').id).toBe('2024Q2');
    expect(defaultDashboardPeriod('2025-01-01').id).toBe('2024Q4');
  });

  it('shows per sector at most eight figures, those with a value first, with unit of measure, decimals and kind', async () => {
    const d = await dash('office');
    expect(d.sectors.map((x) => x.code)).toEqual(['BCVT', 'CDS']); // BCHI has nothing to show
    const bcvt = d.sectors[0]!;
    expect(bcvt.name).toBe('Bưu chính, viễn thông');
    expect(bcvt.figures.map((f) => f.dx)).toEqual(['E09', 'E10', 'E01', 'E02', 'E03', 'E04', 'E05', 'E06']);
    expect(bcvt.figures[0]).toMatchObject({ value: 999_999_999, uom: 'trạm', decimals: null, kind: 'de' });
    expect(bcvt.figures[1]).toMatchObject({ value: 12.5, previous: { pe: '2024Q2', value: 10, basis: 'unit' }, changePrevPct: 25 });
    const cds = d.sectors[1]!;
    expect(cds.figures.map((f) => [f.dx, f.kind, f.decimals, f.uom])).toEqual([['HS', 'de', 0, 'hồ sơ'], ['HS_DH', 'de', null, 'hồ sơ'], ['TL', 'ind', 1, '%']]);
    // 130 + 90 received in Q3 2024; 100 + 60 + 40 (OLD, closed since) in Q3 2023; target 800 a year → 200 a quarter
    expect(cds.figures[0]).toMatchObject({
      value: 220, previous: { value: 180 }, lastYear: { value: 200 }, changeLastYearPct: 10,
      target: { year: 2024, value: 800, periodValue: 200, proRata: true }, achievementPct: 110, achievement: 'Vượt',
    });
    // 201 ÷ 220 from the summed numerator and denominator
    expect(cds.figures[2]).toMatchObject({ value: 91.4, target: { value: 90 }, achievement: 'Vượt' });
  });

  it('says for each figure which way is better, and judges a ceiling target accordingly', async () => {
    const before = await dash('office');
    expect(before.sectors.flatMap((x) => x.figures.map((f) => f.better))).toEqual(Array(11).fill('higher'));
    // E10 becomes a "less is better" count with a yearly ceiling of 60 (15 a quarter): 12.5 uses 83.33 % of it
    await s.db.query(`UPDATE data_elements SET better = 'lower' WHERE code = 'E10'`);
    await s.db.query(`INSERT INTO targets (data_element_id, org_unit_id, year, value) SELECT id, $1, 2024, 60 FROM data_elements WHERE code = 'E10'`, [w.u.PROV]);
    try {
      const d = await dash('office');
      const e10 = d.sectors[0]!.figures.find((f) => f.dx === 'E10')!;
      expect(e10).toMatchObject({
        better: 'lower', value: 12.5, changePrevPct: 25, target: { value: 60, periodValue: 15, proRata: true }, achievementPct: 83.33, achievement: 'Vượt',
      });
      expect(d.sectors[0]!.figures.filter((f) => f.better === 'lower').map((f) => f.dx)).toEqual(['E10']);
    } finally {
      await s.db.query(`DELETE FROM targets WHERE data_element_id = (SELECT id FROM data_elements WHERE code = 'E10')`);
      await s.db.query(`UPDATE data_elements SET better = 'higher' WHERE code = 'E10'`);
    }
  });

  it('gives exactly the /api/analytics/compare figures for the same dx, ou and pe', async () => {
    for (const [ou, pe] of [['PROV', '2024Q3'], ['U1', '2024Q3'], ['U2', '2024S1'], ['PROV', '2024'], ['PROV', '2024N1']] as const) {
      const d = await dash('office', `?ou=${ou}&period=${pe}`);
      expect(d.period.id).toBe(pe);
      for (const sector of d.sectors) {
        const r = await s.app.inject({ method: 'GET', url: `/api/analytics/compare?dx=${sector.figures.map((f) => f.dx).join(';')}&ou=${ou}&pe=${pe}`, headers: as.office });
        expect(r.statusCode, r.body).toBe(200);
        const api = r.json().items as Record<string, unknown>[];
        expect(sector.figures.map(({ uom: _u, decimals: _d, kind: _k, ...item }) => item)).toEqual(api);
      }
    }
  });

  it('drills down: the path from the root, the children of the unit, its figures and its share of the rounds', async () => {
    const d = await dash('director', '?ou=DIV&period=2024Q3');
    expect(d.unit.path.map((p) => p.code)).toEqual(['PROV', 'DEP', 'DIV']);
    expect(d.unit.children).toEqual([]);
    expect(d.completeness).toEqual([]); // no unit of its subtree reports
    const u1 = await dash('director', '?ou=U1');
    expect(u1.unit).toMatchObject({ code: 'U1', level: 2, path: [{ code: 'PROV' }, { code: 'U1' }] });
    expect(u1.sectors[1]!.figures[0]).toMatchObject({ dx: 'HS', value: 130, target: null });
    expect(u1.completeness).toEqual([expect.objectContaining({ expected: 1, submitted: 1, approved: 1, late: 0, submittedPct: 100 })]);
  });

  it('reports completeness of the open rounds over the units of the subtree', async () => {
    const d = await dash('office');
    const round = await s.db.one<{ id: number }>(`SELECT r.id FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id WHERE f.code = 'AN-Quarterly' AND r.period = '2024Q3'`);
    expect(d.completeness).toEqual([{
      roundId: round.id, formCode: 'AN-Quarterly', formName: 'Báo cáo quý của cấp xã', period: '2024Q3', periodName: 'Quý III năm 2024',
      deadline: '2024-10-15', expected: 3, submitted: 2, approved: 2, late: 1, submittedPct: 66.7, approvedPct: 66.7,
    }]);
    // the reviewer of the division owning the form sees it too
    expect((await dash('reviewer')).completeness).toHaveLength(1);
  });

  it('falls back to the most recent closed rounds when none is open', async () => {
    await s.db.query(`UPDATE reporting_rounds SET status = 'closed'`);
    try {
      const d = await dash('office');
      expect(d.completeness.map((c) => c.period)).toEqual(['2024Q3', '2024Q2', '2023Q3']);
      expect(d.completeness[2]).toMatchObject({ expected: 4, submitted: 3, approved: 3 }); // OLD still existed in 2023
    } finally {
      await s.db.query(`UPDATE reporting_rounds SET status = 'open' WHERE period = '2024Q3'`);
    }
  });

  it('refuses a bad period or unit with a Vietnamese 400, and changes nothing', async () => {
    for (const p of ['2024M13', '202409', '2024W1', 'năm 2024', '1899', 'x'.repeat(20)]) {
      const r = await get('office', `?period=${encodeURIComponent(p)}`);
      expect(r.statusCode, p).toBe(400);
      expect(r.json().message, p).toMatch(/^Kỳ báo cáo ".*" không hợp lệ/);
    }
    expect((await get('office', `?period=${'2'.repeat(50)}`)).statusCode).toBe(400);
    for (const ou of ['KHONG_CO', 'prov', 'X%', "PROV'--"]) {
      const r = await get('office', `?ou=${encodeURIComponent(ou)}`);
      expect(r.statusCode, ou).toBe(400);
      expect(r.json().message, ou).toContain(`Không có đơn vị nào mã "${ou}"`);
    }
    expect((await get('office', `?ou=${'U'.repeat(101)}`)).statusCode).toBe(400);
    // decomposed Unicode is taken as NFC
    expect((await get('office', `?ou=${encodeURIComponent('Xa\u0303')}`)).json().message).toContain('Xã');
  });

  it('is for the office, directorate, reviewers and viewers: unit roles get 403, anonymous callers 401', async () => {
    for (const who of ['admin', 'office', 'director', 'reviewer', 'viewer']) expect((await get(who)).statusCode, who).toBe(200);
    for (const who of ['reporter', 'head']) {
      const r = await get(who, '?ou=U1');
      expect(r.statusCode, who).toBe(403);
      expect(r.json().message).toMatch(/Bảng điều hành/);
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/dashboard' })).statusCode).toBe(401);
  });
});
