import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { type UserKey, type World, seedWorld, signInAll } from '../submissions/test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey | 'admin', { cookie: string }>;

const list = (query: string, who: UserKey | 'admin' = 'admin') => s.app.inject({ url: `/api/audit${query}`, headers: as[who] });

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  as = { ...(await signInAll(s.app)), admin: await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD) };
  const ev = (at: string, actor: number | null, name: string, action: string, entityType: string, entityId: string, after: object) =>
    s.db.query(
      `INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, ip)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'127.0.0.1')`,
      [new Date(at), actor, name, action, entityType, entityId, w.units.u1, JSON.stringify({ status: 'draft' }), JSON.stringify(after)],
    );
  await ev('2026-10-01T01:00:00Z', w.users.rep1, 'rep1', 'submission.submit', 'submission', '41', { status: 'submitted' });
  await ev('2026-10-02T17:30:00Z', w.users.revTelecom, 'revtelecom', 'submission.return', 'submission', '41', { status: 'returned' }); // 00:30 on 03/10 in Vietnam
  await ev('2026-10-05T01:00:00Z', w.users.rep1, 'rep1', 'submission.submit', 'submission', '41', { status: 'submitted' });
  await ev('2026-10-06T01:00:00Z', w.users.office, 'office', 'round.update', 'round', '7', { status: 'closed' });
  await ev('2026-10-07T01:00:00Z', w.users.office, 'office', 'submissions.weird', 'other', '8', {});
});
afterAll(() => s.close());

describe('GET /api/audit', () => {
  it('lists events newest first with actor names, before and after', async () => {
    const r = await list('?entityType=submission');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { action: string }) => i.action)).toEqual(['submission.submit', 'submission.return', 'submission.submit']);
    expect(body.items[1]).toMatchObject({
      actorId: w.users.revTelecom, actorName: 'Cán bộ revTelecom', entityType: 'submission', entityId: '41', orgUnitId: w.units.u1,
      before: { status: 'draft' }, after: { status: 'returned' }, ip: '127.0.0.1', at: '2026-10-02T17:30:00.000Z',
    });
  });

  it('filters by action family, entity, actor (name without diacritics or id) and Vietnamese calendar days', async () => {
    const actions = async (q: string) => (await list(q)).json().items.map((i: { action: string }) => i.action);
    expect(await actions('?action=submission')).toEqual(['submission.submit', 'submission.return', 'submission.submit']);
    expect(await actions('?action=submission.return')).toEqual(['submission.return']);
    expect(await actions('?entityType=round&entityId=7')).toEqual(['round.update']);
    const notSignIns = (a: string[]) => a.filter((x) => !x.startsWith('auth.'));
    expect(notSignIns(await actions(`?actor=${encodeURIComponent('can bo revtelecom')}`))).toEqual(['submission.return']);
    expect(notSignIns(await actions(`?actor=${w.users.office}`))).toEqual(['submissions.weird', 'round.update']);
    expect(await actions('?from=2026-10-03&to=2026-10-03')).toEqual(['submission.return']);
    expect(await actions('?from=2026-10-05&to=2026-10-06&entityType=submission')).toEqual(['submission.submit']);
  });

  it('pages', async () => {
    const p1 = (await list('?entityType=submission&pageSize=2&page=1')).json();
    const p2 = (await list('?entityType=submission&pageSize=2&page=2')).json();
    expect([p1.total, p1.items.length, p2.items.length]).toEqual([3, 2, 1]);
    expect(p2.items[0].at).toBe('2026-10-01T01:00:00.000Z');
    expect((await list('?pageSize=500')).statusCode).toBe(400);
  });

  it('refuses impossible dates in Vietnamese', async () => {
    const bad = await list('?from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/không phải là ngày hợp lệ/);
    expect((await list('?from=2026-10-05&to=2026-10-01')).json().message).toMatch(/Từ ngày/);
  });

  it('is for administrators only', async () => {
    for (const who of ['office', 'director', 'revTelecom', 'rep1', 'viewer'] as const) expect((await list('', who)).statusCode, who).toBe(403);
    expect((await s.app.inject({ url: '/api/audit' })).statusCode).toBe(401);
  });
});
