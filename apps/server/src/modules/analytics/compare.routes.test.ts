import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { achievementOf } from './compare.service.js';
import { type ValueSeed, makeElement, makeIndicator, putValues } from './test-fixtures.js';

/**
 * A province PROV with two units U1, U2. HS (SUM: dossiers received), HS_DH (SUM: on time), TRAM (LAST: BTS
 * sites), indicator TL = HS_DH ÷ HS × 100. Approved values over 2023–2024, annual targets for 2024.
 */
let s: TestServer;
const as: Record<string, { cookie: string }> = {};
const u: Record<string, number> = {};

beforeAll(async () => {
  s = await testServer({ now: '2024-11-10T02:00:00Z' });
  const db = s.db;
  u.PROV = await makeUnit(db, { code: 'PROV', name: 'Tỉnh Mẫu', type: 'province' });
  u.U1 = await makeUnit(db, { code: 'U1', name: 'Xã Một', type: 'commune', parentId: u.PROV });
  u.U2 = await makeUnit(db, { code: 'U2', name: 'Xã Hai', type: 'commune', parentId: u.PROV });
  const hs = await makeElement(db, 'HS', 'SUM', 'Số hồ sơ tiếp nhận');
  const dh = await makeElement(db, 'HS_DH', 'SUM', 'Số hồ sơ đúng hạn');
  const tram = await makeElement(db, 'TRAM', 'LAST', 'Số trạm BTS');
  const tl = await makeIndicator(db, { code: 'TL', name: 'Tỷ lệ hồ sơ đúng hạn', numerator: '#{HS_DH}', denominator: '#{HS}', factor: 100, decimals: 1 });
  const v = (deId: number, unit: string, period: string, value: number, status: ValueSeed['status'] = 'approved'): ValueSeed =>
    ({ deId, unitId: u[unit]!, period, value, status });
  await putValues(db, [
    v(hs, 'U1', '2023Q3', 80), v(hs, 'U2', '2023Q3', 20), v(hs, 'U2', '2023Q4', 0),
    v(hs, 'U1', '2024Q1', 90), v(hs, 'U1', '2024Q2', 100), v(hs, 'U1', '2024Q3', 120), v(hs, 'U1', '2024Q4', 110),
    v(hs, 'U2', '2024Q1', 10), v(hs, 'U2', '2024Q2', 25), v(hs, 'U2', '2024Q3', 30), v(hs, 'U2', '2024Q4', 40),
    v(hs, 'U2', '202410', 7, 'submitted'),
    v(dh, 'U1', '2023Q3', 70), v(dh, 'U2', '2023Q3', 15),
    v(dh, 'U1', '2024Q2', 95), v(dh, 'U2', '2024Q2', 20),
    v(dh, 'U1', '2024Q3', 110), v(dh, 'U2', '2024Q3', 25),
    v(tram, 'U1', '2023Q3', 8), v(tram, 'U2', '2023Q3', 4),
    v(tram, 'U1', '2024Q2', 10), v(tram, 'U2', '2024Q2', 5),
    v(tram, 'U1', '2024Q3', 12), v(tram, 'U2', '2024Q3', 6),
  ]);
  const target = (col: 'data_element_id' | 'indicator_id', id: number, unit: string, value: number, year = 2024) =>
    db.query(`INSERT INTO targets (${col}, org_unit_id, year, value) VALUES ($1, $2, $3, $4)`, [id, u[unit], year, value]);
  await target('data_element_id', hs, 'PROV', 600);
  await target('data_element_id', hs, 'U1', 400);
  await target('data_element_id', tram, 'PROV', 18);
  await target('indicator_id', tl, 'PROV', 92);
  await target('data_element_id', hs, 'PROV', 999, 2023);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.admin = admin;
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao_u1', role: 'reporter', orgUnitId: u.U1 });
}, 60_000);
afterAll(() => s.close());

type Item = Record<string, unknown> & { dx: string; ou: string; value: number | null; previous: { pe: string; value: number | null }; lastYear: { pe: string; value: number | null } };

const compare = (who: string, qs: string) => s.app.inject({ method: 'GET', url: `/api/analytics/compare?${qs}`, headers: as[who] });
const items = async (who: string, qs: string): Promise<Item[]> => {
  const r = await compare(who, qs);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
};
const one = async (who: string, qs: string) => (await items(who, qs))[0]!;
/** The /api/analytics answers, as numbers keyed 'dx|ou|pe'. */
const analytics = async (who: string, dx: string, ou: string, pe: string, extra = '') => {
  const dims = [`dx:${dx}`, `ou:${ou}`, `pe:${pe}`].map((d) => `dimension=${encodeURIComponent(d)}`).join('&');
  const r = await s.app.inject({ method: 'GET', url: `/api/analytics?${dims}${extra}`, headers: as[who] });
  expect(r.statusCode, r.body).toBe(200);
  return new Map((r.json().rows as string[][]).map(([d, o, p, val]) => [`${d}|${o}|${p}`, Number(val)]));
};

describe('figures equal the analytics API', () => {
  it('value, previous period and same period last year are /api/analytics answers for those periods', async () => {
    const list = await items('office', 'dx=HS;HS_DH;TRAM;TL&ou=PROV;U1;U2&pe=2024Q3');
    expect(list).toHaveLength(12);
    const grid = await analytics('office', 'HS;HS_DH;TRAM;TL', 'PROV;U1;U2', '2024Q3;2024Q2;2023Q3');
    for (const it of list) {
      expect(it.previous.pe).toBe('2024Q2');
      expect(it.lastYear.pe).toBe('2023Q3');
      expect(it.value).toBe(grid.get(`${it.dx}|${it.ou}|2024Q3`) ?? null);
      expect(it.previous.value).toBe(grid.get(`${it.dx}|${it.ou}|2024Q2`) ?? null);
      expect(it.lastYear.value).toBe(grid.get(`${it.dx}|${it.ou}|2023Q3`) ?? null);
    }
    const tl = list.find((i) => i.dx === 'TL' && i.ou === 'U1')!;
    expect(tl.value).toBe(91.7); // 110 ÷ 120, shown with the indicator's one decimal, as /api/analytics shows it
  });

  it('names the figure, the unit and the periods in Vietnamese', async () => {
    const it = await one('office', 'dx=HS&ou=PROV&pe=2024Q3');
    expect(it).toMatchObject({
      dx: 'HS', dxName: 'Số hồ sơ tiếp nhận', ou: 'PROV', ouName: 'Tỉnh Mẫu', pe: '2024Q3', peName: 'Quý III năm 2024',
      previous: { pe: '2024Q2', peName: 'Quý II năm 2024', value: 125 },
      lastYear: { pe: '2023Q3', peName: 'Quý III năm 2023', value: 100 },
    });
  });

  it('counts unapproved values only for an office caller asking includeUnapproved, as /api/analytics does', async () => {
    expect((await one('office', 'dx=HS&ou=PROV&pe=2024Q4')).value).toBe(150);
    const withDraft = await one('office', 'dx=HS&ou=PROV&pe=2024Q4&includeUnapproved=true');
    expect(withDraft.value).toBe(157);
    expect(withDraft.value).toBe((await analytics('office', 'HS', 'PROV', '2024Q4', '&includeUnapproved=true')).get('HS|PROV|2024Q4'));
    const r = await compare('reporter', 'dx=HS&ou=U1&pe=2024Q4&includeUnapproved=true');
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/chưa duyệt/);
  });
});

describe('change in %', () => {
  it('is (value − other) ÷ |other| × 100 for SUM, LAST and indicators', async () => {
    const list = await items('office', 'dx=HS;TRAM;TL&ou=PROV&pe=2024Q3');
    const by = (dx: string) => list.find((i) => i.dx === dx)!;
    expect(by('HS')).toMatchObject({ value: 150, changePrevPct: 20, changeLastYearPct: 50 }); // 125 → 150, 100 → 150
    expect(by('TRAM')).toMatchObject({ value: 18, changePrevPct: 20, changeLastYearPct: 50 }); // 15 → 18, 12 → 18
    // 115/125 = 92 % → 135/150 = 90 %: −2.17 %; 85/100 = 85 % → 90 %: +5.88 %
    expect(by('TL')).toMatchObject({ value: 90, previous: { value: 92 }, lastYear: { value: 85 }, changePrevPct: -2.17, changeLastYearPct: 5.88 });
  });

  it('is null when the other figure is 0 or missing', async () => {
    const u2 = await one('office', 'dx=HS&ou=U2&pe=2024Q1');
    expect(u2).toMatchObject({ value: 10, previous: { pe: '2023Q4', value: 0 }, lastYear: { pe: '2023Q1', value: null }, changePrevPct: null, changeLastYearPct: null });
    const none = await one('office', 'dx=HS_DH&ou=U1&pe=2024Q1');
    expect(none).toMatchObject({ value: null, changePrevPct: null, changeLastYearPct: null, achievementPct: null, achievement: null });
  });
});

describe('target and achievement', () => {
  it('Vượt, Đạt and Không đạt against the 2024 targets', async () => {
    // U1: 120 received in Q3 against ¼ of 400 → 120 %
    expect(await one('office', 'dx=HS&ou=U1&pe=2024Q3')).toMatchObject({
      target: { year: 2024, value: 400, periodValue: 100, proRata: true }, achievementPct: 120, achievement: 'Vượt',
    });
    // province: 150 against ¼ of 600 → 100 %
    expect(await one('office', 'dx=HS&ou=PROV&pe=2024Q3')).toMatchObject({ achievementPct: 100, achievement: 'Đạt' });
    // the year: 525 of 600 → 87.5 %
    expect(await one('office', 'dx=HS&ou=PROV&pe=2024')).toMatchObject({
      value: 525, target: { year: 2024, value: 600, periodValue: 600, proRata: false }, achievementPct: 87.5, achievement: 'Không đạt',
    });
    // the indicator against its full target: 90 of 92 → 97.83 %
    expect(await one('office', 'dx=TL&ou=PROV&pe=2024Q3')).toMatchObject({
      better: 'higher', target: { year: 2024, value: 92, periodValue: 92, proRata: false }, achievementPct: 97.83, achievement: 'Không đạt',
    });
  });

  it('SUM elements pro rata by the months the period covers; LAST elements against the full target', async () => {
    // six months: 225 against ½ of 600 → 75 %; nine months: 375 against ¾ of 600 → 83.33 %
    expect(await one('office', 'dx=HS&ou=PROV&pe=2024S1')).toMatchObject({ value: 225, target: { periodValue: 300 }, achievementPct: 75 });
    expect(await one('office', 'dx=HS&ou=PROV&pe=2024N1')).toMatchObject({ value: 375, target: { periodValue: 450 }, achievementPct: 83.33 });
    // a month: 7 unapproved in October; U2 has no target, the province 1/12 of 600 = 50 → 14 %
    expect(await one('office', 'dx=HS&ou=U2&pe=202410&includeUnapproved=true')).toMatchObject({ value: 7, target: null });
    expect(await one('office', 'dx=HS&ou=PROV&pe=202410&includeUnapproved=true')).toMatchObject({ value: 7, target: { periodValue: 50 }, achievementPct: 14 });
    // a stock: 18 sites in Q3 against the full target of 18 → Đạt (pro rata would have made it 400 %)
    expect(await one('office', 'dx=TRAM&ou=PROV&pe=2024Q3')).toMatchObject({
      target: { year: 2024, value: 18, periodValue: 18, proRata: false }, achievementPct: 100, achievement: 'Đạt',
    });
  });

  it('uses the target of the year of the period, at that very unit; none gives nulls', async () => {
    expect(await one('office', 'dx=HS&ou=PROV&pe=2023Q3')).toMatchObject({ value: 100, target: { year: 2023, value: 999 } });
    for (const qs of ['dx=HS&ou=U2&pe=2024Q3', 'dx=HS_DH&ou=PROV&pe=2024Q3', 'dx=TRAM&ou=U1&pe=2024Q3', 'dx=HS&ou=PROV&pe=2025Q1']) {
      expect(await one('office', qs), qs).toMatchObject({ target: null, achievementPct: null, achievement: null });
    }
  });

  it('a 0.05-point tolerance around 100 % counts as Đạt', () => {
    expect(achievementOf(100.06)).toBe('Vượt');
    expect(achievementOf(100.05)).toBe('Đạt');
    expect(achievementOf(99.95)).toBe('Đạt');
    expect(achievementOf(99.94)).toBe('Không đạt');
    expect(achievementOf(null)).toBeNull();
    // a ceiling ('lower' is better): the same tolerance, judged the other way
    expect(achievementOf(100.06, 'lower')).toBe('Không đạt');
    expect(achievementOf(100.05, 'lower')).toBe('Đạt');
    expect(achievementOf(99.95, 'lower')).toBe('Đạt');
    expect(achievementOf(99.94, 'lower')).toBe('Vượt');
    expect(achievementOf(null, 'lower')).toBeNull();
  });
});

/**
 * Figures where less is better: SUCO (SUM: incidents) with a yearly ceiling of 20 at the province and of 0 at U1
 * and U2; indicator SUCO_TRAM = SUCO ÷ TRAM × 100 (incidents per 100 sites) with a ceiling of 40.
 */
describe('target as a ceiling for figures where less is better', () => {
  beforeAll(async () => {
    const db = s.db;
    const suco = await makeElement(db, 'SUCO', 'SUM', 'Số sự cố an toàn thông tin mạng');
    const rate = await makeIndicator(db, { code: 'SUCO_TRAM', name: 'Số sự cố trên 100 trạm', numerator: '#{SUCO}', denominator: '#{TRAM}', factor: 100, decimals: 1 });
    await db.query(`UPDATE data_elements SET better = 'lower' WHERE id = $1`, [suco]);
    await db.query(`UPDATE indicators SET better = 'lower' WHERE id = $1`, [rate]);
    const v = (unit: string, period: string, value: number): ValueSeed => ({ deId: suco, unitId: u[unit]!, period, value, status: 'approved' });
    await putValues(db, [
      v('U1', '2024Q1', 2), v('U1', '2024Q2', 3), v('U1', '2024Q3', 4), v('U1', '2024Q4', 7),
      v('U2', '2024Q1', 1), v('U2', '2024Q2', 0), v('U2', '2024Q3', 1), v('U2', '2024Q4', 2),
    ]);
    const target = (col: 'data_element_id' | 'indicator_id', id: number, unit: string, value: number) =>
      db.query(`INSERT INTO targets (${col}, org_unit_id, year, value) VALUES ($1, $2, 2024, $3)`, [id, u[unit], value]);
    await target('data_element_id', suco, 'PROV', 20);
    await target('data_element_id', suco, 'U1', 0);
    await target('data_element_id', suco, 'U2', 0);
    await target('indicator_id', rate, 'PROV', 40);
  });

  it('says which way is better for every item', async () => {
    const list = await items('office', 'dx=SUCO;SUCO_TRAM;HS;TL&ou=PROV&pe=2024Q3');
    expect(list.map((i) => [i.dx, i.better])).toEqual([['SUCO', 'lower'], ['SUCO_TRAM', 'lower'], ['HS', 'higher'], ['TL', 'higher']]);
  });

  it('below the ceiling is Vượt, at it Đạt, above it Không đạt; the % is still value ÷ target', async () => {
    // six months: 6 incidents against ½ of 20 → 60 % of the ceiling used → better than planned
    expect(await one('office', 'dx=SUCO&ou=PROV&pe=2024S1')).toMatchObject({
      better: 'lower', value: 6, target: { year: 2024, value: 20, periodValue: 10, proRata: true }, achievementPct: 60, achievement: 'Vượt',
    });
    // Q3: 5 against ¼ of 20 → 100 %
    expect(await one('office', 'dx=SUCO&ou=PROV&pe=2024Q3')).toMatchObject({ value: 5, achievementPct: 100, achievement: 'Đạt' });
    // Q4: 9 against 5 → 180 %
    expect(await one('office', 'dx=SUCO&ou=PROV&pe=2024Q4')).toMatchObject({ value: 9, achievementPct: 180, achievement: 'Không đạt' });
    // the year: 20 of 20
    expect(await one('office', 'dx=SUCO&ou=PROV&pe=2024')).toMatchObject({ value: 20, achievementPct: 100, achievement: 'Đạt' });
    // an indicator against its full ceiling: 5 ÷ 18 × 100 = 27.8 per 100 sites, 69.44 % of 40
    expect(await one('office', 'dx=SUCO_TRAM&ou=PROV&pe=2024Q3')).toMatchObject({
      better: 'lower', value: 27.8, target: { value: 40, periodValue: 40, proRata: false }, achievementPct: 69.44, achievement: 'Vượt',
    });
  });

  it('a ceiling of zero: none is Đạt, any is Không đạt, with no percentage; no figure, no judgement', async () => {
    expect(await one('office', 'dx=SUCO&ou=U2&pe=2024Q2')).toMatchObject({
      value: 0, target: { value: 0, periodValue: 0 }, achievementPct: null, achievement: 'Đạt',
    });
    expect(await one('office', 'dx=SUCO&ou=U1&pe=2024Q3')).toMatchObject({
      value: 4, target: { value: 0, periodValue: 0 }, achievementPct: null, achievement: 'Không đạt',
    });
    expect(await one('office', 'dx=SUCO&ou=U1&pe=202401')).toMatchObject({ value: null, target: { value: 0 }, achievementPct: null, achievement: null });
  });

  it('a zero target where more is better still judges nothing', async () => {
    await s.db.query(`UPDATE data_elements SET better = 'higher' WHERE code = 'SUCO'`);
    try {
      expect(await one('office', 'dx=SUCO&ou=U2&pe=2024Q2')).toMatchObject({ better: 'higher', value: 0, achievementPct: null, achievement: null });
      expect(await one('office', 'dx=SUCO&ou=PROV&pe=2024S1')).toMatchObject({ achievementPct: 60, achievement: 'Không đạt' });
    } finally {
      await s.db.query(`UPDATE data_elements SET better = 'lower' WHERE code = 'SUCO'`);
    }
  });
});

describe('scope and bad input', () => {
  it('keeps a unit role inside its own subtree (404 elsewhere)', async () => {
    const own = await one('reporter', 'dx=HS&ou=U1&pe=2024Q3');
    expect(own).toMatchObject({ value: 120, achievement: 'Vượt' });
    for (const ou of ['U2', 'PROV']) {
      const r = await compare('reporter', `dx=HS&ou=${ou}&pe=2024Q3`);
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toContain(ou);
    }
  });

  it('refuses bad input with 400 naming the item', async () => {
    const cases: [string, RegExp][] = [
      ['dx=HS&ou=PROV&pe=2024Q5', /2024Q5/],
      ['dx=HS&ou=PROV', /Thiếu kỳ/],
      ['dx=HS&ou=PROV&pe=', /Thiếu kỳ/],
      ['ou=PROV&pe=2024', /Thiếu chỉ tiêu/],
      ['dx=HS&pe=2024', /Thiếu đơn vị/],
      ['dx=HS&ou=PROV&pe=2024;2023', /một kỳ/],
      ['dx=HS&ou=PROV&pe=LAST_4_QUARTERS', /LAST_4_QUARTERS/],
      ['dx=HS&ou=LEVEL-2&pe=2024', /LEVEL-2/],
      ['dx=KHONG_CO&ou=PROV&pe=2024', /KHONG_CO/],
      ['dx=HS&ou=KHONG_CO&pe=2024', /KHONG_CO/],
      ['dx=H%20S&ou=PROV&pe=2024', /H S/],
      ['dx=HS&ou=PROV&pe=1900', /1900/],
      [`dx=HS&ou=PROV&pe=${'9'.repeat(200)}`, /kỳ|pe/i],
    ];
    for (const [qs, message] of cases) {
      const r = await compare('office', qs);
      expect(r.statusCode, qs).toBe(400);
      expect(r.json().message, qs).toMatch(message);
    }
  });

  it('accepts a relative keyword that names one period', async () => {
    expect(await one('office', 'dx=HS&ou=PROV&pe=LAST_QUARTER')).toMatchObject({ pe: '2024Q3', value: 150 });
  });

  it('needs a signed-in user', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/analytics/compare?dx=HS&ou=PROV&pe=2024' });
    expect(r.statusCode).toBe(401);
  });
});

/**
 * Reorganisation: communes XA and XB (to 30/06/2025) merged into XM (from 01/07/2025); XP (to 30/06/2025)
 * split into XS1 and XS2. Under a province of their own (TINH2) so the figures above stay as they are.
 * TB is an AVERAGE element: averages cannot be rebuilt from the predecessors' figures.
 */
describe('a unit formed by a merge is compared with the sum of its predecessors', () => {
  const m: Record<string, number> = {};
  beforeAll(async () => {
    const db = s.db;
    m.TINH2 = await makeUnit(db, { code: 'TINH2', name: 'Tỉnh Sáp Nhập', type: 'province' });
    const old = { parentId: m.TINH2, validTo: '2025-06-30', type: 'commune' };
    const fresh = { parentId: m.TINH2, validFrom: '2025-07-01', type: 'commune' };
    m.XA = await makeUnit(db, { code: 'XA', name: 'Xã An', ...old });
    m.XB = await makeUnit(db, { code: 'XB', name: 'Xã Bình', ...old });
    m.XM = await makeUnit(db, { code: 'XM', name: 'Xã An Bình', ...fresh });
    m.XP = await makeUnit(db, { code: 'XP', name: 'Phường Cũ', ...old });
    m.XS1 = await makeUnit(db, { code: 'XS1', name: 'Phường Mới Một', ...fresh });
    m.XS2 = await makeUnit(db, { code: 'XS2', name: 'Phường Mới Hai', ...fresh });
    await db.query(
      `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'merge'), ($1, $3, 'merge'), ($4, $6, 'split'), ($5, $6, 'split')`,
      [m.XM, m.XA, m.XB, m.XS1, m.XS2, m.XP],
    );
    const ids = new Map((await db.query<{ id: number; code: string }>(`SELECT id, code FROM data_elements`)).map((r) => [r.code, r.id]));
    const tb = await makeElement(db, 'TB', 'AVERAGE', 'Số giờ phát sóng bình quân');
    ids.set('TB', tb);
    const v = (code: string, unit: string, period: string, value: number): ValueSeed => ({ deId: ids.get(code)!, unitId: m[unit]!, period, value, status: 'approved' });
    await putValues(db, [
      v('HS', 'XA', '2024Q3', 80), v('HS', 'XB', '2024Q3', 40), v('HS_DH', 'XA', '2024Q3', 40), v('HS_DH', 'XB', '2024Q3', 36),
      v('HS', 'XA', '2025Q2', 90), v('HS', 'XB', '2025Q2', 30), v('HS_DH', 'XA', '2025Q2', 81), v('HS_DH', 'XB', '2025Q2', 27),
      v('TRAM', 'XA', '2024Q3', 5), v('TRAM', 'XB', '2024Q3', 3), v('TB', 'XA', '2024Q3', 10), v('TB', 'XB', '2024Q3', 20),
      v('HS', 'XM', '2025Q3', 150), v('HS_DH', 'XM', '2025Q3', 135), v('TRAM', 'XM', '2025Q3', 9), v('TB', 'XM', '2025Q3', 12),
      v('HS', 'XP', '2024Q3', 200), v('HS', 'XS1', '2025Q3', 70),
    ]);
    as.reporterXM = await makeUser(s.app, as.admin!, { username: 'baocao_xm', role: 'reporter', orgUnitId: m.XM });
  });

  const PREDECESSORS = [{ code: 'XA', name: 'Xã An' }, { code: 'XB', name: 'Xã Bình' }];

  it('2025Q3 against 2024Q3 and 2025Q2: the sum of both predecessors, named, for SUM and LAST elements', async () => {
    const list = await items('office', 'dx=HS;TRAM&ou=XM&pe=2025Q3');
    const hs = list.find((i) => i.dx === 'HS')!;
    expect(hs).toMatchObject({
      value: 150,
      lastYear: { pe: '2024Q3', value: 120, basis: 'predecessors', predecessors: PREDECESSORS },
      previous: { pe: '2025Q2', value: 120, basis: 'predecessors', predecessors: PREDECESSORS },
      changeLastYearPct: 25, changePrevPct: 25,
    });
    // the same as adding up /api/analytics's answers for the predecessors
    const grid = await analytics('office', 'HS;TRAM', 'XA;XB;XM', '2024Q3');
    expect(hs.lastYear.value).toBe(grid.get('HS|XA|2024Q3')! + grid.get('HS|XB|2024Q3')!);
    expect(grid.has('HS|XM|2024Q3')).toBe(false); // the unit itself has nothing before it existed
    const tram = list.find((i) => i.dx === 'TRAM')!;
    expect(tram).toMatchObject({ value: 9, lastYear: { value: 8, basis: 'predecessors' }, changeLastYearPct: 12.5 });
    expect(tram.lastYear.value).toBe(grid.get('TRAM|XA|2024Q3')! + grid.get('TRAM|XB|2024Q3')!);
  });

  it('an indicator is computed from the predecessors\' summed numerator and denominator, not from their ratios', async () => {
    const tl = await one('office', 'dx=TL&ou=XM&pe=2025Q3');
    // (40 + 36) ÷ (80 + 40) = 63.3 % — the mean of 50 % and 90 % would be 70 %
    expect(tl).toMatchObject({ value: 90, lastYear: { value: 63.3, basis: 'predecessors' }, previous: { value: 90, basis: 'predecessors' } });
    expect(tl.changeLastYearPct).toBe(Number((((90 - 76 / 1.2) / (76 / 1.2)) * 100).toFixed(2)));
    expect(tl.changePrevPct).toBe(0);
  });

  it('an AVERAGE element cannot be rebuilt from the predecessors: it stays on the unit', async () => {
    expect(await one('office', 'dx=TB&ou=XM&pe=2025Q3')).toMatchObject({
      value: 12, lastYear: { value: null, basis: 'unit' }, changeLastYearPct: null,
    });
  });

  it('only periods that ended before the merge: 2025Q4 compares 2025Q3 with the unit itself', async () => {
    const hs = await one('office', 'dx=HS&ou=XM&pe=2025Q4');
    expect(hs.previous).toEqual({ pe: '2025Q3', peName: 'Quý III năm 2025', value: 150, basis: 'unit' });
    expect(hs.lastYear).toMatchObject({ pe: '2024Q4', value: null, basis: 'predecessors', predecessors: PREDECESSORS });
  });

  it('a split is not summed: the new ward has no comparison basis before it existed', async () => {
    const hs = await one('office', 'dx=HS&ou=XS1&pe=2025Q3');
    expect(hs).toMatchObject({ value: 70, lastYear: { pe: '2024Q3', value: null, basis: 'unit' }, changeLastYearPct: null });
    expect(hs.lastYear).not.toHaveProperty('predecessors');
  });

  it('predecessors themselves, units that existed all along, and a merged unit seen by its own reporter compare with themselves', async () => {
    expect(await one('office', 'dx=HS&ou=XA&pe=2025Q3')).toMatchObject({ value: null, lastYear: { value: 80, basis: 'unit' } });
    expect((await one('office', 'dx=HS&ou=PROV&pe=2024Q3')).lastYear).toMatchObject({ value: 100, basis: 'unit' });
    // the predecessors lie outside the reporter's own subtree
    expect(await one('reporterXM', 'dx=HS&ou=XM&pe=2025Q3')).toMatchObject({ value: 150, lastYear: { value: null, basis: 'unit' } });
  });
});
