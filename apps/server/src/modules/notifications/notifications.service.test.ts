import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { listForUser, markRead, runReminders } from './notifications.service.js';

let t: { db: Db; close: () => Promise<void> };
let unitA: number;
let unitB: number;
let roundId: number;

beforeAll(async () => {
  t = await testDb();
  const db = t.db;
  unitA = (await db.one<{ id: number }>(`INSERT INTO org_units (code, name, type) VALUES ('A', 'Phòng VH&TT huyện An Khê', 'district_office') RETURNING id`)).id;
  unitB = (await db.one<{ id: number }>(`INSERT INTO org_units (code, name, type) VALUES ('B', 'Phòng VH&TT huyện Bình Lộc', 'district_office') RETURNING id`)).id;
  await db.query(`INSERT INTO org_units (code, name, type, valid_to) VALUES ('C', 'Đơn vị đã giải thể', 'district_office', '2025-06-30')`);
  const form = (await db.one<{ id: number }>(`INSERT INTO report_forms (code, name, period_type) VALUES ('F', 'Báo cáo quý', 'Quarterly') RETURNING id`)).id;
  await db.query(`INSERT INTO form_units (form_id, org_unit_id) SELECT $1, id FROM org_units`, [form]);
  roundId = (await db.one<{ id: number }>(
    `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline)
     VALUES ($1, '2026Q4', '2026-10-01', '2026-12-31', '2026-09-15', '2026-12-14', '2026-12-15T10:00:00Z') RETURNING id`, [form])).id;
  // Unit B has already submitted: no reminder for it.
  await db.query(`INSERT INTO submissions (round_id, org_unit_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`, [roundId, unitB]);
  await db.query(`INSERT INTO users (username, password_hash, role, org_unit_id) VALUES ('a', 'x', 'reporter', $1)`, [unitA]);
});
afterAll(() => t.close());

describe('deadline reminders', () => {
  it('says nothing more than 3 days before the deadline', async () => {
    expect(await runReminders(t.db, new Date('2026-12-11T09:00:00Z'))).toBe(0);
  });

  it('reminds each unit that has not submitted, once, 3 days before', async () => {
    expect(await runReminders(t.db, new Date('2026-12-12T11:00:00Z'))).toBe(1);
    expect(await runReminders(t.db, new Date('2026-12-13T11:00:00Z'))).toBe(0);
    const n = await t.db.one<{ org_unit_id: number; title: string }>(`SELECT org_unit_id, title FROM notifications`);
    expect(n.org_unit_id).toBe(unitA);
    expect(n.title).toBe('Sắp đến hạn nộp báo cáo: Báo cáo quý – Quý IV năm 2026');
  });

  it('reminds once on each overdue day', async () => {
    expect(await runReminders(t.db, new Date('2026-12-16T02:00:00Z'))).toBe(1);
    expect(await runReminders(t.db, new Date('2026-12-16T09:00:00Z'))).toBe(0);
    expect(await runReminders(t.db, new Date('2026-12-17T02:00:00Z'))).toBe(1);
    const titles = (await t.db.query<{ title: string }>(`SELECT title FROM notifications WHERE kind = 'round.overdue'`)).map((r) => r.title);
    expect(titles).toEqual(['Quá hạn nộp báo cáo: Báo cáo quý – Quý IV năm 2026', 'Quá hạn nộp báo cáo: Báo cáo quý – Quý IV năm 2026']);
  });

  it('shows unit notifications to the unit’s users and tracks reading per user', async () => {
    const user = (await t.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'a'`)).id;
    const list = await listForUser(t.db, user, unitA);
    expect(list).toHaveLength(3);
    expect(list.every((n) => !n.read)).toBe(true);
    await markRead(t.db, user, unitA, 'all');
    expect((await listForUser(t.db, user, unitA)).every((n) => n.read)).toBe(true);
  });
});
