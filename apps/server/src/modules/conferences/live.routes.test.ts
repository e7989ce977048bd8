import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type DayWorld, dayUsers, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({ now: '2025-01-08T00:58:00Z', seed: async (db) => { world = await seedDay(db); } });
  w = world!;
  users = await dayUsers(s.app, w.u);
});
afterAll(() => s.close());

const base = () => `/api/conferences/${w.conferenceId}/live`;
const get = (who = users.office) => s.app.inject({ method: 'GET', url: base(), headers: who });
const act = (itemId: number, action: 'start' | 'stop', who = users.office) =>
  s.app.inject({ method: 'POST', url: `${base()}/items/${itemId}/${action}`, headers: who });
const notes = (itemId: number, text: string, baseRevision: number, who = users.office) =>
  s.app.inject({ method: 'PUT', url: `${base()}/items/${itemId}/notes`, headers: who, payload: { notes: text, baseRevision } });

describe('the live view', () => {
  it('shows the agenda with planned times from the start, the first item next', async () => {
    const r = await get();
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      status: 'invited', startedAt: null, currentItemId: w.agenda[0], runningItemId: null, nextItemId: w.agenda[0], canRecord: true, now: '2025-01-08T00:58:00.000Z',
    });
    expect(body.items.map((i: { plannedStart: string }) => i.plannedStart.slice(11, 16))).toEqual(['01:00', '01:10', '01:40', '01:55', '02:40', '03:00', '03:15']);
    expect(body.items[2]).toMatchObject({ kind: 'presentation', presenter: { unitId: w.u.T1, name: 'Viễn thông Vân Lĩnh' }, running: false, notesRevision: 0 });
    expect(body.items[4].presenter.name).toBe('Đồng chí Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh');
  });

  it('starting the first item holds the conference and stamps the opening; starting the next ends it', async () => {
    s.clock.set('2025-01-08T01:03:00Z');
    const r = await act(w.agenda[0]!, 'start');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'held', startedAt: '2025-01-08T01:03:00.000Z', currentItemId: w.agenda[0], runningItemId: w.agenda[0], nextItemId: w.agenda[1] });
    expect(r.json().items[0]).toMatchObject({ running: true, startedAt: '2025-01-08T01:03:00.000Z' });
    const hold = await s.db.query(`SELECT after FROM audit_events WHERE action = 'conference.hold' AND entity_id = $1`, [String(w.conferenceId)]);
    expect(hold).toEqual([{ after: { status: 'held' } }]);

    s.clock.set('2025-01-08T01:12:00Z');
    const next = (await act(w.agenda[1]!, 'start')).json();
    expect(next).toMatchObject({ currentItemId: w.agenda[1], runningItemId: w.agenda[1], nextItemId: w.agenda[2] });
    expect(next.items[0]).toMatchObject({ running: false, endedAt: '2025-01-08T01:12:00.000Z' });
    expect(next.items[1]).toMatchObject({ running: true, startedAt: '2025-01-08T01:12:00.000Z' });
    expect(next.startedAt).toBe('2025-01-08T01:03:00.000Z');

    s.clock.set('2025-01-08T01:40:00Z');
    const stopped = (await act(w.agenda[1]!, 'stop')).json();
    expect(stopped.items[1]).toMatchObject({ running: false, endedAt: '2025-01-08T01:40:00.000Z' });
    // Nothing runs: the compatible currentItemId is the first not started, which is also the next.
    expect(stopped).toMatchObject({ currentItemId: w.agenda[2], runningItemId: null, nextItemId: w.agenda[2] });
  });

  it('saves notes over a revision and refuses, with the current text, a save based on an older one', async () => {
    const item = w.agenda[1]!;
    const first = await notes(item, 'Đồng chí Lô Quang Tuấn trình bày dự thảo báo cáo.', 0);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ notesRevision: 1, notesUpdatedBy: 'Người vanphong', plannedStart: '2025-01-08T01:10:00.000Z' });
    const stale = await notes(item, 'Bản của máy thứ hai', 0, users.office2);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      message: 'Ghi chép của mục này vừa được người khác lưu; nội dung của bạn chưa được lưu. Hãy xem bản hiện tại và gộp lại rồi lưu lần nữa.',
      details: { revision: 1, notes: 'Đồng chí Lô Quang Tuấn trình bày dự thảo báo cáo.', updatedBy: 'Người vanphong' },
    });
    const merged = await notes(item, 'Đồng chí Lô Quang Tuấn trình bày dự thảo báo cáo.\nBản của máy thứ hai', 1, users.office2);
    expect(merged.json().notesRevision).toBe(2);
  });

  it('lets exactly one of two simultaneous saves on the same revision through', async () => {
    const item = w.agenda[2]!;
    const rs = await Promise.all([notes(item, 'Máy A', 0), notes(item, 'Máy B', 0, users.office2), notes(item, 'Máy C', 0)]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const saved = rs.find((r) => r.statusCode === 200)!.json().notes;
    const row = await s.db.one<{ notes: string; notes_revision: number }>(`SELECT notes, notes_revision FROM conference_agenda_items WHERE id = $1`, [item]);
    expect(row).toEqual({ notes: saved, notes_revision: 1 });
  });

  it('stores notes as typed (NFC), a trailing new line and indentation included; blank notes count as none', async () => {
    const item = w.agenda[3]!;
    const typed = '  Ý kiến của xã:\n- Đề nghị hỗ trợ kinh phí\n'.normalize('NFD');
    const r = await notes(item, typed, 0);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().notes).toBe(typed.normalize('NFC'));
    const row = await s.db.one<{ notes: string }>(`SELECT notes FROM conference_agenda_items WHERE id = $1`, [item]);
    expect(row.notes).toBe('  Ý kiến của xã:\n- Đề nghị hỗ trợ kinh phí\n'.normalize('NFC'));
    const blank = await notes(item, '\n\n', 1);
    expect(blank.json()).toMatchObject({ notes: '\n\n', notesRevision: 2 });
    const agenda = (await s.app.inject({ method: 'GET', url: `/api/conferences/${w.conferenceId}/agenda`, headers: users.office })).json();
    expect(agenda.items.find((i: { id: number }) => i.id === item).hasNotes).toBe(false);
    expect(agenda.items.find((i: { id: number }) => i.id === w.agenda[1]).hasNotes).toBe(true);
    expect((await notes(item, '', 2)).json().notes).toBe('');
  });

  it('keeps units out (403) and other units\' users in the dark (404); the director reads without recording', async () => {
    expect((await get(users.unit)).statusCode).toBe(403);
    expect((await get(users.outsider)).statusCode).toBe(404);
    const d = await get(users.director);
    expect(d.statusCode).toBe(200);
    expect(d.json().canRecord).toBe(false);
    expect((await act(w.agenda[3]!, 'start', users.director)).statusCode).toBe(403);
    expect((await notes(w.agenda[3]!, 'x', 0, users.unit)).statusCode).toBe(403);
  });

  it('answers 404 for an item of another conference', async () => {
    const { id: other } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2024Q4', 'interim', 'Hội nghị khác', 'held', now()) RETURNING id`,
    );
    const { id: foreign } = await s.db.one<{ id: number }>(
      `INSERT INTO conference_agenda_items (conference_id, position, kind, title, duration_minutes) VALUES ($1, 1, 'opening', 'Khai mạc', 10) RETURNING id`, [other],
    );
    expect((await act(foreign, 'start')).statusCode).toBe(404);
    expect((await notes(foreign, 'x', 0)).statusCode).toBe(404);
  });

  it('ends the conference, stamping the closing time for the minutes', async () => {
    s.clock.set('2025-01-08T01:45:00Z');
    await act(w.agenda[2]!, 'start');
    s.clock.set('2025-01-08T04:20:00Z');
    const r = await s.app.inject({ method: 'POST', url: `${base()}/end`, headers: users.office });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ endedAt: '2025-01-08T04:20:00.000Z' });
    expect(r.json().items[2]).toMatchObject({ running: false, endedAt: '2025-01-08T04:20:00.000Z' });
  });

  it('refuses changes once the conclusion is issued', async () => {
    await s.db.query(`UPDATE conferences SET status = 'concluded' WHERE id = $1`, [w.conferenceId]);
    const r = await notes(w.agenda[0]!, 'Sửa sau khi kết luận', 0);
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.');
    expect((await act(w.agenda[0]!, 'start')).statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [w.conferenceId]);
  });
});
