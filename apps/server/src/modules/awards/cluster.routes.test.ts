import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { makeRound, seedWorld, signInAll, type UserKey, type World } from '../submissions/test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey | 'admin', { cookie: string }>;
const ids: Record<string, number> = {};

const req = (who: UserKey | 'admin', method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: as[who], ...(payload === undefined ? {} : { payload: payload as object }) });

type Entry = { unit: { code: string }; total: number; percent: number; rank: number; missing: number };
type Cluster = {
  id: number; version: number; publishedAt: string | null; criteria: { id: number; name: string; source: string }[];
  scores: { criterionId: number; unitId: number; score: number; note: string | null; computed: boolean }[]; ranking: Entry[]; abilities: Record<string, boolean>;
};
const detail = async (who: UserKey | 'admin' = 'office') => {
  const r = await req(who, 'GET', `/api/awards/clusters/${ids.cluster}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Cluster;
};

beforeAll(async () => {
  s = await testServer({ now: '2026-01-20T02:00:00Z' });
  w = await seedWorld(s.db);
  as = { ...(await signInAll(s.app)), admin: await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD) };
  // Four quarterly rounds of 2025. Đông Hưng submits all on time; Ân Thi one late; Viettel two of four, on time.
  const deadlines = ['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15'];
  for (const [q, deadline] of deadlines.entries()) {
    const start = ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01'][q]!;
    const end = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31'][q]!;
    const round = await makeRound(s.db, w.forms.quarterly, `2025Q${q + 1}`, start, end, deadline, 'closed');
    const submit = (unit: number, at: string) =>
      s.db.query(`INSERT INTO submissions (round_id, org_unit_id, status, submitted_at) VALUES ($1, $2, 'submitted', $3)`, [round, unit, new Date(`${at}T09:00:00+07:00`)]);
    await submit(w.units.u1, deadline);
    await submit(w.units.u2, q === 2 ? '2025-10-20' : deadline);
    if (q < 2) await submit(w.units.u3, deadline);
  }
});
afterAll(() => s.close());

describe('clusters', () => {
  it('the office sets up a cluster with members and weighted criteria; bad input is refused in Vietnamese', async () => {
    const body = {
      name: 'Khối thi đua các đơn vị cơ sở', year: 2025, members: ['DH', 'AT', 'VTL'],
      criteria: [{ name: 'Công tác tuyên truyền', weight: 60 }, { name: 'Báo cáo đúng hạn', weight: 40, figure: 'timeliness' }],
    };
    const bad: [object, string][] = [
      [{ ...body, members: ['DH'] }, 'Khối, cụm thi đua cần ít nhất 2 đơn vị thành viên.'],
      [{ ...body, members: ['DH', 'XX'] }, 'Không có đơn vị mã "XX".'],
      [{ ...body, criteria: [] }, 'Khối, cụm thi đua cần ít nhất một tiêu chí chấm điểm.'],
      [{ ...body, criteria: [{ name: 'Số liệu', weight: 10, source: 'computed' }] }, 'Tiêu chí "Số liệu" tính từ số liệu Nhịp cần ghi figure (timeliness, completeness).'],
    ];
    for (const [payload, message] of bad) {
      const r = await req('office', 'POST', '/api/awards/clusters', payload);
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe(message);
    }
    for (const who of ['rep1', 'director', 'viewer'] as const) expect((await req(who, 'POST', '/api/awards/clusters', body)).statusCode).toBe(403);
    const r = await req('office', 'POST', '/api/awards/clusters', body);
    expect(r.statusCode, r.body).toBe(201);
    ids.cluster = r.json().id;
    const c = r.json() as Cluster;
    ids.manual = c.criteria.find((x) => x.source === 'manual')!.id;
    ids.computed = c.criteria.find((x) => x.source === 'computed')!.id;
    // Before publication no member unit sees it.
    expect((await req('rep1', 'GET', `/api/awards/clusters/${ids.cluster}`)).statusCode).toBe(404);
    expect((await req('rep1', 'GET', '/api/awards/clusters')).json().items).toEqual([]);
    expect((await req('director', 'GET', `/api/awards/clusters/${ids.cluster}`)).statusCode).toBe(200);
  });

  it('scores are typed for manual criteria within the maximum, and computed from the year’s reports', async () => {
    let c = await detail();
    const bad: [object, string][] = [
      [{ criterion: ids.manual, unit: 'DH', score: 120 }, 'Điểm của Phòng Văn hóa và Thông tin huyện Đông Hưng ở tiêu chí "Công tác tuyên truyền" phải từ 0 đến 100.'],
      [{ criterion: ids.computed, unit: 'DH', score: 50 }, 'Tiêu chí "Báo cáo đúng hạn" được tính từ số liệu Nhịp, không nhập tay.'],
      [{ criterion: ids.manual, unit: 'P-CNTT', score: 50 }, 'Đơn vị mã "P-CNTT" không phải thành viên Khối thi đua các đơn vị cơ sở.'],
    ];
    for (const [score, message] of bad) {
      const r = await req('office', 'PUT', `/api/awards/clusters/${ids.cluster}/scores`, { version: c.version, scores: [score] });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe(message);
    }
    const typed = await req('office', 'PUT', `/api/awards/clusters/${ids.cluster}/scores`, {
      version: c.version, scores: [{ criterion: ids.manual, unit: 'DH', score: 80 }, { criterion: ids.manual, unit: 'AT', score: 95 }, { criterion: ids.manual, unit: 'VTL', score: 90 }],
    });
    expect(typed.statusCode, typed.body).toBe(200);
    c = typed.json();
    const early = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/publish`, { version: c.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/^Chưa đủ điểm của .*Phòng Văn hóa và Thông tin huyện Đông Hưng \(thiếu 1 tiêu chí\).*; chưa công bố được bảng xếp hạng\.$/);
    const stale = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/compute`, { version: c.version - 1 });
    expect(stale.statusCode).toBe(409);
    const computed = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/compute`, { version: c.version });
    expect(computed.statusCode, computed.body).toBe(200);
    c = computed.json();
    const fig = (unit: number) => c.scores.find((x) => x.criterionId === ids.computed && x.unitId === unit)!;
    expect([fig(w.units.u1), fig(w.units.u2), fig(w.units.u3)].map((x) => [x.score, x.note, x.computed])).toEqual([
      [100, 'tỷ lệ báo cáo nộp đúng hạn năm 2025: 4/4 báo cáo', true],
      [75, 'tỷ lệ báo cáo nộp đúng hạn năm 2025: 3/4 báo cáo', true],
      [50, 'tỷ lệ báo cáo nộp đúng hạn năm 2025: 2/4 báo cáo', true],
    ]);
    // Σ score ÷ max × weight: Đông Hưng 0,8×60 + 1×40 = 88; Ân Thi 0,95×60 + 0,75×40 = 87; Viettel 0,9×60 + 0,5×40 = 74.
    expect(c.ranking.map((e) => [e.unit.code, e.total, e.percent, e.rank, e.missing])).toEqual([['DH', 88, 88, 1, 0], ['AT', 87, 87, 2, 0], ['VTL', 74, 74, 3, 0]]);
  });

  it('publishing tells every member its place; members then see the ranking, others still do not; edits need it withdrawn', async () => {
    let c = await detail();
    const r = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/publish`, { version: c.version });
    expect(r.statusCode, r.body).toBe(200);
    c = r.json();
    expect(c.publishedAt).not.toBeNull();
    const notes = await s.db.query<{ org_unit_id: number; title: string; body: string }>(
      `SELECT org_unit_id, title, body FROM notifications WHERE kind = 'award.cluster.ranking' ORDER BY org_unit_id`);
    expect(notes).toEqual([
      { org_unit_id: w.units.u1, title: 'Kết quả xếp hạng Khối thi đua các đơn vị cơ sở năm 2025', body: 'Phòng Văn hóa và Thông tin huyện Đông Hưng xếp thứ 1/3, đạt 88 điểm trên thang 100.' },
      { org_unit_id: w.units.u2, title: 'Kết quả xếp hạng Khối thi đua các đơn vị cơ sở năm 2025', body: 'Phòng Văn hóa và Thông tin huyện Ân Thi xếp thứ 2/3, đạt 87 điểm trên thang 100.' },
      { org_unit_id: w.units.u3, title: 'Kết quả xếp hạng Khối thi đua các đơn vị cơ sở năm 2025', body: 'Viettel chi nhánh tỉnh xếp thứ 3/3, đạt 74 điểm trên thang 100.' },
    ]);
    expect((await detail('rep2')).ranking[0]!.unit.code).toBe('DH');
    expect((await req('rep1', 'GET', '/api/awards/clusters?year=2025')).json().items[0].leader.map((e: Entry) => e.unit.code)).toEqual(['DH']);
    expect((await req('revTelecom', 'GET', `/api/awards/clusters/${ids.cluster}`)).statusCode).toBe(404);
    const edit = await req('office', 'PUT', `/api/awards/clusters/${ids.cluster}/scores`, { version: c.version, scores: [{ criterion: ids.manual, unit: 'AT', score: 100 }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toBe('Bảng xếp hạng đã công bố; hãy thu hồi công bố (có lý do) trước khi sửa.');
  });

  it('the leader is proposed for the Cờ thi đua, its cluster rank counted by the rule engine', async () => {
    const r = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/propose`, { titles: ['CO_TINH'] });
    expect(r.statusCode, r.body).toBe(201);
    const [item] = r.json().items as { title: string; nominationId: number }[];
    const n = (await req('office', 'GET', `/api/awards/nominations/${item!.nominationId}`)).json();
    expect(n).toMatchObject({ title: { code: 'CO_TINH' }, year: 2025 });
    const rank = n.checks.find((c: { code: string }) => c.code === 'dan_dau_cum');
    expect(rank.passed).toBe(true);
    expect(rank.evidence).toContain('Khối thi đua các đơn vị cơ sở');
    expect((await req('rep1', 'POST', `/api/awards/clusters/${ids.cluster}/propose`, { titles: ['GK_SO'] })).statusCode).toBe(403);
  });

  it('withdrawing a publication needs a written reason, kept in the audit trail', async () => {
    const c = await detail();
    const short = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/unpublish`, { version: c.version, reason: 'sửa' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('Hãy ghi rõ lý do thu hồi công bố (ít nhất 10 ký tự); lý do được lưu vào nhật ký.');
    const ok = await req('office', 'POST', `/api/awards/clusters/${ids.cluster}/unpublish`, { version: c.version, reason: 'Ân Thi khiếu nại điểm tuyên truyền quý III.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().publishedAt).toBeNull();
    expect((await req('rep1', 'GET', `/api/awards/clusters/${ids.cluster}`)).statusCode).toBe(404);
    const ev = await s.db.one<{ after: { reason: string } }>(`SELECT after FROM audit_events WHERE action = 'award_cluster.unpublish'`);
    expect(ev.after.reason).toBe('Ân Thi khiếu nại điểm tuyên truyền quý III.');
  });
});
