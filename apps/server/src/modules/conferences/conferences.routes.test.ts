import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from './conferences.fixtures.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;

beforeAll(async () => {
  s = await testServer({ now: '2023-12-20T02:00:00Z', seed: async (db) => void (w = await seedConferenceWorld(db)) });
  as = await signInAll(s.app);
});
afterAll(() => s.close());

const call = (who: ConfUserKey, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { cookie: as[who].cookie }, payload: payload as never });

const audits = (action: string) => s.db.query<{ entity_id: string; before: unknown; after: unknown }>('SELECT entity_id, before, after FROM audit_events WHERE action = $1 ORDER BY id', [action]);

describe('plan: the draft proposed from a period', () => {
  it('proposes kind, title, a date three working days after the period, the director valid then and the units to invite', async () => {
    const r = await call('office', 'GET', '/api/conferences/draft?period=2023');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.kind).toBe('annual');
    expect(d.title).toBe('Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024');
    // 31/12/2023 ends the year; 01/01/2024 is a holiday: Tue 2, Wed 3, Thu 4 → 04/01/2024, 08:00 Vietnam time.
    expect(d.startsAt).toBe('2024-01-04T01:00:00.000Z');
    expect(d.rsvpDeadline).toBe('2024-01-02T10:00:00.000Z');
    expect(d.department).toEqual({ id: w.units.deptOld, name: 'Sở Thông tin và Truyền thông' });
    expect(d.chair).toMatchObject({ personId: w.people.dirOld, fullName: 'Hoàng Văn Thịnh', position: 'Giám đốc' });
    const invited = d.invitations.map((i: { unit: { id: number }; expectedDelegates: number }) => [i.unit.id, i.expectedDelegates]);
    // District offices first (by name: huyện Khê Thượng before thành phố Vân Lĩnh), then media centres, enterprises, press.
    expect(invited).toEqual([[w.units.d2, 2], [w.units.d1, 2], [w.units.media, 1], [w.units.enterprise, 2], [w.units.press, 1]]);
    expect(d.defaults.join(' ')).toContain('2 đại biểu');
  });

  it('after the 2025 reforms invites the new communes, not the closed district units, and the new department issues', async () => {
    const d = (await call('office', 'GET', '/api/conferences/draft?period=2025Q2')).json();
    expect(d.title).toBe('Hội nghị sơ kết công tác quý II năm 2025 và triển khai nhiệm vụ quý III năm 2025');
    expect(d.department.id).toBe(w.units.deptNew);
    expect(d.chair.personId).toBe(w.people.dirNew);
    expect(d.invitations.map((i: { unit: { id: number } }) => i.unit.id)).toEqual([w.units.commune, w.units.enterprise, w.units.press]);
  });

  it('words six and nine months as the department does, and refuses a month', async () => {
    expect((await call('office', 'GET', '/api/conferences/draft?period=2023S1')).json().title).toBe(
      'Hội nghị sơ kết công tác 6 tháng đầu năm 2023 và triển khai nhiệm vụ 6 tháng cuối năm 2023',
    );
    expect((await call('office', 'GET', '/api/conferences/draft?period=2023N1')).json().title).toBe(
      'Hội nghị sơ kết công tác 9 tháng năm 2023 và triển khai nhiệm vụ quý IV năm 2023',
    );
    const month = await call('office', 'GET', '/api/conferences/draft?period=202301');
    expect(month.statusCode).toBe(400);
    expect(month.json().message).toContain('hội nghị sơ kết theo quý');
  });

  it('is for the organisers only', async () => {
    expect((await call('rep1', 'GET', '/api/conferences/draft?period=2023')).statusCode).toBe(403);
    expect((await call('director', 'GET', '/api/conferences/draft?period=2023')).statusCode).toBe(403);
  });
});

describe('create, edit, list and see', () => {
  let id: number;

  it('creates a draft with the proposed units and the usual agenda, audited', async () => {
    const r = await call('office', 'POST', '/api/conferences', { period: '2023' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    id = c.id;
    expect(c).toMatchObject({ status: 'draft', kind: 'annual', place: 'Hội trường Sở Thông tin và Truyền thông', warnings: [] });
    expect(c.chair.personId).toBe(w.people.dirOld);
    expect(c.counts).toMatchObject({ invited: 5, pending: 5, accepted: 0 });
    expect(c.abilities).toMatchObject({ plan: true, invite: true, respond: false });
    expect(c.links).toMatchObject({ calendar: `/api/conferences/${id}/calendar.ics`, draftReport: '/api/reports/summary?period=2023' });
    // 155 minutes of agenda from 08:00.
    expect(c.endsAt).toBe('2024-01-04T03:35:00.000Z');
    const agenda = (await call('office', 'GET', `/api/conferences/${id}/agenda`)).json();
    expect(agenda.items.map((i: { kind: string }) => i.kind)).toEqual([
      'opening', 'draft_report', 'presentation', 'presentation', 'presentation', 'presentation', 'discussion', 'awards', 'directive', 'conclusion', 'closing',
    ]);
    expect(agenda.items[1].presenter.personId).toBe(w.people.deputyOld);
    expect(agenda.items[1].title).toBe('Thông qua dự thảo báo cáo kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024');
    expect(agenda.items[1].material[0].href).toBe('/api/reports/summary?period=2023');
    expect((await audits('conference.create')).map((a) => Number(a.entity_id))).toContain(id);
  });

  it('allows a second conference for the same period, with a warning naming the first', async () => {
    const r = await call('office', 'POST', '/api/conferences', { period: '2023', title: 'Hội nghị bổ sung', startsAt: '2024-01-05T14:00', invitations: [] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().warnings[0]).toContain('"Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024" (04/01/2024)');
    expect(r.json().startsAt).toBe('2024-01-05T07:00:00.000Z');
    expect(r.json().samePeriod.map((x: { id: number }) => x.id)).toEqual([id]);
  });

  it('lists by period and status, with the exact fields scripts read', async () => {
    const r = await call('office', 'GET', '/api/conferences?period=2023&status=draft');
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items).toHaveLength(2);
    for (const it of items) for (const k of ['id', 'period', 'kind', 'title', 'startsAt', 'status']) expect(it).toHaveProperty(k);
    expect((await call('office', 'GET', '/api/conferences?status=held')).json().items).toEqual([]);
  });

  it('keeps drafts from units and viewers (404 for the page)', async () => {
    expect((await call('rep1', 'GET', '/api/conferences')).json().items).toEqual([]);
    expect((await call('viewer', 'GET', '/api/conferences')).json().items).toEqual([]);
    expect((await call('rep1', 'GET', `/api/conferences/${id}`)).statusCode).toBe(404);
    expect((await call('viewer', 'GET', `/api/conferences/${id}`)).statusCode).toBe(404);
    expect((await call('director', 'GET', `/api/conferences/${id}`)).statusCode).toBe(200);
  });

  it('edits title, time, place and theme; refuses a date-only start and a reply deadline after the start', async () => {
    const ok = await call('office', 'PATCH', `/api/conferences/${id}`, { place: 'Hội trường tầng 3, Sở Thông tin và Truyền thông', theme: 'Năm chuyển đổi số' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ place: 'Hội trường tầng 3, Sở Thông tin và Truyền thông', theme: 'Năm chuyển đổi số', icsSequence: 0 });
    const dateOnly = await call('office', 'PATCH', `/api/conferences/${id}`, { startsAt: '2024-01-04' });
    expect(dateOnly.statusCode).toBe(400);
    const late = await call('office', 'PATCH', `/api/conferences/${id}`, { rsvpDeadline: '2024-01-05' });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('phải trước giờ khai mạc');
  });

  it('refuses a move to a date on which an invited unit no longer exists, naming it', async () => {
    const r = await call('office', 'PATCH', `/api/conferences/${id}`, { startsAt: '2025-07-03T08:00' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('Phòng Văn hóa và Thông tin huyện Khê Thượng');
    expect(r.json().message).toContain('không hoạt động vào ngày hội nghị 03/07/2025');
  });

  it('manages guests; a guest who gives the directive is named on the directive item', async () => {
    const g = await call('office', 'POST', `/api/conferences/${id}/guests`, {
      fullName: 'Phạm Duy Hải', position: 'Phó Chủ tịch Ủy ban nhân dân tỉnh', body: 'Ủy ban nhân dân tỉnh Vân Lĩnh', givesDirective: true,
    });
    expect(g.statusCode, g.body).toBe(201);
    const agenda = (await call('office', 'GET', `/api/conferences/${id}/agenda`)).json();
    expect(agenda.items.find((i: { kind: string }) => i.kind === 'directive').presenter.name).toBe('Phó Chủ tịch Ủy ban nhân dân tỉnh Phạm Duy Hải');
    const p = await call('office', 'PATCH', `/api/conferences/${id}/guests/${g.json().id}`, { body: 'UBND tỉnh Vân Lĩnh' });
    expect(p.json().body).toBe('UBND tỉnh Vân Lĩnh');
    const g2 = await call('office', 'POST', `/api/conferences/${id}/guests`, { fullName: 'Khách tạm' });
    expect((await call('office', 'DELETE', `/api/conferences/${id}/guests/${g2.json().id}`)).statusCode).toBe(200);
    expect((await call('office', 'GET', `/api/conferences/${id}/guests`)).json().items).toHaveLength(1);
    expect((await call('director', 'POST', `/api/conferences/${id}/guests`, { fullName: 'X' })).statusCode).toBe(403);
    expect((await call('office', 'DELETE', `/api/conferences/${id}/guests/999999`)).statusCode).toBe(404);
  });

  it('moves along the lifecycle only by the table: hold before invite is refused, close before conclusion too', async () => {
    const hold = await call('office', 'POST', `/api/conferences/${id}/hold`);
    expect(hold.statusCode).toBe(403);
    expect(hold.json().message).toContain('chưa gửi giấy mời');
  });
});

describe('policy seen through the routes', () => {
  it('answers 404 for an id that does not exist, 401 without signing in', async () => {
    expect((await call('office', 'GET', '/api/conferences/987654')).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/api/conferences' })).statusCode).toBe(401);
  });

  it('lets no one but the organisers create', async () => {
    for (const who of ['director', 'reviewer', 'viewer', 'rep1', 'head1'] as const)
      expect((await call(who, 'POST', '/api/conferences', { period: '2023Q1' })).statusCode).toBe(403);
  });
});
