import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type DayWorld, dayUsers, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;
let sector: number;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({ now: '2025-01-08T04:00:00Z', seed: async (db) => { world = await seedDay(db, { status: 'held' }); } });
  w = world!;
  users = await dayUsers(s.app, w.u);
  ({ id: sector } = await s.db.one<{ id: number }>(`INSERT INTO sectors (code, name, sort) VALUES ('BCVT', 'Bưu chính, viễn thông', 1) RETURNING id`));
});
afterAll(() => s.close());

const base = () => `/api/conferences/${w.conferenceId}/points`;
const post = (payload: object, who = users.office) => s.app.inject({ method: 'POST', url: base(), headers: who, payload });
const task = (over: object = {}) => ({
  source: 'conclusion', kind: 'task', text: 'Tham mưu giải quyết kiến nghị hỗ trợ mặt bằng xây dựng trạm BTS tại vùng lõm sóng.',
  ownerDivisionId: w.u.BCVT, coUnitIds: [w.u.T1, w.u.D1], deadline: '2025-03-31', sectorId: sector, ...over,
});

describe('conclusion and directive points', () => {
  it('numbers the conclusion and the directive apart, and stores a task with owner, co-operating units, deadline and sector', async () => {
    const info = await post({ source: 'conclusion', kind: 'information', text: 'Ghi nhận kết quả các đơn vị đạt được trong năm 2024.' });
    expect(info.statusCode, info.body).toBe(201);
    expect(info.json()).toMatchObject({ number: 1, kind: 'information', ownerDivision: null, deadline: null });
    const t = await post(task());
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json()).toMatchObject({
      number: 2, kind: 'task', ownerDivision: { id: w.u.BCVT, name: 'Phòng Bưu chính, Viễn thông' }, deadline: '2025-03-31',
      sector: { id: sector, name: 'Bưu chính, viễn thông' },
    });
    expect(t.json().coUnits.map((u: { id: number }) => u.id).sort()).toEqual([w.u.T1, w.u.D1].sort());
    const directive = await post({ source: 'directive', kind: 'decision', text: 'Tập trung triển khai kế hoạch chuyển đổi số năm 2025 của tỉnh.' }, users.director);
    expect(directive.json()).toMatchObject({ number: 1, source: 'directive' });
    const list = (await s.app.inject({ method: 'GET', url: base(), headers: users.director })).json();
    expect(list.conclusion.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(list.directive).toHaveLength(1);
    expect(list.canEdit).toBe(true);
  });

  it('refuses a task without owner or deadline, a deadline on or before the conference day, and an owner that is not a division in being', async () => {
    const cases: [object, string][] = [
      [{ ownerDivisionId: null }, 'Điểm: nhiệm vụ phải giao cho một phòng chủ trì.'],
      [{ deadline: null }, 'Điểm: nhiệm vụ phải có hạn hoàn thành.'],
      [{ deadline: '2025-01-08' }, 'Điểm: hạn hoàn thành phải sau ngày hội nghị (08/01/2025).'],
      [{ deadline: '2024-12-31' }, 'Điểm: hạn hoàn thành phải sau ngày hội nghị (08/01/2025).'],
      [{ deadline: '2025-02-30' }, 'Điểm: hạn hoàn thành "2025-02-30" không hợp lệ (ví dụ 2025-03-31).'],
      [{ ownerDivisionId: w.u.D1 }, 'Điểm: đơn vị chủ trì phải là một phòng chuyên môn của Sở còn hoạt động vào ngày hội nghị (08/01/2025).'],
      [{ ownerDivisionId: w.u.GONE }, 'Điểm: đơn vị chủ trì phải là một phòng chuyên môn của Sở còn hoạt động vào ngày hội nghị (08/01/2025).'],
      [{ coUnitIds: [w.u.GONE] }, 'Điểm: có đơn vị phối hợp không tồn tại vào ngày hội nghị (08/01/2025).'],
      [{ sectorId: 999999 }, 'Điểm: lĩnh vực đã chọn không tồn tại.'],
    ];
    for (const [over, message] of cases) {
      const r = await post(task(over));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json().message).toBe(message);
    }
    const count = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM conference_points WHERE conference_id = $1`, [w.conferenceId]);
    expect(count.n).toBe(3);
  });

  it('edits a point, and renumbers after a delete and a reorder', async () => {
    const more = await post(task({ text: 'Rà soát, thay thế cụm loa hỏng ở các xã vùng cao.', ownerDivisionId: w.u.TTCS, coUnitIds: [] }));
    expect(more.json().number).toBe(3);
    const { conclusion } = (await s.app.inject({ method: 'GET', url: base(), headers: users.office })).json();
    const patched = await s.app.inject({ method: 'PATCH', url: `${base()}/${conclusion[1].id}`, headers: users.office, payload: { deadline: '2025-04-15', coUnitIds: [w.u.T1] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ deadline: '2025-04-15', coUnits: [{ id: w.u.T1 }], ownerDivision: { id: w.u.BCVT } });
    const badPatch = await s.app.inject({ method: 'PATCH', url: `${base()}/${conclusion[0].id}`, headers: users.office, payload: { kind: 'task' } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().message).toBe('Điểm 1: nhiệm vụ phải giao cho một phòng chủ trì.');

    const reorder = await s.app.inject({
      method: 'PUT', url: `${base()}/order`, headers: users.office, payload: { source: 'conclusion', ids: [conclusion[1].id, more.json().id, conclusion[0].id] },
    });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(reorder.json().conclusion.map((p: { id: number; number: number }) => [p.id, p.number])).toEqual([[conclusion[1].id, 1], [more.json().id, 2], [conclusion[0].id, 3]]);
    const del = await s.app.inject({ method: 'DELETE', url: `${base()}/${conclusion[1].id}`, headers: users.office });
    expect(del.statusCode).toBe(200);
    const after = (await s.app.inject({ method: 'GET', url: base(), headers: users.office })).json();
    expect(after.conclusion.map((p: { id: number; number: number }) => [p.id, p.number])).toEqual([[more.json().id, 1], [conclusion[0].id, 2]]);
  });

  it('answers 404 for another conference\'s point, keeps units out, and refuses edits once the conclusion is issued', async () => {
    const { id: other } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2024Q4', 'interim', 'Hội nghị khác', 'held', '2025-01-10T01:00:00Z') RETURNING id`,
    );
    const { id: foreign } = await s.db.one<{ id: number }>(
      `INSERT INTO conference_points (conference_id, source, number, kind, text) VALUES ($1, 'conclusion', 1, 'information', 'Của hội nghị khác') RETURNING id`, [other],
    );
    expect((await s.app.inject({ method: 'PATCH', url: `${base()}/${foreign}`, headers: users.office, payload: { text: 'x' } })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'DELETE', url: `${base()}/${foreign}`, headers: users.office })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: base(), headers: users.unit })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: base(), headers: users.outsider })).statusCode).toBe(404);
    expect((await post(task(), users.reviewer)).statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'concluded' WHERE id = $1`, [w.conferenceId]);
    const r = await post(task());
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.');
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [w.conferenceId]);
  });
});
