import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from './test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let reporter: { cookie: string };
const HEADER = 'code,name,type,parentCode,validFrom,validTo,predecessorCodes';

beforeAll(async () => {
  s = await testServer();
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const province = await makeUnit(s.db, { code: 'TINH', name: 'Tỉnh Quảng Ninh', type: 'province' });
  await makeUnit(s.db, { code: 'SO', name: 'Sở KH&CN, "Quảng Ninh"', type: 'department', parentId: province });
  await makeUnit(s.db, { code: 'FORMULA', name: '=1+2 (không phải công thức)', type: 'other', parentId: province });
  const district = await makeUnit(s.db, { code: 'HUYEN', name: 'Huyện Cô Tô', type: 'district', parentId: province, validTo: '2025-06-30' });
  const commune = await makeUnit(s.db, { code: 'DAC_KHU', name: 'Đặc khu Cô Tô', type: 'commune', parentId: province, validFrom: '2025-07-01' });
  await s.db.query(`INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'transfer')`, [commune, district]);
  reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: district });
});
afterAll(() => s.close());

const importCsv = (body: string | Buffer, qs = '', headers: Record<string, string> = admin) =>
  s.app.inject({ method: 'POST', url: `/api/org-units/import${qs}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });

function multipart(filename: string, content: Buffer | string, type = 'text/csv') {
  const boundary = '----nhip-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.app.inject({
    method: 'POST', url: '/api/org-units/import', payload: body,
    headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const exportCsv = async () => {
  const r = await s.app.inject({ url: '/api/org-units/export.csv', headers: admin });
  expect(r.statusCode).toBe(200);
  return r;
};

const snapshot = async () => ({
  units: await s.db.query(`SELECT code, name, type, parent_id, level, path, valid_from, valid_to FROM org_units ORDER BY code`),
  lineage: await s.db.query(`SELECT unit_id, predecessor_id, kind FROM org_unit_lineage ORDER BY 1, 2`),
  audit: await countRows(s.db, 'audit_events'),
});

describe('export', () => {
  it('writes the documented columns, UTF-8 with BOM, quoted per RFC 4180, formulas defused', async () => {
    const r = await exportCsv();
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/filename\*=UTF-8''Danh%20s%C3%A1ch%20%C4%91%C6%A1n%20v%E1%BB%8B%202026-11-22\.csv/);
    const lines = r.body.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${HEADER}`);
    expect(lines).toContain('SO,"Sở KH&CN, ""Quảng Ninh""",department,TINH,2000-01-01,,');
    expect(lines).toContain('DAC_KHU,Đặc khu Cô Tô,commune,TINH,2025-07-01,,HUYEN');
    expect(lines).toContain('HUYEN,Huyện Cô Tô,district,TINH,2000-01-01,2025-06-30,');
    expect(lines).toContain(`FORMULA,"'=1+2 (không phải công thức)",other,TINH,2000-01-01,,`);
  });

  it('imports its own export back unchanged (round trip)', async () => {
    const before = await snapshot();
    const first = await exportCsv();
    const r = await importCsv(first.body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 0, updated: 0, unchanged: 5, errors: [], dryRun: false });
    expect(await snapshot()).toEqual(before);
    expect((await exportCsv()).body).toBe(first.body);
  });
});

describe('import', () => {
  it('creates units listed in any order, reads dd/mm/yyyy and a BOM, infers lineage kinds', async () => {
    const csv = [
      `\uFEFF${HEADER}`,
      'XA_2,Xã Thanh Lân,commune,HUYEN_MOI,01/07/2025,,DAC_KHU',
      'HUYEN_MOI,"Khu vực, mới",other,TINH,2025-07-01,,',
      'XA_1,Xã Đồng Tiến,Xã phường,HUYEN_MOI,2025-07-01,,HUYEN;SO',
      '',
    ].join('\r\n');
    const dry = await importCsv(csv, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [], dryRun: true });
    expect(await countRows(s.db, 'org_units')).toBe(5);

    const r = await importCsv(csv);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0, errors: [] });
    const rows = await s.db.query<{ code: string; name: string; type: string; level: number; path: string; valid_from: string; parent: string }>(
      `SELECT u.code, u.name, u.type, u.level, u.path, u.valid_from, p.code AS parent FROM org_units u JOIN org_units p ON p.id = u.parent_id
        WHERE u.code IN ('XA_1','XA_2','HUYEN_MOI') ORDER BY u.code`);
    const ids = Object.fromEntries((await s.db.query<{ code: string; id: number }>(`SELECT code, id FROM org_units`)).map((u) => [u.code, u.id]));
    expect(rows).toEqual([
      { code: 'HUYEN_MOI', name: 'Khu vực, mới', type: 'other', level: 2, path: `/${ids.TINH}/${ids.HUYEN_MOI}/`, valid_from: '2025-07-01', parent: 'TINH' },
      { code: 'XA_1', name: 'Xã Đồng Tiến', type: 'commune', level: 3, path: `/${ids.TINH}/${ids.HUYEN_MOI}/${ids.XA_1}/`, valid_from: '2025-07-01', parent: 'HUYEN_MOI' },
      { code: 'XA_2', name: 'Xã Thanh Lân', type: 'commune', level: 3, path: `/${ids.TINH}/${ids.HUYEN_MOI}/${ids.XA_2}/`, valid_from: '2025-07-01', parent: 'HUYEN_MOI' },
    ]);
    const kinds = await s.db.query<{ u: string; p: string; kind: string }>(
      `SELECT u.code AS u, p.code AS p, l.kind FROM org_unit_lineage l JOIN org_units u ON u.id = l.unit_id JOIN org_units p ON p.id = l.predecessor_id ORDER BY 1, 2`);
    expect(kinds).toEqual([
      { u: 'DAC_KHU', p: 'HUYEN', kind: 'transfer' },
      { u: 'XA_1', p: 'HUYEN', kind: 'merge' },
      { u: 'XA_1', p: 'SO', kind: 'merge' },
      { u: 'XA_2', p: 'DAC_KHU', kind: 'rename' },
    ]);
    const ev = await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'org_unit.create' AND entity_type = 'org_unit'`);
    expect(ev.length).toBe(3);
    expect((await s.db.query(`SELECT after FROM audit_events WHERE action = 'org_unit.import'`)).length).toBe(1);
  });

  it('re-parents by code and recomputes the paths of descendants not in the file', async () => {
    const csv = `${HEADER}\nHUYEN_MOI,Khu vực mới,other,SO,2025-07-01,,\n`;
    const r = await importCsv(csv);
    expect(r.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const ids = Object.fromEntries((await s.db.query<{ code: string; id: number }>(`SELECT code, id FROM org_units`)).map((u) => [u.code, u.id]));
    const xa1 = await s.db.one<{ level: number; path: string }>(`SELECT level, path FROM org_units WHERE code = 'XA_1'`);
    expect(xa1).toEqual({ level: 4, path: `/${ids.TINH}/${ids.SO}/${ids.HUYEN_MOI}/${ids.XA_1}/` });
    const ev = await s.db.one<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_events WHERE action = 'org_unit.update' AND entity_id = $1`, [String(ids.HUYEN_MOI)]);
    expect(ev.before.name).toBe('Khu vực, mới');
    expect(ev.after.name).toBe('Khu vực mới');
  });

  it('accepts a multipart upload', async () => {
    const r = await multipart('don-vi.csv', `${HEADER}\nVNPT,VNPT Quảng Ninh,enterprise,TINH,2000-01-01,,\n`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 1, errors: [] });
  });

  it('reports every bad row with its line number and writes nothing', async () => {
    const csv = [
      HEADER,
      'OK_1,Đơn vị tốt,other,TINH,2020-01-01,,', // 2
      'BAD_TYPE,Loại lạ,galaxy,TINH,2020-01-01,,', // 3
      'ORPHAN,Mồ côi,other,KHONG_CO,2020-01-01,,', // 4
      'BAD_DATE,Ngày sai,other,TINH,31/02/2024,,', // 5
      'BACKWARDS,Ngược,other,TINH,2024-05-01,2024-04-30,', // 6
      'OK_1,Trùng mã,other,TINH,2020-01-01,,', // 7
      'LOOP_A,Vòng A,other,LOOP_B,2020-01-01,,', // 8
      'LOOP_B,Vòng B,other,LOOP_A,2020-01-01,,', // 9
      'GHOST,Ma,other,TINH,2020-01-01,,KHONG_CO_1;KHONG_CO_2', // 10
      'OUTLIVES,Tồn tại lâu hơn cấp trên,commune,HUYEN,2020-01-01,,', // 11
      '"UNCLOSED,Không đóng ngoặc,other,TINH,2020-01-01,,', // 12
    ].join('\n');
    const before = await snapshot();
    const r = await importCsv(csv);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.message).toMatch(/^Tệp có 10 lỗi, chưa có thay đổi nào được lưu\. dòng 3: Loại đơn vị/);
    const errors = body.details.errors as { line: number; message: string }[];
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.message).join(' | ');
    expect(at(3)).toMatch(/Loại đơn vị "galaxy" không hợp lệ/);
    expect(at(4)).toBe('Không tìm thấy đơn vị cấp trên có mã "KHONG_CO" (trong tệp hay trong hệ thống).');
    expect(at(5)).toBe('Ngày bắt đầu hiệu lực "31/02/2024" không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy).');
    expect(at(6)).toBe('Ngày hết hiệu lực (30/04/2024) không được trước ngày bắt đầu hiệu lực (01/05/2024).');
    expect(at(7)).toBe('Mã đơn vị "OK_1" trùng với dòng 2.');
    expect(at(8)).toBe('Vòng lặp cấp trên – cấp dưới: LOOP_A → LOOP_B → LOOP_A.');
    expect(at(9)).toBe('Vòng lặp cấp trên – cấp dưới: LOOP_B → LOOP_A → LOOP_B.');
    expect(at(10)).toBe('Không tìm thấy đơn vị tiền thân có mã "KHONG_CO_1", "KHONG_CO_2".');
    expect(at(11)).toMatch(/phải nằm trong thời gian hiệu lực của đơn vị cấp trên "Huyện Cô Tô".*không được tồn tại lâu hơn/);
    expect(at(12)).toMatch(/dấu ngoặc kép \("\) chưa được đóng/);
    expect(await snapshot()).toEqual(before);

    const dry = await importCsv(csv, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual(errors);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to close a unit before its children end, naming the child', async () => {
    const r = await importCsv(`${HEADER}\nTINH,Tỉnh Quảng Ninh,province,,2000-01-01,2025-06-30,\n`);
    expect(r.statusCode).toBe(400);
    expect(r.json().details.errors[0].message).toMatch(/Đơn vị "Đặc khu Cô Tô" \(DAC_KHU\) không có trong tệp\./);
  });

  it.each([
    ['an empty file', '', 400, 'Tệp CSV trống.'],
    ['blank lines only', '\r\n\r\n  \r\n', 400, 'Tệp CSV trống.'],
    ['a header only', `\uFEFF${HEADER}\r\n`, 400, 'Tệp CSV chỉ có dòng tiêu đề, không có dòng dữ liệu nào.'],
    ['no header', 'TINH,Tỉnh,province,,2000-01-01,,\n', 400, /phải là dòng tiêu đề/],
    ['a missing column', 'code,name,type\nA,B,other\n', 400, 'Dòng tiêu đề thiếu cột: parentCode, validFrom, validTo, predecessorCodes. Các cột cần có: code,name,type,parentCode,validFrom,validTo,predecessorCodes.'],
    ['binary garbage', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x10, 0x80, 0x81, 0x00, 0x41]), 400, /không phải văn bản CSV/],
  ])('refuses %s with a clear message', async (_what, body, status, message) => {
    const before = await snapshot();
    const r = await importCsv(body);
    expect(r.statusCode, r.body).toBe(status);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses binary and spreadsheet uploads and JSON bodies', async () => {
    const garbage = await multipart('x.csv', Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x00, 0xe2, 0x82]));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().message).toBe('Tệp không phải văn bản UTF-8. Hãy lưu tệp dưới dạng "CSV UTF-8".');
    const xlsx = await multipart('x.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.statusCode).toBe(415);
    expect(xlsx.json().message).toMatch(/CSV UTF-8/);
    const json = await s.app.inject({ method: 'POST', url: '/api/org-units/import', headers: admin, payload: { code: 'A' } });
    expect(json.statusCode).toBe(415);
    const empty = await multipart('empty.csv', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('Tệp CSV trống.');
  });

  it('forbids import to a reporter', async () => {
    const r = await importCsv(`${HEADER}\nX,Y,other,,2020-01-01,,\n`, '', reporter);
    expect(r.statusCode).toBe(403);
  });
});

describe('units that moved at a reorganisation', () => {
  it('accepts a child older than its new parent (a division moved under the merged department)', async () => {
    const r = await importCsv(`${HEADER}\nPHONG_CU,Phòng chuyên môn lâu năm,division,DAC_KHU,2008-04-01,,\n`, '?dryRun=true');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().errors).toEqual([]);
  });
});
