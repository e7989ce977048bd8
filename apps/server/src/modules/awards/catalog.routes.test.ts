import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { makePerson, rate } from './test-fixtures.js';

let s: TestServer;
type H = { cookie: string };
const as: Record<string, H> = {};
const ids: Record<string, number> = {};
const req = (h: H, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) });

type Version = { id: number; validFrom: string; validTo: string | null; vote: { basis: string; source: string } | null; criteria: { id: number; code: string; validFrom: string; validTo: string | null; basis: string }[] };
const versions = async (code: string) => (await req(as.office, 'GET', `/api/awards/types/${code}`)).json().versions as Version[];
const lastAudit = () => s.db.one<{ action: string; before: unknown; after: Record<string, unknown> }>(`SELECT action, before, after FROM audit_events ORDER BY id DESC LIMIT 1`);

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  as.admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.prov = await makeUnit(s.db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.unit = await makeUnit(s.db, { code: 'VL-X03', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.prov });
  as.office = await makeUser(s.app, as.admin, { username: 'vanphong', role: 'office', orgUnitId: ids.prov });
  as.reporter = await makeUser(s.app, as.admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.unit });
  ids.p = await makePerson(s.db, { name: 'Lục Văn Hùng', unitId: ids.unit, from: '2015-01-01' });
});
afterAll(() => s.close());

describe('a provincial regulation: a basis and criteria rows with dates', () => {
  it('adds the basis, then a criterion from its date; eligibility cites it from then on only', async () => {
    const b = await req(as.office, 'POST', '/api/awards/bases', {
      code: 'QD_86_2025_UBND', kind: 'provincial', number: '86/2025/QĐ-UBND', title: 'ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh',
      issuer: 'Ủy ban nhân dân tỉnh', issuedOn: '2025-12-15', validFrom: '2026-01-01',
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ shortName: 'Quyết định', line: 'Quyết định số 86/2025/QĐ-UBND ngày 15 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh' });
    ids.basis = b.json().id;
    expect((await lastAudit()).action).toBe('award_basis.create');
    const v = (await versions('TTLDTT')).find((x) => x.validFrom === '2025-07-01')!;
    const c = await req(as.office, 'POST', `/api/awards/versions/${v.id}/criteria`, {
      code: 'khong_ky_luat', kind: 'manual', appliesTo: 'collective', label: 'Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên', params: { mode: 'assume' },
      basisId: ids.basis, article: 'Điều 4 khoản 2', validFrom: '2026-01-01',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ code: 'khong_ky_luat', basis: 'Điều 4 khoản 2 Quyết định 86/2025/QĐ-UBND', validFrom: '2026-01-01', validTo: null });
    const e26 = (await req(as.office, 'GET', '/api/awards/eligibility?unit=VL-X03&title=TTLDTT&year=2026')).json();
    expect(e26.checks.map((x: { code: string }) => x.code)).toContain('khong_ky_luat');
    const e25 = (await req(as.office, 'GET', '/api/awards/eligibility?unit=VL-X03&title=TTLDTT&year=2025')).json();
    expect(e25.checks.map((x: { code: string }) => x.code)).not.toContain('khong_ky_luat');
  });

  it('refuses bad rows with a Vietnamese reason, saving nothing', async () => {
    const v = (await versions('TTLDTT')).find((x) => x.validFrom === '2025-07-01')!;
    const cases: [unknown, number, string | RegExp][] = [
      [{ code: 'x', kind: 'member_ratio', label: 'Tỷ lệ', params: { code: 'LDTT' }, basisId: ids.basis }, 400, 'Tham số của tiêu chí không hợp lệ: cần tham số "ratio" hoặc "atLeast".'],
      [{ code: 'x', kind: 'manual', label: 'Không căn cứ', params: { mode: 'assume' } }, 400, /cần ghi văn bản căn cứ \(basisId\)/],
      [{ code: 'x', kind: 'manual', label: 'Trước thời kỳ', params: { mode: 'assume' }, source: 'setting', validFrom: '2025-01-01' }, 400,
        'Tiêu chí phải có hiệu lực trong thời gian của quy định "Tập thể lao động tiên tiến" (01/07/2025 – nay).'],
      [{ code: 'khong_ky_luat', kind: 'manual', label: 'Trùng', params: { mode: 'assume' }, source: 'setting', validFrom: '2026-01-01' }, 409, /đã có tiêu chí mã "khong_ky_luat"/],
      [{ code: 'Sai Ma', kind: 'manual', label: 'x', params: { mode: 'assume' }, source: 'setting' }, 400, /Mã tiêu chí gồm chữ thường/],
    ];
    const before = v.criteria.length;
    for (const [body, status, msg] of cases) {
      const r = await req(as.office, 'POST', `/api/awards/versions/${v.id}/criteria`, body);
      expect(r.statusCode, r.body).toBe(status);
      if (typeof msg === 'string') expect(r.json().message).toBe(msg);
      else expect(r.json().message).toMatch(msg);
    }
    expect((await versions('TTLDTT')).find((x) => x.id === v.id)!.criteria.length).toBe(before);
  });

  it('is for admin and office only', async () => {
    const v = (await versions('LDTT'))[0];
    expect((await req(as.reporter, 'POST', '/api/awards/bases', { code: 'X_1', kind: 'law', number: '1', shortName: 'Luật', validFrom: '2026-01-01' })).statusCode).toBe(403);
    expect((await req(as.reporter, 'PATCH', `/api/awards/versions/${v.id}`, { note: 'x' })).statusCode).toBe(403);
    expect((await req(as.reporter, 'PATCH', `/api/awards/criteria/${v.criteria[0].id}`, { label: 'x' })).statusCode).toBe(403);
  });
});

describe('settings the department confirms, and a change of law', () => {
  it('confirms the Decree 152 vote threshold as the department’s setting, audited', async () => {
    const v = (await versions('CSTD_CS')).find((x) => x.validFrom === '2025-07-01')!;
    expect(v.vote!.basis).toBe('Thiết lập của Sở (chưa xác nhận căn cứ pháp lý)');
    const r = await req(as.office, 'PATCH', `/api/awards/versions/${v.id}`, { vote: { num: 80, den: 100 }, confirm: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().vote).toMatchObject({ num: 80, den: 100, source: 'setting', basis: 'Thiết lập của Sở (đã xác nhận ngày 22/11/2026)' });
    expect(await lastAudit()).toMatchObject({ action: 'award_version.update', after: { confirmed: true, voteNum: 80 } });
    const over = await req(as.office, 'PATCH', `/api/awards/versions/${v.id}`, { vote: { num: 101, den: 100 } });
    expect(over.json().message).toBe('Ngưỡng bỏ phiếu không được quá 100% tổng số thành viên.');
  });

  it('a new version from a date ends the one before and carries its criteria over', async () => {
    const r = await req(as.office, 'POST', '/api/awards/types/LDTT/versions', { validFrom: '2027-01-01', reward: { individual: 0.35 } });
    expect(r.statusCode, r.body).toBe(201);
    const all = await versions('LDTT');
    expect(all.map((v) => [v.validFrom, v.validTo])).toEqual([['2024-01-01', '2025-06-30'], ['2025-07-01', '2026-12-31'], ['2027-01-01', null]]);
    const [, old, now] = all;
    expect(now.criteria.map((c) => c.code)).toEqual(old.criteria.map((c) => c.code));
    expect(old.criteria.every((c) => c.validTo === '2026-12-31')).toBe(true);
    expect(r.json().reward.individual).toBe(0.35);
    const again = await req(as.office, 'POST', '/api/awards/types/LDTT/versions', { validFrom: '2026-06-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/^Đã có quy định "Lao động tiên tiến" từ 01\/01\/2027/);
    const overlap = await req(as.office, 'PATCH', `/api/awards/versions/${old.id}`, { validTo: '2027-03-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().message).toMatch(/trùng với quy định/);
  });

  it('a rating of 2027 is read under the new version; one of 2026 under the old', async () => {
    await rate(s.db, { personId: ids.p, year: 2026, rating: 'tot' });
    const e = (await req(as.office, 'GET', `/api/awards/eligibility?person=${ids.p}&title=LDTT&year=2026`)).json();
    expect(e.version.validTo).toBe('2026-12-31');
  });

  it('a new base salary ends the previous one the day before', async () => {
    const r = await req(as.office, 'POST', '/api/awards/base-salaries', { amount: 2_700_000, validFrom: '2027-07-01' });
    expect(r.statusCode, r.body).toBe(201);
    const list = (await req(as.office, 'GET', '/api/awards/base-salaries')).json().items;
    expect(list.map((x: { amount: number; validFrom: string; validTo: string | null; source: string }) => [x.amount, x.validFrom, x.validTo, x.source])).toEqual([
      [2_340_000, '2024-07-01', '2026-06-30', 'law'], [2_530_000, '2026-07-01', '2027-06-30', 'setting'], [2_700_000, '2027-07-01', null, 'setting'],
    ]);
  });
});
