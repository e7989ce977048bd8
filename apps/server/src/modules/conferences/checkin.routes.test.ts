import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../org/test-fixtures.js';
import { type TestServer, testServer } from '../../test/server.js';
import { addDelegates, type DayWorld, dayUsers, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({ now: '2025-01-08T00:45:00Z', seed: async (db) => { world = await seedDay(db); } });
  w = world!;
  users = await dayUsers(s.app, w.u);
});
afterAll(() => s.close());

const url = () => `/api/conferences/${w.conferenceId}/checkin`;
const post = (payload: unknown, who = users.office) => s.app.inject({ method: 'POST', url: url(), headers: who, payload: payload as object });

describe('check-in at the door', () => {
  it('finds delegates without diacritics, by name, unit or position', async () => {
    const r = await s.app.inject({ method: 'GET', url: `${url()}?q=${encodeURIComponent('bao lac')}`, headers: users.office });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((d: { fullName: string }) => d.fullName)).toEqual(['Bế Thị Lan']);
    const byName = await s.app.inject({ method: 'GET', url: `${url()}?q=${encodeURIComponent('TRIEU son')}`, headers: users.office });
    expect(byName.json().items).toMatchObject([{ fullName: 'Triệu Văn Sơn', unit: { name: 'Phòng Văn hóa và Thông tin huyện Hòa An', type: 'district_office' }, checkedIn: false }]);
    const all = await s.app.inject({ method: 'GET', url: url(), headers: users.office });
    expect(all.json().items).toHaveLength(6);
    const wildcard = await s.app.inject({ method: 'GET', url: `${url()}?q=%25`, headers: users.office });
    expect(wildcard.json().items).toHaveLength(0);
  });

  it('checks a delegate in by the QR ticket once; a second scan answers 200 with the first time', async () => {
    const d = w.delegates[0]!;
    const first = await post({ ticket: d.ticket });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ alreadyCheckedIn: false, matched: 'ticket', delegate: { id: d.id, checkedIn: true, walkIn: false, checkedInAt: '2025-01-08T00:45:00.000Z' } });
    s.clock.set('2025-01-08T00:50:00Z');
    // the same code read as a link by another phone
    const again = await post({ ticket: `https://nhip.example/checkin?t=${d.ticket}` }, users.office2);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, delegate: { id: d.id, checkedInAt: '2025-01-08T00:45:00.000Z' } });
    const events = await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'conference.checkin' AND entity_id = $1`, [String(d.id)]);
    expect(events).toHaveLength(1);
  });

  it('checks a delegate in picked from the list', async () => {
    const d = w.delegates[1]!;
    const r = await post({ delegateId: d.id });
    expect(r.json()).toMatchObject({ alreadyCheckedIn: false, matched: 'delegate', delegate: { id: d.id, checkedIn: true } });
    expect((await post({ delegateId: d.id })).json().alreadyCheckedIn).toBe(true);
  });

  it('answers 404 in Vietnamese for an unknown ticket, another conference\'s ticket and another conference\'s delegate', async () => {
    const unknown = await post({ ticket: 'khong-co-ma-nay-123' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/Không tìm thấy đại biểu có mã QR này/);
    const { id: other } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2024Q4', 'interim', 'Hội nghị khác', 'invited', now()) RETURNING id`,
    );
    const [foreign] = await s.db.query<{ id: number; ticket: string }>(
      `INSERT INTO conference_delegates (conference_id, full_name, ticket) VALUES ($1, 'Người hội nghị khác', 'tk-khac-abcdefgh') RETURNING id, ticket`, [other],
    );
    expect((await post({ ticket: foreign!.ticket })).statusCode).toBe(404);
    expect((await post({ delegateId: foreign!.id })).statusCode).toBe(404);
    expect((await s.db.one<{ checked_in_at: Date | null }>(`SELECT checked_in_at FROM conference_delegates WHERE id = $1`, [foreign!.id])).checked_in_at).toBeNull();
  });

  it('records someone not invited as a walk-in, flagged, and does not add them twice', async () => {
    const before = await countRows(s.db, 'conference_delegates');
    const r = await post({ walkIn: { fullName: '  Hà   Văn Bình ', unitId: w.u.X9, position: 'Trưởng phòng' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      alreadyCheckedIn: false, matched: 'walk_in',
      delegate: { fullName: 'Hà Văn Bình', walkIn: true, checkedIn: true, unit: { id: w.u.X9, type: 'district_office' } },
    });
    const again = await post({ walkIn: { fullName: 'ha van binh', unitId: w.u.X9 } }, users.office2);
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, delegate: { id: r.json().delegate.id } });
    expect(await countRows(s.db, 'conference_delegates')).toBe(before + 1);
  });

  it('checks in an invited delegate typed by name instead of recording a walk-in', async () => {
    const r = await post({ walkIn: { fullName: 'Lục Văn Khánh' } });
    expect(r.json()).toMatchObject({ matched: 'name', alreadyCheckedIn: false, delegate: { id: w.delegates[2]!.id, walkIn: false } });
  });

  it('refuses a walk-in from a unit that does not exist on the conference date, and an empty name', async () => {
    const gone = await post({ walkIn: { fullName: 'Người phòng cũ', unitId: w.u.GONE } });
    expect(gone.statusCode).toBe(400);
    expect(gone.json().message).toBe('Đơn vị đã chọn không tồn tại vào ngày diễn ra hội nghị.');
    expect((await post({ walkIn: { fullName: '   ' } })).statusCode).toBe(400);
    expect((await post({ ticket: 'x', delegateId: 1 })).statusCode).toBe(400);
  });

  it('counts arrivals by unit type, walk-ins apart', async () => {
    const r = await s.app.inject({ method: 'GET', url: `${url()}/summary`, headers: users.director });
    expect(r.statusCode, r.body).toBe(200);
    const byType = Object.fromEntries(r.json().byUnitType.map((x: { unitType: string }) => [x.unitType, x]));
    expect(byType.district_office).toEqual({ unitType: 'district_office', unitsInvited: 3, unitsPresent: 3, delegates: 3, checkedIn: 4, walkIns: 1 });
    expect(byType.enterprise).toEqual({ unitType: 'enterprise', unitsInvited: 1, unitsPresent: 0, delegates: 1, checkedIn: 0, walkIns: 0 });
    expect(r.json().total).toEqual({ unitsInvited: 6, unitsPresent: 3, delegates: 6, checkedIn: 4, walkIns: 1 });
  });

  it('lets only the office check in; other units\' users do not see the conference (404)', async () => {
    expect((await post({ delegateId: w.delegates[3]!.id }, users.director)).statusCode).toBe(403);
    expect((await post({ delegateId: w.delegates[3]!.id }, users.unit)).statusCode).toBe(403);
    expect((await post({ delegateId: w.delegates[3]!.id }, users.outsider)).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: url(), headers: users.outsider })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/api/conferences/999999/checkin', headers: users.office })).statusCode).toBe(404);
  });
});

describe('the burst at the door', () => {
  it('checks in 300 delegates from two phones at once, the same tickets from both, none lost and none doubled', async () => {
    const { id: conferenceId } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2024', 'annual', 'Hội nghị đông đại biểu', 'invited', '2025-01-09T01:00:00Z') RETURNING id`,
    );
    await s.db.query(`INSERT INTO conference_invitations (conference_id, org_unit_id, expected_delegates, status) SELECT $1, unnest($2::int[]), 50, 'accepted'`,
      [conferenceId, [w.u.D1, w.u.D2, w.u.D3, w.u.M1, w.u.T1, w.u.B1]]);
    const delegates = await addDelegates(s.db, conferenceId, 300);
    expect(delegates).toHaveLength(300);
    const audited = async () =>
      (await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'conference.checkin' AND (after->>'conferenceId')::int = $1`, [conferenceId])).n;
    // Phone A walks the queue from the front, phone B from the back; in the middle they scan the same people.
    const phoneA = delegates.slice(0, 170);
    const phoneB = [...delegates.slice(130)].reverse();
    const send = (who: { cookie: string }, d: { ticket: string }) =>
      s.app.inject({ method: 'POST', url: `/api/conferences/${conferenceId}/checkin`, headers: who, payload: { ticket: d.ticket } });
    const results = await Promise.all([
      Promise.all(phoneA.map((d) => send(users.office, d))),
      Promise.all(phoneB.map((d) => send(users.office2, d))),
    ]);
    const all = results.flat();
    expect(all.every((r) => r.statusCode === 200)).toBe(true);
    const fresh = all.filter((r) => !r.json().alreadyCheckedIn).map((r) => r.json().delegate.id as number);
    expect(fresh).toHaveLength(300);
    expect(new Set(fresh).size).toBe(300);
    expect(all.filter((r) => r.json().alreadyCheckedIn)).toHaveLength(40);
    const counts = await s.db.one<{ rows: number; checked: number }>(
      `SELECT count(*)::int AS rows, count(checked_in_at)::int AS checked FROM conference_delegates WHERE conference_id = $1`, [conferenceId],
    );
    expect(counts).toEqual({ rows: 300, checked: 300 });
    expect(await audited()).toBe(300);
  }, 120_000);

  it('records a walk-in typed on both phones at the same moment once', async () => {
    const name = 'Vương Thị Kim Oanh';
    const rs = await Promise.all([users.office, users.office2, users.office, users.office2].map((who, i) =>
      post({ walkIn: { fullName: i % 2 ? name.toLowerCase() : name, unitId: w.u.T1, position: 'Chuyên viên' } }, who)));
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(new Set(rs.map((r) => r.json().delegate.id)).size).toBe(1);
    expect(rs.filter((r) => !r.json().alreadyCheckedIn)).toHaveLength(1);
    const rows = await s.db.query(`SELECT 1 FROM conference_delegates WHERE conference_id = $1 AND vn_fold(full_name) = vn_fold($2)`, [w.conferenceId, name]);
    expect(rows).toHaveLength(1);
  });
});
