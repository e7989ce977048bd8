import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from './test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let office: { cookie: string };
let reporter: { cookie: string };
let viewer: { cookie: string };
const ids: Record<string, number> = {};

type UnitJson = { id: number; code: string; name: string; parentId: number | null; level: number; active: boolean; predecessors: { code: string; kind: string }[]; successors: { code: string; kind: string }[] };

const unitRow = (id: number) => s.db.one<{ name: string; level: number; path: string; parent_id: number | null }>(`SELECT name, level, path, parent_id FROM org_units WHERE id = $1`, [id]);

beforeAll(async () => {
  s = await testServer();
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.province = await makeUnit(s.db, { code: 'TINH', name: 'Tỉnh Quảng Ninh', type: 'province' });
  ids.dept = await makeUnit(s.db, { code: 'SO', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province });
  ids.district = await makeUnit(s.db, { code: 'HUYEN_A', name: 'Huyện Ba Chẽ', type: 'district', parentId: ids.province, validTo: '2025-06-30' });
  ids.office = await makeUnit(s.db, { code: 'PVHTT_A', name: 'Phòng Văn hóa và Thông tin Ba Chẽ', type: 'district_office', parentId: ids.district, validTo: '2025-06-30' });
  ids.other = await makeUnit(s.db, { code: 'VIETTEL', name: 'Viettel Quảng Ninh', type: 'enterprise', parentId: ids.province });
  office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office' });
  reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.office });
  viewer = await makeUser(s.app, admin, { username: 'nguoixem', role: 'viewer' });
});
afterAll(() => s.close());

const post = (headers: { cookie: string }, payload: unknown) => s.app.inject({ method: 'POST', url: '/api/org-units', headers, payload: payload as object });
const patch = (headers: { cookie: string }, id: number, payload: unknown) => s.app.inject({ method: 'PATCH', url: `/api/org-units/${id}`, headers, payload: payload as object });
const list = async (headers: { cookie: string }, qs = '') => {
  const r = await s.app.inject({ url: `/api/org-units${qs}`, headers });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as UnitJson[];
};

describe('creating and changing units', () => {
  it('creates a unit under a parent with level, path and an audit event', async () => {
    const r = await post(office, { code: 'P_CDS', name: 'Phòng Chuyển đổi số', type: 'division', parentId: ids.dept, validFrom: '2025-03-01' });
    expect(r.statusCode, r.body).toBe(201);
    const u = r.json();
    expect(u).toMatchObject({ code: 'P_CDS', type: 'division', parentId: ids.dept, level: 3, validFrom: '2025-03-01', validTo: null, active: true, predecessors: [], successors: [] });
    ids.division = u.id;
    expect((await unitRow(u.id)).path).toBe(`/${ids.province}/${ids.dept}/${u.id}/`);
    const ev = await s.db.one<{ after: { code: string; parentId: number } }>(`SELECT after FROM audit_events WHERE action = 'org_unit.create' AND entity_id = $1`, [String(u.id)]);
    expect(ev.after).toMatchObject({ code: 'P_CDS', parentId: ids.dept });
  });

  it('stores names in Unicode NFC', async () => {
    const r = await post(admin, { code: 'XA_MINH', name: ' Xa\u0303 Mi\u0300nh ', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
    expect(r.statusCode, r.body).toBe(201);
    ids.xaMinh = r.json().id;
    const row = await unitRow(ids.xaMinh);
    expect(row.name).toBe('Xã Mình'.normalize('NFC'));
    expect(row.name).not.toBe('Xa\u0303 Mi\u0300nh');
  });

  it('finds units without diacritics', async () => {
    const found = await list(admin, '?q=xa%20minh');
    expect(found.map((u) => u.code)).toEqual(['XA_MINH']);
    expect((await list(admin, '?q=CHUYEN%20DOI')).map((u) => u.code)).toEqual(['P_CDS']);
  });

  it('refuses a duplicate code with 409 and changes nothing', async () => {
    const before = await countRows(s.db, 'org_units');
    const r = await post(office, { code: 'SO', name: 'Trùng', type: 'other', validFrom: '2020-01-01' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Mã đơn vị "SO" đã được dùng cho "Sở Khoa học và Công nghệ".');
    expect(await countRows(s.db, 'org_units')).toBe(before);
  });

  it.each([
    [{ code: 'X1', name: 'A', type: 'other', parentId: 999_999, validFrom: '2020-01-01' }, 'Đơn vị cấp trên (id 999999) không tồn tại.'],
    [{ code: 'X2', name: 'A', type: 'other', validFrom: '2020-05-01', validTo: '2020-04-30' }, 'Ngày hết hiệu lực (30/04/2020) không được trước ngày bắt đầu hiệu lực (01/05/2020).'],
    [{ code: 'X3', name: 'A', type: 'other', parentId: 0, validFrom: '2020-01-01' }, /parentId/],
    [{ code: 'có dấu', name: 'A', type: 'other', validFrom: '2020-01-01' }, /Mã đơn vị chỉ gồm chữ cái không dấu/],
    [{ code: 'X4', name: '   ', type: 'other', validFrom: '2020-01-01' }, 'Tên đơn vị không được để trống.'],
    [{ code: 'X5', name: 'A', type: 'galaxy', validFrom: '2020-01-01' }, /loại đơn vị không hợp lệ/],
    [{ code: 'X6', name: 'A', type: 'other', validFrom: '2020-02-30' }, /ngày không hợp lệ/],
    [{ code: 'X7', name: 'A', type: 'other', parentId: 0 }, /validFrom/],
    [{ code: 'X8', name: 'A', type: 'commune', parentId: 0, validFrom: '2024-01-01', validTo: '2025-12-31' }, /phải nằm trong thời gian hiệu lực của đơn vị cấp trên "Huyện Ba Chẽ" \(01\/01\/2000 – 30\/06\/2025\)/],
    [{ code: 'X9', name: 'A', type: 'other', validFrom: '2020-01-01', sectorId: 4242 }, 'Lĩnh vực (id 4242) không tồn tại.'],
    [{ code: 'X10', name: 'A', type: 'other', validFrom: '2020-01-01', predecessors: [{ id: 31337, kind: 'merge' }] }, 'Đơn vị tiền thân không tồn tại: id 31337.'],
  ])('refuses bad input %# with 400 and a Vietnamese message', async (body, message) => {
    const payload = { ...body } as Record<string, unknown>;
    if (body.code === 'X8') payload.parentId = ids.district;
    const before = await countRows(s.db, 'org_units');
    const r = await post(office, payload);
    expect(r.statusCode, r.body).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect(await countRows(s.db, 'org_units')).toBe(before);
  });

  it('refuses to make a unit the child of its own descendant', async () => {
    const r = await patch(office, ids.province, { parentId: ids.office });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/sẽ tạo vòng lặp/);
    const self = await patch(office, ids.dept, { parentId: ids.dept });
    expect(self.statusCode).toBe(400);
    expect((await unitRow(ids.province)).parent_id).toBeNull();
  });

  it('refuses to shrink a parent below the validity of its children', async () => {
    const r = await patch(office, ids.province, { validTo: '2024-12-31' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/không bao trùm các đơn vị cấp dưới/);
  });

  it('re-parents a unit and recomputes level and path of its whole subtree in one go', async () => {
    const team = await makeUnit(s.db, { code: 'TO_1', name: 'Tổ 1', parentId: ids.office, validTo: '2025-06-30' });
    const r = await patch(office, ids.district, { parentId: ids.dept });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ parentId: ids.dept, level: 3 });
    expect(await unitRow(ids.district)).toMatchObject({ level: 3, path: `/${ids.province}/${ids.dept}/${ids.district}/` });
    expect(await unitRow(ids.office)).toMatchObject({ level: 4, path: `/${ids.province}/${ids.dept}/${ids.district}/${ids.office}/` });
    expect(await unitRow(team)).toMatchObject({ level: 5, path: `/${ids.province}/${ids.dept}/${ids.district}/${ids.office}/${team}/` });
    const ev = await s.db.one<{ before: { parentId: number }; after: { parentId: number; movedUnits: number } }>(
      `SELECT before, after FROM audit_events WHERE action = 'org_unit.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(ids.district)]);
    expect(ev.before.parentId).toBe(ids.province);
    expect(ev.after).toMatchObject({ parentId: ids.dept, movedUnits: 3 });
    // and back to the province root
    expect((await patch(office, ids.district, { parentId: ids.province })).statusCode).toBe(200);
    expect(await unitRow(team)).toMatchObject({ level: 4, path: `/${ids.province}/${ids.district}/${ids.office}/${team}/` });
  });

  it('links predecessors and shows successors; refuses a lineage loop', async () => {
    const r = await post(office, {
      code: 'XA_BC', name: 'Xã Ba Chẽ', type: 'commune', parentId: ids.province, validFrom: '2025-07-01',
      predecessors: [{ id: ids.district, kind: 'merge' }, { id: ids.office, kind: 'transfer' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    ids.xaBc = r.json().id;
    expect(r.json().predecessors.map((p: { code: string; kind: string }) => `${p.code}:${p.kind}`).sort()).toEqual(['HUYEN_A:merge', 'PVHTT_A:transfer']);
    const district = (await list(admin, '?includeClosed=true')).find((u) => u.code === 'HUYEN_A')!;
    expect(district.successors).toEqual([{ id: ids.xaBc, code: 'XA_BC', name: 'Xã Ba Chẽ', kind: 'merge' }]);
    const loop = await patch(office, ids.district, { predecessors: [{ id: ids.xaBc, kind: 'rename' }] });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().message).toMatch(/đơn vị kế thừa/);
    expect((await patch(office, ids.xaBc, { predecessors: [{ id: ids.xaBc, kind: 'rename' }] })).statusCode).toBe(400);
  });

  it('answers 404 for an unknown unit and 400 for a bad id', async () => {
    expect((await patch(office, 987_654, { name: 'Không có' })).statusCode).toBe(404);
    expect((await s.app.inject({ url: '/api/org-units/abc', headers: admin })).statusCode).toBe(400);
  });
});

describe('the tree as of a date', () => {
  it('hides units closed on 30/06/2025 and shows units born on 01/07/2025 as of 01/08/2025', async () => {
    const codes = (await list(admin, '?asOf=2025-08-01')).map((u) => u.code);
    expect(codes).toContain('XA_MINH');
    expect(codes).toContain('XA_BC');
    expect(codes).not.toContain('HUYEN_A');
    expect(codes).not.toContain('PVHTT_A');
    const june = (await list(admin, '?asOf=2025-06-30')).map((u) => u.code);
    expect(june).toContain('HUYEN_A');
    expect(june).not.toContain('XA_MINH');
  });

  it('lists open units by default and closed ones on request', async () => {
    const open = (await list(admin)).map((u) => u.code);
    expect(open).not.toContain('HUYEN_A');
    const all = await list(admin, '?includeClosed=true');
    expect(all.find((u) => u.code === 'HUYEN_A')).toMatchObject({ active: false });
    expect(all.find((u) => u.code === 'TINH')).toMatchObject({ active: true, level: 1, parentId: null });
    expect((await list(admin, '?includeClosed=true&type=district')).map((u) => u.code)).toEqual(['HUYEN_A']);
  });

  it('refuses a malformed date', async () => {
    const r = await s.app.inject({ url: '/api/org-units?asOf=01/08/2025', headers: admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/ngày không hợp lệ/);
  });
});

describe('who sees and changes what', () => {
  it('forbids writes to a reporter and a viewer', async () => {
    for (const who of [reporter, viewer]) {
      expect((await post(who, { code: 'HACK', name: 'X', type: 'other', validFrom: '2020-01-01' })).statusCode).toBe(403);
      expect((await patch(who, ids.office, { name: 'Đổi tên' })).statusCode).toBe(403);
    }
    expect((await unitRow(ids.office)).name).toBe('Phòng Văn hóa và Thông tin Ba Chẽ');
  });

  it('shows a reporter only their own unit and its ancestors, ancestors without lineage', async () => {
    const seen = await list(reporter, '?includeClosed=true');
    expect(seen.map((u) => u.code).sort()).toEqual(['HUYEN_A', 'PVHTT_A', 'TINH']);
    expect(seen.find((u) => u.code === 'HUYEN_A')!.successors).toEqual([]);
    expect(seen.find((u) => u.code === 'PVHTT_A')!.successors.map((x) => x.code)).toEqual(['XA_BC']);
    expect((await s.app.inject({ url: `/api/org-units/${ids.other}`, headers: reporter })).statusCode).toBe(404);
    const own = await s.app.inject({ url: `/api/org-units/${ids.office}`, headers: reporter });
    expect(own.statusCode).toBe(200);
    expect(own.json().users).toBe(1);
    const up = await s.app.inject({ url: `/api/org-units/${ids.province}`, headers: reporter });
    expect(up.json()).toMatchObject({ code: 'TINH', users: 0 });
    expect(up.json().children.map((c: { code: string }) => c.code)).toEqual(['HUYEN_A']);
    expect((await s.app.inject({ url: '/api/org-units/export.csv', headers: reporter })).statusCode).toBe(403);
  });

  it('shows a viewer every unit, and one unit with its children', async () => {
    expect((await list(viewer, '?includeClosed=true')).length).toBe(await countRows(s.db, 'org_units'));
    const r = await s.app.inject({ url: `/api/org-units/${ids.province}`, headers: viewer });
    expect(r.json().children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['SO', 'HUYEN_A', 'VIETTEL', 'XA_MINH']));
  });

  it('requires sign-in', async () => {
    expect((await s.app.inject({ url: '/api/org-units' })).statusCode).toBe(401);
  });
});
