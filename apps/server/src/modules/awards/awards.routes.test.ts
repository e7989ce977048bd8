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

type Nom = {
  id: number; status: string; eligible: boolean; version: number; checks: Check[]; registered: boolean | null; initiatives: { id: number; title: string }[];
  override: { reason: string } | null; abilities: Record<string, boolean>; proposingUnit: { code: string }; subject: { name: string };
};

describe('nominations', () => {
  it('a unit proposes its own person: eligibility is computed and stored, the initiative it counts is marked used', async () => {
    const r = await req(as.reporter, 'POST', '/api/awards/nominations', { person: ids.lan, title: 'CSTD_TINH', year: 2025, achievements: 'Số hóa toàn bộ sổ hộ tịch của xã.' });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json() as Nom;
    expect(n).toMatchObject({ status: 'proposed', eligible: true, proposingUnit: { code: 'VL-X03' }, subject: { name: 'Hà Thị Mai Lan' } });
    expect(n.initiatives.map((i) => i.id)).toEqual([ids.initTinh]);
    expect(n.abilities).toMatchObject({ edit: true, withdraw: true, accept: false });
    ids.nomLan = n.id;
    const used = (await req(as.office, 'GET', `/api/awards/initiatives/${ids.initTinh}`)).json();
    expect(used.usedBy).toMatchObject({ nominationId: n.id, title: { code: 'CSTD_TINH' }, year: 2025, who: 'Hà Thị Mai Lan' });
  });

  it('saves a blocked nomination with the failed criterion and its reason shown', async () => {
    const r = await req(as.reporter, 'POST', '/api/awards/nominations', { person: ids.hung, title: 'CSTD_CS', year: 2025 });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json() as Nom;
    expect(n.eligible).toBe(false);
    const failed = n.checks.filter((c) => !c.passed && c.severity === 'block').map((c) => c.code);
    expect(failed).toEqual(['tieu_chuan_ldtt', 'htxs', 'sang_kien', 'de_tai']);
    expect(check(n as unknown as Elig, 'tieu_chuan_ldtt').evidence).toMatch(/^Chưa đạt tiêu chuẩn của "Lao động tiên tiến": Hoàn thành tốt nhiệm vụ trở lên \(Năm 2025: chưa có xếp loại/);
    expect(check(n as unknown as Elig, 'dang_ky')).toMatchObject({ passed: false, severity: 'flag', evidence: 'Chưa đăng ký thi đua năm 2025.' });
    expect(n.registered).toBe(false);
    ids.nomHung = n.id;
    ids.nomHungVersion = n.version;
  });

  it('refuses the same person twice for a title and year, a reused initiative, another unit’s person, and roles that do not propose', async () => {
    const before = await countRows(s.db, 'award_nominations');
    const twice = await req(as.office, 'POST', '/api/awards/nominations', { person: ids.lan, title: 'CSTD_TINH', year: 2025 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(
      `Hà Thị Mai Lan đã được đề nghị "Chiến sĩ thi đua cấp tỉnh" năm 2025 (đề nghị số ${ids.nomLan} của Xã Khê Thượng, đã đề nghị); không đề nghị hai lần cho cùng danh hiệu và năm.`,
    );
    const reuse = await req(as.office, 'POST', '/api/awards/nominations', { person: ids.lan, title: 'BK_UBND_TINH', year: 2025, initiatives: [ids.initTinh] });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().message).toBe(
      'Sáng kiến "Số hóa sổ hộ tịch" đã dùng cho "Chiến sĩ thi đua cấp tỉnh" năm 2025 của Hà Thị Mai Lan; mỗi sáng kiến chỉ dùng cho một lần khen thưởng.',
    );
    const foreign = await req(as.reporter, 'POST', '/api/awards/nominations', { person: ids.minh, title: 'LDTT', year: 2025 });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('Không tìm thấy cán bộ.');
    for (const h of [as.reviewer, as.director, as.viewer]) expect((await req(h, 'POST', '/api/awards/nominations', { person: ids.lan, title: 'LDTT', year: 2025 })).statusCode).toBe(403);
    expect(await countRows(s.db, 'award_nominations')).toBe(before);
  });

  it('the office cannot accept a blocked nomination; it may override only with a written reason, audited', async () => {
    const accept = await req(as.office, 'POST', `/api/awards/nominations/${ids.nomHung}/accept`, { version: ids.nomHungVersion });
    expect(accept.statusCode).toBe(422);
    expect(accept.json().message).toMatch(/^Đề nghị chưa đủ điều kiện: Đạt tiêu chuẩn danh hiệu "Lao động tiên tiến"/);
    const bare = await req(as.office, 'POST', `/api/awards/nominations/${ids.nomHung}/override`, { version: ids.nomHungVersion, reason: 'đồng ý' });
    expect(bare.statusCode).toBe(400);
    expect((await req(as.reporter, 'POST', `/api/awards/nominations/${ids.nomHung}/override`, { version: ids.nomHungVersion, reason: 'Đơn vị xin ngoại lệ vì lý do đặc biệt' })).statusCode).toBe(403);
    const ok = await req(as.office, 'POST', `/api/awards/nominations/${ids.nomHung}/override`, {
      version: ids.nomHungVersion, reason: 'Xếp loại năm 2025 đã có biên bản của đơn vị, chờ nhập vào hệ thống.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const n = ok.json() as Nom;
    expect(n.override!.reason).toBe('Xếp loại năm 2025 đã có biên bản của đơn vị, chờ nhập vào hệ thống.');
    const ev = await s.db.one<{ after: { failed: { code: string }[] } }>(`SELECT after FROM audit_events WHERE action = 'nomination.override' ORDER BY id DESC LIMIT 1`);
    expect(ev.after.failed.map((f) => f.code)).toContain('tieu_chuan_ldtt');
    const stale = await req(as.office, 'POST', `/api/awards/nominations/${ids.nomHung}/accept`, { version: ids.nomHungVersion });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/vừa được người khác thay đổi/);
    const accepted = await req(as.office, 'POST', `/api/awards/nominations/${ids.nomHung}/accept`, { version: n.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });

  it('a claim fills a criterion judged by people; editing re-evaluates; a withdrawal frees the initiatives', async () => {
    await rate(s.db, { personId: ids.quang, year: 2025, rating: 'tot' });
    const r = await req(as.office, 'POST', '/api/awards/nominations', { person: ids.quang, title: 'GK_SO', year: 2025, kind: 'sudden' });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json() as Nom;
    expect(n.eligible).toBe(false);
    const edited = await req(as.office, 'PATCH', `/api/awards/nominations/${n.id}`, { version: n.version, claims: { thanh_tich_dot_xuat: 'Khắc phục sự cố cáp quang sau bão số 3 trong 6 giờ.' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().eligible).toBe(true);
    expect(check(edited.json(), 'thanh_tich_dot_xuat').evidence).toBe('Đơn vị nêu: Khắc phục sự cố cáp quang sau bão số 3 trong 6 giờ.');
    const lan = (await req(as.reporter, 'GET', `/api/awards/nominations/${ids.nomLan}`)).json() as Nom;
    const w = await req(as.reporter, 'POST', `/api/awards/nominations/${ids.nomLan}/withdraw`, { version: lan.version });
    expect(w.statusCode, w.body).toBe(200);
    expect((await req(as.office, 'GET', `/api/awards/initiatives/${ids.initTinh}`)).json().usedBy).toBeNull();
  });

  it('shows a unit its own nominations only, and viewers the decided ones', async () => {
    const mine = (await req(as.reporter, 'GET', '/api/awards/nominations?year=2025')).json().items as Nom[];
    expect(mine.map((n) => n.subject.name).sort()).toEqual(['Hà Thị Mai Lan', 'Lục Văn Hùng']);
    expect((await req(as.otherReporter, 'GET', '/api/awards/nominations')).json().items).toEqual([]);
    expect((await req(as.otherReporter, 'GET', `/api/awards/nominations/${ids.nomLan}`)).statusCode).toBe(404);
    expect((await req(as.viewer, 'GET', '/api/awards/nominations')).json().items).toEqual([]);
    expect((await req(as.director, 'GET', '/api/awards/nominations')).json().items.length).toBe(3);
  });
});

describe('history import', () => {
  const csv = (lines: string[]) => lines.join('\r\n');
  const post = (h: H, body: string | Buffer, qs = '', type = 'text/csv') => {
    if (typeof body === 'string') return req(h, 'POST', `/api/awards/records/import${qs}`, body, { 'content-type': type });
    const m = multipart(body, 'lich-su.xlsx');
    return s.app.inject({ method: 'POST', url: `/api/awards/records/import${qs}`, headers: { ...h, ...m.headers }, payload: m.payload });
  };

  it('refuses the whole file with line-numbered Vietnamese errors: unknown titles, future years, unknown people', async () => {
    const before = await countRows(s.db, 'award_records');
    const r = await post(as.office, csv([
      'personId,fullName,unitCode,title,year,decision',
      `${ids.hung},,,LDTT,2025,40/QĐ-UBND`,
      `${ids.hung},,,Huân chương Lao động,2024,`,
      ',Nông Văn Minh,VL-X04,CSTD_CS,2029,',
      ',Người Không Có,VL-X04,LDTT,2025,',
      ',,VL-X04,TTLDTT,2025,7/QĐ-UBND',
    ]));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      created: 0,
      errors: [
        { line: 3, message: 'Không có danh hiệu, hình thức khen thưởng "Huân chương Lao động" trong danh mục.' },
        { line: 4, message: 'Năm 2029 chưa đến; chỉ ghi được thành tích đến năm 2026.' },
        { line: 5, message: 'Không tìm thấy cán bộ "Người Không Có" từng công tác tại "Xã Nà Lũng".' },
      ],
    });
    expect(await countRows(s.db, 'award_records')).toBe(before);
  });

  it('imports a clean file all at once (names matched without diacritics), and a second time finds everything existing', async () => {
    const file = csv([
      'Mã cán bộ,Họ và tên,Mã đơn vị,Danh hiệu,Năm,Số quyết định,Ngày quyết định',
      `${ids.hung},,,LDTT,2025,40/QĐ-UBND,15/12/2025`,
      ',nong van minh,VL-X04,Chiến sĩ thi đua cơ sở,2025,41/QĐ-UBND,2025-12-15',
      ',,VL-X04,TTLDTT,2025,7/QĐ-UBND,',
    ]);
    const dry = await post(as.office, file, '?dryRun=true');
    expect(dry.json()).toMatchObject({ created: 3, existing: 0, errors: [], dryRun: true });
    const before = await countRows(s.db, 'award_records');
    const r = await post(as.office, file);
    expect(r.json()).toMatchObject({ created: 3, errors: [], dryRun: false, format: 'csv' });
    expect(await countRows(s.db, 'award_records')).toBe(before + 3);
    const again = await post(as.office, file);
    expect(again.json()).toMatchObject({ created: 0, existing: 3, errors: [] });
    const minh = (await req(as.office, 'GET', `/api/awards/records?person=${ids.minh}`)).json();
    expect(minh.items[0]).toMatchObject({ title: { code: 'CSTD_CS' }, decisionDate: '2025-12-15' });
  });

  it('reads the same table from an .xlsx, and its export re-imports unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lịch sử');
    ws.addRow(['personId', 'title', 'year', 'decision']);
    ws.addRow([ids.quang, 'GK_SO', 2024, '=1+1 không phải công thức']);
    ws.addRow([ids.quang, 'LDTT', 2030, '']);
    const bad = await post(as.office, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.json()).toMatchObject({ created: 0, format: 'xlsx', errors: [{ line: 3, message: 'Năm 2030 chưa đến; chỉ ghi được thành tích đến năm 2026.' }] });
    ws.spliceRows(3, 1);
    const ok = await post(as.office, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.json()).toMatchObject({ created: 1, errors: [] });
    const exp = await req(as.office, 'GET', `/api/awards/records/export.csv?person=${ids.quang}`);
    expect(exp.statusCode).toBe(200);
    expect(exp.body).toContain(`${ids.quang},Ma Đình Quang,VL-SKHCN,GK_SO,2024,"'=1+1 không phải công thức",,,`);
    const back = await post(as.office, exp.body.replace(/^\uFEFF/, ''));
    expect(back.json()).toMatchObject({ created: 0, existing: 1, errors: [] });
    const xl = await s.app.inject({ method: 'GET', url: `/api/awards/records/export.xlsx?person=${ids.quang}`, headers: as.office });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    const cell = read.worksheets[0].getRow(2).getCell(6);
    expect(cell.value).toBe('=1+1 không phải công thức');
    expect(cell.numFmt).toBe('@');
  });

  it('is for admin and office only', async () => {
    expect((await post(as.reporter, 'personId,title,year\n1,LDTT,2020')).statusCode).toBe(403);
  });
});

describe('ratings and registration', () => {
  it('sets a rating, audits the change, and imports ratings by abbreviation', async () => {
    const r = await req(as.office, 'PUT', '/api/awards/ratings', { person: ids.hung, year: 2025, rating: 'xuat_sac' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ year: 2025, rating: 'xuat_sac', ratingLabel: 'Hoàn thành xuất sắc nhiệm vụ' });
    const imp = await req(as.office, 'POST', '/api/awards/ratings/import', `personId,year,rating\r\n${ids.hung},2024,HTTNV\r\n${ids.hung},2025,hoàn thành tốt nhiệm vụ\r\n${ids.minh},2025,giỏi`, {
      'content-type': 'text/csv',
    });
    expect(imp.json()).toMatchObject({ saved: 0, errors: [{ line: 4, message: expect.stringMatching(/^Xếp loại "giỏi" không hợp lệ/) }] });
    const ok = await req(as.office, 'POST', '/api/awards/ratings/import', `personId,year,rating\r\n${ids.hung},2024,HTTNV\r\n${ids.hung},2025,hoàn thành tốt nhiệm vụ`, {
      'content-type': 'text/csv',
    });
    expect(ok.json()).toMatchObject({ saved: 2, errors: [] });
    const list = (await req(as.reporter, 'GET', `/api/awards/ratings?person=${ids.hung}`)).json().items;
    expect(list.map((x: { year: number; rating: string }) => [x.year, x.rating])).toEqual([[2025, 'tot'], [2024, 'tot']]);
    const evs = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'award_rating' ORDER BY id`);
    expect(evs.map((e) => e.action)).toEqual(['award_rating.create', 'award_rating.import']);
    // a collective's rating answers with that rating, not one of its people's for the same year
    const unit = await req(as.office, 'PUT', '/api/awards/ratings', { unit: 'VL-X03', year: 2025, rating: 'xuat_sac' });
    expect(unit.statusCode, unit.body).toBe(200);
    expect(unit.json()).toMatchObject({ person: null, unit: { code: 'VL-X03' }, year: 2025, rating: 'xuat_sac' });
  });

  it('a unit registers its targets; another unit cannot; a nomination then shows it registered', async () => {
    const r = await req(as.reporter, 'PUT', '/api/awards/registrations', {
      unit: 'VL-X03', year: 2026, collectiveTarget: 'TTLDXS', targets: [{ person: ids.hung, title: 'CSTD_CS' }, { person: ids.lan, title: 'LDTT' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ unit: { code: 'VL-X03' }, year: 2026, collectiveTarget: 'TTLDXS', version: 1 });
    expect((await req(as.otherReporter, 'PUT', '/api/awards/registrations', { unit: 'VL-X03', year: 2026 })).statusCode).toBe(404);
    const wrong = await req(as.reporter, 'PUT', '/api/awards/registrations', { unit: 'VL-X03', year: 2026, targets: [{ person: ids.minh, title: 'LDTT' }] });
    expect(wrong.json().message).toBe('Dòng 1: cán bộ "Nông Văn Minh" không công tác tại "Xã Khê Thượng".');
    const stale = await req(as.reporter, 'PUT', '/api/awards/registrations', { unit: 'VL-X03', year: 2026, version: 7 });
    expect(stale.statusCode).toBe(409);
    expect((await req(as.office, 'GET', '/api/awards/registrations?year=2026')).json().items.map((x: { unit: { code: string } }) => x.unit.code)).toEqual(['VL-X03']);
    expect((await req(as.otherReporter, 'GET', '/api/awards/registrations?year=2026')).json().items).toEqual([]);
    const n = await req(as.reporter, 'POST', '/api/awards/nominations', { person: ids.hung, title: 'LDTT', year: 2026 });
    expect(n.statusCode, n.body).toBe(201);
    expect(n.json().registered).toBe(true);
    expect(check(n.json(), 'dang_ky').evidence).toBe('Đã đăng ký thi đua năm 2026: Chiến sĩ thi đua cơ sở.');
  });
});
