/** Values loaded by POST /api/dataValueSets?approve=true count as approved the moment the import commits. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { importDataValues } from '../dhis2/datavalues.service.js';
import { PROVINCE, type UserKey, seedUsers } from '../dhis2/test-fixtures.js';
import { rebuildAnalyticsCells } from './analytics.cells.js';

let s: TestServer;
let users: Record<UserKey, { cookie: string }>;

beforeAll(async () => {
  s = await testServer({ now: '2024-05-10T02:00:00Z' });
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const r = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: admin, payload: PROVINCE });
  expect(r.statusCode, r.body).toBe(200);
  users = await seedUsers(s.app, s.db);
});
afterAll(() => s.close());

const rows = async (query: string) => {
  const r = await s.app.inject({ url: `/api/analytics?${query}`, headers: users.office });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().rows;
};

it('counts an approved historical import at once (BTS is a stock: LAST over the quarters, summed over units)', async () => {
  const q = 'dimension=dx:BTS&dimension=ou:TINH;DH;AT&dimension=pe:2022;2022Q2';
  expect((await s.db.one<{ a: string }>(`SELECT aggregation_type AS a FROM data_elements WHERE code = 'BTS'`)).a).toBe('LAST');
  expect(await rows(q)).toEqual([]);
  const dv = (period: string, orgUnit: string, value: string) => ({ dataElement: 'BTS', period, orgUnit, value });
  const imported = await s.app.inject({
    method: 'POST', url: '/api/dataValueSets?approve=true', headers: { ...users.office, 'content-type': 'application/json' },
    payload: JSON.stringify({ dataValues: [dv('2022Q1', 'DH', '30'), dv('2022Q1', 'AT', '20'), dv('2022Q2', 'DH', '31'), dv('2022Q2', 'AT', '21')] }),
  });
  expect(imported.statusCode, imported.body).toBe(200);
  expect(await rows(q)).toEqual([
    ['BTS', 'TINH', '2022', '52'], ['BTS', 'TINH', '2022Q2', '52'],
    ['BTS', 'DH', '2022', '31'], ['BTS', 'DH', '2022Q2', '31'],
    ['BTS', 'AT', '2022', '21'], ['BTS', 'AT', '2022Q2', '21'],
  ]);
});

it('a bulk approved import rebuilds the touched elements\' cells once at the end, to the same figures', async () => {
  const q = 'dimension=dx:BTS&dimension=ou:TINH;DH&dimension=pe:2021;2021Q4';
  const dv = (period: string, orgUnit: string, value: string) => ({ dataElement: 'BTS', period, orgUnit, value });
  const actor = { id: 1, role: 'admin' as const, orgUnitId: null, username: 'admin' };
  // chunks of two values, above a limit of one: every chunk is deferred to one rebuild
  const r = await importDataValues(s.db, actor, {
    format: 'json', approve: true, chunkRows: 2, cellsIncrementalLimit: 1,
    body: JSON.stringify({ dataValues: [dv('2021Q3', 'DH', '40'), dv('2021Q3', 'AT', '10'), dv('2021Q4', 'DH', '41'), dv('2021Q4', 'AT', '12')] }),
  }, new Date('2024-05-10T02:00:00Z'));
  expect(r.status, JSON.stringify(r.conflicts)).toBe('SUCCESS');
  expect(await rows(q)).toEqual([
    ['BTS', 'TINH', '2021', '53'], ['BTS', 'TINH', '2021Q4', '53'],
    ['BTS', 'DH', '2021', '41'], ['BTS', 'DH', '2021Q4', '41'],
  ]);
  const cells = () => s.db.query(`SELECT * FROM analytics_cells ORDER BY data_element_id, org_unit_id, period`);
  const kept = await cells();
  await rebuildAnalyticsCells(s.db);
  expect(kept).toEqual(await cells());
});
