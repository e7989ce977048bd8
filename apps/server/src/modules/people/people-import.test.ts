import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from '../org/test-fixtures.js';

let s: TestServer;
type H = { cookie: string };
const as: Record<string, H> = {};
const ids: Record<string, number> = {};
const HEADER = 'id,fullName,unitCode,position,gender,birthDate,phone,email,username,validFrom';

const importCsv = (body: string | Buffer, qs = '', h: H = as.office) =>
  s.app.inject({ method: 'POST', url: `/api/people/import${qs}`, headers: { ...h, 'content-type': 'text/csv' }, payload: body });
const exportCsv = async (h: H = as.office) => {
  const r = await s.app.inject({ url: '/api/people/export.csv', headers: h });
  expect(r.statusCode, r.body).toBe(200);
  return r;
};
const snapshot = async () => ({
  people: await s.db.query(`SELECT id, full_name, gender, birth_date, phone, email, user_id, note FROM people ORDER BY id`),
  memberships: await s.db.query(`SELECT person_id, org_unit_id, position, valid_from, valid_to, end_reason FROM person_memberships ORDER BY id`),
  audit: await countRows(s.db, 'audit_events'),
});
const history = (fullName: string) =>
  s.db.query<{ code: string; position: string; valid_from: string; valid_to: string | null }>(
    `SELECT u.code, m.position, m.valid_from, m.valid_to FROM person_memberships m JOIN people p ON p.id = m.person_id JOIN org_units u ON u.id = m.org_unit_id
      WHERE p.full_name = $1 ORDER BY m.valid_from`, [fullName]);

beforeAll(async () => {
  s = await testServer();
  as.admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.province = await makeUnit(s.db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.dept = await makeUnit(s.db, { code: 'SO', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province });
  ids.div = await makeUnit(s.db, { code: 'PHONG', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: ids.dept });
  ids.commune = await makeUnit(s.db, { code: 'XA', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  ids.old = await makeUnit(s.db, { code: 'HUYEN', name: 'Phòng VH&TT huyện Khê Thượng', type: 'district_office', parentId: ids.province, validTo: '2025-06-30' });
  as.office = await makeUser(s.app, as.admin, { username: 'vanphong', role: 'office', orgUnitId: ids.dept });
  as.reporter = await makeUser(s.app, as.admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.commune });
  as.viewer = await makeUser(s.app, as.admin, { username: 'khach', role: 'viewer', orgUnitId: ids.province });
});
afterAll(() => s.close());

describe('import', () => {
  it('creates people from a file with a BOM, semicolons, dd/mm/yyyy and Vietnamese genders, after a dry run that writes nothing', async () => {
    const csv = [
      '\uFEFFfullName;unitCode;position;gender;birthDate;phone;email;username;validFrom',
      'Ma Đình Quang;SO;Giám đốc Sở;Nam;12/05/1970;0203 3851 234;quang.md@vanlinh.gov.vn;;01/03/2025',
      'Đinh Thị Thu Trang;SO;Phó Chánh Văn phòng;nữ;1984-09-30;;trang.dtt@vanlinh.gov.vn;vanphong;2019-04-01',
      '',
      'Lục Văn Khánh;PHONG;Phó Trưởng phòng;male;;0912 000 111;;;',
      'Hà Thị Mai Lan;HUYEN;Chuyên viên;F;;;;;2018-03-01',
    ].join('\r\n');
    const before = await snapshot();
    const dry = await importCsv(csv, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ created: 4, updated: 0, moved: 0, unchanged: 0, errors: [], dryRun: true });
    expect(await snapshot()).toEqual(before);
    const r = await importCsv(csv);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 4, updated: 0, moved: 0, unchanged: 0, errors: [], dryRun: false });
    const quang = await s.db.one(`SELECT full_name, gender, birth_date, phone, email FROM people WHERE full_name = 'Ma Đình Quang'`);
    expect(quang).toEqual({ full_name: 'Ma Đình Quang', gender: 'male', birth_date: '1970-05-12', phone: '0203 3851 234', email: 'quang.md@vanlinh.gov.vn' });
    expect(await s.db.one(`SELECT u.username FROM people p JOIN users u ON u.id = p.user_id WHERE p.full_name = 'Đinh Thị Thu Trang'`)).toEqual({ username: 'vanphong' });
    // no validFrom: today; a unit that closes: the membership ends with it
    expect(await history('Lục Văn Khánh')).toEqual([{ code: 'PHONG', position: 'Phó Trưởng phòng', valid_from: '2026-11-22', valid_to: null }]);
    expect(await history('Hà Thị Mai Lan')).toEqual([{ code: 'HUYEN', position: 'Chuyên viên', valid_from: '2018-03-01', valid_to: '2025-06-30' }]);
    const events = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'person' ORDER BY id`);
    expect(events.map((e) => e.action)).toEqual(['person.create', 'person.create', 'person.create', 'person.create', 'person.import']);
  });

  it('reports every problem with its line number, and saves nothing (all or nothing)', async () => {
    const khanh = (await s.db.one<{ id: number }>(`SELECT id FROM people WHERE full_name = 'Lục Văn Khánh'`)).id;
    const csv = [
      HEADER,
      ',Nguyễn Văn Mới,PHONG,Chuyên viên,,,,,,', // line 2: fine
      ',,PHONG,Chuyên viên,,,,,,', // 3: no name
      ',Nguyễn Văn B,KHONG,Chuyên viên,,,,,,', // 4: unknown unit
      ',Nguyễn Văn C,PHONG,,khác,31/02/1990,abc,x@y,khongco,', // 5: gender, date, phone, e-mail, account
      ',Nguyễn Văn D,HUYEN,,,,,,,', // 6: unit closed today
      '999,Nguyễn Văn E,PHONG,,,,,,,', // 7: unknown id
      ',Nguyễn Văn Mới,PHONG,Chuyên viên,,,,,,', // 8: the same person as line 2
      ',Nguyễn Văn G,PHONG,,,2020-01-01,,,,', // 9: too young
      `${khanh},Lục Văn Khánh,PHONG,,,,,,vanphong,`, // 10: an account linked to someone else
      ',"Nguyễn Văn ""F"",PHONG,,,,,,,', // 11: a quote never closed (it would swallow every line after it)
    ].join('\n');
    const before = await snapshot();
    const r = await importCsv(csv);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^Tệp có \d+ lỗi, chưa có thay đổi nào được lưu\. dòng 3: Cột "fullName" \(họ và tên\) không được để trống\./);
    const errors = (r.json().details as { errors: { line: number; message: string }[] }).errors;
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 5, 5, 5, 5, 6, 7, 8, 9, 10, 11]);
    const byLine = (n: number) => errors.filter((e) => e.line === n).map((e) => e.message);
    expect(byLine(4)).toEqual(['Không có đơn vị mã "KHONG".']);
    expect(byLine(5)).toEqual([
      'Giới tính "khác" không hợp lệ: ghi Nam hoặc Nữ (hoặc male, female), hoặc để trống.',
      'Cột "birthDate": "31/02/1990" không phải ngày hợp lệ (dạng YYYY-MM-DD hoặc dd/mm/yyyy).',
      expect.stringMatching(/^Số điện thoại "abc" không hợp lệ/),
      'Địa chỉ thư điện tử "x@y" không hợp lệ.',
      'Không có tài khoản đăng nhập "khongco".',
    ]);
    expect(byLine(6)).toEqual(['Đơn vị "Phòng VH&TT huyện Khê Thượng" không có hiệu lực vào ngày 22/11/2026 (hiệu lực 01/01/2000 – 30/06/2025).']);
    expect(byLine(7)).toEqual(['Không có cán bộ id "999".']);
    expect(byLine(8)).toEqual(['Dòng này và dòng 2 là cùng một cán bộ ("Nguyễn Văn Mới").']);
    expect(byLine(9)).toEqual(['Ngày sinh 01/01/2020 không hợp lệ: cán bộ phải từ 15 tuổi trở lên.']);
    expect(byLine(10)).toEqual([expect.stringMatching(/^Tài khoản "vanphong" đã được gắn với cán bộ "Đinh Thị Thu Trang" \(id \d+\)\.$/)]);
    expect(byLine(11)[0]).toMatch(/^Sai cú pháp CSV: dấu ngoặc kép/);
    expect(await snapshot()).toEqual(before);
    // the dry run lists the same errors with a 200
    const dry = await importCsv(csv, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual(errors);
  });

  it('refuses files that are not a people CSV with a clear 400/415', async () => {
    for (const [body, status, message] of [
      ['', 400, /Tệp CSV trống|Chưa gửi tệp CSV/],
      ['a,b\n1,2', 400, /Dòng đầu tiên của tệp phải là dòng tiêu đề/],
      ['fullName,position\nA,B', 400, 'Dòng tiêu đề thiếu cột bắt buộc: unitCode. Các cột có thể dùng: id,fullName,unitCode,position,gender,birthDate,phone,email,username,validFrom.'],
      ['fullName,unitCode,salary\nA,PHONG,1', 400, /cột không được hỗ trợ: salary/],
      ['fullName,unitCode\n', 400, 'Tệp CSV chỉ có dòng tiêu đề, không có dòng dữ liệu nào.'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 415, /tệp Excel/],
    ] as const) {
      const r = await importCsv(body as string);
      expect(r.statusCode, String(body)).toBe(status);
      if (typeof message === 'string') expect(r.json().message).toBe(message);
      else expect(r.json().message).toMatch(message);
    }
  });

  it('matches by id, then username, then name in the unit; an empty cell clears, an absent column keeps; a new unit is a move', async () => {
    const khanh = (await s.db.one<{ id: number }>(`SELECT id FROM people WHERE full_name = 'Lục Văn Khánh'`)).id;
    const csv = [
      'id,fullName,unitCode,position,phone,validFrom',
      `${khanh},Lục Văn Khánh,SO,Phó Giám đốc Sở,,2027-01-01`, // by id: moves, phone cleared
      ',  Ma  Đình Quang ,SO,Giám đốc Sở,0203 3851 999,', // by name in the unit (spaces aside): phone changes
      ',Hà Thị Mai Lan,XA,Công chức Văn hóa – Xã hội,,2025-07-01', // not in post anywhere today: a new person in XA
    ].join('\n');
    const r = await importCsv(csv);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 1, updated: 1, moved: 1, unchanged: 0, errors: [], dryRun: false });
    expect(await history('Lục Văn Khánh')).toEqual([
      { code: 'PHONG', position: 'Phó Trưởng phòng', valid_from: '2026-11-22', valid_to: '2026-12-31' },
      { code: 'SO', position: 'Phó Giám đốc Sở', valid_from: '2027-01-01', valid_to: null },
    ]);
    expect(await s.db.one(`SELECT phone FROM people WHERE id = $1`, [khanh])).toEqual({ phone: null });
    // the absent columns (gender, birthDate, email) were kept
    expect(await s.db.one(`SELECT full_name, phone, gender, birth_date, email FROM people WHERE full_name = 'Ma Đình Quang'`)).toEqual({
      full_name: 'Ma Đình Quang', phone: '0203 3851 999', gender: 'male', birth_date: '1970-05-12', email: 'quang.md@vanlinh.gov.vn',
    });
    expect(await countRows(s.db, 'people')).toBe(5);
    // by username: Trang's account finds her wherever she works; a new position dated later is kept as history
    const r2 = await importCsv(['fullName,unitCode,position,username,validFrom', 'Đinh Thị Thu Trang,SO,Chánh Văn phòng,vanphong,2026-12-01'].join('\n'));
    expect(r2.json()).toMatchObject({ created: 0, moved: 1 });
    expect((await history('Đinh Thị Thu Trang')).map((m) => [m.position, m.valid_from, m.valid_to])).toEqual([
      ['Phó Chánh Văn phòng', '2019-04-01', '2026-11-30'], ['Chánh Văn phòng', '2026-12-01', null],
    ]);
    // the same position without a later date corrects it in place
    const r3 = await importCsv(['fullName,unitCode,position', 'Ma Đình Quang,SO,Giám đốc'].join('\n'));
    expect(r3.json()).toMatchObject({ updated: 1, moved: 0 });
    expect((await history('Ma Đình Quang')).map((m) => m.position)).toEqual(['Giám đốc']);
  });

  it('hands an account over from one person to another within one file', async () => {
    const [trang, khanh] = await Promise.all(['Đinh Thị Thu Trang', 'Lục Văn Khánh'].map(async (n) => (await s.db.one<{ id: number }>(`SELECT id FROM people WHERE full_name = $1`, [n])).id));
    const swap = (a: number, b: number) => ['id,fullName,unitCode,username', `${a},Lục Văn Khánh,SO,vanphong`, `${b},Đinh Thị Thu Trang,SO,`].join('\n');
    const r = await importCsv(swap(khanh, trang));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ updated: 2, errors: [] });
    const linked = await s.db.query(`SELECT p.full_name, u.username FROM people p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ANY($1::int[]) ORDER BY p.id`, [[trang, khanh]]);
    expect(linked).toEqual([{ full_name: 'Đinh Thị Thu Trang', username: null }, { full_name: 'Lục Văn Khánh', username: 'vanphong' }]);
    // and back
    expect((await importCsv(['id,fullName,unitCode,username', `${trang},Đinh Thị Thu Trang,SO,vanphong`, `${khanh},Lục Văn Khánh,SO,`].join('\n'))).json()).toMatchObject({ updated: 2 });
  });

  it('asks for the id when two people of the same name work in the unit', async () => {
    await importCsv(['fullName,unitCode,position,validFrom', 'Nông Thị Hải Yến,PHONG,Chuyên viên,2020-01-01'].join('\n'));
    await s.app.inject({ method: 'POST', url: '/api/people', headers: as.office, payload: { fullName: 'Nông Thị Hải Yến', unit: 'PHONG', position: 'Kế toán' } });
    const r = await importCsv(['fullName,unitCode,phone', 'NÔNG THỊ HẢI YẾN,PHONG,0912 111 222'].join('\n'), '?dryRun=true');
    expect(r.json().errors).toEqual([{ line: 2, message: 'Có 2 cán bộ tên "NÔNG THỊ HẢI YẾN" đang công tác tại "Phòng Bưu chính – Viễn thông"; hãy ghi cột id để chỉ rõ người nào.' }]);
  });

  it('a unit reporter imports their own unit only', async () => {
    const r = await importCsv(['fullName,unitCode,position', 'Triệu Văn Bình,XA,Phó Chủ tịch UBND xã', 'Nguyễn Văn K,PHONG,Chuyên viên'].join('\n'), '', as.reporter);
    expect(r.statusCode).toBe(400);
    expect(r.json().details.errors).toEqual([{ line: 3, message: 'Bạn chỉ được nhập cán bộ của đơn vị mình.' }]);
    const ok = await importCsv(['fullName,unitCode,position', 'Triệu Văn Bình,XA,Phó Chủ tịch UBND xã'].join('\n'), '', as.reporter);
    expect(ok.json()).toMatchObject({ created: 1 });
    // and not someone of another unit by id
    const trang = (await s.db.one<{ id: number }>(`SELECT id FROM people WHERE full_name = 'Đinh Thị Thu Trang'`)).id;
    const other = await importCsv([`id,fullName,unitCode`, `${trang},Đinh Thị Thu Trang,XA`].join('\n'), '?dryRun=true', as.reporter);
    expect(other.json().errors).toEqual([{ line: 2, message: `Không có cán bộ id "${trang}" trong đơn vị của bạn.` }]);
    expect((await importCsv('fullName,unitCode\nA,XA', '', as.viewer)).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('writes the staff in post today, UTF-8 with BOM, formulas defused; a unit reporter gets their own unit', async () => {
    await s.app.inject({ method: 'POST', url: '/api/people', headers: as.office, payload: { fullName: '=HYPERLINK("http://x","Bấm")', unit: 'PHONG', position: '-Chuyên viên' } });
    const r = await exportCsv();
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/filename\*=UTF-8''Danh%20s%C3%A1ch%20c%C3%A1n%20b%E1%BB%99%202026-11-22\.csv/);
    const lines = r.body.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${HEADER}`);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/^\d+,"'=HYPERLINK\(""http:\/\/x"",""Bấm""\)",PHONG,"'-Chuyên viên",/);
    // the department first, its head first; Mai Lan (left with her district) is not there
    expect(lines[1]).toMatch(/^\d+,Ma Đình Quang,SO,Giám đốc,Nam,1970-05-12,0203 3851 999,quang\.md@vanlinh\.gov\.vn,,2025-03-01$/);
    expect(r.body).not.toContain('HUYEN');
    const mine = (await exportCsv(as.reporter)).body.split('\r\n').filter(Boolean);
    expect(mine.slice(1).map((l) => l.split(',')[1])).toEqual(['Triệu Văn Bình', 'Hà Thị Mai Lan']);
  });

  it('imports its own export back unchanged (round trip)', async () => {
    const before = await snapshot();
    const first = await exportCsv();
    const r = await importCsv(first.body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 0, updated: 0, moved: 0, errors: [] });
    expect(await snapshot()).toEqual(before);
    expect((await exportCsv()).body).toBe(first.body);
  });
});
