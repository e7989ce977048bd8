import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP } from '../../platform/security-headers.js';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { type ValueSeed, makeElement, makeIndicator, putValues } from '../analytics/test-fixtures.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { CSV_HEADER } from './figures.render.js';
import { releasedPeriods } from './figures.service.js';

/**
 * Open figures on a province reorganised on 01/07/2025: districts D1, D2 (level 2, with communes C1, C2 at level 3)
 * close on 30/06/2025; commune X1 opens on 01/07/2025 directly under the province. Business day 10/11/2025.
 * Figures: HS_DUNG_HAN, HS_TONG and the indicator TL_DUNG_HAN public down to level 2; TRAM_BTS public at the province
 * only; BI_MAT not public. Every round starts open, so nothing is published until the office closes rounds.
 */
let s: TestServer;
const u: Record<string, number> = {};
let office: { cookie: string };
let viewer: { cookie: string };

beforeAll(async () => {
  s = await testServer({ now: '2025-11-10T02:00:00Z' });
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
  const secret = await makeElement(db, 'BI_MAT', 'SUM', 'Chỉ tiêu nội bộ');
  await makeIndicator(db, { code: 'TL_DUNG_HAN', name: 'Tỷ lệ hồ sơ đúng hạn', numerator: '#{HS_DUNG_HAN}', denominator: '#{HS_TONG}', factor: 100, decimals: 1 });
  await db.query(`UPDATE indicators SET uom = '%' WHERE code = 'TL_DUNG_HAN'`);
  await db.query(`INSERT INTO data_elements (code, name, value_type, public, public_level) VALUES ('GHI_CHU', 'Ghi chú', 'TEXT', true, 2)`);
  const v = (deId: number, unit: string, period: string, value: number, status: ValueSeed['status'] = 'approved'): ValueSeed =>
    ({ deId, unitId: u[unit]!, period, value, status });
  await putValues(db, [
    v(dat, 'C1', '2024Q1', 400), v(tong, 'C1', '2024Q1', 420),
    v(dat, 'C1', '2024Q2', 410), v(tong, 'C1', '2024Q2', 430),
    v(dat, 'D2', '2024Q3', 424), v(tong, 'D2', '2024Q3', 450),
    v(dat, 'C2', '2024Q4', 400), v(tong, 'C2', '2024Q4', 433),
    // submitted, never approved: must never reach the public
    v(dat, 'D1', '2024Q4', 100, 'submitted'), v(tong, 'D1', '2024Q4', 100, 'submitted'),
    v(tram, 'C1', '202401', 10), v(tram, 'C1', '202402', 12), v(tram, 'C1', '202403', 15),
    v(tram, 'C2', '202401', 5), v(tram, 'C2', '202402', 7),
    v(secret, 'C1', '2024Q1', 999),
    v(dat, 'C1', '2025Q1', 50), v(tong, 'C1', '2025Q1', 60),
    v(dat, 'X1', '2025Q3', 70), v(tong, 'X1', '2025Q3', 80),
    v(tram, 'C1', '2025Q2', 18), v(tram, 'C2', '2025Q2', 12), v(tram, 'X1', '2025Q3', 31),
  ]);
  // The test forms carry the elements, so their rounds decide which periods are released.
  for (const [form, codes] of [['AN-Quarterly', ['HS_DUNG_HAN', 'HS_TONG', 'TRAM_BTS', 'BI_MAT']], ['AN-Monthly', ['TRAM_BTS']]] as const) {
    const f = await db.one<{ id: number }>(`SELECT id FROM report_forms WHERE code = $1`, [form]);
    const sec = await db.one<{ id: number }>(`INSERT INTO form_sections (form_id, title) VALUES ($1, 'Số liệu') RETURNING id`, [f.id]);
    await db.query(
      `INSERT INTO form_elements (form_id, section_id, data_element_id) SELECT $1, $2, id FROM data_elements WHERE code = ANY($3::text[])`,
      [f.id, sec.id, codes],
    );
  }
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: u.PROV });
  viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: u.PROV });
  // The office marks the figures public through the catalog API.
  const mark = async (kind: 'data-elements' | 'indicators', code: string, publicLevel: number) => {
    const list = (await s.app.inject({ url: `/api/${kind}?q=${code}`, headers: office })).json() as { id: number; code: string }[];
    const id = list.find((x) => x.code === code)!.id;
    const r = await s.app.inject({ method: 'PATCH', url: `/api/${kind}/${id}`, headers: office, payload: { public: true, publicLevel } });
    expect(r.statusCode, r.body).toBe(200);
  };
  await mark('data-elements', 'HS_DUNG_HAN', 2);
  await mark('data-elements', 'HS_TONG', 2);
  await mark('data-elements', 'TRAM_BTS', 1);
  await mark('indicators', 'TL_DUNG_HAN', 2);
}, 60_000);
afterAll(() => s.close());

const get = (url: string) => s.app.inject({ method: 'GET', url });
const json = async (code: string) => {
  const r = await get(`/so-lieu/${code}/du-lieu.json`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { values: { period: string; orgUnit: string; orgUnitName: string; level: number; value: number }[]; license: { id: string; url: string } };
};
const setRounds = async (periods: string[], status: 'open' | 'closed') => {
  const rounds = await s.db.query<{ id: number }>(`SELECT id FROM reporting_rounds WHERE period = ANY($1::text[])`, [periods]);
  for (const r of rounds) {
    const res = await s.app.inject({ method: 'PATCH', url: `/api/rounds/${r.id}`, headers: office, payload: { status } });
    expect(res.statusCode, res.body).toBe(200);
  }
};

describe('which periods are released', () => {
  const round = (period: string, start: string, end: string, status: 'open' | 'closed') => ({ period, period_start: start, period_end: end, status });

  it('a period counts once it has ended and every round within it is closed; a year of quarters needs all four', () => {
    const rounds = [
      round('2024Q1', '2024-01-01', '2024-03-31', 'closed'), round('2024Q2', '2024-04-01', '2024-06-30', 'closed'),
      round('2024Q3', '2024-07-01', '2024-09-30', 'closed'), round('2024Q4', '2024-10-01', '2024-12-31', 'closed'),
      round('2025Q1', '2025-01-01', '2025-03-31', 'closed'), round('2025Q2', '2025-04-01', '2025-06-30', 'open'),
      round('2025Q3', '2025-07-01', '2025-09-30', 'closed'),
    ];
    const r = releasedPeriods(rounds, '2025-11-10');
    expect(r.years.map((p) => p.id)).toEqual(['2024']);
    expect(r.quarters.map((p) => p.id)).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q3']);
    // the year has not ended: not released even with every round closed
    expect(releasedPeriods(rounds.map((x) => ({ ...x, status: 'closed' as const })), '2025-11-10').years.map((p) => p.id)).toEqual(['2024']);
    // a quarter that has not ended yet
    expect(releasedPeriods([round('2025Q4', '2025-10-01', '2025-12-31', 'closed')], '2025-11-10').quarters).toEqual([]);
    // a yearly form alone gives the year, never its quarters
    expect(releasedPeriods([round('2024', '2024-01-01', '2024-12-31', 'closed')], '2025-11-10')).toMatchObject({ years: [{ id: '2024' }], quarters: [] });
    expect(releasedPeriods([], '2025-11-10')).toEqual({ years: [], quarters: [] });
  });
});

describe('open figures', () => {
  it('publish nothing while every round is open', async () => {
    const page = await get('/so-lieu/HS_DUNG_HAN');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chưa có năm nào được công bố.');
    expect(page.body).toContain('Chưa có quý nào được công bố.');
    expect((await json('HS_DUNG_HAN')).values).toEqual([]);
    expect((await get('/so-lieu/HS_DUNG_HAN?ky=2024')).statusCode).toBe(404);
  });

  it('once the 2024 and early 2025 rounds are closed, show province totals by year and quarter, charted and tabled', async () => {
    await setRounds(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '202401', '202402', '202403', '2025Q1', '2025Q2'], 'closed');
    const r = await get('/so-lieu/HS_DUNG_HAN');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toBe(PORTAL_CSP);
    const html = r.body;
    expect(html).toContain('<h1>Số hồ sơ giải quyết đúng hạn</h1>');
    // the yearly chart: an image named by its title and described in words, with the same numbers in a table
    expect(html).toContain('<svg class="chart" viewBox="0 0 720 280" role="img" aria-labelledby="bieu-do-nam-t bieu-do-nam-d"');
    expect(html).toContain('<title id="bieu-do-nam-t">Số hồ sơ giải quyết đúng hạn, toàn tỉnh theo năm</title>');
    expect(html).toContain('<desc id="bieu-do-nam-d">Số hồ sơ giải quyết đúng hạn, toàn tỉnh theo năm. Năm 2024: 1.634.</desc>');
    expect(html).toContain('<tr><th scope="row">Năm 2024</th><td class="num">1.634</td></tr>');
    // quarters: Q4 is 400 (the submitted 100 never counts), 2025Q1 is released, 2025Q3 is not
    expect(html).toContain('<tr><th scope="row">Quý IV năm 2024</th><td class="num">400</td></tr>');
    expect(html).toContain('<tr><th scope="row">Quý I năm 2025</th><td class="num">50</td></tr>');
    expect(html).not.toContain('Quý III năm 2025');
    // the by-unit table, one level down, of the latest released year
    expect(html).toContain('<caption>Số hồ sơ giải quyết đúng hạn theo đơn vị, năm 2024</caption>');
    expect(html).toContain('<tr><th scope="row">Huyện Hai</th><td class="num">824</td></tr>');
    expect(html).toContain('<tr><th scope="row">Huyện Một</th><td class="num">810</td></tr>');
    expect(html).toContain('<option value="2024Q4">Quý IV năm 2024</option>');
    expect(html).toContain('href="/so-lieu/HS_DUNG_HAN/du-lieu.csv"');
    expect(html).toContain('rel="license"');
    expect(html).not.toMatch(/<script|style=/i);
  });

  it('are the analytics API\'s numbers, for the province and one level down', async () => {
    for (const code of ['HS_DUNG_HAN', 'HS_TONG', 'TL_DUNG_HAN', 'TRAM_BTS']) {
      const data = await json(code);
      const province = data.values.filter((x) => x.level === 1);
      expect(province.length, code).toBeGreaterThan(0);
      const periods = [...new Set(data.values.map((x) => x.period))];
      const ask = async (ou: string) => {
        const r = await s.app.inject({
          url: `/api/analytics?dimension=${encodeURIComponent(`dx:${code}`)}&dimension=${encodeURIComponent(`ou:${ou}`)}&dimension=${encodeURIComponent(`pe:${periods.join(';')}`)}`,
          headers: viewer,
        });
        expect(r.statusCode, r.body).toBe(200);
        return (r.json().rows as string[][]).map(([, o, pe, value]) => ({ orgUnit: o, period: pe, value: Number(value) }));
      };
      const sortKey = (x: { orgUnit: string; period: string }) => `${x.orgUnit}|${x.period}`;
      const strip = (xs: { orgUnit: string; period: string; value: number }[]) => xs.map(({ orgUnit, period, value }) => ({ orgUnit, period, value })).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      expect(strip(province), code).toEqual(strip(await ask('PROV')));
      const units = data.values.filter((x) => x.level === 2);
      if (code === 'TRAM_BTS') expect(units).toEqual([]);
      else expect(strip(units), code).toEqual(strip(await ask('LEVEL-2')));
    }
    const rate = await json('TL_DUNG_HAN');
    expect(rate.values.find((x) => x.level === 1 && x.period === '2024')!.value).toBe(94.3);
    expect(rate.license).toEqual({ id: 'CC-BY-4.0', name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)', url: 'https://creativecommons.org/licenses/by/4.0/deed.vi', attribution: expect.any(String) });
  });

  it('leak nothing: no figure that is not public, no unit below the chosen level, no unapproved or unreleased value', async () => {
    const index = await get('/so-lieu');
    expect(index.statusCode).toBe(200);
    for (const name of ['Số hồ sơ giải quyết đúng hạn', 'Tổng số hồ sơ', 'Tỷ lệ hồ sơ đúng hạn', 'Số trạm BTS']) expect(index.body).toContain(name);
    expect(index.body).toContain('94,3%');
    const everything = [index.body, (await get('/so-lieu/danh-muc.json')).body, (await get('/sitemap.xml')).body];
    for (const code of ['HS_DUNG_HAN', 'HS_TONG', 'TL_DUNG_HAN', 'TRAM_BTS']) {
      for (const url of [`/so-lieu/${code}`, `/so-lieu/${code}?ky=2024Q1`, `/so-lieu/${code}/du-lieu.csv`, `/so-lieu/${code}/du-lieu.json`]) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(200);
        everything.push(r.body);
        // level 3 (the communes under the districts) never appears
        expect(r.body, url).not.toMatch(/Xã Một|Xã Hai|"C1"|"C2"|,C1,|,C2,/);
      }
    }
    const all = everything.join('\n');
    expect(all).not.toMatch(/BI_MAT|Chỉ tiêu nội bộ|999|GHI_CHU/);
    // unapproved: D1's submitted 100 in 2024Q4 would make the quarter 500 and D1's year 910
    const dat = (await json('HS_DUNG_HAN')).values;
    expect(dat.find((x) => x.orgUnit === 'PROV' && x.period === '2024Q4')!.value).toBe(400);
    expect(dat.find((x) => x.orgUnit === 'D1' && x.period === '2024')!.value).toBe(810);
    expect(dat.find((x) => x.orgUnit === 'D1' && x.period === '2024Q4')).toBeUndefined();
    expect(all).not.toMatch(/<td class="num">(500|910)<\/td>|,(500|910),/);
    // unreleased: 2025Q3 (the new commune's 70) and the open year 2025
    expect(all).not.toContain('2025Q3');
    expect(all).not.toContain('Xã Mới');
    for (const url of ['/so-lieu/BI_MAT', '/so-lieu/GHI_CHU', '/so-lieu/BI_MAT/du-lieu.json', '/so-lieu/HS_DUNG_HAN?ky=2025Q3', '/so-lieu/HS_DUNG_HAN?ky=2025', '/so-lieu/HS_DUNG_HAN?ky=hom-nay']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    // a figure public at the province only: no by-unit table, no unit in its downloads
    const tram = await get('/so-lieu/TRAM_BTS');
    expect(tram.body).not.toContain('Theo đơn vị');
    expect(tram.body).not.toMatch(/Huyện Một|Huyện Hai/);
    expect((await json('TRAM_BTS')).values.every((x) => x.orgUnit === 'PROV')).toBe(true);
    expect((await get('/so-lieu/TRAM_BTS/du-lieu.csv')).body).not.toMatch(/D1|D2|Huyện/);
  });

  it('download as CSV (spreadsheet-safe, with a BOM) and JSON with licence and description', async () => {
    const csv = await get('/so-lieu/HS_DUNG_HAN/du-lieu.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment; filename="so-lieu-HS_DUNG_HAN.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toContain('HS_DUNG_HAN,Số hồ sơ giải quyết đúng hạn,2024,Năm 2024,PROV,Tỉnh Mẫu,1,1634,');
    expect(lines).toContain('HS_DUNG_HAN,Số hồ sơ giải quyết đúng hạn,2024,Năm 2024,D1,Huyện Một,2,810,');
    const j = await get('/so-lieu/HS_DUNG_HAN/du-lieu.json');
    expect(j.headers['content-disposition']).toContain('attachment; filename="so-lieu-HS_DUNG_HAN.json"');
    expect(j.json()).toMatchObject({
      code: 'HS_DUNG_HAN', title: 'Số hồ sơ giải quyết đúng hạn', kind: 'data_element', license: { id: 'CC-BY-4.0' },
      releaseRule: expect.stringContaining('đã được phê duyệt'), method: 'cộng dồn các kỳ và các đơn vị',
    });
    const catalog = (await get('/so-lieu/danh-muc.json')).json();
    expect(catalog.datasets.map((d: { code: string }) => d.code).sort()).toEqual(['HS_DUNG_HAN', 'HS_TONG', 'TL_DUNG_HAN', 'TRAM_BTS']);
  });

  it('take a period off again when its round is reopened, and take a figure off when it is no longer public', async () => {
    await setRounds(['2024Q4'], 'open');
    const page = await get('/so-lieu/HS_DUNG_HAN');
    expect(page.body).toContain('Chưa có năm nào được công bố.');
    expect(page.body).not.toContain('Quý IV năm 2024');
    expect((await json('HS_DUNG_HAN')).values.some((x) => x.period === '2024' || x.period === '2024Q4')).toBe(false);
    const id = (await s.db.one<{ id: number }>(`SELECT id FROM data_elements WHERE code = 'HS_TONG'`)).id;
    await s.app.inject({ method: 'PATCH', url: `/api/data-elements/${id}`, headers: office, payload: { public: false } });
    expect((await get('/so-lieu/HS_TONG')).statusCode).toBe(404);
    expect((await get('/so-lieu')).body).not.toContain('Tổng số hồ sơ');
  });
});
