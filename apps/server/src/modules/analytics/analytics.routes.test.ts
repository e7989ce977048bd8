import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { runAnalyticsCommand } from './analytics.cli.js';
import { type ValueSeed, makeElement, makeIndicator, putValues } from './test-fixtures.js';

/**
 * A province reorganised on 01/07/2025: districts D1, D2 (with communes C1, C2) close on 30/06/2025, commune X1
 * opens on 01/07/2025 directly under the province. Clock pinned to 10/05/2025 for the relative periods.
 */
let s: TestServer;
const as: Record<string, { cookie: string }> = {};
const u: Record<string, number> = {};

beforeAll(async () => {
  s = await testServer({ now: '2025-05-10T02:00:00Z' });
  const db = s.db;
  u.PROV = await makeUnit(db, { code: 'PROV', name: 'Tỉnh Mẫu', type: 'province' });
  u.DIV = await makeUnit(db, { code: 'DIV', name: 'Phòng Bưu chính', type: 'division', parentId: u.PROV });
  u.D1 = await makeUnit(db, { code: 'D1', name: 'Huyện Một', type: 'district', parentId: u.PROV, validTo: '2025-06-30' });
  u.D2 = await makeUnit(db, { code: 'D2', name: 'Huyện Hai', type: 'district', parentId: u.PROV, validTo: '2025-06-30' });
  u.C1 = await makeUnit(db, { code: 'C1', name: 'Xã Một', type: 'commune', parentId: u.D1, validTo: '2025-06-30' });
  u.C2 = await makeUnit(db, { code: 'C2', name: 'Xã Hai', type: 'commune', parentId: u.D2, validTo: '2025-06-30' });
  u.X1 = await makeUnit(db, { code: 'X1', name: 'Xã Mới', type: 'commune', parentId: u.PROV, validFrom: '2025-07-01' });
  const dat = await makeElement(db, 'HS_DUNG_HAN', 'SUM', 'Số hồ sơ giải quyết đúng hạn');
  const tong = await makeElement(db, 'HS_TONG', 'SUM', 'Tổng số hồ sơ');
  const tram = await makeElement(db, 'TRAM_BTS', 'LAST', 'Số trạm BTS');
  const nam = await makeElement(db, 'KH_NAM', 'SUM', 'Chỉ tiêu chỉ báo cáo theo năm');
  await makeIndicator(db, { code: 'TL_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', numerator: '#{HS_DUNG_HAN}', denominator: '#{HS_TONG}', factor: 100, decimals: 1 });
  const v = (deId: number, unit: string, period: string, value: number, status: ValueSeed['status'] = 'approved'): ValueSeed =>
    ({ deId, unitId: u[unit]!, period, value, status });
  await putValues(db, [
    // 2024, approved: 1634 of 1733 on time → 94.3 %
    v(dat, 'C1', '2024Q1', 400), v(tong, 'C1', '2024Q1', 420),
    v(dat, 'C1', '2024Q2', 410), v(tong, 'C1', '2024Q2', 430),
    v(dat, 'D2', '2024Q3', 424), v(tong, 'D2', '2024Q3', 450),
    v(dat, 'C2', '2024Q4', 400), v(tong, 'C2', '2024Q4', 433),
    // not yet approved: counts only with includeUnapproved
    v(dat, 'D1', '2024Q4', 100, 'submitted'), v(tong, 'D1', '2024Q4', 100, 'submitted'),
    // stock: the last month of each unit within the quarter, summed over units
    v(tram, 'C1', '202401', 10), v(tram, 'C1', '202402', 12), v(tram, 'C1', '202403', 15),
    v(tram, 'C2', '202401', 5), v(tram, 'C2', '202402', 7),
    // yearly only: never split into quarters
    v(nam, 'D1', '2024', 77),
    // across the reorganisation: old units before 01/07/2025, the new commune after
    v(dat, 'C1', '2025Q1', 50), v(tong, 'C1', '2025Q1', 60),
    v(dat, 'X1', '2025Q3', 70), v(tong, 'X1', '2025Q3', 80),
    // a stock across the reorganisation: the districts' communes hold 30 sites until 30/06, the new commune 32
    v(tram, 'C1', '2025Q2', 18), v(tram, 'C2', '2025Q2', 12), v(tram, 'X1', '2025Q3', 31), v(tram, 'X1', '2025Q4', 32),
  ]);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.admin = admin;
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: u.PROV });
  as.reviewer = await makeUser(s.app, admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: u.DIV });
  as.director = await makeUser(s.app, admin, { username: 'giamdoc', role: 'director', orgUnitId: u.PROV });
  as.viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao_d1', role: 'reporter', orgUnitId: u.D1 });
  as.head = await makeUser(s.app, admin, { username: 'truong_c1', role: 'unit_head', orgUnitId: u.C1 });
}, 60_000);
afterAll(() => s.close());

const ask = (who: string, ...dims: string[]) => {
  const qs = dims.map((d) => (d.includes('=') ? d : `dimension=${encodeURIComponent(d)}`)).join('&');
  return s.app.inject({ method: 'GET', url: `/api/analytics?${qs}`, headers: as[who] });
};
const rowsOf = async (who: string, ...dims: string[]) => {
  const r = await ask(who, ...dims);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().rows as string[][];
};

describe('figures', () => {
  it('sums approved values up the tree and over quarters; the indicator divides the aggregates', async () => {
    const r = await ask('office', 'dx:HS_DUNG_HAN;HS_TONG;TL_DUNG_HAN', 'ou:PROV', 'pe:2024');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      headers: [{ name: 'dx' }, { name: 'ou' }, { name: 'pe' }, { name: 'value' }],
      rows: [['HS_DUNG_HAN', 'PROV', '2024', '1634'], ['HS_TONG', 'PROV', '2024', '1733'], ['TL_DUNG_HAN', 'PROV', '2024', '94.3']],
      metaData: {
        items: {
          HS_DUNG_HAN: { name: 'Số hồ sơ giải quyết đúng hạn' }, HS_TONG: { name: 'Tổng số hồ sơ' },
          TL_DUNG_HAN: { name: 'Tỷ lệ hồ sơ đúng hạn' }, PROV: { name: 'Tỉnh Mẫu' }, 2024: { name: 'Năm 2024' },
        },
        dimensions: { dx: ['HS_DUNG_HAN', 'HS_TONG', 'TL_DUNG_HAN'], ou: ['PROV'], pe: ['2024'] },
      },
    });
  });

  it('never averages the units\' percentages: 1634/1733, not the mean of the quarters\' ratios', async () => {
    const rows = await rowsOf('office', 'dx:TL_DUNG_HAN', 'ou:PROV', 'pe:2024Q1;2024Q2;2024Q3;2024Q4;2024');
    expect(rows).toEqual([
      ['TL_DUNG_HAN', 'PROV', '2024Q1', '95.2'], ['TL_DUNG_HAN', 'PROV', '2024Q2', '95.3'],
      ['TL_DUNG_HAN', 'PROV', '2024Q3', '94.2'], ['TL_DUNG_HAN', 'PROV', '2024Q4', '92.4'],
      ['TL_DUNG_HAN', 'PROV', '2024', '94.3'],
    ]);
  });

  it('adds unapproved values only when an office or reviewer caller asks', async () => {
    const q = ['dx:HS_DUNG_HAN;TL_DUNG_HAN', 'ou:D1', 'pe:2024Q4'];
    expect(await rowsOf('office', ...q)).toEqual([]);
    expect(await rowsOf('office', ...q, 'includeUnapproved=true')).toEqual([['HS_DUNG_HAN', 'D1', '2024Q4', '100'], ['TL_DUNG_HAN', 'D1', '2024Q4', '100']]);
    expect(await rowsOf('reviewer', 'dx:HS_DUNG_HAN', 'ou:PROV', 'pe:2024', 'includeUnapproved=true')).toEqual([['HS_DUNG_HAN', 'PROV', '2024', '1734']]);
    expect(await rowsOf('admin', 'dx:TL_DUNG_HAN', 'ou:PROV', 'pe:2024', 'includeUnapproved=true')).toEqual([['TL_DUNG_HAN', 'PROV', '2024', '94.6']]);
    for (const who of ['director', 'viewer', 'reporter', 'head']) {
      const r = await ask(who, 'dx:HS_DUNG_HAN', 'ou:D1', 'pe:2024', 'includeUnapproved=true');
      expect(r.statusCode, who).toBe(403);
      expect(r.json().message).toMatch(/số liệu chưa duyệt/);
    }
  });

  it('LAST takes each unit\'s latest month in the period and sums the units', async () => {
    expect(await rowsOf('viewer', 'dx:TRAM_BTS', 'ou:PROV;D1;C2', 'pe:2024Q1;202402;2024Q2')).toEqual([
      ['TRAM_BTS', 'PROV', '2024Q1', '22'], ['TRAM_BTS', 'PROV', '202402', '19'],
      ['TRAM_BTS', 'D1', '2024Q1', '15'], ['TRAM_BTS', 'D1', '202402', '12'],
      ['TRAM_BTS', 'C2', '2024Q1', '7'], ['TRAM_BTS', 'C2', '202402', '7'],
    ]);
  });

  it('LAST counts only units still in being at the end of the period: the 2025 stock does not double', async () => {
    expect(await rowsOf('office', 'dx:TRAM_BTS', 'ou:PROV', 'pe:2025Q2;2025Q3;2025S1;2025')).toEqual([
      ['TRAM_BTS', 'PROV', '2025Q2', '30'],
      ['TRAM_BTS', 'PROV', '2025Q3', '31'],
      ['TRAM_BTS', 'PROV', '2025S1', '30'],
      ['TRAM_BTS', 'PROV', '2025', '32'],
    ]);
    // a closed unit asked for a period it did not outlive keeps its own last stock
    expect(await rowsOf('office', 'dx:TRAM_BTS', 'ou:D1', 'pe:2025')).toEqual([['TRAM_BTS', 'D1', '2025', '18']]);
  });

  it('rolls finer periods up but never splits a coarser one', async () => {
    expect(await rowsOf('office', 'dx:KH_NAM', 'ou:PROV', 'pe:2024;2024Q1;2024S1')).toEqual([['KH_NAM', 'PROV', '2024', '77']]);
    expect(await rowsOf('office', 'dx:HS_DUNG_HAN', 'ou:PROV', 'pe:2024S1;2024N1')).toEqual([
      ['HS_DUNG_HAN', 'PROV', '2024S1', '810'], ['HS_DUNG_HAN', 'PROV', '2024N1', '1234'],
    ]);
  });
});

describe('units and periods', () => {
  it('LEVEL-n lists the units at that level valid in each period; the province total is continuous across 2025', async () => {
    const rows = await rowsOf('director', 'dx:HS_DUNG_HAN', 'ou:PROV;LEVEL-2', 'pe:2024;2025');
    expect(rows).toEqual([
      ['HS_DUNG_HAN', 'PROV', '2024', '1634'], ['HS_DUNG_HAN', 'PROV', '2025', '120'],
      ['HS_DUNG_HAN', 'D1', '2024', '810'], ['HS_DUNG_HAN', 'D1', '2025', '50'],
      ['HS_DUNG_HAN', 'D2', '2024', '824'],
      ['HS_DUNG_HAN', 'X1', '2025', '70'],
    ]);
    const q3 = await ask('director', 'dx:HS_DUNG_HAN', 'ou:LEVEL-2', 'pe:2025Q3;2024Q4');
    expect(q3.json().rows).toEqual([['HS_DUNG_HAN', 'D2', '2024Q4', '400'], ['HS_DUNG_HAN', 'X1', '2025Q3', '70']]);
    expect(q3.json().metaData.dimensions.ou).toEqual(['D1', 'D2', 'DIV', 'X1']);
  });

  it('resolves relative periods with the pinned clock (10/05/2025)', async () => {
    const r = await ask('office', 'dx:HS_DUNG_HAN', 'ou:PROV', 'pe:LAST_4_QUARTERS;THIS_YEAR;LAST_YEAR;THIS_QUARTER;LAST_QUARTER');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().metaData.dimensions.pe).toEqual(['2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025', '2024', '2025Q2']);
    expect(r.json().metaData.items['2025Q1']).toEqual({ name: 'Quý I năm 2025' });
    expect(r.json().rows).toEqual([
      ['HS_DUNG_HAN', 'PROV', '2024Q2', '410'], ['HS_DUNG_HAN', 'PROV', '2024Q3', '424'], ['HS_DUNG_HAN', 'PROV', '2024Q4', '400'],
      ['HS_DUNG_HAN', 'PROV', '2025Q1', '50'], ['HS_DUNG_HAN', 'PROV', '2025', '120'], ['HS_DUNG_HAN', 'PROV', '2024', '1634'],
    ]);
  });

  it('keeps unit roles inside their own subtree: other units answer 404', async () => {
    expect(await rowsOf('reporter', 'dx:HS_DUNG_HAN', 'ou:D1;C1', 'pe:2024')).toEqual([['HS_DUNG_HAN', 'D1', '2024', '810'], ['HS_DUNG_HAN', 'C1', '2024', '810']]);
    expect(await rowsOf('reporter', 'dx:HS_DUNG_HAN', 'ou:LEVEL-3', 'pe:2024')).toEqual([['HS_DUNG_HAN', 'C1', '2024', '810']]);
    for (const [who, code] of [['reporter', 'D2'], ['reporter', 'PROV'], ['head', 'D1'], ['head', 'C2']] as const) {
      const r = await ask(who, 'dx:HS_DUNG_HAN', `ou:${code}`, 'pe:2024');
      expect(r.statusCode, `${who} ${code}`).toBe(404);
      expect(r.json().message).toBe(`Không tìm thấy đơn vị "${code}" trong phạm vi của bạn.`);
    }
  });
});

describe('bad requests', () => {
  it('answers 400 in Vietnamese naming the bad item', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Thiếu chiều "dx"/],
      [['dx:HS_TONG', 'ou:PROV'], /Thiếu chiều "pe"/],
      [['dx:HS_TONG', 'ou:PROV', 'pe:2024', 'dx:HS_TONG'], /Chiều "dx" được khai báo hai lần/],
      [['co:ABC', 'ou:PROV', 'pe:2024'], /Chiều dữ liệu "co:ABC" không hợp lệ/],
      [['dx:', 'ou:PROV', 'pe:2024'], /Chiều "dx" không có mục nào/],
      [['dx:KHONG_CO', 'ou:PROV', 'pe:2024'], /Không có chỉ tiêu hay chỉ số nào mã "KHONG_CO"/],
      [['dx:Xa\u0303', 'ou:PROV', 'pe:2024'], /Mã chỉ tiêu "Xã" không hợp lệ/],
      [['dx:HS_TONG', 'ou:NOWHERE', 'pe:2024'], /Không có đơn vị nào mã "NOWHERE"/],
      [['dx:HS_TONG', 'ou:LEVEL-0', 'pe:2024'], /Cấp đơn vị "LEVEL-0" không hợp lệ/],
      [['dx:HS_TONG', 'ou:LEVEL2', 'pe:2024'], /Cấp đơn vị "LEVEL2" không hợp lệ/],
      [['dx:HS_TONG', 'ou:PROV', 'pe:2024Q5'], /Kỳ "2024Q5" không hợp lệ/],
      [['dx:HS_TONG', 'ou:PROV', 'pe:NEXT_DECADE'], /Kỳ "NEXT_DECADE" không hợp lệ/],
      [['dx:HS_TONG', 'ou:PROV', 'pe:2024', 'includeUnapproved=yes'], /./],
    ];
    for (const [dims, message] of cases) {
      const r = await ask('office', ...dims);
      expect(r.statusCode, dims.join(' ')).toBe(400);
      expect(r.json().message, dims.join(' ')).toMatch(message);
    }
    const months = Array.from({ length: 120 }, (_, i) => `${2015 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`).join(';');
    const codes = Array.from({ length: 200 }, (_, i) => `CT${i}`).join(';');
    const big = await ask('office', `dx:${codes}`, 'ou:PROV;LEVEL-2', `pe:${months}`);
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toBe('Truy vấn quá lớn: 200 chỉ tiêu × 5 đơn vị × 120 kỳ (tối đa 100.000 ô). Hãy thu hẹp truy vấn.');
    const many = Array.from({ length: 201 }, (_, i) => `P${i}`).join(';');
    const r = await ask('office', 'dx:HS_TONG', `ou:${many}`, 'pe:2024');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/quá nhiều mục/);
  });

  it('asks who is calling', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/analytics?dimension=dx:HS_TONG&dimension=ou:PROV&dimension=pe:2024' });
    expect(r.statusCode).toBe(401);
  });
});

describe('other formats', () => {
  it('exports CSV with codes and Vietnamese names', async () => {
    const r = await ask('office', 'dx:HS_TONG;TL_DUNG_HAN', 'ou:PROV', 'pe:2024', 'format=csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.body).toBe('\uFEFFdx,dx_ten,ou,ou_ten,pe,pe_ten,value\nHS_TONG,Tổng số hồ sơ,PROV,Tỉnh Mẫu,2024,Năm 2024,1733\n'
      + 'TL_DUNG_HAN,Tỷ lệ hồ sơ đúng hạn,PROV,Tỉnh Mẫu,2024,Năm 2024,94.3\n');
  });

  it('gives the CLI the same figures as the API', async () => {
    const json = await runAnalyticsCommand(s.db, { dx: 'HS_DUNG_HAN;TL_DUNG_HAN', ou: 'PROV;LEVEL-2', pe: 'LAST_YEAR', format: 'json' }, '2025-05-10');
    const api = await ask('office', 'dx:HS_DUNG_HAN;TL_DUNG_HAN', 'ou:PROV;LEVEL-2', 'pe:2024');
    expect(JSON.parse(json)).toEqual(api.json());
    const csv = await runAnalyticsCommand(s.db, { dx: 'TL_DUNG_HAN', ou: 'PROV', pe: '2024', format: 'csv' }, '2025-05-10');
    expect(csv).toBe('dx,dx_ten,ou,ou_ten,pe,pe_ten,value\nTL_DUNG_HAN,Tỷ lệ hồ sơ đúng hạn,PROV,Tỉnh Mẫu,2024,Năm 2024,94.3\n');
    await expect(runAnalyticsCommand(s.db, { dx: 'HS_TONG', ou: 'PROV', pe: 'sai', format: 'json' }, '2025-05-10')).rejects.toThrow('Kỳ "sai" không hợp lệ.');
  });
});
