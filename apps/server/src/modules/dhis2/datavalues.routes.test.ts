import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { importDataValues } from './datavalues.service.js';
import { count, openRound, PROVINCE, seedUsers, setSubmission, storedValue, type UserKey } from './test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let users: Record<UserKey, { cookie: string }>;
type Row = { dataElement?: string; period?: string; orgUnit?: string; value?: unknown; comment?: string; categoryOptionCombo?: string };
const dv = (de: string, period: string, orgUnit: string, value: unknown, extra: Partial<Row> = {}): Row => ({
  dataElement: de,
  period,
  orgUnit,
  value,
  ...extra,
});
const send = (who: { cookie: string }, payload: unknown, query = '', contentType = 'application/json') =>
  s.app.inject({
    method: 'POST',
    url: `/api/dataValueSets${query}`,
    headers: { ...who, 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
const messages = (body: { conflicts: { value: string }[] }) => body.conflicts.map((c) => c.value).join('\n');

beforeAll(async () => {
  s = await testServer({ now: '2024-05-10T02:00:00Z' });
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const r = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: admin, payload: PROVINCE });
  expect(r.statusCode, r.body).toBe(200);
  users = await seedUsers(s.app, s.db);
  await openRound(s.db, 'BC_Q', '2024Q1', '2024-01-01', '2024-03-31');
  await openRound(s.db, 'BC_Q', '2023Q4', '2023-10-01', '2023-12-31', 'closed');
});
afterAll(() => s.close());

describe('POST /api/dataValueSets — JSON', () => {
  it('imports into the unit’s draft, then counts updated and unchanged values', async () => {
    const comment = 'Xa\u0303 Đông Hưng: thêm 3 trạm mới';
    const rows = [dv('BTS', '2024Q1', 'DH', '45', { comment }), dv('THON_BR', '2024Q1', 'DH', '120'), dv('THON', '2024Q1', 'DH', 130)];
    const r = await send(users.repDH, { dataValues: rows });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'SUCCESS',
      importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 },
      created: { submissions: 1, rounds: 0 },
      conflicts: [],
    });
    const bts = await storedValue(s.db, 'BTS', 'DH', '2024Q1');
    expect(bts?.comment).toBe(comment.normalize('NFC'));
    expect(bts?.comment).not.toBe(comment);
    const sub = await s.db.one<{ id: number; status: string }>(
      `SELECT s.id, s.status FROM submissions s JOIN org_units o ON o.id = s.org_unit_id WHERE o.code = 'DH'`,
    );
    expect(sub.status).toBe('draft');
    expect(bts?.submission_id).toBe(sub.id);
    expect(await count(s.db, `value_audit WHERE action = 'create'`)).toBe(3);
    expect(await count(s.db, `audit_events WHERE action = 'datavalues.import'`)).toBe(1);

    const again = await send(users.repDH, { dataValues: [rows[0], { ...rows[1], value: '121' }, rows[2]] });
    expect(again.json().importCount).toEqual({ imported: 0, updated: 1, ignored: 2, deleted: 0 });
    expect(await s.db.one(`SELECT previous_value, value FROM value_audit WHERE action = 'update'`)).toEqual({
      previous_value: '120',
      value: '121',
    });
  });

  it('takes top-level dataSet, period and orgUnit defaults, before or after "dataValues"', async () => {
    const r = await send(users.repDH, {
      dataSet: 'BC_Q',
      period: '2024Q1',
      orgUnit: 'DH',
      dataValues: [
        { dataElement: 'TYLE', value: '87.5' },
        { dataElement: 'DOANHTHU', value: 1234.5 },
      ],
    });
    expect(r.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 2 } });
    expect((await storedValue(s.db, 'TYLE', 'DH', '2024Q1'))?.value).toBe('87.5');
    expect((await storedValue(s.db, 'DOANHTHU', 'DH', '2024Q1'))?.value).toBe('1234.5');
    const after = await send(users.repDH, '{"dataValues":[{"dataElement":"CO_DAI","value":"có"}],"period":"2024Q1","orgUnit":"DH"}');
    expect(after.json().importCount.imported).toBe(1);
    expect((await storedValue(s.db, 'CO_DAI', 'DH', '2024Q1'))?.value).toBe('true');
  });

  it('refuses each bad row with a Vietnamese reason and keeps the good ones', async () => {
    const rows = [
      dv('GHICHU', '2024Q1', 'DH', 'Ổn định'),
      dv('KHONG_CO', '2024Q1', 'DH', '1'),
      dv('BTS', '2024Q5', 'DH', '1'),
      dv('BTS', '2024Q1', 'DH', '12,5'),
      dv('THON_BR', '2024Q1', 'DH', '6000'),
      dv('BTS', '202401', 'DH', '1'),
      dv('BTS', '2024Q1', 'AT', '1'),
      dv('BTS', '2024Q1', 'NOWHERE', '1'),
      dv('BTS', '2024Q2', 'DH', '1'),
      dv('BTS', '2023Q4', 'DH', '1'),
      dv('BTS', '2024Q1', 'DH', ''),
      dv('TYLE', '2024Q1', 'DH', '120'),
      dv('BTS', '2024Q1', 'DH', '1', { categoryOptionCombo: 'Nam' }),
      'không phải đối tượng',
    ];
    const r = await send(users.repDH, { dataValues: rows });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.status).toBe('WARNING');
    expect(body.importCount).toEqual({ imported: 1, updated: 0, ignored: 13, deleted: 0 });
    const text = messages(body);
    expect(text).toMatch(/Không có chỉ tiêu mã "KHONG_CO"/);
    expect(text).toMatch(/Kỳ báo cáo "2024Q5" không hợp lệ/);
    expect(text).toMatch(/số nguyên/);
    expect(text).toMatch(/ngoài giới hạn cho phép \(0 – 5\.000\)/);
    expect(text).toMatch(/không được giao báo cáo chỉ tiêu BTS theo tháng/);
    expect(text).toMatch(/Không có quyền với đơn vị AT\./);
    expect(text).toMatch(/Không có quyền với đơn vị NOWHERE\./);
    expect(text).not.toMatch(/Không có đơn vị mã/);
    expect(text).toMatch(/Chưa mở đợt báo cáo cho kỳ này \(BC_Q, Quý II năm 2024\)/);
    expect(text).toMatch(/Chưa mở đợt báo cáo cho kỳ này: đợt báo cáo BC_Q Quý IV năm 2023 đã đóng/);
    expect(text).toMatch(/Thiếu giá trị/);
    expect(text).toMatch(/0–100%/);
    expect(text).toMatch(/phân tổ/);
    expect(text).toMatch(/Thiếu mã chỉ tiêu/);
    expect(body.conflicts.find((c: { object: string }) => c.object === 'KHONG_CO').indexes).toEqual([1]);
    expect((await storedValue(s.db, 'GHICHU', 'DH', '2024Q1'))?.value).toBe('Ổn định');
    expect((await storedValue(s.db, 'BTS', 'DH', '2024Q1'))?.value).toBe('45');
  });

  it('atomic=true: one bad row and nothing is written (409)', async () => {
    const r = await send(users.repDH, { dataValues: [dv('BTS', '2024Q1', 'DH', '50'), dv('BTS', '2024Q1', 'DH', 'abc')] }, '?atomic=true');
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ status: 'ERROR', importCount: { imported: 0, updated: 0, ignored: 2 }, error: 'import_conflict' });
    expect(r.json().message).toMatch(/tất cả hoặc không/);
    expect((await storedValue(s.db, 'BTS', 'DH', '2024Q1'))?.value).toBe('45');
  });

  it('dryRun=true checks and counts, and writes nothing at all', async () => {
    const audits = await count(s.db, 'audit_events');
    const r = await send(
      users.repAT,
      { dataValues: [dv('DOANHTHU', '2024Q1', 'AT', '99'), dv('BTS', '2024Q1', 'AT', 'x')] },
      '?dryRun=true',
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'WARNING',
      importOptions: { dryRun: true },
      importCount: { imported: 1, ignored: 1 },
      created: { submissions: 1 },
    });
    expect(await storedValue(s.db, 'DOANHTHU', 'AT', '2024Q1')).toBeNull();
    expect(await count(s.db, `submissions s JOIN org_units o ON o.id = s.org_unit_id WHERE o.code = 'AT'`)).toBe(0);
    expect(await count(s.db, 'audit_events')).toBe(audits);
  });

  it('refuses values of a submitted or approved report, and ignores identical ones', async () => {
    expect((await send(users.repAT, { dataValues: [dv('BTS', '2024Q1', 'AT', '10')] })).json().importCount.imported).toBe(1);
    const round = (await s.db.one<{ id: number }>(`SELECT id FROM reporting_rounds WHERE period = '2024Q1'`)).id;
    await setSubmission(s.db, round, 'AT', 'submitted');
    const submitted = await send(users.repAT, { dataValues: [dv('BTS', '2024Q1', 'AT', '11')] });
    expect(submitted.statusCode).toBe(409);
    expect(messages(submitted.json())).toMatch(/đã nộp, đang chờ duyệt/);
    await setSubmission(s.db, round, 'AT', 'approved');
    for (const who of [users.repAT, users.office]) {
      const locked = await send(who, { dataValues: [dv('BTS', '2024Q1', 'AT', '11')] });
      expect(messages(locked.json())).toMatch(/đã được duyệt \(khóa\); không ghi đè/);
    }
    const same = await send(users.repAT, { dataValues: [dv('BTS', '2024Q1', 'AT', '10')] });
    expect(same.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 1 } });
    expect((await storedValue(s.db, 'BTS', 'AT', '2024Q1'))?.value).toBe('10');
  });

  it('lets the office load drafts for any unit, and no one else who is not the unit', async () => {
    const r = await send(users.office, { dataValues: [dv('BTS', '2024Q1', 'AT_X1', '3'), dv('BTS', '2024Q1', 'NOWHERE', '3')] });
    expect(r.json().importCount.imported).toBe(1);
    expect(messages(r.json())).toMatch(/Không có đơn vị mã "NOWHERE"/);
    for (const who of ['viewer', 'director', 'revBcvt'] as const) {
      const denied = await send(users[who], { dataValues: [dv('BTS', '2024Q1', 'DH', '1')] });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().message).toMatch(/không được nhập số liệu/);
    }
    expect((await s.app.inject({ method: 'POST', url: '/api/dataValueSets', payload: { dataValues: [] } })).statusCode).toBe(401);
  });

  it('writes the same cell twice in one file as an import then an update, across chunks', async () => {
    const actor = { id: 1, role: 'office' as const, orgUnitId: null, username: 'admin' };
    const rows = [
      dv('THON', '2024Q1', 'AT_X1', '7'),
      ...Array.from({ length: 9 }, () => dv('GHICHU', '2024Q1', 'AT_X1', 'x')),
      dv('THON', '2024Q1', 'AT_X1', '8'),
    ];
    const r = await importDataValues(s.db, actor, { format: 'json', body: JSON.stringify({ dataValues: rows }), chunkRows: 4 }, new Date());
    expect(r.importCount).toEqual({ imported: 2, updated: 1, ignored: 8, deleted: 0 });
    expect((await storedValue(s.db, 'THON', 'AT_X1', '2024Q1'))?.value).toBe('8');
  });
});

describe('POST /api/dataValueSets — CSV and bad bodies', () => {
  it('reads CSV with a header row, quotes, a byte-order mark, by content type or ?format=csv', async () => {
    const csv =
      '\uFEFFdataElement,period,orgUnit,value,comment\r\nDOANHTHU,2024Q1,DH,2500.75,"Tăng, do ""gói"" mới\nghi chú 2 dòng"\r\nGHICHU,2024Q1,DH,Ổn định,\r\n';
    const r = await send(users.repDH, csv, '', 'text/csv');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 1, ignored: 1 } });
    expect(await storedValue(s.db, 'DOANHTHU', 'DH', '2024Q1')).toMatchObject({
      value: '2500.75',
      comment: 'Tăng, do "gói" mới\nghi chú 2 dòng',
    });
    const semi = await send(
      users.repDH,
      'orgunit;period;dataelement;value\nDH;2024Q1;THON;131\n',
      '?format=csv',
      'application/octet-stream',
    );
    expect(semi.json().importCount.updated).toBe(1);
    const noHeader = await send(users.repDH, 'BTS,2024Q1,DH,1\n', '', 'text/csv');
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().message).toMatch(/dòng tiêu đề/);
  });

  it('answers 400/415 for broken, empty or foreign bodies and writes nothing', async () => {
    const before = await count(s.db, 'data_values');
    const broken = await send(
      users.repDH,
      '{"dataValues":[{"dataElement":"BTS","period":"2024Q1","orgUnit":"DH","value":"77"},{"dataElement":',
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/không phải JSON hợp lệ.*Chưa ghi/);
    expect((await storedValue(s.db, 'BTS', 'DH', '2024Q1'))?.value).toBe('45');
    for (const [payload, type, status, msg] of [
      ['', 'application/json', 400, /trống/],
      ['   ', 'text/csv', 400, /trống/],
      ['{}', 'application/json', 400, /dataValues/],
      ['[1,2]', 'application/json', 400, /đối tượng/],
      ['{"dataValues":[],}', 'application/json', 400, /JSON/],
      ['<dataValueSet/>', 'application/xml', 415, /JSON.*CSV/],
    ] as const) {
      const r = await send(users.repDH, payload, '', type);
      expect(r.statusCode, `${payload} → ${r.body}`).toBe(status);
      expect(r.json().message).toMatch(msg);
    }
    const none = await send(users.repDH, { dataValues: [] });
    expect(none.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 0 } });
    expect(await count(s.db, 'data_values')).toBe(before);
  });
});

describe('POST /api/dataValueSets?approve=true', () => {
  it('creates rounds and approved submissions for historical data, audited as approve_import', async () => {
    const rows = [
      dv('BTS', '2022Q1', 'DH', '30'),
      dv('BTS', '2022Q1', 'AT', '20'),
      dv('BTS', '2022Q2', 'DH', '31'),
      dv('BTS', '2022Q2', 'AT', '21'),
      dv('DOANHTHU', '2022', 'DH', '900'),
      dv('DOANHTHU', '2022', 'AT', '800'),
    ];
    const r = await send(users.office, { dataValues: rows }, '?approve=true');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'WARNING', importCount: { imported: 5, ignored: 1 }, created: { rounds: 3, submissions: 5 } });
    expect(messages(r.json())).toMatch(/Đơn vị AT không được giao báo cáo chỉ tiêu DOANHTHU theo năm/);
    const rounds = await s.db.query<{ period: string; status: string; note: string }>(
      `SELECT period, status, note FROM reporting_rounds WHERE period IN ('2022Q1', '2022Q2', '2022') ORDER BY period`,
    );
    expect(rounds.map((x) => [x.period, x.status])).toEqual([
      ['2022', 'closed'],
      ['2022Q1', 'closed'],
      ['2022Q2', 'closed'],
    ]);
    expect(
      await count(
        s.db,
        `submissions s JOIN reporting_rounds r ON r.id = s.round_id WHERE r.period LIKE '2022%' AND s.status = 'approved' AND s.reviewed_by IS NOT NULL`,
      ),
    ).toBe(5);
    expect(await count(s.db, `value_audit WHERE action = 'approve_import'`)).toBe(5);
    expect(await count(s.db, `audit_events WHERE action = 'datavalues.approve_import'`)).toBe(1);
    // the same file again: approved values are locked, identical ones are simply ignored
    const again = await send(users.office, { dataValues: rows }, '?approve=true');
    expect(again.json()).toMatchObject({ importCount: { imported: 0, updated: 0, ignored: 6 }, created: { rounds: 0, submissions: 0 } });
    const changed = await send(users.office, { dataValues: [dv('BTS', '2022Q1', 'DH', '35')] }, '?approve=true');
    expect(messages(changed.json())).toMatch(/đã được duyệt \(khóa\)/);
  });

  it('is refused (403) for a reporter, and does not overwrite a report in progress', async () => {
    const denied = await send(users.repDH, { dataValues: [dv('BTS', '2021Q1', 'DH', '1')] }, '?approve=true');
    expect(denied.statusCode).toBe(403);
    expect(await count(s.db, `reporting_rounds WHERE period = '2021Q1'`)).toBe(0);
    const busy = await send(users.office, { dataValues: [dv('BTS', '2024Q1', 'DH', '46')] }, '?approve=true');
    expect(messages(busy.json())).toMatch(/đang có báo cáo BC_Q Quý I năm 2024 ở trạng thái «Nháp»/);
  });

  it('loads a few thousand values in chunks, then a dry run finds them all unchanged', async () => {
    const elements = ['BTS', 'THON_BR', 'THON', 'DOANHTHU', 'TYLE', 'GHICHU', 'CO_DAI'];
    const units = ['DH', 'AT', 'AT_X1', 'CU'];
    const lines = ['dataElement,period,orgUnit,value,comment'];
    for (let y = 2000; y < 2020; y++)
      for (let q = 1; q <= 4; q++)
        for (const u of units)
          for (const [i, e] of elements.entries())
            lines.push(
              `${e},${y}Q${q},${u},${e === 'GHICHU' ? `"Năm ${y}, quý ${q}"` : e === 'CO_DAI' ? (q % 2 ? 'true' : 'false') : e === 'TYLE' ? `${y - 1950 + i}.5` : (y - 1990) * 10 + q + i},`,
            );
    const csv = `${lines.join('\n')}\n`;
    const actor = { id: 1, role: 'admin' as const, orgUnitId: null, username: 'admin' };
    const audits = await count(s.db, `value_audit WHERE action = 'approve_import'`);
    const r = await importDataValues(
      s.db,
      actor,
      { format: 'csv', body: csv, approve: true, chunkRows: 500 },
      new Date('2024-05-10T02:00:00Z'),
    );
    expect(r).toMatchObject({
      status: 'SUCCESS',
      importCount: { imported: 2240, updated: 0, ignored: 0 },
      created: { rounds: 80, submissions: 320 },
    });
    expect(await count(s.db, `value_audit WHERE action = 'approve_import'`)).toBe(audits + 2240);
    const dry = await importDataValues(s.db, actor, { format: 'csv', body: csv, approve: true, dryRun: true, chunkRows: 700 }, new Date());
    expect(dry.importCount).toEqual({ imported: 0, updated: 0, ignored: 2240, deleted: 0 });
    // the same rows through HTTP with a long extra column (ignored): a 5 MB body, read into a temporary file first
    const padded = `${lines.map((l, i) => (i === 0 ? `${l},ghiChuThem` : `${l},${'Ghi chú dài '.repeat(180)}`)).join('\n')}\n`;
    expect(padded.length).toBeGreaterThan(4.5 * 1024 * 1024);
    const tmp = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('nhip-import-')).length;
    const tmpBefore = tmp();
    const http = await send(users.office, padded, '?dryRun=true&approve=true', 'text/csv');
    expect(http.statusCode, http.body.slice(0, 300)).toBe(200);
    expect(http.json().importCount).toEqual({ imported: 0, updated: 0, ignored: 2240, deleted: 0 });
    expect(tmp()).toBe(tmpBefore);
    const exp = await s.app.inject({
      url: '/api/dataValueSets?dataSet=BC_Q&period=2019Q4&period=2019Q3&orgUnit=TINH&children=true',
      headers: users.director,
    });
    expect(exp.json().dataValues).toHaveLength(2 * 4 * 7);
  });
});

describe('GET /api/dataValueSets', () => {
  it('exports a form × period × subtree as JSON and CSV, and the export imports back unchanged', async () => {
    const r = await s.app.inject({
      url: '/api/dataValueSets?dataSet=BC_Q&period=2022Q1&orgUnit=TINH&children=true',
      headers: users.office,
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    const values = r.json().dataValues;
    expect(values.map((v: { orgUnit: string }) => v.orgUnit).sort()).toEqual(['AT', 'DH']);
    expect(values[0]).toMatchObject({ dataElement: 'BTS', period: '2022Q1', storedBy: 'office' });
    const csv = await s.app.inject({ url: '/api/dataValueSets.csv?dataSet=BC_Q&period=2024Q1&orgUnit=DH', headers: users.office });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('dataElement,period,orgUnit,value,comment,storedBy,lastUpdated');
    expect(lines.some((l) => l.startsWith('DOANHTHU,2024Q1,DH,2500.75,"Tăng, do ""gói"" mới'))).toBe(true);
    const back = await send(users.office, r.body, '?approve=true');
    expect(back.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 2 } });
    const csvBack = await send(users.repDH, csv.body, '', 'text/csv');
    expect(csvBack.json().importCount).toMatchObject({ imported: 0, updated: 0 });
  });

  it('limits each role to what it may see', async () => {
    const get = (who: { cookie: string }, q: string) => s.app.inject({ url: `/api/dataValueSets?${q}`, headers: who });
    expect((await get(users.repDH, 'dataSet=BC_Q&period=2024Q1&orgUnit=AT')).statusCode).toBe(404);
    expect((await get(users.repDH, 'dataSet=BC_Q&period=2024Q1&orgUnit=NOWHERE')).json().message).toBe(
      (await get(users.repDH, 'dataSet=BC_Q&period=2024Q1&orgUnit=AT')).json().message.replace('AT', 'NOWHERE'),
    );
    expect((await get(users.repDH, 'dataSet=BC_Q&period=2024Q1&orgUnit=TINH&children=true')).statusCode).toBe(404);
    const own = (await get(users.headDH, 'dataSet=BC_Q&period=2024Q1')).json().dataValues;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((v: { orgUnit: string }) => v.orgUnit))).toEqual(new Set(['DH']));
    expect((await get(users.repAT, 'dataSet=BC_N&period=2022&orgUnit=AT')).statusCode).toBe(404);
    expect((await get(users.viewer, 'dataSet=BC_Q&period=2024Q1&orgUnit=DH')).json().dataValues).toEqual([]);
    expect((await get(users.viewer, 'dataSet=BC_Q&period=2022Q1&orgUnit=DH')).json().dataValues).toHaveLength(1);
    expect((await get(users.revBcvt, 'dataSet=BC_N&period=2022&orgUnit=DH')).statusCode).toBe(404);
    expect((await get(users.revBcvt, 'dataSet=BC_Q&period=2022Q1&orgUnit=DH')).statusCode).toBe(200);
    expect((await get(users.office, 'dataSet=BC_Q&period=2024W1&orgUnit=DH')).statusCode).toBe(400);
    expect((await get(users.office, 'dataSet=KHONG&period=2024Q1&orgUnit=DH')).statusCode).toBe(404);
  });
});
