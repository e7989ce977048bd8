import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';
import { type CandidateWrite, type Suggestion, triageRepo } from './triage.repository.js';

let s: TestServer;
let w: RegisterWorld;
let users: Awaited<ReturnType<typeof registerUsers>>;
let conferenceId: number;
let pointId: number;

// 10/03/2026, 09:00 in Vietnam.
beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({ now: '2026-03-10T02:00:00Z', seed: async (db) => { world = await seedRegister(db); } });
  w = world!;
  users = await registerUsers(s.app, w.u);
  ({ id: conferenceId } = await s.db.one<{ id: number }>(
    `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2025', 'annual', 'Hội nghị tổng kết năm 2025', 'concluded', '2026-01-08T01:00:00Z') RETURNING id`,
  ));
  ({ id: pointId } = await s.db.one<{ id: number }>(
    `INSERT INTO conference_points (conference_id, source, number, kind, text, owner_division_id, deadline, sector_id)
     VALUES ($1, 'directive', 1, 'task', 'Rà soát, hỗ trợ xóa các thôn lõm sóng di động', $2, '2026-06-30', $3) RETURNING id`,
    [conferenceId, w.u.BCVT, w.s.BCVT],
  ));
  await s.db.query(`INSERT INTO conference_point_units (point_id, org_unit_id) VALUES ($1, $2)`, [pointId, w.u.T1]);
});
afterAll(() => s.close());

type Rec = { id: number; version: number; timesRaised: number; state: string; sources: { kind: string; unit: { code: string } | null; period: string | null }[] };
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, who: { cookie: string }, payload?: object) => s.app.inject({ method, url, headers: who, payload });
const recommendation = async (over: object = {}): Promise<Rec> => {
  const r = await inject('POST', '/api/recommendations', users.office, {
    text: 'Cụm loa truyền thanh ở thôn hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-06-30',
    raisedBy: ['VL-H01-VH'], period: '2025', raisedOn: '2025-12-20', ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const rec = async (id: number): Promise<Rec> => (await inject('GET', `/api/recommendations/${id}`, users.office)).json();

let seq = 0;
/** A candidate as intake writes it: a report bullet of `unit` for `period`, in `division`'s queue. */
async function candidate(over: Partial<CandidateWrite> & { suggestions?: Suggestion[] } = {}): Promise<{ id: number; version: number }> {
  seq++;
  const [row] = await triageRepo.upsert(s.db, [{
    sourceKind: 'report', sourceKey: `report:test:${seq}`, text: `Loa truyền thanh ở thôn bị hỏng (${seq})`, kind: 'difficulty', orgUnitId: w.u.C1, period: '2025',
    raisedOn: '2026-01-05', sectorId: w.s.BCVT, divisionId: w.u.BCVT, submissionId: null, section: 'difficulties', itemIndex: 0, discussionItemId: null, pointId: null,
    suggestions: [], ...over,
  }]);
  return { id: row!.id, version: 1 };
}

describe('the queue', () => {
  it('shows the office every queue and a division reviewer its own, with the suggestions each may act on', async () => {
    const mine = await recommendation();
    const theirs = await recommendation({ text: 'Thiếu kinh phí duy trì đài truyền thanh cơ sở.', sector: 'TTCS', owner: 'P-TTCS' });
    const a = await candidate({ suggestions: [{ id: mine.id, score: 0.81, recurring: true }, { id: theirs.id, score: 0.3, recurring: false }] });
    const b = await candidate({ divisionId: w.u.TTCS, sectorId: w.s.TTCS, text: 'Đài truyền thanh cơ sở thiếu kinh phí' });
    const office = (await inject('GET', '/api/recommendations/candidates', users.office)).json();
    expect(office.items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const bcvt = await inject('GET', '/api/recommendations/candidates', users.bcvt);
    expect(bcvt.statusCode).toBe(200);
    const items = bcvt.json().items as { id: number; suggestions: { id: number }[]; division: { code: string }; unit: { code: string } }[];
    expect(items.map((c) => c.id)).toContain(a.id);
    expect(items.map((c) => c.id)).not.toContain(b.id);
    const shown = items.find((c) => c.id === a.id)!;
    expect(shown).toMatchObject({ division: { code: 'P-BCVT' }, unit: { code: 'VL-X03' }, sourceKind: 'report', status: 'pending', version: 1 });
    // the TTCS recommendation is not the BCVT reviewer's to see
    expect(shown.suggestions).toEqual([expect.objectContaining({ id: mine.id, score: 0.81, recurring: true, owner: { code: 'P-BCVT', name: 'Phòng Bưu chính – Viễn thông' } })]);
    expect((await inject('GET', `/api/recommendations/candidates/${a.id}`, users.office)).json().suggestions.map((x: { id: number }) => x.id)).toEqual([mine.id, theirs.id]);
    expect(bcvt.json().counts.pending).toBeGreaterThanOrEqual(1);

    expect((await inject('GET', `/api/recommendations/candidates/${b.id}`, users.bcvt)).statusCode).toBe(404);
    const other = await inject('GET', '/api/recommendations/candidates?division=P-TTCS', users.bcvt);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('Bạn chỉ xem được hàng chờ kiến nghị của phòng mình.');
    for (const who of [users.commune, users.director, users.viewer]) {
      const r = await inject('GET', '/api/recommendations/candidates', who);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe('Chỉ Văn phòng Sở và các phòng chuyên môn xử lý hàng chờ kiến nghị.');
    }
  });
});

describe('linking a point raised again', () => {
  it('adds the source, keeps the decision, and counts the time raised once per period, however many units raise it', async () => {
    const r = await recommendation({ text: 'Đề nghị hỗ trợ kinh phí thay thế cụm loa hư hỏng ở xã vùng cao.' });
    expect(r.timesRaised).toBe(1);
    // the commune that took over the district office raises it for the same period: the same raiser
    const c1 = await candidate({ suggestions: [{ id: r.id, score: 0.62, recurring: true }] });
    const linked = await inject('POST', `/api/recommendations/candidates/${c1.id}/link`, users.bcvt, { recommendationId: r.id, version: 1 });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ status: 'linked', recommendationId: r.id, decidedBy: 'Người thamdinh', version: 2 });
    let now = await rec(r.id);
    expect(now.timesRaised).toBe(1);
    expect(now.sources.map((x) => [x.kind, x.unit?.code, x.period])).toEqual([['manual', 'VL-H01-VH', '2025'], ['report', 'VL-X03', '2025']]);
    const decision = await s.db.one<{ same: boolean; score: number; decided_by: number }>(`SELECT same, score, decided_by FROM recommendation_match_decisions WHERE candidate_id = $1`, [c1.id]);
    expect(decision).toMatchObject({ same: true, score: 0.62 });
    // another commune, the same period: a second unit, still the first time the point is raised
    const c2 = await candidate({ orgUnitId: w.u.C2 });
    expect((await inject('POST', `/api/recommendations/candidates/${c2.id}/link`, users.office, { recommendationId: r.id, version: 1 })).statusCode).toBe(200);
    expect((await rec(r.id)).timesRaised).toBe(1);
    expect((await rec(r.id)).sources.map((x) => x.unit?.code)).toEqual(['VL-H01-VH', 'VL-X03', 'VL-X05']);
    // the first commune again, next quarter: the second time
    const c3 = await candidate({ period: '2026Q1' });
    expect((await inject('POST', `/api/recommendations/candidates/${c3.id}/link`, users.bcvt, { recommendationId: r.id, version: 1 })).statusCode).toBe(200);
    now = await rec(r.id);
    expect(now.timesRaised).toBe(2);
    const audit = await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'recommendation.candidate.link' AND entity_id = ANY($1::text[])`, [[c1, c2, c3].map((c) => String(c.id))]);
    expect(audit).toHaveLength(3);
  });

  it('two reviewers on one candidate: one wins, the other is told who handled it and when; a stale version is refused too', async () => {
    const r = await recommendation({ text: 'Cáp quang bị đứt khi thi công đường.' });
    const c = await candidate();
    const [x, y] = await Promise.all([
      inject('POST', `/api/recommendations/candidates/${c.id}/link`, users.bcvt, { recommendationId: r.id, version: 1 }),
      inject('POST', `/api/recommendations/candidates/${c.id}/dismiss`, users.office, { version: 1, reason: 'Không thuộc thẩm quyền của Sở.' }),
    ]);
    const codes = [x.statusCode, y.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = x.statusCode === 409 ? x : y;
    const winner = x.statusCode === 409 ? 'Người vanphong' : 'Người thamdinh';
    expect(loser.json().message).toMatch(new RegExp(`^Mục này đã được ${winner} xử lý lúc 10/03/2026 09:00 \\((nối vào kiến nghị đã có|không xử lý)\\); thao tác của bạn chưa được lưu\\.$`));
    expect(loser.json().details.current).toMatchObject({ id: c.id, version: 2 });
    const stored = await s.db.one<{ status: string; version: number }>(`SELECT status, version FROM recommendation_candidates WHERE id = $1`, [c.id]);
    expect(stored.version).toBe(2);
    expect(['linked', 'no_action']).toContain(stored.status);
    // the sources were added once at most
    const sources = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recommendation_sources WHERE recommendation_id = $1`, [r.id]);
    expect(sources.n).toBe(stored.status === 'linked' ? 2 : 1);

    const d = await candidate();
    await s.db.query(`UPDATE recommendation_candidates SET version = 2, text = 'Nội dung mới sau khi duyệt lại' WHERE id = $1`, [d.id]);
    const stale = await inject('POST', `/api/recommendations/candidates/${d.id}/dismiss`, users.bcvt, { version: 1, reason: 'Trùng.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('Mục này vừa được cập nhật (báo cáo được duyệt lại với nội dung mới); hãy xem lại rồi thao tác lần nữa.');
  });

  it('refuses a recommendation the reviewer cannot see (404), a merged one, a settled one, and a candidate of another queue (404)', async () => {
    const theirs = await recommendation({ text: 'Thiếu máy quét ở bộ phận một cửa.', sector: 'TTCS', owner: 'P-TTCS' });
    const c = await candidate();
    const hidden = await inject('POST', `/api/recommendations/candidates/${c.id}/link`, users.bcvt, { recommendationId: theirs.id, version: 1 });
    expect(hidden.statusCode).toBe(404);
    const target = await recommendation({ text: 'Trạm BTS ở thôn vùng cao hay mất điện.' });
    const merged = await recommendation({ text: 'Trạm phát sóng ở thôn mất điện thường xuyên.' });
    const m = await inject('POST', `/api/recommendations/${merged.id}/transitions/merge`, users.office, { version: merged.version, into: target.id });
    expect(m.statusCode, m.body).toBe(200);
    const toMerged = await inject('POST', `/api/recommendations/candidates/${c.id}/link`, users.bcvt, { recommendationId: merged.id, version: 1 });
    expect(toMerged.statusCode).toBe(400);
    expect(toMerged.json().message).toBe(`Kiến nghị #${merged.id} đã được gộp vào kiến nghị #${target.id}; hãy nối vào kiến nghị đó.`);
    const done = await recommendation({ text: 'Sửa chữa cột anten của đài truyền thanh xã.' });
    await s.db.query(`UPDATE recommendations SET state = 'done', closed_on = '2026-03-01', answer = 'Đã sửa.' WHERE id = $1`, [done.id]);
    const toDone = await inject('POST', `/api/recommendations/candidates/${c.id}/link`, users.bcvt, { recommendationId: done.id, version: 1 });
    expect(toDone.statusCode).toBe(400);
    expect(toDone.json().message).toBe(`Kiến nghị #${done.id} đã kết thúc ("đã giải quyết"); hãy mở lại kiến nghị đó hoặc tạo kiến nghị mới.`);
    const elsewhere = await candidate({ divisionId: w.u.TTCS });
    expect((await inject('POST', `/api/recommendations/candidates/${elsewhere.id}/link`, users.bcvt, { recommendationId: target.id, version: 1 })).statusCode).toBe(404);
    expect((await inject('POST', `/api/recommendations/candidates/${elsewhere.id}/dismiss`, users.commune, { version: 1, reason: 'x' })).statusCode).toBe(403);
    expect((await s.db.one<{ status: string }>(`SELECT status FROM recommendation_candidates WHERE id = $1`, [c.id])).status).toBe('pending');
  });
});

describe('creating, dismissing, rejecting a proposed link', () => {
  it('creates a recommendation from a conclusion task already assigned: owner, deadline, co-operating units of the point', async () => {
    const [row] = await triageRepo.upsert(s.db, [{
      sourceKind: 'point', sourceKey: `point:${pointId}`, text: 'Rà soát, hỗ trợ xóa các thôn lõm sóng di động', kind: 'directive', orgUnitId: null, period: '2025',
      raisedOn: '2026-01-08', sectorId: w.s.BCVT, divisionId: w.u.BCVT, submissionId: null, section: null, itemIndex: null, discussionItemId: null, pointId, suggestions: [],
    }]);
    const r = await inject('POST', `/api/recommendations/candidates/${row!.id}/create`, users.bcvt, { version: 1 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'created', conference: { id: conferenceId, pointId, pointSource: 'directive', deadline: '2026-06-30' } });
    const made = await rec(r.json().recommendationId);
    expect(made).toMatchObject({
      state: 'assigned', kind: 'directive', deadline: '2026-06-30', owner: { code: 'P-BCVT' }, cooperating: [{ code: 'VTL' }], firstPeriod: '2025', raisedOn: '2026-01-08', timesRaised: 1,
    });
    expect(made.sources).toEqual([expect.objectContaining({ kind: 'point', unit: null, period: '2025', conference: expect.objectContaining({ id: conferenceId, pointId }) })]);
  });

  it('a reviewer creates for its own division only; a report point becomes a new recommendation of the queue’s division', async () => {
    const c = await candidate();
    const away = await inject('POST', `/api/recommendations/candidates/${c.id}/create`, users.bcvt, { version: 1, owner: 'P-TTCS' });
    expect(away.statusCode).toBe(403);
    expect(away.json().message).toBe('Chỉ Văn phòng Sở giao kiến nghị cho phòng khác; phòng chỉ tạo kiến nghị do phòng mình chủ trì.');
    const r = await inject('POST', `/api/recommendations/candidates/${c.id}/create`, users.bcvt, { version: 1, text: 'Loa truyền thanh ở thôn bị hỏng, cần thay thế' });
    expect(r.statusCode, r.body).toBe(201);
    const made = await rec(r.json().recommendationId);
    expect(made).toMatchObject({ state: 'new', owner: { code: 'P-BCVT' }, text: 'Loa truyền thanh ở thôn bị hỏng, cần thay thế', deadline: null });
    expect(made.sources).toEqual([expect.objectContaining({ kind: 'report', unit: expect.objectContaining({ code: 'VL-X03' }), period: '2025' })]);
  });

  it('dismisses only with a reason', async () => {
    const c = await candidate();
    const none = await inject('POST', `/api/recommendations/candidates/${c.id}/dismiss`, users.bcvt, { version: 1 });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Vui lòng ghi lý do không xử lý (ví dụ: đã giải quyết tại chỗ, không thuộc thẩm quyền của Sở, chỉ là ý kiến ghi nhận).');
    const blank = await inject('POST', `/api/recommendations/candidates/${c.id}/dismiss`, users.bcvt, { version: 1, reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const ok = await inject('POST', `/api/recommendations/candidates/${c.id}/dismiss`, users.bcvt, { version: 1, reason: 'Đơn vị đã tự khắc phục.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'no_action', reason: 'Đơn vị đã tự khắc phục.' });
  });

  it('lists what was decided with the latest decision first (the one just made on top), the queue oldest first', async () => {
    const [a, b] = [await candidate(), await candidate()];
    for (const c of [a, b]) {
      expect((await inject('POST', `/api/recommendations/candidates/${c.id}/dismiss`, users.bcvt, { version: 1, reason: 'Ý kiến ghi nhận.' })).statusCode).toBe(200);
    }
    // b, made after a (a higher id, raised the same day), was decided last
    await s.db.query(`UPDATE recommendation_candidates SET decided_at = CASE id WHEN $2 THEN now() + interval '1 hour' ELSE now() - interval '1 day' END WHERE id IN ($1, $2)`, [a.id, b.id]);
    const ids = (await inject('GET', '/api/recommendations/candidates?status=no_action&pageSize=200', users.office)).json().items.map((x: { id: number }) => x.id);
    expect(ids.indexOf(b.id)).toBe(0);
    expect(ids.indexOf(a.id)).toBeGreaterThan(0);
  });

  it('keeps a rejected proposal so it is not proposed again for that candidate', async () => {
    const r = await recommendation({ text: 'Loa không dây bị nhiễu sóng.' });
    const c = await candidate({ suggestions: [{ id: r.id, score: 0.45, recurring: true }] });
    const rejected = await inject('POST', `/api/recommendations/candidates/${c.id}/reject`, users.bcvt, { recommendationId: r.id });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'pending', suggestions: [] });
    const d = await s.db.one<{ same: boolean }>(`SELECT same FROM recommendation_match_decisions WHERE candidate_id = $1 AND recommendation_id = $2`, [c.id, r.id]);
    expect(d.same).toBe(false);
    // bulk "apply the top suggestion" finds nothing left to apply
    const bulk = (await inject('POST', '/api/recommendations/candidates/bulk', users.bcvt, { action: 'link_top', ids: [c.id] })).json();
    expect(bulk.results[0]).toMatchObject({ id: c.id, ok: false, error: { status: 400 } });
  });
});

describe('bulk triage', () => {
  it('applies one action to many candidates, each in its own transaction, and reports each result', async () => {
    const r = await recommendation({ text: 'Đài truyền thanh xã xuống cấp.' });
    const good = await candidate({ suggestions: [{ id: r.id, score: 0.7, recurring: true }] });
    const weak = await candidate({ suggestions: [{ id: r.id, score: 0.25, recurring: false }] });
    const foreign = await candidate({ divisionId: w.u.TTCS });
    const res = await inject('POST', '/api/recommendations/candidates/bulk', users.bcvt, { action: 'link_top', ids: [good.id, weak.id, foreign.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ done: 1, failed: 2 });
    expect(res.json().results).toEqual([
      { id: good.id, ok: true, status: 'linked', recommendationId: r.id, error: null },
      { id: weak.id, ok: false, status: null, recommendationId: null, error: { status: 400, message: 'Không có gợi ý nào đủ giống (được hệ thống đánh dấu là nêu lại) để nối; hãy xem và chọn từng mục.' } },
      { id: foreign.id, ok: false, status: null, recommendationId: null, error: { status: 404, message: 'Không tìm thấy mục này trong hàng chờ xử lý kiến nghị của bạn.' } },
    ]);
    const noReason = await inject('POST', '/api/recommendations/candidates/bulk', users.bcvt, { action: 'dismiss', ids: [weak.id] });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await inject('POST', '/api/recommendations/candidates/bulk', users.office, { action: 'dismiss', ids: [weak.id, foreign.id, good.id], reason: 'Ý kiến ghi nhận, không cần xử lý.' });
    expect(dismissed.json().results.map((x: { ok: boolean; error: { status: number } | null }) => [x.ok, x.error?.status ?? null])).toEqual([[true, null], [true, null], [false, 409]]);
    const created = await candidate();
    const made = await inject('POST', '/api/recommendations/candidates/bulk', users.bcvt, { action: 'create', ids: [created.id] });
    expect(made.json().results[0]).toMatchObject({ ok: true, status: 'created' });
  });
});
