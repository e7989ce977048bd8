import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from '../org/test-fixtures.js';

let s: TestServer;
type H = { cookie: string };
const as: Record<string, H> = {};
const ids: Record<string, number> = {};

type PersonJson = {
  id: number; fullName: string; gender: string | null; birthDate: string | null; phone: string | null; email: string | null; note: string | null;
  userId: number | null; username: string | null; unit: { id: number; code: string; name: string } | null; position: string | null;
  validFrom: string | null; validTo: string | null; current: boolean; personal: boolean; canManage: boolean;
  memberships: { unit: { code: string }; position: string; validFrom: string; validTo: string | null; endReason: string | null }[];
};

const req = (h: H | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: h ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
const create = (h: H, body: unknown) => req(h, 'POST', '/api/people', body);
const get = async (h: H, id: number) => {
  const r = await req(h, 'GET', `/api/people/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PersonJson;
};
const list = async (h: H, qs = '') => {
  const r = await req(h, 'GET', `/api/people${qs}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { total: number; items: PersonJson[] };
};

beforeAll(async () => {
  s = await testServer();
  as.admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.province = await makeUnit(s.db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.dept = await makeUnit(s.db, { code: 'VL-SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province, validFrom: '2025-03-01' });
  ids.div = await makeUnit(s.db, { code: 'VL-BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: ids.dept, validFrom: '2025-03-01' });
  ids.commune = await makeUnit(s.db, { code: 'VL-X03', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  ids.other = await makeUnit(s.db, { code: 'VL-X04', name: 'Xã Nà Lũng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  ids.old = await makeUnit(s.db, { code: 'VL-H02-VHTT', name: 'Phòng Văn hóa và Thông tin huyện Khê Thượng', type: 'district_office', parentId: ids.province, validTo: '2025-06-30' });
  as.office = await makeUser(s.app, as.admin, { username: 'vanphong', role: 'office', orgUnitId: ids.dept });
  as.reporter = await makeUser(s.app, as.admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.commune });
  as.head = await makeUser(s.app, as.admin, { username: 'lanhdao', role: 'unit_head', orgUnitId: ids.commune });
  as.otherReporter = await makeUser(s.app, as.admin, { username: 'baocao.x04', role: 'reporter', orgUnitId: ids.other });
  as.reviewer = await makeUser(s.app, as.admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: ids.div });
  as.director = await makeUser(s.app, as.admin, { username: 'giamdoc', role: 'director', orgUnitId: ids.dept });
  as.viewer = await makeUser(s.app, as.admin, { username: 'khach', role: 'viewer', orgUnitId: ids.province });
  const users = await s.db.query<{ id: number; username: string }>(`SELECT id, username FROM users`);
  for (const u of users) ids[`user:${u.username}`] = u.id;
});
afterAll(() => s.close());

describe('POST /api/people', () => {
  it('keeps the contract {"fullName","unit": UNIT_CODE,"position"?} → 201 with its id', async () => {
    const r = await create(as.office, { fullName: 'Ma Đình Quang', unit: 'VL-SKHCN', position: 'Giám đốc Sở' });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json() as PersonJson;
    expect(p.id).toBeGreaterThan(0);
    expect(p).toMatchObject({ fullName: 'Ma Đình Quang', unit: { code: 'VL-SKHCN', name: 'Sở Khoa học và Công nghệ' }, position: 'Giám đốc Sở', validFrom: '2026-11-22', current: true });
    const dated = await create(as.office, { fullName: 'Nông Văn Tài', unit: 'VL-SKHCN', position: 'Phó Giám đốc Sở', validFrom: '2025-03-01' });
    expect(dated.json()).toMatchObject({ validFrom: '2025-03-01', current: true });
    ids.tai = dated.json().id;
    const minimal = await create(as.office, { fullName: 'Lục Văn Khánh', unit: 'VL-BCVT' });
    expect(minimal.statusCode, minimal.body).toBe(201);
    expect(minimal.json()).toMatchObject({ id: expect.any(Number), position: '' });
    ids.khanh = minimal.json().id;
  });

  it('stores every field, in NFC, with an audit event in the same transaction', async () => {
    const r = await create(as.office, {
      fullName: '  Hà  Thi\u0323 Mai Lan ', unit: 'VL-X03', position: 'Công chức Văn hóa – Xã hội', gender: 'female', birthDate: '1988-04-12',
      phone: '0912 345 678', email: 'Lan.HTM@vanlinh.gov.vn', userId: ids['user:baocao'], note: 'Phụ trách thông tin cơ sở\nvà đài truyền thanh', validFrom: '2025-07-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json() as PersonJson;
    expect(p).toMatchObject({
      fullName: 'Hà Thị Mai Lan', gender: 'female', birthDate: '1988-04-12', phone: '0912 345 678', email: 'lan.htm@vanlinh.gov.vn', username: 'baocao',
      note: 'Phụ trách thông tin cơ sở\nvà đài truyền thanh', validFrom: '2025-07-01', personal: true, canManage: true,
    });
    ids.lan = p.id;
    const ev = await s.db.one<{ actor_name: string; org_unit_id: number; after: { fullName: string; membership: { unitCode: string } } }>(
      `SELECT actor_name, org_unit_id, after FROM audit_events WHERE action = 'person.create' AND entity_id = $1`, [String(p.id)]);
    expect(ev).toMatchObject({ actor_name: 'vanphong', org_unit_id: ids.commune, after: { fullName: 'Hà Thị Mai Lan', membership: { unitCode: 'VL-X03' } } });
  });

  it.each([
    [{ unit: 'VL-X03' }, /fullName/],
    [{ fullName: '   ', unit: 'VL-X03' }, 'Họ và tên không được để trống.'],
    [{ fullName: 'Nguyễn Văn A', unit: 'KHONG-CO' }, 'Không có đơn vị mã "KHONG-CO".'],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-H02-VHTT' }, 'Đơn vị "Phòng Văn hóa và Thông tin huyện Khê Thượng" không có hiệu lực vào ngày 22/11/2026 (hiệu lực 01/01/2000 – 30/06/2025).'],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', validFrom: '2025-06-30' }, /không có hiệu lực vào ngày 30\/06\/2025/],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', phone: 'gọi tôi' }, /Số điện thoại "gọi tôi" không hợp lệ/],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', email: 'a@b' }, 'Địa chỉ thư điện tử "a@b" không hợp lệ.'],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', birthDate: '2020-01-01' }, /cán bộ phải từ 15 tuổi trở lên/],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', birthDate: '1990-02-30' }, /ngày không hợp lệ/],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', gender: 'other' }, /giới tính là male \(nam\) hoặc female \(nữ\)/],
    [{ fullName: 'Nguyễn Văn A', unit: 'VL-X03', userId: 987_654 }, 'Tài khoản (id 987654) không tồn tại.'],
    [{ fullName: 'Nguyễn\nVăn A', unit: 'VL-X03' }, /Trường "fullName"/],
  ])('refuses bad input %# with 400 and a Vietnamese message, saving nothing', async (body, message) => {
    const before = await countRows(s.db, 'people');
    const r = await create(as.office, body);
    expect(r.statusCode, r.body).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect(await countRows(s.db, 'people')).toBe(before);
  });

  it('refuses an account already linked to someone else with 409', async () => {
    const r = await create(as.office, { fullName: 'Người khác', unit: 'VL-X03', userId: ids['user:baocao'] });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Tài khoản "baocao" đã được gắn với cán bộ "Hà Thị Mai Lan".');
  });
});

describe('who may do what', () => {
  it('a unit reporter and head add people to their own unit only', async () => {
    const own = await create(as.head, { fullName: 'Triệu Văn Bình', unit: 'VL-X03', position: 'Phó Chủ tịch UBND xã', userId: ids['user:lanhdao'] });
    expect(own.statusCode, own.body).toBe(201);
    ids.binh = own.json().id;
    const other = await create(as.reporter, { fullName: 'Nguyễn Văn B', unit: 'VL-X04' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('Bạn chỉ được thêm cán bộ vào đơn vị của mình.');
    // an unknown code answers the same: a unit role cannot probe which codes exist
    expect((await create(as.reporter, { fullName: 'Nguyễn Văn B', unit: 'KHONG-CO' })).statusCode).toBe(403);
    // and may link only accounts of their own unit
    const foreign = await create(as.reporter, { fullName: 'Nguyễn Văn C', unit: 'VL-X03', userId: ids['user:thamdinh'] });
    expect(foreign.statusCode).toBe(403);
  });

  it('reviewer, director and viewer change nothing (403)', async () => {
    for (const h of [as.reviewer, as.director, as.viewer]) {
      expect((await create(h, { fullName: 'Nguyễn Văn D', unit: 'VL-BCVT' })).statusCode).toBe(403);
      expect((await req(h, 'PATCH', `/api/people/${ids.khanh}`, { phone: '0987 654 321' })).statusCode).toBe(403);
      expect((await req(h, 'POST', `/api/people/${ids.khanh}/leave`, { date: '2026-12-01' })).statusCode).toBe(403);
      expect((await req(h, 'GET', '/api/people/export.csv')).statusCode).toBe(403);
    }
  });

  it("another unit's person: 404 for a unit role writing, public fields for reading", async () => {
    const before = await s.db.query(`SELECT * FROM people ORDER BY id`);
    for (const [method, url, body] of [
      ['PATCH', `/api/people/${ids.lan}`, { phone: '0900 000 000' }],
      ['POST', `/api/people/${ids.lan}/move`, { unit: 'VL-X04', position: 'Công chức', date: '2026-12-01' }],
      ['POST', `/api/people/${ids.lan}/leave`, { date: '2026-12-01' }],
    ] as const) {
      const r = await req(as.otherReporter, method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.json().message).toBe('Không tìm thấy cán bộ.');
    }
    expect(await s.db.query(`SELECT * FROM people ORDER BY id`)).toEqual(before);
    const seen = await get(as.otherReporter, ids.lan);
    expect(seen).toMatchObject({ fullName: 'Hà Thị Mai Lan', position: 'Công chức Văn hóa – Xã hội', unit: { code: 'VL-X03' }, personal: false, canManage: false });
    expect([seen.phone, seen.email, seen.birthDate, seen.note]).toEqual([null, null, null, null]);
  });

  it('personal data: admin, office and the own unit see it; reviewers, director, viewer and other units do not; everyone sees their own', async () => {
    const shows = async (h: H, id: number) => (await get(h, id)).phone !== null;
    expect(await shows(as.admin, ids.lan)).toBe(true);
    expect(await shows(as.office, ids.lan)).toBe(true);
    expect(await shows(as.head, ids.lan)).toBe(true);
    expect(await shows(as.reviewer, ids.lan)).toBe(false);
    expect(await shows(as.director, ids.lan)).toBe(false);
    expect(await shows(as.viewer, ids.lan)).toBe(false);
    // in the list too
    const forViewer = await list(as.viewer, '?q=mai%20lan');
    expect(forViewer.items.map((p) => [p.fullName, p.phone, p.personal])).toEqual([['Hà Thị Mai Lan', null, false]]);
    const forHead = await list(as.head, '?q=mai%20lan');
    expect(forHead.items.map((p) => [p.phone, p.personal, p.canManage])).toEqual([['0912 345 678', true, true]]);
    // the director is a person of the department: his own unit's people only
    await req(as.office, 'PATCH', `/api/people/${ids.tai}`, { userId: ids['user:giamdoc'], phone: '0203 385 1234' });
    expect(await shows(as.director, ids.tai)).toBe(true);
    // Lan herself, signed in as baocao
    await req(as.office, 'PATCH', `/api/people/${ids.lan}`, { userId: null });
    const self = await makeUser(s.app, as.admin, { username: 'lan.ht', role: 'reviewer', orgUnitId: ids.div });
    const selfId = (await s.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'lan.ht'`)).id;
    expect((await req(as.office, 'PATCH', `/api/people/${ids.lan}`, { userId: selfId })).statusCode).toBe(200);
    expect(await shows(self, ids.lan)).toBe(true);
    expect(await shows(self, ids.binh)).toBe(false);
  });
});

describe('linking a sign-in account by username', () => {
  it('links, refuses unknown or taken accounts, and unlinks with an empty username', async () => {
    const khanh = ids.khanh;
    const taken = await req(as.office, 'PATCH', `/api/people/${khanh}`, { username: 'LANHDAO' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('Tài khoản "lanhdao" đã được gắn với cán bộ "Triệu Văn Bình".');
    const unknown = await req(as.office, 'PATCH', `/api/people/${khanh}`, { username: 'khong.co' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Không có tài khoản đăng nhập "khong.co".');
    const both = await req(as.office, 'PATCH', `/api/people/${khanh}`, { username: 'thamdinh', userId: ids['user:baocao'] });
    expect(both.statusCode).toBe(400);
    const ok = await req(as.office, 'PATCH', `/api/people/${khanh}`, { username: 'thamdinh' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ username: 'thamdinh', userId: ids['user:thamdinh'] });
    const off = await req(as.office, 'PATCH', `/api/people/${khanh}`, { username: '' });
    expect(off.json()).toMatchObject({ username: null, userId: null });
  });
});

describe('moves, leaving and history', () => {
  it('a unit head records a position change in the own unit, dated, with history', async () => {
    const r = await req(as.head, 'POST', `/api/people/${ids.binh}/move`, { unit: 'VL-X03', position: 'Chủ tịch UBND xã', date: '2026-12-01' });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json() as PersonJson;
    expect(p.memberships.map((m) => [m.position, m.validFrom, m.validTo, m.endReason])).toEqual([
      ['Chủ tịch UBND xã', '2026-12-01', null, null],
      ['Phó Chủ tịch UBND xã', '2026-11-22', '2026-11-30', 'moved'],
    ]);
    // today (22/11/2026) he is still the vice-chairman
    expect(p.position).toBe('Phó Chủ tịch UBND xã');
  });

  it('but cannot move anyone into another unit', async () => {
    const r = await req(as.head, 'POST', `/api/people/${ids.binh}/move`, { unit: 'VL-X04', position: 'Chủ tịch UBND xã', date: '2027-01-01' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/do Văn phòng Sở thực hiện/);
  });

  it('the office moves people between units; overlapping or back-dated moves are refused', async () => {
    const ok = await req(as.office, 'POST', `/api/people/${ids.khanh}/move`, { unit: 'VL-SKHCN', position: 'Phó Giám đốc Sở', date: '2027-01-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as PersonJson).memberships.map((m) => [m.unit.code, m.validFrom, m.validTo])).toEqual([
      ['VL-SKHCN', '2027-01-01', null], ['VL-BCVT', '2026-11-22', '2026-12-31'],
    ]);
    for (const [body, message] of [
      [{ unit: 'VL-BCVT', position: 'Chuyên viên', date: '2026-12-15' }, /Ngày chuyển 15\/12\/2026 phải sau ngày bắt đầu quá trình công tác gần nhất, tại "Sở Khoa học và Công nghệ" từ 01\/01\/2027/],
      [{ unit: 'VL-H02-VHTT', position: 'Chuyên viên', date: '2027-02-01' }, /không có hiệu lực vào ngày 01\/02\/2027/],
      [{ unit: 'VL-SKHCN', position: 'Phó Giám đốc Sở', date: '2027-02-01' }, /không có gì thay đổi/],
      [{ unit: 'VL-SKHCN', position: 'Giám đốc', date: 'mai' }, /ngày không hợp lệ/],
    ] as const) {
      const r = await req(as.office, 'POST', `/api/people/${ids.khanh}/move`, body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect(await s.db.one(`SELECT count(*)::int AS n FROM person_memberships WHERE person_id = $1`, [ids.khanh])).toEqual({ n: 2 });
  });

  it('leave ends the membership the day before; it must come after the start; the person shows as former staff', async () => {
    const early = await req(as.office, 'POST', `/api/people/${ids.tai}/leave`, { date: '2025-03-01', reason: 'retired' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe('Ngày nghỉ 01/03/2025 phải sau ngày bắt đầu quá trình công tác gần nhất, tại "Sở Khoa học và Công nghệ" từ 01/03/2025.');
    const r = await req(as.office, 'POST', `/api/people/${ids.tai}/leave`, { date: '2026-11-01', reason: 'retired' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ current: false, validTo: '2026-10-31', memberships: [{ endReason: 'retired', validTo: '2026-10-31' }] });
    const again = await req(as.office, 'POST', `/api/people/${ids.tai}/leave`, { date: '2026-11-15' });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('Cán bộ không còn công tác tại đơn vị nào vào ngày 14/11/2026; không có gì để kết thúc.');
    const events = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'person' AND entity_id = $1 ORDER BY id`, [String(ids.tai)]);
    expect(events.map((e) => e.action)).toEqual(['person.create', 'person.update', 'person.leave']);
  });
});

describe('GET /api/people', () => {
  it('searches without diacritics, filters by unit code or id on a date, pages, and lists former staff on request', async () => {
    expect((await list(as.viewer, '?q=HA%20THI%20MAI')).items.map((p) => p.fullName)).toEqual(['Hà Thị Mai Lan']);
    expect((await list(as.viewer, '?unit=VL-X03')).items.map((p) => p.fullName)).toEqual(['Triệu Văn Bình', 'Hà Thị Mai Lan']);
    expect((await list(as.viewer, `?unitId=${ids.commune}&asOf=2025-06-30`)).items).toEqual([]);
    const page = await list(as.viewer, '?pageSize=1&page=2');
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(1);
    const all = await list(as.viewer, '?includeFormer=true');
    expect(all.total).toBe(5);
    expect(all.items.find((p) => p.fullName === 'Nông Văn Tài')).toMatchObject({ current: false, unit: { code: 'VL-SKHCN' }, position: 'Phó Giám đốc Sở' });
  });

  it.each([
    ['?unit=KHONG-CO', 'Không có đơn vị mã "KHONG-CO".'],
    ['?asOf=2026-13-01', /ngày không hợp lệ/],
    ['?includeFormer=yes', /chỉ nhận true hoặc false/],
    ['?pageSize=5000', /tối đa 1.000/],
  ])('refuses a bad query %s with 400', async (qs, message) => {
    const r = await req(as.viewer, 'GET', `/api/people${qs}`);
    expect(r.statusCode).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
  });

  it('needs a signed-in user; an unknown person is 404', async () => {
    expect((await req(null, 'GET', '/api/people')).statusCode).toBe(401);
    expect((await req(as.viewer, 'GET', '/api/people/999999')).statusCode).toBe(404);
  });
});
