import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { type TestServer, testServer } from '../../test/server.js';
import { type DayWorld, dayUsers, holdDay, seedDay } from '../conferences/day.test-fixtures.js';
import { type UserKey, type World, makeRound, seedWorld, signInAll } from '../submissions/test-fixtures.js';
import { matchTerms } from './matching/index.js';

type Candidate = { id: number; source_key: string; text: string; kind: string; org_unit_id: number | null; period: string; raised_on: string; division_id: number | null;
  sector_id: number | null; status: string; version: number; suggestions: { id: number; score: number; recurring: boolean }[]; point_id: number | null };

const candidates = (db: Db, where = 'true', params: unknown[] = []) =>
  db.query<Candidate>(`SELECT id, source_key, text, kind, org_unit_id, period, raised_on, division_id, sector_id, status, version, suggestions, point_id
                         FROM recommendation_candidates WHERE ${where} ORDER BY source_key`, params);

/** A stored recommendation as the register keeps it (terms included). */
async function stored(db: Db, text: string, owner: number | null, state = 'assigned'): Promise<number> {
  const { id } = await db.one<{ id: number }>(
    `INSERT INTO recommendations (text, kind, raised_on, owner_division_id, deadline, state, match_terms, times_raised) VALUES ($1, 'proposal', '2025-06-30', $2, '2026-12-31', $3, $4, 1) RETURNING id`,
    [text, owner, state, matchTerms(text)],
  );
  await db.query(`INSERT INTO recommendation_sources (recommendation_id, kind, raised_on, text) VALUES ($1, 'manual', '2025-06-30', $2)`, [id, text]);
  return id;
}

describe('intake of an approved report', () => {
  let s: TestServer;
  let w: World;
  let as: Record<UserKey, { cookie: string }>;
  let round: number;
  let loa: number;
  const approve = (unit: number) => s.app.inject({ method: 'POST', url: `/api/rounds/${round}/units/${unit}/approve`, headers: as.office, payload: {} });
  const unlock = (unit: number) => s.app.inject({ method: 'POST', url: `/api/rounds/${round}/units/${unit}/unlock`, headers: as.office, payload: { reason: 'Bổ sung khó khăn.' } });
  const submitted = (unit: number, difficulties: string, proposals: string) =>
    s.db.one<{ id: number }>(
      `INSERT INTO submissions (round_id, org_unit_id, status, difficulties, proposals, submitted_at) VALUES ($1, $2, 'submitted', $3, $4, now())
       ON CONFLICT (round_id, org_unit_id) DO UPDATE SET status = 'submitted', difficulties = EXCLUDED.difficulties, proposals = EXCLUDED.proposals RETURNING id`,
      [round, unit, difficulties, proposals],
    );

  beforeAll(async () => {
    s = await testServer({ now: '2026-11-22T02:00:00Z' });
    w = await seedWorld(s.db);
    await s.db.query(`UPDATE sectors SET division_id = $1 WHERE id = $2`, [w.units.divTelecom, w.sectors.telecom]);
    await s.db.query(`UPDATE sectors SET division_id = $1 WHERE id = $2`, [w.units.divIt, w.sectors.it]);
    as = await signInAll(s.app);
    round = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
    loa = await stored(s.db, 'Nhiều cụm loa truyền thanh ở thôn đã hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', w.units.divTelecom);
    await stored(s.db, 'Tuyến cáp quang thường xuyên bị đứt khi thi công đường giao thông.', w.units.divTelecom);
    await stored(s.db, 'Máy quét ở bộ phận một cửa đã cũ, số hóa hồ sơ chậm.', w.units.divIt);
  });
  afterAll(() => s.close());

  it('puts each point of the difficulties and proposals in the queue of the division owning the sector, matched against the register', async () => {
    const { id: sub } = await submitted(
      w.units.u1,
      'Năm nay đơn vị gặp một số khó khăn.\n- Cum loa truyen thanh o thon Na Lung bi hu hong, xuong cap;\n- Thiếu cán bộ chuyên trách CNTT ở cấp xã.',
      '- Đề nghị Sở hỗ trợ kinh phí thay thế cụm loa hư hỏng.',
    );
    const r = await approve(w.units.u1);
    expect(r.statusCode, r.body).toBe(200);
    const list = await candidates(s.db);
    expect(list.map((c) => [c.source_key, c.kind, c.text])).toEqual([
      [`report:${sub}:difficulties:0`, 'difficulty', 'Năm nay đơn vị gặp một số khó khăn.'],
      [`report:${sub}:difficulties:1`, 'difficulty', 'Cum loa truyen thanh o thon Na Lung bi hu hong, xuong cap'],
      [`report:${sub}:difficulties:2`, 'difficulty', 'Thiếu cán bộ chuyên trách CNTT ở cấp xã.'],
      [`report:${sub}:proposals:0`, 'proposal', 'Đề nghị Sở hỗ trợ kinh phí thay thế cụm loa hư hỏng.'],
    ]);
    for (const c of list) {
      expect(c).toMatchObject({ org_unit_id: w.units.u1, period: '2026Q4', raised_on: '2026-11-22', division_id: w.units.divTelecom, sector_id: w.sectors.telecom, status: 'pending' });
    }
    // typed without diacritics, and in other words: the stored point about the loudspeakers comes first, marked the same point
    const typed = list[1]!;
    expect(typed.suggestions[0]).toMatchObject({ id: loa, recurring: true });
    expect(list[3]!.suggestions[0]).toMatchObject({ id: loa });
    expect(list[2]!.suggestions.every((x) => x.id !== loa)).toBe(true);
    const events = await s.db.query<{ after: { points: number; written: number } }>(`SELECT after FROM audit_events WHERE action = 'recommendation.intake' AND entity_id = $1`, [String(sub)]);
    expect(events.map((e) => e.after)).toMatchObject([{ points: 4, written: 4 }]);
  });

  it('is idempotent on unlock and re-approval: a changed point is brought up to date, a removed one goes, a decided one stays as decided', async () => {
    const [, decided] = await candidates(s.db);
    await s.db.query(`UPDATE recommendation_candidates SET status = 'no_action', reason = 'Đã giải quyết tại chỗ', decided_at = now(), version = version + 1 WHERE id = $1`, [decided!.id]);
    expect((await unlock(w.units.u1)).statusCode).toBe(200);
    const { id: sub } = await submitted(
      w.units.u1,
      '- Cụm loa truyền thanh ở thôn Nà Lũng bị hư hỏng, xuống cấp;\n- Thiếu cán bộ chuyên trách công nghệ thông tin ở xã (đã sửa).',
      '- Đề nghị Sở hỗ trợ kinh phí thay thế cụm loa hư hỏng.',
    );
    const before = await candidates(s.db);
    expect((await approve(w.units.u1)).statusCode).toBe(200);
    const after = await candidates(s.db);
    const byKey = (l: Candidate[], k: string) => l.find((c) => c.source_key === `report:${sub}:${k}`);
    expect(byKey(after, 'difficulties:0')).toMatchObject({ text: 'Cụm loa truyền thanh ở thôn Nà Lũng bị hư hỏng, xuống cấp', version: 2, status: 'pending' });
    expect(byKey(after, 'difficulties:0')!.suggestions[0]).toMatchObject({ id: loa, recurring: true });
    // the decided one keeps its text and decision although its bullet changed
    expect(byKey(after, 'difficulties:1')).toMatchObject({ status: 'no_action', text: byKey(before, 'difficulties:1')!.text });
    // the bullet that is gone (there were three difficulties) was pending: removed
    expect(byKey(after, 'difficulties:2')).toBeUndefined();
    // the unchanged proposal is untouched
    expect(byKey(after, 'proposals:0')).toEqual(byKey(before, 'proposals:0'));
    // approving the same report again changes nothing
    expect((await unlock(w.units.u1)).statusCode).toBe(200);
    await submitted(w.units.u1, '- Cụm loa truyền thanh ở thôn Nà Lũng bị hư hỏng, xuống cấp;\n- Thiếu cán bộ chuyên trách công nghệ thông tin ở xã (đã sửa).', '- Đề nghị Sở hỗ trợ kinh phí thay thế cụm loa hư hỏng.');
    expect((await approve(w.units.u1)).statusCode).toBe(200);
    expect(await candidates(s.db)).toEqual(after);
  });

  it('files a unit of another sector in that sector’s division; a report without points adds nothing', async () => {
    const { id: sub } = await submitted(w.units.u2, '- Máy quét hồ sơ ở bộ phận một cửa đã cũ.', '');
    expect((await approve(w.units.u2)).statusCode).toBe(200);
    const mine = await candidates(s.db, 'submission_id = $1', [sub]);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ division_id: w.units.divIt, sector_id: w.sectors.it, kind: 'difficulty' });
    const { id: empty } = await submitted(w.units.u3, '', '');
    expect((await approve(w.units.u3)).statusCode).toBe(200);
    expect(await candidates(s.db, 'submission_id = $1', [empty])).toHaveLength(0);
    expect((await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'recommendation.intake' AND entity_id = $1`, [String(empty)])).length).toBe(0);
  });
});

describe('intake of a concluded conference', () => {
  let s: TestServer;
  let w: DayWorld;
  let users: Awaited<ReturnType<typeof dayUsers>>;

  beforeAll(async () => {
    let world: DayWorld | undefined;
    s = await testServer({ now: '2025-01-10T03:00:00Z', seed: async (db) => { world = await seedDay(db); await holdDay(db, world); } });
    w = world!;
    users = await dayUsers(s.app, w.u);
    await s.db.query(
      `INSERT INTO conference_discussion_items (conference_id, kind, text, source, raised, position) VALUES ($1, 'opinion', 'Đồng tình với dự thảo báo cáo', 'floor', true, 3)`,
      [w.conferenceId],
    );
    await s.db.query(
      `INSERT INTO conference_points (conference_id, source, number, kind, text, owner_division_id) VALUES
         ($1, 'conclusion', 2, 'decision', 'Năm 2025 tập trung hoàn thành xóa thôn lõm sóng di động', $2),
         ($1, 'conclusion', 3, 'information', 'Ghi nhận kết quả các đơn vị đạt được', NULL)`,
      [w.conferenceId, w.u.BCVT],
    );
  }, 60_000);
  afterAll(() => s.close());

  it('on the notice: raised difficulties and proposals and task points become candidates (tasks in the owner’s queue), decision points key tasks of the next period', async () => {
    const r = await s.app.inject({ method: 'POST', url: `/api/conferences/${w.conferenceId}/notices`, headers: users.director, payload: {} });
    expect(r.statusCode, r.body).toBe(201);
    const list = await candidates(s.db);
    const item = await s.db.one<{ id: number }>(`SELECT id FROM conference_discussion_items WHERE conference_id = $1 AND raised AND kind = 'difficulty'`, [w.conferenceId]);
    const task = await s.db.one<{ id: number }>(`SELECT id FROM conference_points WHERE conference_id = $1 AND kind = 'task'`, [w.conferenceId]);
    expect(list.map((c) => [c.source_key, c.kind, c.org_unit_id, c.period, c.raised_on, c.division_id])).toEqual([
      [`discussion:${item.id}`, 'difficulty', w.u.D1, '2024', '2025-01-08', null],
      [`point:${task.id}`, 'conclusion', null, '2024', '2025-01-08', w.u.TTCS],
    ]);
    const tasks = await s.db.query<{ period: string; text: string; source: string; owner_division_id: number; deadline: string; point_id: number }>(
      `SELECT period, text, source, owner_division_id, deadline, point_id FROM key_tasks ORDER BY id`,
    );
    expect(tasks).toMatchObject([
      { period: '2025', text: 'Năm 2025 tập trung hoàn thành xóa thôn lõm sóng di động', source: 'conclusion', owner_division_id: w.u.BCVT, deadline: '2025-12-31' },
      { period: '2025', text: 'Tập trung triển khai kế hoạch chuyển đổi số năm 2025', source: 'directive', owner_division_id: null, deadline: '2025-12-31' },
    ]);
    // reissuing runs intake again and adds nothing twice
    const again = await s.app.inject({ method: 'POST', url: `/api/conferences/${w.conferenceId}/notices`, headers: users.director, payload: { reason: 'Sửa lỗi chính tả' } });
    expect(again.statusCode, again.body).toBe(201);
    expect(await candidates(s.db)).toEqual(list);
    expect((await s.db.query(`SELECT id FROM key_tasks`)).length).toBe(2);
  });
});

describe('closing the loop: last periods’ unresolved recommendations in the next conference’s discussion', () => {
  let s: TestServer;
  let w: DayWorld;
  let users: Awaited<ReturnType<typeof dayUsers>>;
  let open: number;

  beforeAll(async () => {
    let world: DayWorld | undefined;
    s = await testServer({ now: '2024-12-30T03:00:00Z', seed: async (db) => { world = await seedDay(db); } });
    w = world!;
    users = await dayUsers(s.app, w.u);
    const rec = async (text: string, state: string, raisedOn: string) => {
      const { id } = await s.db.one<{ id: number }>(
        `INSERT INTO recommendations (text, kind, raised_on, owner_division_id, state, closed_on, answer, match_terms, times_raised)
         VALUES ($1, 'proposal', $2, $3, $4, CASE WHEN $4 = 'done' THEN DATE '2024-06-30' END, CASE WHEN $4 = 'done' THEN 'Đã xong.' END, $5, 2) RETURNING id`,
        [text, raisedOn, w.u.TTCS, state, matchTerms(text)],
      );
      await s.db.query(`INSERT INTO recommendation_sources (recommendation_id, kind, org_unit_id, period, raised_on, text) VALUES ($1, 'report', $2, '2023', $3, $4)`, [id, w.u.D2, raisedOn, text]);
      return id;
    };
    open = await rec('Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng ở các thôn vùng cao.', 'in_progress', '2023-12-20');
    await rec('Đề nghị tập huấn sử dụng chữ ký số cho cán bộ xã.', 'done', '2023-12-20');
    await rec('Một kiến nghị của năm nay, chưa phải của kỳ trước.', 'assigned', '2024-03-01');
  }, 60_000);
  afterAll(() => s.close());

  it('pre-fills them after the period’s points, marked, with the units that raised them; raised at the conference, they come back to triage proposing the same recommendation', async () => {
    const r = await s.app.inject({ method: 'POST', url: `/api/conferences/${w.conferenceId}/discussion/prefill`, headers: users.office });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { id: number; text: string; kind: string; source: string; raised: boolean; units: { id: number }[] }[];
    const marked = items.filter((i) => i.text.startsWith('Kiến nghị chưa giải quyết từ kỳ trước'));
    expect(marked.map((i) => i.text)).toEqual([`Kiến nghị chưa giải quyết từ kỳ trước (#${open}, nêu 2 lần): Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng ở các thôn vùng cao.`]);
    expect(marked[0]).toMatchObject({ kind: 'proposal', raised: false });
    expect(JSON.stringify(marked[0])).toContain(String(w.u.D2));
    expect(items.some((i) => i.text.includes('chữ ký số') || i.text.includes('năm nay'))).toBe(false);

    // the secretary ticks it; the conference is held and concluded
    await s.db.query(`UPDATE conference_discussion_items SET raised = true WHERE id = $1`, [marked[0]!.id]);
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [w.conferenceId]);
    await s.db.query(`INSERT INTO conference_points (conference_id, source, number, kind, text) VALUES ($1, 'conclusion', 1, 'information', 'Ghi nhận kết quả năm 2024')`, [w.conferenceId]);
    s.clock.set('2025-01-08T06:00:00Z');
    const issued = await s.app.inject({ method: 'POST', url: `/api/conferences/${w.conferenceId}/notices`, headers: users.director, payload: {} });
    expect(issued.statusCode, issued.body).toBe(201);
    const [c] = await candidates(s.db, 'discussion_item_id = $1', [marked[0]!.id]);
    expect(c).toMatchObject({ text: 'Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng ở các thôn vùng cao.', org_unit_id: w.u.D2, period: '2024' });
    expect(c!.suggestions[0]).toEqual({ id: open, score: 1, recurring: true });
  });
});
