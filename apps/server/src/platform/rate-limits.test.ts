import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRound, PROVINCE, seedUsers, type UserKey } from '../modules/dhis2/test-fixtures.js';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../test/server.js';
import { loadConfig } from './config.js';
import { DEFAULT_RATE_LIMITS, HEAVY_ANALYTICS_CELLS, parseRateLimits } from './rate-limits.js';

describe('parseRateLimits (NHIP_RATE_LIMITS)', () => {
  it('reads name=MAX/WINDOW and name=off', () => {
    expect(parseRateLimits(undefined)).toEqual({});
    expect(parseRateLimits('')).toEqual({});
    expect(parseRateLimits('import=600/10m, report=off,analytics=5/90s,export=1000/1h')).toEqual({
      import: { max: 600, windowSeconds: 600 },
      report: 'off',
      analytics: { max: 5, windowSeconds: 90 },
      export: { max: 1000, windowSeconds: 3600 },
    });
  });

  it.each(['import', 'import=10', 'import=10/10', 'imports=10/1m', 'import=0/1m', 'import=10/0s', 'import=-1/1m'])('refuses "%s" in Vietnamese', (text) => {
    expect(() => parseRateLimits(text)).toThrow(/không hợp lệ/);
  });

  it('is part of the configuration, and a bad value stops the start with the variable named', () => {
    expect(loadConfig({ NHIP_RATE_LIMITS: 'pivot=10/1m' }).rateLimits).toEqual({ pivot: { max: 10, windowSeconds: 60 } });
    expect(() => loadConfig({ NHIP_RATE_LIMITS: 'pivot=nhiều' })).toThrow(/NHIP_RATE_LIMITS: "pivot=nhiều" không hợp lệ/);
  });

  it('defaults: every limit is at least 30 requests in 10 minutes', () => {
    for (const limit of Object.values(DEFAULT_RATE_LIMITS)) {
      expect(limit).not.toBe('off');
      if (limit !== 'off') expect(limit.max / limit.windowSeconds).toBeGreaterThanOrEqual(30 / 600);
    }
  });
});

describe('limits on expensive endpoints, per user', () => {
  let s: TestServer;
  let admin: { cookie: string };
  let users: Record<UserKey, { cookie: string }>;

  beforeAll(async () => {
    s = await testServer({
      now: '2024-05-10T02:00:00Z',
      config: { rateLimits: { import: { max: 3, windowSeconds: 600 }, analytics: { max: 1, windowSeconds: 1 }, report: { max: 1, windowSeconds: 600 } } },
    });
    admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    const r = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: admin, payload: PROVINCE });
    expect(r.statusCode, r.body).toBe(200); // the first of the admin's 3 imports
    users = await seedUsers(s.app, s.db);
    await openRound(s.db, 'BC_Q', '2024Q1', '2024-01-01', '2024-03-31');
  });
  afterAll(() => s.close());

  const importValues = (who: { cookie: string }) =>
    s.app.inject({
      method: 'POST', url: '/api/dataValueSets?dryRun=true', headers: { ...who, 'content-type': 'text/csv' },
      payload: 'dataElement,period,orgUnit,value\r\nBTS,2024Q1,DH,45\r\n',
    });

  it('answers 429 with Retry-After and a Vietnamese message once a user is over the limit; another user is not affected', async () => {
    for (let i = 0; i < 3; i++) expect((await importValues(users.repDH)).statusCode, `import ${i + 1}`).toBe(200);
    const over = await importValues(users.repDH);
    expect(over.statusCode).toBe(429);
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(over.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(/^Bạn đã nhập dữ liệu quá nhiều lần trong thời gian ngắn \(tối đa 3 lần trong 10 phút\)\. Vui lòng thử lại sau (9|10) phút\.$/),
      details: { limit: 'import', retryAfterSeconds: retryAfter },
    });
    expect(over.headers['ratelimit-remaining']).toBe('0');
    // Nothing was imported by the refused request: it was refused before the body was read.
    expect((await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'datavalues.import'`)).length).toBe(0);

    // Another user of the same unit, and the office, still import.
    expect((await importValues(users.headDH)).statusCode).toBe(200);
    expect((await importValues(users.office)).statusCode).toBe(200);
  });

  it('shares one budget between the import routes (metadata, units CSV, data values)', async () => {
    // The admin used one import for the metadata above.
    const org = await s.app.inject({
      method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'code,name,type,parentCode,validFrom,validTo,predecessorCodes\r\nX1,Xã Một,commune,AT,2024-01-01,,\r\n',
    });
    expect(org.statusCode, org.body).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: '/api/metadata?dryRun=true', headers: admin, payload: PROVINCE })).statusCode).toBe(200);
    const over = await importValues(admin);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
  });

  it(`counts analytics queries of ${HEAVY_ANALYTICS_CELLS.toLocaleString('en')} cells or more, and only those; the window then resets`, async () => {
    const months = Array.from({ length: 100 }, (_, i) => `${2016 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
    const heavy = `dimension=dx:BTS;DOANHTHU;THON;THON_BR;TYLE;TL_THON_BR;${Array.from({ length: 94 }, (_, i) => `BTS_${i}`).join(';')}&dimension=ou:TINH&dimension=pe:${months.join(';')}`;
    const small = 'dimension=dx:BTS&dimension=ou:TINH;DH&dimension=pe:2024;2023';
    const get = (q: string, who = users.office) => s.app.inject({ url: `/api/analytics?${q}`, headers: who });
    for (let i = 0; i < 5; i++) expect((await get(small)).statusCode).toBe(200);
    const first = await get(heavy); // 100 × 1 × 100 = 10,000 cells: counted, then refused for its unknown codes
    expect(first.statusCode).toBe(400);
    const over = await get(heavy);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    expect(over.json().message).toMatch(/^Bạn đã truy vấn số liệu tổng hợp lớn quá nhiều lần .* Vui lòng thử lại sau 1 giây\.$/);
    expect((await get(small)).statusCode).toBe(200);
    expect((await get(heavy, users.director)).statusCode).toBe(400);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get(heavy)).statusCode).toBe(400);
  });

  it('counts report downloads, not the HTML preview', async () => {
    const get = (format: string) => s.app.inject({ url: `/api/reports/summary?period=2024&format=${format}`, headers: users.office });
    for (let i = 0; i < 3; i++) expect((await get('html')).statusCode).toBe(200);
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    const docx = await get('docx');
    expect(docx.statusCode).toBe(429);
    expect(docx.json().message).toMatch(/tải báo cáo tổng kết/);
    expect((await get('html')).statusCode).toBe(200);
  });
});
