import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from './conferences.fixtures.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;
let id: number;

beforeAll(async () => {
  s = await testServer({ now: '2023-12-20T02:00:00Z', seed: async (db) => void (w = await seedConferenceWorld(db)) });
  as = await signInAll(s.app);
  id = (await call('office', 'POST', '/api/conferences', { period: '2023' })).json().id;
});
afterAll(() => s.close());

const call = (who: ConfUserKey, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { cookie: as[who].cookie }, payload: payload as never });

type Item = { id: number; kind: string; title: string; durationMinutes: number; startsAt: string; endsAt: string; presenter: { personId: number | null; unitId: number | null; name: string | null; label: string | null } };
const agenda = async () => (await call('office', 'GET', `/api/conferences/${id}/agenda`)).json() as { items: Item[]; totalMinutes: number; endsAt: string };
const asInput = (i: Item) => ({ id: i.id, kind: i.kind, title: i.title, durationMinutes: i.durationMinutes, presenter: i.presenter });

describe('agenda', () => {
  it('computes each start from the conference start', async () => {
    const a = await agenda();
    expect(a.totalMinutes).toBe(155);
    expect(a.items[0]).toMatchObject({ startsAt: '2024-01-04T01:00:00.000Z', endsAt: '2024-01-04T01:10:00.000Z' });
    expect(a.items[1].startsAt).toBe('2024-01-04T01:10:00.000Z');
    expect(a.items.at(-1)!.endsAt).toBe('2024-01-04T03:35:00.000Z');
  });

  it('keeps ids (and so notes) when items are reordered, recomputes the times, drops what is left out, adds new items', async () => {
    const before = await agenda();
    const discussion = before.items.find((i) => i.kind === 'discussion')!;
    await s.db.query(`UPDATE conference_agenda_items SET notes = 'Ý kiến của các đơn vị', notes_revision = 3 WHERE id = $1`, [discussion.id]);
    const opening = before.items[0];
    const rest = before.items.slice(1).filter((i) => i.kind !== 'awards');
    const items = [asInput(discussion), asInput(opening), ...rest.filter((i) => i.id !== discussion.id).map(asInput), { kind: 'break', durationMinutes: 15 }];
    const r = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json().items as Item[];
    expect(after[0].id).toBe(discussion.id);
    expect(after[0].startsAt).toBe('2024-01-04T01:00:00.000Z');
    expect(after[1]).toMatchObject({ id: opening.id, startsAt: '2024-01-04T01:30:00.000Z' });
    expect(after.at(-1)).toMatchObject({ kind: 'break', title: 'Giải lao' });
    expect(after.some((i) => i.kind === 'awards')).toBe(false);
    const kept = await s.db.one<{ notes: string; notes_revision: number }>('SELECT notes, notes_revision FROM conference_agenda_items WHERE id = $1', [discussion.id]);
    expect(kept).toEqual({ notes: 'Ý kiến của các đơn vị', notes_revision: 3 });
    const audit = await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'conference.agenda'`);
    expect(audit).toHaveLength(1);
  });

  it('refuses an agenda that runs past midnight, naming the item; nothing is changed', async () => {
    const before = await agenda();
    const r = await call('office', 'PUT', `/api/conferences/${id}/agenda`, {
      items: [...before.items.map(asInput), { kind: 'other', title: 'Giao lưu văn nghệ', durationMinutes: 600 }, { kind: 'closing', durationMinutes: 400 }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('Chương trình kéo dài quá nửa đêm: mục "Bế mạc" kết thúc lúc');
    expect((await agenda()).items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
  });

  it('refuses a later start that would push the agenda past midnight', async () => {
    const r = await call('office', 'PATCH', `/api/conferences/${id}`, { startsAt: '2024-01-04T22:30' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('quá nửa đêm');
  });

  it('takes presenters: a person, a unit valid on the day, or a guest by name; refuses an id of another conference', async () => {
    const before = await agenda();
    const items = before.items.map(asInput);
    items[0] = { ...items[0], presenter: { personId: w.people.dirOld, unitId: null, name: null, label: null } };
    items[1] = { ...items[1], presenter: { personId: null, unitId: w.units.d1, name: null, label: null } };
    items[2] = { ...items[2], presenter: { personId: null, unitId: null, name: 'Phó Chủ tịch UBND tỉnh Phạm Duy Hải', label: null } };
    const r = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().items as Item[];
    expect(a[0].presenter.label).toBe('Hoàng Văn Thịnh');
    expect(a[1].presenter.label).toBe('Phòng Văn hóa và Thông tin thành phố Vân Lĩnh');
    expect(a[2].presenter.label).toBe('Phó Chủ tịch UBND tỉnh Phạm Duy Hải');
    const closed = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items: [{ kind: 'presentation', durationMinutes: 10, presenter: { unitId: w.units.commune } }] });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().message).toContain('không còn hoạt động vào ngày hội nghị');
    const other = (await call('office', 'POST', '/api/conferences', { period: '2023Q4', startsAt: '2024-01-05T08:00' })).json().id;
    const foreign = (await call('office', 'GET', `/api/conferences/${other}/agenda`)).json().items[0].id;
    const bad = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items: [{ id: foreign, kind: 'opening', durationMinutes: 10 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('không thuộc hội nghị này');
    const twice = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items: [{ id: a[0].id, kind: 'opening', durationMinutes: 10 }, { id: a[0].id, kind: 'closing', durationMinutes: 5 }] });
    expect(twice.statusCode).toBe(400);
  });

  it('is read by whoever sees the conference and changed by the office only', async () => {
    expect((await call('director', 'GET', `/api/conferences/${id}/agenda`)).statusCode).toBe(200);
    expect((await call('director', 'PUT', `/api/conferences/${id}/agenda`, { items: [] })).statusCode).toBe(403);
    expect((await call('rep1', 'GET', `/api/conferences/${id}/agenda`)).statusCode).toBe(404);
  });
});
