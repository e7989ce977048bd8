import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';

let s: TestServer;
let w: RegisterWorld;
let users: Awaited<ReturnType<typeof registerUsers>>;
const ids: Record<string, number> = {};

const post = async (payload: object) => {
  const r = await s.app.inject({ method: 'POST', url: '/api/recommendations', headers: users.office, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; version: number };
};
const act = async (id: number, name: string, payload: object) => {
  const r = await s.app.inject({ method: 'POST', url: `/api/recommendations/${id}/transitions/${name}`, headers: users.office, payload });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { version: number };
};
const finish = async (id: number, version: number) => {
  const a = await s.app.inject({ method: 'PUT', url: `/api/recommendations/${id}/answer`, headers: users.office, payload: { text: 'Đã giải quyết.', publish: true, version } });
  expect(a.statusCode, a.body).toBe(200);
  return act(id, 'complete', { version: version + 1 });
};

// Today 10/03/2026. Seven points: two done (one late), one found impossible in time, two open and overdue (one escalated),
// one open within its deadline, and one merged into an overdue one (counted there, not twice).
beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({ now: '2026-03-10T02:00:00Z', seed: async (db) => { world = await seedRegister(db); } });
  w = world!;
  users = await registerUsers(s.app, w.u);
  const at = (day: string) => s.clock.set(`${day}T02:00:00Z`);
  at('2026-01-05');
  ids.onTime = (await post({ text: 'Hỗ trợ kinh phí thay loa truyền thanh', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-02-28', raisedBy: ['VL-X03'], period: '2025' })).id;
  ids.late = (await post({ text: 'Xây trạm BTS thôn Khuổi Luông', kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-01-31', raisedBy: ['VTL'], period: '2025' })).id;
  ids.impossible = (await post({ text: 'Cấp máy tính cho nhà văn hóa thôn', kind: 'difficulty', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-03-31', raisedBy: ['VL-X05'], period: '2025' })).id;
  ids.overdue = (await post({ text: 'Nhiễu sóng loa truyền thanh xã vùng cao', kind: 'difficulty', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-02-15', raisedBy: ['VL-X03'], period: '2025' })).id;
  ids.escalated = (await post({ text: 'Chậm chi trả phụ cấp cán bộ đài truyền thanh', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-01-20', raisedBy: ['VL-X05'], period: '2025' })).id;
  ids.within = (await post({ text: 'Mở rộng vùng phủ cáp quang', kind: 'conclusion', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-06-30', period: '2025' })).id;
  ids.merged = (await post({ text: 'Loa truyền thanh bị nhiễu ở thôn Nà Rầy', kind: 'difficulty', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-04-30', raisedBy: ['VL-X05'], period: '2025Q4' })).id;
  at('2026-02-20');
  await finish(ids.onTime, 1);
  await finish(ids.late, 1);
  await act(ids.impossible, 'reject', { version: 1, note: 'Ngoài nhiệm vụ chi của Sở' });
  await act(ids.merged, 'merge', { version: 1, into: ids.overdue });
  at('2026-03-10');
  await s.db.query(`UPDATE recommendations SET escalated_at = '2026-03-01T01:00:00Z' WHERE id = $1`, [ids.escalated]);
});
afterAll(() => s.close());

const summary = (q = '', who = users.director) => s.app.inject({ method: 'GET', url: `/api/recommendations/summary${q}`, headers: who });

describe('the summary for boards and the director', () => {
  it('counts the grid once per point, overdue by division, the points raised most and the escalated ones', async () => {
    const r = await summary();
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.counts).toEqual({ done_on_time: 2, done_late: 1, open_within_deadline: 1, open_overdue: 2, total: 6 });
    expect(b.byState).toMatchObject({ done: 2, cannot_do: 1, assigned: 3, merged: 1 });
    expect(b.byDivision.map((g: { division: { code: string }; counts: { open_overdue: number; total: number } }) => [g.division.code, g.counts.open_overdue, g.counts.total]))
      .toEqual([['P-TTCS', 2, 4], ['P-BCVT', 0, 2]]);
    expect(b.bySector.map((g: { sector: { code: string } }) => g.sector.code)).toEqual(['TTCS', 'BCVT']);
    expect(b.topRecurring.map((i: { id: number; timesRaised: number }) => [i.id, i.timesRaised])).toEqual([[ids.overdue, 2]]);
    expect(b.escalated.map((i: { id: number; escalated: boolean }) => [i.id, i.escalated])).toEqual([[ids.escalated, true]]);
    expect(b.byKind.find((k: { kind: string }) => k.kind === 'conclusion').counts.total).toBe(1);
  });

  it('takes the board\'s filter and counts only what the actor sees', async () => {
    expect((await summary('?owner=P-BCVT')).json().counts).toEqual({ done_on_time: 0, done_late: 1, open_within_deadline: 1, open_overdue: 0, total: 2 });
    expect((await summary('', users.bcvt)).json().counts.total).toBe(2);
    const commune = (await summary('', users.commune)).json();
    // Khê Thượng raised two points; the one Bình Minh raised was merged into one of them, and is counted there.
    expect(commune.counts).toEqual({ done_on_time: 1, done_late: 0, open_within_deadline: 0, open_overdue: 1, total: 2 });
    expect((await summary('?timeliness=open_overdue')).json().byDivision[0].counts.open_overdue).toBe(2);
  });
});
