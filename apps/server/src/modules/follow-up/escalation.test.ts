import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../identity/password.js';
import { type TestServer, testServer } from '../../test/server.js';
import { startTestSmtp, type TestSmtp } from '../conferences/smtp.test-util.js';
import { checkReminderSettings, DEFAULT_REMINDERS, isoWeek, runFollowUpJobs } from './escalation.service.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';

let s: TestServer;
let w: RegisterWorld;
let users: Awaited<ReturnType<typeof registerUsers>>;
let smtp: TestSmtp;
let deputyUser: number;
const ids: Record<string, number> = {};

// Tuesday 10/03/2026, 09:00 in Vietnam.
const NOW = '2026-03-10T02:00:00Z';
const config = () => ({ smtpUrl: smtp.url, smtpFrom: 'nhip@so.vanlinh.gov.vn', publicUrl: 'https://nhip.vanlinh.gov.vn' });
const run = (at = s.clock.now()) => runFollowUpJobs(s.db, at, config());
const notes = (where = 'true', params: unknown[] = []) =>
  s.db.query<{ id: number; user_id: number | null; org_unit_id: number | null; kind: string; title: string; body: string; link: string; dedupe_key: string; emailed_at: Date | null }>(
    `SELECT id, user_id, org_unit_id, kind, title, body, link, dedupe_key, emailed_at FROM notifications WHERE kind LIKE 'followup.%' AND ${where} ORDER BY id`, params,
  );

beforeAll(async () => {
  smtp = await startTestSmtp();
  let world: RegisterWorld | undefined;
  s = await testServer({ now: NOW, seed: async (db) => { world = await seedRegister(db); } });
  w = world!;
  users = await registerUsers(s.app, w.u);
  // the deputy in charge of BCVT signs in to Nhịp; the deputy of TTCS does not
  ({ id: deputyUser } = await s.db.one<{ id: number }>(
    `INSERT INTO users (username, full_name, email, password_hash, role, org_unit_id) VALUES ('pgd.tuan', 'Lô Quang Tuấn', 'tuan@so.vanlinh.gov.vn', $1, 'director', $2) RETURNING id`,
    [await hashPassword('Mat-khau-rat-dai-1'), w.u.DEP],
  ));
  await s.db.query(`UPDATE people SET user_id = $1 WHERE id = $2`, [deputyUser, w.p.deputyA]);
  await s.db.query(`UPDATE users SET email = 'bcvt@so.vanlinh.gov.vn' WHERE username = 'thamdinh'`);
  const make = async (key: string, deadline: string, over: object = {}) => {
    const r = await s.app.inject({
      method: 'POST', url: '/api/recommendations', headers: users.office,
      payload: { text: `Kiến nghị ${key}: hỗ trợ kinh phí sửa chữa cụm loa`, kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline, raisedOn: '2026-01-05', ...over },
    });
    expect(r.statusCode, r.body).toBe(201);
    ids[key] = r.json().id;
  };
  await make('in7', '2026-03-17');
  await make('in1', '2026-03-11');
  await make('today', '2026-03-10');
  await make('late5', '2026-03-05');
  await make('late7', '2026-03-03', { sector: 'TTCS', owner: 'P-TTCS' });
  await make('late28', '2026-02-10');
  await make('far', '2026-03-25');
  await make('settled', '2026-02-01');
  await s.db.query(`UPDATE recommendations SET state = 'done', closed_on = '2026-03-01', answer = 'Đã giải quyết.' WHERE id = $1`, [ids.settled]);
  // the deputy of late28 is recorded on the item only at escalation (the sector's lead)
  await s.db.query(`UPDATE recommendations SET deputy_person_id = NULL WHERE id = $1`, [ids.late28]);
}, 60_000);
afterAll(async () => {
  await s.close();
  await smtp.close();
});

describe('the reminder settings', () => {
  it('default to 7 and 1 days before, the day, weekly while overdue, escalation after 7 days, the digest on Monday; bad values are refused in Vietnamese', async () => {
    expect(DEFAULT_REMINDERS).toEqual({ daysBefore: [7, 1], onDeadline: true, overdueEveryDays: 7, escalateAfterDays: 7, digestWeekday: 1 });
    expect(checkReminderSettings({ daysBefore: [1, 3, 3] }).daysBefore).toEqual([3, 1]);
    expect(() => checkReminderSettings({ daysBefore: [0] })).toThrow('Số ngày nhắc trước hạn phải là các số nguyên từ 1 đến 90 (tối đa 10 mốc), ví dụ [7, 1].');
    expect(() => checkReminderSettings({ digestWeekday: 8 })).toThrow('Ngày gửi bản tổng hợp hằng tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật).');
    const get = await s.app.inject({ method: 'GET', url: '/api/recommendations/reminders', headers: users.bcvt });
    expect(get.json()).toEqual(DEFAULT_REMINDERS);
    expect((await s.app.inject({ method: 'GET', url: '/api/recommendations/reminders', headers: users.commune })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'PUT', url: '/api/recommendations/reminders', headers: users.bcvt, payload: { escalateAfterDays: 3 } })).statusCode).toBe(403);
    const bad = await s.app.inject({ method: 'PUT', url: '/api/recommendations/reminders', headers: users.office, payload: { overdueEveryDays: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Chu kỳ nhắc khi quá hạn phải là số ngày nguyên từ 1 đến 90.');
    expect(isoWeek('2026-03-10')).toEqual({ week: '2026-W11', weekday: 2 });
    expect(isoWeek('2027-01-01')).toEqual({ week: '2026-W53', weekday: 5 });
  });
});

describe('the follow-up job', () => {
  it('reminds the owner division at each stage, escalates what is 7 days overdue to the deputy in charge, and sends the weekly digest', async () => {
    const r = await run();
    expect(r).toEqual({ reminders: 6, escalated: 2, digests: 2, emailed: 2 });
    const reminders = await notes(`kind IN ('followup.reminder','followup.overdue')`);
    const stage = (key: string) => reminders.find((n) => n.link === `/recommendations/${ids[key]}`);
    expect(stage('in7')).toMatchObject({ org_unit_id: w.u.BCVT, title: `Sắp đến hạn giải quyết kiến nghị #${ids.in7}: còn 7 ngày`, dedupe_key: `followup-reminder:${ids.in7}:2026-03-17:before-7` });
    expect(stage('in7')!.body).toBe('Kiến nghị in7: hỗ trợ kinh phí sửa chữa cụm loa\nHạn giải quyết: 17/03/2026.');
    expect(stage('in1')).toMatchObject({ title: `Sắp đến hạn giải quyết kiến nghị #${ids.in1}: còn 1 ngày`, dedupe_key: `followup-reminder:${ids.in1}:2026-03-11:before-1` });
    expect(stage('today')).toMatchObject({ title: `Hôm nay là hạn giải quyết kiến nghị #${ids.today}`, dedupe_key: `followup-reminder:${ids.today}:2026-03-10:due` });
    // its day was missed (the server was off): it gets the current stage, not a burst of the past ones
    expect(stage('late5')).toMatchObject({ kind: 'followup.overdue', title: `Kiến nghị #${ids.late5} đã quá hạn giải quyết 5 ngày`, dedupe_key: `followup-reminder:${ids.late5}:2026-03-05:due` });
    expect(stage('late7')).toMatchObject({ org_unit_id: w.u.TTCS, dedupe_key: `followup-reminder:${ids.late7}:2026-03-03:overdue-1` });
    expect(stage('late28')).toMatchObject({ dedupe_key: `followup-reminder:${ids.late28}:2026-02-10:overdue-4` });
    expect(stage('far')).toBeUndefined();
    expect(stage('settled')).toBeUndefined();

    const escalated = await s.db.query<{ id: number; escalated_at: Date | null; deputy_person_id: number | null }>(
      `SELECT id, escalated_at, deputy_person_id FROM recommendations WHERE escalated_at IS NOT NULL ORDER BY id`,
    );
    expect(escalated.map((e) => [e.id, e.deputy_person_id])).toEqual([[ids.late7, w.p.deputyB], [ids.late28, w.p.deputyA]]);
    const up = await notes(`kind = 'followup.escalation'`);
    // the deputy with an account hears in the app (and by e-mail); for the deputy without one, the directors' accounts (this deputy's
    // among them); each owner division too
    const director = await s.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'giamdoc'`);
    expect(up.map((n) => [n.user_id, n.org_unit_id, n.title])).toEqual(expect.arrayContaining([
      [deputyUser, null, '2 kiến nghị quá hạn được báo cáo lãnh đạo Sở'],
      [director.id, null, `Kiến nghị #${ids.late7} quá hạn được báo cáo lãnh đạo Sở`],
      [null, w.u.BCVT, `Kiến nghị #${ids.late28} quá hạn đã được báo cáo lãnh đạo Sở phụ trách`],
      [null, w.u.TTCS, `Kiến nghị #${ids.late7} quá hạn đã được báo cáo lãnh đạo Sở phụ trách`],
    ]));
    expect(up).toHaveLength(4);
    expect(up.find((n) => n.user_id === deputyUser)!.body).toBe([
      `- #${ids.late7} (Phòng Thông tin cơ sở, hạn 03/03/2026, quá 7 ngày): Kiến nghị late7: hỗ trợ kinh phí sửa chữa cụm loa`,
      `- #${ids.late28} (Phòng Bưu chính – Viễn thông, hạn 10/02/2026, quá 28 ngày): Kiến nghị late28: hỗ trợ kinh phí sửa chữa cụm loa`,
    ].join('\n'));
    const audits = await s.db.query<{ entity_id: string; actor_name: string; org_unit_id: number; after: { items: { id: number; daysOver: number }[] } }>(
      `SELECT entity_id, actor_name, org_unit_id, after FROM audit_events WHERE action = 'recommendation.escalate' ORDER BY org_unit_id`,
    );
    expect(audits.map((a) => [a.org_unit_id, a.actor_name, a.entity_id, a.after.items.map((i) => [i.id, i.daysOver])])).toEqual([
      [w.u.BCVT, 'scheduler', String(ids.late28), [[ids.late28, 28]]],
      [w.u.TTCS, 'scheduler', String(ids.late7), [[ids.late7, 7]]],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)));
    const timeline = await s.db.query<{ kind: string; text: string }>(`SELECT kind, text FROM recommendation_updates WHERE recommendation_id = $1 AND kind IN ('reminder','escalation') ORDER BY id`, [ids.late28]);
    expect(timeline).toEqual([
      { kind: 'reminder', text: `Nhắc phòng chủ trì: Kiến nghị #${ids.late28} đã quá hạn giải quyết 28 ngày.` },
      { kind: 'escalation', text: 'Quá hạn 28 ngày: báo cáo lãnh đạo Sở phụ trách (Lô Quang Tuấn).' },
    ]);

    const digests = await notes(`kind = 'followup.digest'`);
    expect(digests.map((d) => [d.org_unit_id, d.dedupe_key])).toEqual([[w.u.BCVT, `followup-digest:${w.u.BCVT}:2026-W11`], [w.u.TTCS, `followup-digest:${w.u.TTCS}:2026-W11`]]);
    expect(digests[0]).toMatchObject({ title: 'Tổng hợp kiến nghị tuần 11/2026: 6 đang giải quyết, 2 quá hạn', link: '/recommendations?owner=P-BCVT' });
    expect(digests[0]!.body.split('\n').slice(0, 4)).toEqual([
      'Phòng Bưu chính – Viễn thông:', '- Đang giải quyết: 6, trong đó quá hạn 2, đã báo cáo lãnh đạo Sở 1.', '- Đến hạn trong 7 ngày tới: 3.', '- Đã giải quyết trong 7 ngày qua: 0.',
    ]);
    // e-mail: the deputy's escalation and the BCVT digest (TTCS has no address)
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([['bcvt@so.vanlinh.gov.vn'], ['tuan@so.vanlinh.gov.vn']]);
    expect(digests[0]!.emailed_at).not.toBeNull();
  });

  it('never sends twice: a second run, and a restart, find nothing new', async () => {
    const before = (await notes()).length;
    expect(await run()).toEqual({ reminders: 0, escalated: 0, digests: 0, emailed: 0 });
    expect(await runFollowUpJobs(s.db, new Date(s.clock.now().getTime() + 3 * 3600_000), config())).toEqual({ reminders: 0, escalated: 0, digests: 0, emailed: 0 });
    expect((await notes()).length).toBe(before);
    expect(smtp.mails).toHaveLength(2);
  });

  it('the next days: each item moves to its next stage once; a new deadline starts again; the digest waits for next week', async () => {
    s.clock.set('2026-03-11T02:00:00Z');
    const r = await run();
    // in1 is due today; today is now 1 day late (its "due" was sent): nothing more for it
    expect(r).toMatchObject({ reminders: 1, escalated: 0, digests: 0 });
    expect((await notes(`dedupe_key = $1`, [`followup-reminder:${ids.in1}:2026-03-11:due`]))).toHaveLength(1);
    const v = (await s.db.one<{ version: number }>(`SELECT version FROM recommendations WHERE id = $1`, [ids.late5])).version;
    const p = await s.app.inject({ method: 'PATCH', url: `/api/recommendations/${ids.late5}`, headers: users.office, payload: { version: v, deadline: '2026-03-18' } });
    expect(p.statusCode, p.body).toBe(200);
    expect((await run()).reminders).toBe(1);
    expect(await notes(`dedupe_key = $1`, [`followup-reminder:${ids.late5}:2026-03-18:before-7`])).toHaveLength(1);
    s.clock.set('2026-03-16T02:00:00Z');
    const monday = await run();
    expect(monday.digests).toBe(2);
    // late7 is now 13 days late: still its first weekly reminder; late28 is 34 days late: still the 4th
    expect(await notes(`dedupe_key LIKE $1`, [`followup-reminder:${ids.late7}:%`])).toHaveLength(1);
    s.clock.set('2026-03-17T02:00:00Z');
    await run();
    expect((await notes(`dedupe_key LIKE $1`, [`followup-reminder:${ids.late7}:%`])).map((n) => n.dedupe_key.split(':').pop())).toEqual(['overdue-1', 'overdue-2']);
  });

  it('follows the settings the office saved', async () => {
    const put = await s.app.inject({ method: 'PUT', url: '/api/recommendations/reminders', headers: users.office, payload: { daysBefore: [10], escalateAfterDays: 0 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ ...DEFAULT_REMINDERS, daysBefore: [10], escalateAfterDays: 0 });
    const r = await run();
    // far (25/03) is now 8 days away: within 10; the items due in the past now escalate at once
    expect(await notes(`dedupe_key = $1`, [`followup-reminder:${ids.far}:2026-03-25:before-10`])).toHaveLength(1);
    expect(r.escalated).toBeGreaterThanOrEqual(1);
    const a = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'settings.update' AND entity_id = 'followup.reminders'`);
    expect(a.n).toBe(1);
  });
});
