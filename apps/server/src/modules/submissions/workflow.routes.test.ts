import { SUBMISSION_STATUSES, can } from '@nhip/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { TRANSITIONS, TRANSITION_NAMES, nextStatus } from './submission-workflow.js';
import { type UserKey, type World, count, makeRound, seedWorld, signInAll } from './test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey, { cookie: string }>;
let q4: number;

const base = (unit: number, round = q4) => `/api/rounds/${round}/units/${unit}`;
const post = (who: UserKey, path: string, payload: object = {}) => s.app.inject({ method: 'POST', url: path, headers: as[who], payload });
const put = (who: UserKey, path: string, payload: object) => s.app.inject({ method: 'PUT', url: path, headers: as[who], payload });
const status = async (unit: number, round = q4) =>
  (await s.db.one<{ status: string }>('SELECT status FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [round, unit])).status;
const submissionId = async (unit: number, round = q4) =>
  (await s.db.one<{ id: number }>('SELECT id FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [round, unit])).id;
const events = async (id: number) =>
  s.db.query<{ action: string; before: unknown; after: unknown; actor_id: number }>(
    `SELECT action, before, after, actor_id FROM audit_events WHERE entity_type = 'submission' AND entity_id = $1 ORDER BY id`, [String(id)],
  );

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  as = await signInAll(s.app);
  q4 = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
});
afterAll(() => s.close());

describe('the transition table', () => {
  it('agrees with the contracts policy: a transition is allowed (for someone) exactly in its from-states', () => {
    const who = {
      submit: { id: 1, role: 'reporter', orgUnitId: 10 },
      recall: { id: 2, role: 'unit_head', orgUnitId: 10 },
      approve: { id: 3, role: 'office', orgUnitId: null },
      return: { id: 3, role: 'office', orgUnitId: null },
      unlock: { id: 3, role: 'office', orgUnitId: null },
    } as const;
    for (const name of TRANSITION_NAMES) {
      for (const st of SUBMISSION_STATUSES) {
        const allowed = can(who[name], TRANSITIONS[name].action, { orgUnitId: 10, status: st, formDivisionId: 5, roundOpen: true });
        expect(allowed, `${name} from ${st}`).toBe(nextStatus(st, name) !== null);
      }
    }
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('approved', 'unlock')).toBe('returned');
    expect(nextStatus('approved', 'return')).toBeNull();
  });
});

describe('submit → return → resubmit → approve → unlock', () => {
  it('writes exactly one audit event per transition, with before and after status', async () => {
    const u = base(w.units.u1);
    await put('rep1', `${u}/entry`, { values: [{ code: 'BTS', value: '12' }] });
    const id = await submissionId(w.units.u1);
    const steps: [UserKey, string, object, string][] = [
      ['rep1', 'submit', {}, 'submitted'],
      ['revTelecom', 'return', { comment: 'Đề nghị bổ sung số liệu thôn.' }, 'returned'],
      ['rep1', 'submit', {}, 'submitted'],
      ['head1', 'recall', { comment: 'Cần sửa' }, 'draft'],
      ['head1', 'submit', {}, 'submitted'],
      ['revTelecom', 'approve', { comment: 'Đạt' }, 'approved'],
      ['office', 'unlock', { reason: 'Cục Thống kê đề nghị điều chỉnh' }, 'returned'],
    ];
    let previous = 'draft';
    for (const [who, action, payload, to] of steps) {
      const before = (await events(id)).length;
      const r = await post(who, `${u}/${action}`, payload);
      expect(r.statusCode, `${who} ${action}: ${r.body}`).toBe(200);
      expect(r.json().submission.status).toBe(to);
      const after = await events(id);
      expect(after.length, action).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ action: `submission.${action}`, before: { status: previous }, after: { status: to } });
      previous = to;
    }
    const row = await s.db.one<{ review_comment: string; reviewed_by: number; version: number }>('SELECT review_comment, reviewed_by, version FROM submissions WHERE id = $1', [id]);
    expect(row).toMatchObject({ review_comment: 'Cục Thống kê đề nghị điều chỉnh', reviewed_by: w.users.office });
  });

  it('notifies the unit on return, approval and unlock, with a link to the report', async () => {
    const rows = await s.db.query<{ kind: string; title: string; body: string; link: string }>(
      'SELECT kind, title, body, link FROM notifications WHERE org_unit_id = $1 ORDER BY id', [w.units.u1],
    );
    expect(rows.map((r) => r.kind)).toEqual(['submission.return', 'submission.approve', 'submission.unlock']);
    expect(rows[0]).toMatchObject({ title: expect.stringMatching(/^Báo cáo bị trả lại/), body: 'Ý kiến: Đề nghị bổ sung số liệu thôn.', link: `/rounds/${q4}/units/${w.units.u1}` });
    const division = await s.db.query<{ kind: string }>('SELECT kind FROM notifications WHERE org_unit_id = $1', [w.units.divTelecom]);
    expect(division.map((d) => d.kind)).toContain('submission.submit');
    const mine = await s.app.inject({ url: '/api/notifications', headers: as.rep1 });
    expect(mine.json().items.length).toBe(3);
  });

  it('keeps approved figures locked: no save, no resubmit', async () => {
    const u = base(w.units.u1);
    await post('rep1', `${u}/submit`);
    await post('revTelecom', `${u}/approve`);
    expect(await status(w.units.u1)).toBe('approved');
    const r = await put('rep1', `${u}/entry`, { values: [{ code: 'BTS', value: '13' }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/^Báo cáo đã được duyệt và khóa số liệu/);
    expect((await s.db.one<{ value: string }>('SELECT value FROM data_values WHERE org_unit_id = $1 AND period = $2 AND data_element_id = $3', [w.units.u1, '2026Q4', w.elements.BTS])).value).toBe('12');
  });
});

describe('refusals', () => {
  it('refuses approving twice (409)', async () => {
    const r = await post('revTelecom', `${base(w.units.u1)}/approve`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Báo cáo đã được duyệt.');
  });

  it('requires a comment to return and a reason to unlock (400), changing nothing', async () => {
    await put('rep2', `${base(w.units.u2)}/entry`, { values: [{ code: 'BTS', value: '3' }] });
    await post('rep2', `${base(w.units.u2)}/submit`);
    const id = await submissionId(w.units.u2);
    const n = (await events(id)).length;
    for (const payload of [{}, { comment: '   ' }]) {
      const r = await post('office', `${base(w.units.u2)}/return`, payload);
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toMatch(/lý do trả lại/);
    }
    expect(await status(w.units.u2)).toBe('submitted');
    const unlock = await post('office', `${base(w.units.u1)}/unlock`, {});
    expect(unlock.statusCode).toBe(400);
    expect(unlock.json().message).toMatch(/lý do mở khóa/);
    expect(await status(w.units.u1)).toBe('approved');
    expect((await events(id)).length).toBe(n);
  });

  it('lets exactly one of a concurrent approve and return win', async () => {
    const [a, b] = await Promise.all([
      post('revTelecom', `${base(w.units.u2)}/approve`, { comment: 'Đạt' }),
      post('office', `${base(w.units.u2)}/return`, { comment: 'Chưa đạt' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const st = await status(w.units.u2);
    expect(st).toBe(a.statusCode === 200 ? 'approved' : 'returned');
    const id = await submissionId(w.units.u2);
    const reviews = (await events(id)).filter((e) => e.action === 'submission.approve' || e.action === 'submission.return');
    expect(reviews.length).toBe(1);
  });

  it('refuses to submit once the round is closed', async () => {
    const closed = await makeRound(s.db, w.forms.quarterly, '2026Q2', '2026-04-01', '2026-06-30', '2026-06-15', 'closed');
    const r = await post('rep1', `${base(w.units.u1, closed)}/submit`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/Đợt báo cáo đã đóng/);
    expect(await count(s.db, 'submissions WHERE round_id = $1', [closed])).toBe(0);
  });

  it('submits a report never started (an empty report) and marks it late after the deadline', async () => {
    const late = await makeRound(s.db, w.forms.quarterly, '2026Q3', '2026-07-01', '2026-09-30', '2026-09-15');
    const r = await post('head1', `${base(w.units.u1, late)}/submit`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().submission).toMatchObject({ status: 'submitted', late: true, version: 1 });
    expect((await events(r.json().submission.id)).map((e) => e.action)).toEqual(['submission.submit']);
  });
});

describe('history', () => {
  it('lists workflow events and every change of each value with actor names', async () => {
    const r = await s.app.inject({ url: `${base(w.units.u1)}/history`, headers: as.revTelecom });
    expect(r.statusCode, r.body).toBe(200);
    const h = r.json();
    expect(h.events.map((e: { action: string }) => e.action)).toEqual([
      'submission.submit', 'submission.return', 'submission.submit', 'submission.recall', 'submission.submit', 'submission.approve',
      'submission.unlock', 'submission.submit', 'submission.approve',
    ]);
    expect(h.events[1]).toMatchObject({ actor: 'Cán bộ revTelecom', before: { status: 'submitted' }, after: { status: 'returned', comment: 'Đề nghị bổ sung số liệu thôn.' } });
    expect(h.values.BTS).toEqual([expect.objectContaining({ action: 'create', previousValue: null, value: '12', actor: 'Cán bộ rep1' })]);
  });

  it('is refused to viewers (403) and hidden from other units (404)', async () => {
    expect((await s.app.inject({ url: `${base(w.units.u1)}/history`, headers: as.viewer })).statusCode).toBe(403);
    expect((await s.app.inject({ url: `${base(w.units.u1)}/history`, headers: as.rep2 })).statusCode).toBe(404);
  });
});
