import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from '../org/test-fixtures.js';
import { multipart } from '../xlsx/test-fixtures.js';
import { award, initiative, makePerson, moveTo, rate } from './test-fixtures.js';

let s: TestServer;
type H = { cookie: string };
const as: Record<string, H> = {};
const ids: Record<string, number> = {};

const req = (h: H | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({ method, url, headers: { ...(h ?? {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

type Check = { rule: string; passed: boolean; evidence: string; basis: string; code: string; severity: string; conditional: boolean };
type Elig = { eligible: boolean; checks: Check[]; date: string; version: { name: string; validFrom: string } | null };
const eligibility = async (h: H, qs: string) => {
  const r = await req(h, 'GET', `/api/awards/eligibility?${qs}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Elig;
};
const check = (e: Elig, code: string) => e.checks.find((c) => c.code === code)!;

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  as.admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.province = await makeUnit(s.db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.dept = await makeUnit(s.db, { code: 'VL-SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province, validFrom: '2025-03-01' });
  ids.div = await makeUnit(s.db, { code: 'VL-BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: ids.dept, validFrom: '2025-03-01' });
  ids.oldCommune = await makeUnit(s.db, { code: 'VL-X01', name: 'Xã Khê Hạ', type: 'commune', parentId: ids.province, validTo: '2025-06-30' });
  ids.commune = await makeUnit(s.db, { code: 'VL-X03', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  ids.other = await makeUnit(s.db, { code: 'VL-X04', name: 'Xã Nà Lũng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  await s.db.query(`INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'merge')`, [ids.commune, ids.oldCommune]);
  as.office = await makeUser(s.app, as.admin, { username: 'vanphong', role: 'office', orgUnitId: ids.dept });
  as.reporter = await makeUser(s.app, as.admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.commune });
  as.otherReporter = await makeUser(s.app, as.admin, { username: 'baocao.x04', role: 'reporter', orgUnitId: ids.other });
  as.reviewer = await makeUser(s.app, as.admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: ids.div });
  as.director = await makeUser(s.app, as.admin, { username: 'giamdoc', role: 'director', orgUnitId: ids.dept });
  as.viewer = await makeUser(s.app, as.admin, { username: 'khach', role: 'viewer', orgUnitId: ids.province });
  // Lan worked in the old commune and moved to the merged one; Hùng works there too; Minh in another commune.
  ids.lan = await makePerson(s.db, { name: 'Hà Thị Mai Lan', unitId: ids.oldCommune, from: '2004-03-01', gender: 'female' });
  await moveTo(s.db, ids.lan, ids.commune, '2025-07-01');
  ids.hung = await makePerson(s.db, { name: 'Lục Văn Hùng', unitId: ids.commune, from: '2025-07-01', gender: 'male' });
  ids.minh = await makePerson(s.db, { name: 'Nông Văn Minh', unitId: ids.other, from: '2025-07-01', gender: 'male' });
  ids.quang = await makePerson(s.db, { name: 'Ma Đình Quang', unitId: ids.dept, from: '2025-03-01', gender: 'male' });
});
afterAll(() => s.close());

describe('catalog', () => {
  it('lists the ten codes with their versions, the one in force marked for the date asked', async () => {
    const r = await req(as.reporter, 'GET', '/api/awards/types');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { code: string; current: number | null; versions: { id: number; validFrom: string; validTo: string | null }[] }[];
    expect(items.map((t) => t.code)).toEqual(['LDTT', 'CSTD_CS', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'CO_TINH', 'GK_SO', 'BK_UBND_TINH', 'BK_BO', 'KNC']);
    const cstd = items.find((t) => t.code === 'CSTD_CS')!;
    expect(cstd.versions.find((v) => v.id === cstd.current)!.validFrom).toBe('2025-07-01');
    const old = (await req(as.reporter, 'GET', '/api/awards/types/CSTD_CS?date=2025-03-01')).json();
    const v = old.versions.find((x: { id: number }) => x.id === old.current);
    expect(v).toMatchObject({ validFrom: '2024-01-01', validTo: '2025-06-30', vote: { num: 80, den: 100, source: 'law', basis: 'Điều 30 khoản 7 Nghị định 98/2023/NĐ-CP' } });
    const now = old.versions.find((x: { validFrom: string }) => x.validFrom === '2025-07-01');
    expect(now.vote.source).toBe('setting');
    expect(now.vote.basis).toMatch(/^Thiết lập của Sở \(chưa xác nhận căn cứ pháp lý\)/);
  });

  it('answers 404 in Vietnamese for an unknown code', async () => {
    const r = await req(as.reporter, 'GET', '/api/awards/types/XYZ');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toBe('Không có danh hiệu, hình thức khen thưởng mã "XYZ".');
  });
});

describe('POST /api/awards/records', () => {
  it('stores a history record as given: {"person","title","year","decision"} → 201, audited', async () => {
    const r = await req(as.office, 'POST', '/api/awards/records', { person: ids.lan, title: 'CSTD_CS', year: 2023, decision: '15/QĐ-UBND' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ person: { id: ids.lan, fullName: 'Hà Thị Mai Lan' }, title: { code: 'CSTD_CS', name: 'Chiến sĩ thi đua cơ sở' }, year: 2023, decision: '15/QĐ-UBND', source: 'history' });
    const ev = await s.db.one<{ action: string; after: { awardCode: string } }>(`SELECT action, after FROM audit_events WHERE entity_type = 'award_record' ORDER BY id DESC LIMIT 1`);
    expect(ev).toMatchObject({ action: 'award_record.create', after: { awardCode: 'CSTD_CS' } });
  });

  it('refuses the same record twice, future years, unknown titles and a title of the wrong kind, saving nothing', async () => {
    const before = await countRows(s.db, 'award_records');
    const dup = await req(as.office, 'POST', '/api/awards/records', { person: ids.lan, title: 'CSTD_CS', year: 2023, decision: '15/QĐ-UBND' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Hà Thị Mai Lan đã có "Chiến sĩ thi đua cơ sở" năm 2023 theo quyết định 15/QĐ-UBND trong lịch sử khen thưởng.');
    const future = await req(as.office, 'POST', '/api/awards/records', { person: ids.lan, title: 'LDTT', year: 2027 });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toBe('Năm 2027 chưa đến; chỉ ghi được thành tích đến năm 2026.');
    const unknown = await req(as.office, 'POST', '/api/awards/records', { person: ids.lan, title: 'HUAN_CHUONG', year: 2024 });
    expect(unknown.json().message).toBe('Không có danh hiệu, hình thức khen thưởng mã "HUAN_CHUONG" trong danh mục.');
    const wrong = await req(as.office, 'POST', '/api/awards/records', { unit: 'VL-X03', title: 'CSTD_CS', year: 2024 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/chỉ xét tặng cho cá nhân/);
    expect(await countRows(s.db, 'award_records')).toBe(before);
  });

  it('lets only admin and office write history', async () => {
    for (const h of [as.reporter, as.director, as.viewer, as.reviewer]) {
      const r = await req(h, 'POST', '/api/awards/records', { person: ids.lan, title: 'LDTT', year: 2020 });
      expect(r.statusCode).toBe(403);
    }
  });

  it('takes collective records by unit code, and finds records without diacritics', async () => {
    const r = await req(as.office, 'POST', '/api/awards/records', { unit: 'VL-X01', title: 'TTLDXS', year: 2024, decision: '88/QĐ-UBND' });
    expect(r.statusCode, r.body).toBe(201);
    const found = (await req(as.viewer, 'GET', '/api/awards/records?q=ha%20thi%20mai')).json();
    expect(found.items.map((x: { person: { id: number } | null }) => x.person?.id)).toEqual([ids.lan]);
    const byUnit = (await req(as.viewer, 'GET', '/api/awards/records?unit=VL-X01')).json();
    expect(byUnit.total).toBe(2); // the unit's own record, and Lan's of 2023 when she worked there
  });
});

describe('eligibility', () => {
  it('CSTĐ cấp tỉnh 2025 needs CSTĐ cơ sở in 2023, 2024 and 2025 and an unused provincial initiative of those years', async () => {
    let e = await eligibility(as.office, `person=${ids.lan}&title=CSTD_TINH&year=2025`);
    expect(e.eligible).toBe(false);
    expect(e.version).toMatchObject({ validFrom: '2025-07-01' });
    const chain = check(e, 'chuoi_cstd_cs');
    expect(chain).toMatchObject({ passed: false, basis: 'Điều 22 khoản 1 điểm a Luật Thi đua, khen thưởng 06/2022/QH15' });
    expect(chain.evidence).toBe('Năm 2023: Chiến sĩ thi đua cơ sở (QĐ số 15/QĐ-UBND); năm 2024: không có; năm 2025: không có. Thiếu năm 2024 và 2025: cần "Chiến sĩ thi đua cơ sở" 3 năm liên tục đến năm 2025.');
    await award(s.db, { personId: ids.lan, code: 'CSTD_CS', year: 2024, decision: '20/QĐ-UBND' });
    await award(s.db, { personId: ids.lan, code: 'CSTD_CS', year: 2025, decision: '31/QĐ-UBND' });
    ids.initTinh = await initiative(s.db, { personId: ids.lan, title: 'Số hóa sổ hộ tịch', year: 2024, scope: 'tinh' });
    await initiative(s.db, { personId: ids.lan, title: 'Loa thông minh', year: 2025, scope: 'co_so' });
    e = await eligibility(as.office, `person=${ids.lan}&title=CSTD_TINH&year=2025`);
    expect(e.eligible).toBe(true);
    expect(check(e, 'sang_kien_tinh').evidence).toBe('Sáng kiến "Số hóa sổ hộ tịch" (cấp tỉnh, công nhận năm 2024).');
  });

  it('applies the rows in force on the decision date: 2024 under Decree 98, 2025 under Decree 152', async () => {
    const e24 = await eligibility(as.office, `person=${ids.lan}&title=CSTD_CS&year=2024`);
    expect(e24.date).toBe('2024-12-31');
    expect(e24.version!.validFrom).toBe('2024-01-01');
    const early = await eligibility(as.office, `person=${ids.lan}&title=CSTD_CS&year=2025&date=2025-06-15`);
    expect(early.version!.validFrom).toBe('2024-01-01');
    const none = await eligibility(as.office, `person=${ids.lan}&title=CSTD_CS&year=2022`);
    expect(none.eligible).toBe(false);
    expect(none.checks[0].evidence).toBe('Không có quy định nào về "Chiến sĩ thi đua cơ sở" có hiệu lực vào ngày 31/12/2022.');
  });

  it('keeps a merged unit’s history through its predecessors', async () => {
    await s.db.query(`INSERT INTO award_ratings (org_unit_id, year, rating) VALUES ($1, 2025, 'xuat_sac')`, [ids.commune]);
    const e = await eligibility(as.office, 'unit=VL-X03&title=BK_UBND_TINH&year=2025');
    const c = check(e, 'chuoi_xuat_sac');
    expect(c.passed).toBe(true);
    expect(c.evidence).toBe('Năm 2024: Tập thể lao động xuất sắc (QĐ số 88/QĐ-UBND, của Xã Khê Hạ); năm 2025: hoàn thành xuất sắc nhiệm vụ.');
  });

  it('hides another unit’s people from a unit account (404), and refuses viewers', async () => {
    expect((await req(as.otherReporter, 'GET', `/api/awards/eligibility?person=${ids.lan}&title=LDTT&year=2025`)).statusCode).toBe(404);
    expect((await req(as.viewer, 'GET', `/api/awards/eligibility?person=${ids.lan}&title=LDTT&year=2025`)).statusCode).toBe(404);
    expect((await req(as.reporter, 'GET', `/api/awards/eligibility?person=${ids.lan}&title=LDTT&year=2025`)).statusCode).toBe(200);
    expect((await req(null, 'GET', `/api/awards/eligibility?person=${ids.lan}&title=LDTT&year=2025`)).statusCode).toBe(401);
  });
});
