import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { type DayWorld, dayUsers, holdDay, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({ now: '2025-01-10T03:00:00Z', seed: async (db) => { world = await seedDay(db); await holdDay(db, world); } });
  w = world!;
  users = await dayUsers(s.app, w.u);
}, 60_000);
afterAll(() => s.close());

const base = () => `/api/conferences/${w.conferenceId}/notices`;
const issue = (payload: object, who = users.director) => s.app.inject({ method: 'POST', url: base(), headers: who, payload });
const docxTexts = async (href: string, who = users.office) => {
  const r = await s.app.inject({ method: 'GET', url: href, headers: who });
  expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
  return { texts: paragraphTexts((await openDocx(r.rawPayload)).document), bytes: r.rawPayload };
};
const status = async () => (await s.db.one<{ status: string }>(`SELECT status FROM conferences WHERE id = $1`, [w.conferenceId])).status;

describe('the conclusion notice', () => {
  it('is issued by the director only, and not without a conclusion', async () => {
    expect((await issue({}, users.office)).statusCode).toBe(403);
    expect((await issue({}, users.unit)).statusCode).toBe(403);
    expect((await issue({}, users.outsider)).statusCode).toBe(404);
    const points = await s.db.query<{ id: number }>(`DELETE FROM conference_points WHERE conference_id = $1 AND source = 'conclusion' RETURNING id`, [w.conferenceId]);
    const none = await issue({});
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Chưa có điểm kết luận nào; hãy ghi kết luận trước khi ban hành thông báo.');
    expect(points).toHaveLength(1);
    await s.db.query(
      `INSERT INTO conference_points (conference_id, source, number, kind, text, owner_division_id, deadline)
       VALUES ($1, 'conclusion', 1, 'task', 'Tham mưu phương án bố trí nhân lực chuyển đổi số cấp xã', $2, '2025-03-31')`,
      [w.conferenceId, w.u.TTCS],
    );
    expect(await status()).toBe('held');
  });

  it('concludes the conference on the first issue, numbered the next TB of the year, audited, the units told', async () => {
    const r = await issue({ reason: 'bỏ qua ở lần đầu' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ version: 1, number: '01/TB-STTTT', reason: null, issuedBy: 'Người giamdoc', href: `${base()}/1.docx` });
    expect(await status()).toBe('concluded');
    const events = await s.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action IN ('conference.conclude', 'conference.notice.issue') ORDER BY id`,
    );
    expect(events.map((e) => e.action)).toEqual(['conference.conclude', 'conference.notice.issue']);
    const told = await s.db.query<{ org_unit_id: number }>(`SELECT org_unit_id FROM notifications WHERE kind = 'conference.notice'`);
    expect(told.map((n) => n.org_unit_id).sort()).toEqual(['D1', 'D2', 'D3', 'M1', 'T1', 'B1'].map((k) => w.u[k]).sort());
    const { texts } = await docxTexts(r.json().href, users.unit);
    expect(texts).toContain('Số: 01/TB-STTTT');
    expect(texts).toContain('Vân Lĩnh, ngày 10 tháng 01 năm 2025');
  });

  it('refuses edits to the concluded conference and a reissue without a reason', async () => {
    const edit = await s.app.inject({
      method: 'POST', url: `/api/conferences/${w.conferenceId}/points`, headers: users.director,
      payload: { source: 'conclusion', kind: 'information', text: 'Thêm sau khi ban hành' },
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().message).toBe('Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.');
    const noReason = await issue({ reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe('Ban hành lại thông báo kết luận phải ghi lý do.');
  });

  it('reissues as a new numbered version with its reason and corrected points; the old version stays as issued', async () => {
    const v1 = await docxTexts(`${base()}/1.docx`);
    const points = (await s.app.inject({ method: 'GET', url: `/api/conferences/${w.conferenceId}/points`, headers: users.director })).json();
    const task = points.conclusion[0];
    const badDeadline = await issue({
      reason: 'Sửa hạn hoàn thành',
      points: [{ id: task.id, source: 'conclusion', kind: 'task', text: task.text, ownerDivisionId: w.u.TTCS, deadline: '2025-01-08' }],
    });
    expect(badDeadline.statusCode).toBe(400);
    expect(badDeadline.json().message).toBe('Kết luận, điểm 1: hạn hoàn thành phải sau ngày hội nghị (08/01/2025).');
    const r = await issue({
      reason: 'Bổ sung đơn vị phối hợp và giao thêm nhiệm vụ theo ý kiến của lãnh đạo UBND tỉnh',
      points: [
        { id: task.id, source: 'conclusion', kind: 'task', text: task.text, ownerDivisionId: w.u.TTCS, coUnitIds: [w.u.D1, w.u.D2], deadline: '2025-04-30' },
        { source: 'conclusion', kind: 'task', text: 'Hướng dẫn các xã lập hồ sơ đề xuất cấp độ an toàn thông tin', ownerDivisionId: w.u.BCVT, deadline: '2025-05-31' },
        ...points.directive.map((p: { id: number; kind: string; text: string }) => ({ id: p.id, source: 'directive', kind: p.kind, text: p.text })),
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ version: 2, number: '02/TB-STTTT', reason: 'Bổ sung đơn vị phối hợp và giao thêm nhiệm vụ theo ý kiến của lãnh đạo UBND tỉnh' });
    expect(await status()).toBe('concluded');
    const after = (await s.app.inject({ method: 'GET', url: `/api/conferences/${w.conferenceId}/points`, headers: users.director })).json();
    expect(after.conclusion.map((p: { id: number; number: number }) => p.number)).toEqual([1, 2]);
    expect(after.conclusion[0]).toMatchObject({ id: task.id, deadline: '2025-04-30' });
    const v2 = await docxTexts(`${base()}/2.docx`);
    expect(v2.texts).toContain('Số: 02/TB-STTTT');
    expect(v2.texts).toContain('2. Hướng dẫn các xã lập hồ sơ đề xuất cấp độ an toàn thông tin. Giao Phòng Bưu chính, Viễn thông chủ trì thực hiện; thời hạn hoàn thành trước ngày 31/05/2025.');
    const v1again = await docxTexts(`${base()}/1.docx`);
    expect(Buffer.compare(v1again.bytes, v1.bytes)).toBe(0);
    expect(v1again.texts.some((t) => t.includes('31/05/2025'))).toBe(false);
    const list = (await s.app.inject({ method: 'GET', url: base(), headers: users.unit })).json();
    expect(list.items.map((n: { version: number; number: string }) => [n.version, n.number])).toEqual([[2, '02/TB-STTTT'], [1, '01/TB-STTTT']]);
    expect((await s.app.inject({ method: 'GET', url: `${base()}/3.docx`, headers: users.office })).statusCode).toBe(404);
  });

  it('is immutable in the database itself', async () => {
    await expect(s.db.query(`UPDATE conference_notices SET number = 'sửa' WHERE conference_id = $1`, [w.conferenceId])).rejects.toThrow(/cannot be changed/);
  });

  it('is not issued before the conference is held, and not with a malformed number', async () => {
    const { id } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2025Q1', 'interim', 'Hội nghị chưa diễn ra', 'invited', '2025-04-04T01:00:00Z') RETURNING id`,
    );
    const r = await s.app.inject({ method: 'POST', url: `/api/conferences/${id}/notices`, headers: users.director, payload: {} });
    expect(r.statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [id]);
    await s.db.query(`INSERT INTO conference_points (conference_id, source, number, kind, text) VALUES ($1, 'conclusion', 1, 'information', 'Ghi nhận')`, [id]);
    const bad = await s.app.inject({ method: 'POST', url: `/api/conferences/${id}/notices`, headers: users.director, payload: { number: '12/TB' } });
    expect(bad.statusCode).toBe(400);
    const ok = await s.app.inject({ method: 'POST', url: `/api/conferences/${id}/notices`, headers: users.admin, payload: {} });
    expect(ok.json().number).toBe('03/TB-SKHCN');
  });
});
