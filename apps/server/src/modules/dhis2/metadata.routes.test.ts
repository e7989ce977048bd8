import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { count, PROVINCE, seedUsers, type UserKey } from './test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let users: Record<UserKey, { cookie: string }>;
const json = { 'content-type': 'application/json' };
const post = (payload: unknown, query = '', headers = admin) =>
  s.app.inject({ method: 'POST', url: `/api/metadata${query}`, headers: { ...headers, ...json }, payload: payload as object });
const exported = async (app = s.app, headers = admin) => {
  const r = await app.inject({ url: '/api/metadata', headers });
  expect(r.statusCode, r.body).toBe(200);
  const { system: _system, ...rest } = r.json();
  return rest;
};

beforeAll(async () => {
  s = await testServer({ now: '2024-05-10T02:00:00Z' });
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const r = await post(PROVINCE);
  expect(r.statusCode, r.body).toBe(200);
  users = await seedUsers(s.app, s.db);
});
afterAll(() => s.close());

describe('POST /api/metadata', () => {
  it('created the whole province in one go, with levels, paths, lineage, sections and one audit event', async () => {
    const units = await s.db.query<{ code: string; level: number; path: string; parent: string | null }>(
      `SELECT o.code, o.level, o.path, p.code AS parent FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id ORDER BY o.code`,
    );
    const byCode = Object.fromEntries(units.map((u) => [u.code, u]));
    expect(byCode.AT_X1.level).toBe(3);
    expect(byCode.AT_X1.path).toBe(`${byCode.AT.path}${byCode.AT_X1.path.split('/').at(-2)}/`);
    expect(byCode.AT.path.startsWith(byCode.TINH.path)).toBe(true);
    expect(byCode.P_BCVT.parent).toBe('SO');
    expect(await count(s.db, `org_unit_lineage l JOIN org_units u ON u.id = l.unit_id WHERE u.code = 'MOI'`)).toBe(2);
    expect(await s.db.one(`SELECT value_type, min_value FROM data_elements WHERE code = 'THON'`)).toEqual({
      value_type: 'INTEGER',
      min_value: 0,
    });
    const sections = await s.db.query<{ title: string; codes: string }>(
      `SELECT s.title, string_agg(e.code || CASE WHEN fe.required THEN '*' ELSE '' END, ',' ORDER BY fe.sort) AS codes
         FROM form_sections s JOIN report_forms f ON f.id = s.form_id JOIN form_elements fe ON fe.section_id = s.id
         JOIN data_elements e ON e.id = fe.data_element_id WHERE f.code = 'BC_Q' GROUP BY s.id, s.title, s.sort ORDER BY s.sort`,
    );
    expect(sections).toEqual([
      { title: 'Hạ tầng', codes: 'BTS*,THON_BR,THON' },
      { title: 'Khác', codes: 'TYLE,DOANHTHU,GHICHU,CO_DAI' },
    ]);
    expect(await s.db.one(`SELECT operator, importance FROM validation_rules WHERE code = 'R_THON'`)).toEqual({
      operator: 'le',
      importance: 'error',
    });
    const ev = await s.db.query<{ after: { stats: Record<string, number> } }>(
      `SELECT after FROM audit_events WHERE action = 'metadata.import'`,
    );
    expect(ev).toHaveLength(1);
    expect(ev[0].after.stats).toEqual({ created: 23, updated: 0, ignored: 0, total: 23 });
  });

  it('ignores what did not change and updates by code, storing text as NFC', async () => {
    const same = await post(PROVINCE);
    expect(same.json()).toMatchObject({ status: 'OK', stats: { created: 0, updated: 0, ignored: 23, total: 23 } });
    const name = 'Phòng Văn hóa và Thông tin huyện Đông Hưng mới'.normalize('NFD');
    const r = await post({ organisationUnits: [{ code: 'DH', name }] });
    expect(r.json()).toMatchObject({ status: 'OK', stats: { created: 0, updated: 1, ignored: 0, total: 1 } });
    const row = await s.db.one<{ name: string; short_name: string; type: string }>(
      `SELECT name, short_name, type FROM org_units WHERE code = 'DH'`,
    );
    expect(row.name).toBe(name.normalize('NFC'));
    expect(row.name).not.toBe(name);
    // fields left out keep their stored value
    expect(row).toMatchObject({ short_name: 'Đông Hưng', type: 'district_office' });
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await count(s.db, 'audit_events');
    const r = await post(
      {
        organisationUnits: [{ code: 'NEW1', name: 'Đơn vị mới', parent: 'TINH' }],
        dataElements: [{ code: 'BTS', name: 'Số trạm BTS (đổi tên)' }],
      },
      '?dryRun=true',
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'OK', dryRun: true, stats: { created: 1, updated: 1, ignored: 0, total: 2 } });
    expect(await count(s.db, `org_units WHERE code = 'NEW1'`)).toBe(0);
    expect((await s.db.one<{ name: string }>(`SELECT name FROM data_elements WHERE code = 'BTS'`)).name).toBe('Số vị trí trạm BTS');
    expect(await count(s.db, 'audit_events')).toBe(before);
  });

  it('is all or nothing: one bad object keeps the good ones out, with Vietnamese reasons per code', async () => {
    const r = await post({
      organisationUnits: [
        { code: 'GOOD', name: 'Đơn vị tốt', parent: 'TINH' },
        { code: 'ORPHAN', name: 'Mồ côi', parent: 'KHONG_CO' },
        { code: 'LOOP_A', name: 'Vòng A', parent: 'LOOP_B' },
        { code: 'LOOP_B', name: 'Vòng B', parent: 'LOOP_A' },
        { code: 'BADDATE', name: 'Sai ngày', openingDate: '2024-02-30' },
        { code: 'GOOD', name: 'Trùng' },
      ],
      dataElements: [
        { code: 'X1', name: 'Sai kiểu', valueType: 'FILE_RESOURCE' },
        { code: 'X2', valueType: 'NUMBER' },
        { code: 'X3', name: 'Min>max', valueType: 'NUMBER', min: 5, max: 1 },
      ],
      indicators: [
        { code: 'I1', name: 'Chỉ số lạ', numerator: '#{KHONG_CO}', denominator: '1' },
        { code: 'I2', name: 'Cú pháp', numerator: '#{BTS} +', denominator: '1' },
      ],
      dataSets: [{ code: 'F1', name: 'Biểu lạ', periodType: 'Weekly' }],
      validationRules: [
        { code: 'V1', name: 'Phép lạ', leftSide: { expression: '#{BTS}' }, operator: 'compulsory_pair', rightSide: { expression: '1' } },
      ],
      targets: [{ dataElement: 'BTS', indicator: 'TL_THON_BR', orgUnit: 'DH', year: 2024, value: 1 }],
    });
    expect(r.statusCode).toBe(409);
    const body = r.json();
    expect(body.status).toBe('ERROR');
    expect(body.message).toMatch(/chưa nhập gì/);
    const msg = (object: string) =>
      body.errors
        .filter((e: { object: string }) => e.object === object)
        .map((e: { message: string }) => e.message)
        .join(' | ');
    expect(msg('ORPHAN')).toMatch(/Đơn vị cấp trên \(parent\) "KHONG_CO" không có/);
    expect(msg('LOOP_A')).toMatch(/vòng lặp/);
    expect(msg('BADDATE')).toMatch(/YYYY-MM-DD/);
    expect(msg('GOOD')).toMatch(/lặp lại/);
    expect(msg('X1')).toMatch(/valueType/);
    expect(msg('X2')).toMatch(/Thiếu tên/);
    expect(msg('X3')).toMatch(/min/);
    expect(msg('I1')).toMatch(/KHONG_CO/);
    expect(msg('I2')).toMatch(/Tử số \(numerator\) không hợp lệ/);
    expect(msg('F1')).toMatch(/periodType/);
    expect(msg('V1')).toMatch(/operator/);
    expect(msg('BTS/DH/2024')).toMatch(/đúng một/);
    expect(body.stats.created).toBe(0);
    expect(await count(s.db, `org_units WHERE code IN ('GOOD', 'LOOP_A')`)).toBe(0);
  });

  it('refuses to change the value type of an element that has figures', async () => {
    await s.db.query(
      `INSERT INTO data_values (data_element_id, org_unit_id, period, value) VALUES ((SELECT id FROM data_elements WHERE code = 'DOANHTHU'), (SELECT id FROM org_units WHERE code = 'DH'), '2023', '10')`,
    );
    const r = await post({ dataElements: [{ code: 'DOANHTHU', valueType: 'TEXT' }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().errors[0]).toMatchObject({ object: 'DOANHTHU', klass: 'dataElements' });
    expect(r.json().errors[0].message).toMatch(/đã có số liệu/);
  });

  it('answers 400 in Vietnamese for broken, empty and wrongly shaped bodies', async () => {
    const broken = await s.app.inject({
      method: 'POST',
      url: '/api/metadata',
      headers: { ...admin, ...json },
      payload: '{"organisationUnits": [',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/JSON/);
    const empty = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: { ...admin, ...json }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect((await post([1, 2])).statusCode).toBe(400);
    const nothing = await post({ users: [] });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().message).toMatch(/không có mục nào/);
    const notList = await post({ organisationUnits: { code: 'X' } });
    expect(notList.statusCode).toBe(409);
    expect(notList.json().errors[0].message).toMatch(/danh sách/);
  });

  it('is for the office and admin only (403), import and export', async () => {
    for (const who of ['repDH', 'viewer', 'director', 'revBcvt'] as const) {
      expect((await post({ organisationUnits: [{ code: 'Z', name: 'Z' }] }, '', users[who])).statusCode).toBe(403);
      expect((await s.app.inject({ url: '/api/metadata', headers: users[who] })).statusCode).toBe(403);
    }
    expect((await post({ organisationUnits: [{ code: 'Z', name: 'Z' }] }, '?dryRun=true', users.office)).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: '/api/metadata', payload: { organisationUnits: [] } })).statusCode).toBe(401);
  });
});

describe('GET /api/metadata — round trip', () => {
  it('exports a file that re-imports into an empty instance identically', async () => {
    // Nhịp's own "better" (desirable direction): absent on import → 'higher'; set to 'lower' it travels both ways.
    const flip = await post({ dataElements: [{ code: 'THON_BR', better: 'lower' }], indicators: [{ code: 'TL_THON_BR', better: 'lower' }] });
    expect(flip.json()).toMatchObject({ status: 'OK', stats: { updated: 2 } });
    const a = await exported();
    expect(a.dataElements.map((e: { code: string; better: string }) => [e.code, e.better])).toEqual([
      ['BTS', 'higher'], ['CO_DAI', 'higher'], ['DOANHTHU', 'higher'], ['GHICHU', 'higher'], ['THON', 'higher'], ['THON_BR', 'lower'], ['TYLE', 'higher'],
    ]);
    expect(a.indicators[0]).toMatchObject({ code: 'TL_THON_BR', better: 'lower', factor: 100 });
    const bad = await post({ indicators: [{ code: 'TL_THON_BR', better: 'down' }] });
    expect(bad.statusCode).toBe(409);
    expect(JSON.stringify(bad.json().errors)).toContain('phải là higher (càng cao càng tốt) hoặc lower (càng thấp càng tốt)');
    expect(a.organisationUnits.find((u: { code: string }) => u.code === 'MOI')).toMatchObject({
      id: 'MOI',
      parent: 'TINH',
      openingDate: '2020-01-01',
      closedDate: null,
      predecessors: [{ code: 'AT_X1', kind: 'transfer' }, 'CU'],
    });
    expect(a.validationRules[0]).toMatchObject({
      operator: 'less_than_or_equal_to',
      importance: 'HIGH',
      leftSide: { expression: '#{THON_BR}' },
    });
    expect(a.dataSets.find((f: { code: string }) => f.code === 'BC_N')).toMatchObject({
      kind: 'statistical',
      dataElements: ['BTS', 'DOANHTHU'],
      organisationUnits: ['DH'],
    });
    const b = await testServer();
    try {
      const bAdmin = await loginAs(b.app, 'admin', TEST_ADMIN_PASSWORD);
      const r = await b.app.inject({ method: 'POST', url: '/api/metadata', headers: { ...bAdmin, ...json }, payload: a });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().stats.updated).toBe(0);
      expect(await exported(b.app, bAdmin)).toEqual(a);
      const again = await b.app.inject({ method: 'POST', url: '/api/metadata', headers: { ...bAdmin, ...json }, payload: a });
      expect(again.json().stats).toMatchObject({ created: 0, updated: 0 });
    } finally {
      await b.close();
    }
  });
});

describe('metadata lists', () => {
  it('lists organisation units DHIS2-style with codes as ids, pager, fields and filters', async () => {
    const r = await s.app.inject({ url: '/api/organisationUnits?paging=false', headers: admin });
    expect(r.statusCode).toBe(200);
    const list = r.json().organisationUnits;
    expect(r.json().pager).toBeUndefined();
    expect(list.find((u: { code: string }) => u.code === 'AT_X1')).toMatchObject({
      id: 'AT_X1',
      level: 3,
      parent: { id: 'AT', code: 'AT' },
      closedDate: null,
    });
    const paged = (
      await s.app.inject({ url: '/api/organisationUnits?pageSize=2&page=2&fields=id,name,parent[code],bogus', headers: admin })
    ).json();
    expect(paged.pager).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.organisationUnits).toHaveLength(2);
    for (const u of paged.organisationUnits) expect(Object.keys(u).sort()).toEqual(['id', 'name', 'parent']);
    const filtered = (
      await s.app.inject({ url: '/api/organisationUnits.json?paging=false&filter=name:ilike:van hoa&filter=level:eq:2', headers: admin })
    ).json();
    expect(filtered.organisationUnits.map((u: { code: string }) => u.code).sort()).toEqual(['AT', 'CU', 'DH', 'MOI']);
    expect((await s.app.inject({ url: '/api/organisationUnits?filter=nonsense', headers: admin })).statusCode).toBe(400);
  });

  it('shows a unit user only their unit, its ancestors and their forms', async () => {
    const units = (await s.app.inject({ url: '/api/organisationUnits?paging=false', headers: users.repAT })).json().organisationUnits;
    expect(units.map((u: { code: string }) => u.code).sort()).toEqual(['AT', 'TINH']);
    const forms = (await s.app.inject({ url: '/api/dataSets.json?paging=false', headers: users.repAT })).json().dataSets;
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ code: 'BC_Q', periodType: 'Quarterly', organisationUnits: [{ id: 'AT', code: 'AT' }] });
    expect(forms[0].dataSetElements.map((d: { dataElement: { code: string } }) => d.dataElement.code)).toContain('CO_DAI');
  });

  it('lists data elements and indicators', async () => {
    const els = (await s.app.inject({ url: '/api/dataElements?paging=false&filter=code:in:[BTS,TYLE]', headers: users.viewer })).json()
      .dataElements;
    expect(els).toEqual([
      expect.objectContaining({ id: 'BTS', valueType: 'INTEGER', aggregationType: 'LAST', domainType: 'AGGREGATE' }),
      expect.objectContaining({ id: 'TYLE', valueType: 'PERCENTAGE' }),
    ]);
    const ind = (await s.app.inject({ url: '/api/indicators.json', headers: users.viewer })).json().indicators;
    expect(ind[0]).toMatchObject({ id: 'TL_THON_BR', numerator: '#{THON_BR}', denominator: '#{THON}', indicatorType: { factor: 100 } });
    expect((await s.app.inject({ url: '/api/dataElements' })).statusCode).toBe(401);
  });
});
