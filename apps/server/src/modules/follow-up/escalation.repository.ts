/**
 * SQL of the follow-up's scheduled work: deadline reminders to the owner division, escalation of long-overdue items to
 * the deputy director in charge, and the weekly digest. Set-based: the job reads and writes many items per statement
 * (100,000 open items in a few seconds).
 */
import type { Db } from '../../platform/db/index.js';

const OPEN = `('new','assigned','in_progress','carried')`;

/** An open item due for a reminder at its stage (see escalation.service.ts), not yet reminded at that stage. */
export type DueReminder = { id: number; owner_division_id: number; text: string; deadline: string; days_left: number; stage: string; dedupe_key: string };

export type DueEscalation = {
  id: number;
  text: string;
  deadline: string;
  owner_division_id: number | null;
  owner_name: string | null;
  deputy_person_id: number | null;
  deputy_name: string | null;
  deputy_user_id: number | null;
};

export type DigestRow = {
  division_id: number;
  division_code: string;
  division_name: string;
  open: number;
  overdue: number;
  due_soon: number;
  escalated: number;
  done_last_week: number;
  top: { id: number; text: string; deadline: string; days_over: number }[];
};

export const escalationRepo = {
  setting: (db: Db, key: string) => db.maybeOne<{ value: unknown }>(`SELECT value FROM settings WHERE key = $1`, [key]),

  saveSetting: (db: Db, key: string, value: unknown) =>
    db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    ),

  /**
   * Open items with an owner and a deadline whose reminder stage today has not been sent: the stage is 'before-N'
   * (N the smallest of `before` that is ≥ the days left), 'due' on the day (and until the first weekly overdue
   * reminder when that day was missed), 'overdue-K' from K × `every` days late. The dedupe key names the item, its
   * deadline (a new deadline starts again) and the stage.
   */
  dueReminders: (db: Db, today: string, before: number[], onDeadline: boolean, every: number) =>
    db.query<DueReminder>(
      `WITH due AS (
         SELECT r.id, r.owner_division_id, r.text, r.deadline, (r.deadline - $1::date) AS days_left
           FROM recommendations r
          WHERE r.state IN ${OPEN} AND r.deadline IS NOT NULL AND r.owner_division_id IS NOT NULL
            AND r.deadline <= $1::date + coalesce((SELECT max(b) FROM unnest($2::int[]) b), 0)
       ), staged AS (
         SELECT d.*, CASE
                  WHEN d.days_left > 0 THEN (SELECT 'before-' || min(b) FROM unnest($2::int[]) b WHERE b >= d.days_left)
                  WHEN -d.days_left >= $4::int THEN 'overdue-' || ((-d.days_left) / $4::int)
                  WHEN $3::boolean THEN 'due'
                END AS stage
           FROM due d
       )
       SELECT s.id, s.owner_division_id, s.text, s.deadline::text AS deadline, s.days_left, s.stage,
              'followup-reminder:' || s.id || ':' || s.deadline || ':' || s.stage AS dedupe_key
         FROM staged s
        WHERE s.stage IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'followup-reminder:' || s.id || ':' || s.deadline || ':' || s.stage)
        ORDER BY s.id`,
      [today, before, onDeadline, every],
    ),

  /** Inserts notifications (one per row; a dedupe key already used is skipped) and returns what was inserted. */
  insertNotifications: (db: Db, rows: { userId: number | null; orgUnitId: number | null; kind: string; title: string; body: string; link: string; dedupeKey: string }[]) =>
    rows.length === 0
      ? Promise.resolve([] as { id: number; dedupe_key: string }[])
      : db.query<{ id: number; dedupe_key: string }>(
          `INSERT INTO notifications (user_id, org_unit_id, kind, title, body, link, dedupe_key)
           SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key`,
          [rows.map((r) => r.userId), rows.map((r) => r.orgUnitId), rows.map((r) => r.kind), rows.map((r) => r.title), rows.map((r) => r.body),
            rows.map((r) => r.link), rows.map((r) => r.dedupeKey)],
        ),

  /** Dated entries on the items' timelines (reminders, escalations), written by the system. */
  insertTimeline: (db: Db, kind: 'reminder' | 'escalation', ids: number[], texts: string[], at: Date) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.query(
          `INSERT INTO recommendation_updates (recommendation_id, kind, text, by_name, at)
           SELECT u.id, $1, u.text, 'Hệ thống', $4 FROM unnest($2::int[], $3::text[]) AS u(id, text)`,
          [kind, ids, texts, at],
        ),

  /** Open items at least `after` days past their deadline and not yet escalated, with the deputy in charge (the item's, else the sector's lead that day). */
  dueEscalations: (db: Db, today: string, after: number) =>
    db.query<DueEscalation>(
      `SELECT r.id, r.text, r.deadline::text AS deadline, r.owner_division_id, o.name AS owner_name, p.id AS deputy_person_id, p.full_name AS deputy_name,
              du.id AS deputy_user_id
         FROM recommendations r
         LEFT JOIN org_units o ON o.id = r.owner_division_id
         LEFT JOIN LATERAL (SELECT l.person_id FROM sector_leads l
                             WHERE l.sector_id = r.sector_id AND l.valid_from <= $1::date AND (l.valid_to IS NULL OR l.valid_to >= $1::date)
                             ORDER BY l.valid_from DESC LIMIT 1) sl ON r.deputy_person_id IS NULL
         LEFT JOIN people p ON p.id = coalesce(r.deputy_person_id, sl.person_id)
         LEFT JOIN users du ON du.id = p.user_id AND du.active
        WHERE r.state IN ${OPEN} AND r.escalated_at IS NULL AND r.deadline IS NOT NULL AND r.deadline <= $1::date - $2::int
        ORDER BY r.id`,
      [today, after],
    ),

  /** Marks items escalated (and records the deputy in charge where none was), if still open and not escalated. */
  markEscalated: (db: Db, ids: number[], deputies: (number | null)[], at: Date) =>
    db.query<{ id: number }>(
      `UPDATE recommendations r SET escalated_at = $3, deputy_person_id = coalesce(r.deputy_person_id, u.deputy)
         FROM unnest($1::int[], $2::int[]) AS u(id, deputy)
        WHERE r.id = u.id AND r.escalated_at IS NULL AND r.state IN ${OPEN} RETURNING r.id`,
      [ids, deputies, at],
    ),

  /** Active directors (Ban Giám đốc accounts): who hears of an escalation when the deputy in charge has no account. */
  directorUserIds: async (db: Db) =>
    (await db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'director' AND active ORDER BY id`)).map((r) => r.id),

  /** Per division owning open items: the week's figures and the five most overdue. */
  digest: (db: Db, today: string) =>
    db.query<DigestRow>(
      `WITH agg AS (
         SELECT r.owner_division_id AS id,
                count(*) FILTER (WHERE r.state IN ${OPEN})::int AS open,
                count(*) FILTER (WHERE r.state IN ${OPEN} AND r.deadline < $1::date)::int AS overdue,
                count(*) FILTER (WHERE r.state IN ${OPEN} AND r.deadline BETWEEN $1::date AND $1::date + 7)::int AS due_soon,
                count(*) FILTER (WHERE r.state IN ${OPEN} AND r.escalated_at IS NOT NULL)::int AS escalated,
                count(*) FILTER (WHERE r.state IN ('done','cannot_do') AND r.closed_on > $1::date - 7)::int AS done_last_week
           FROM recommendations r
          WHERE r.owner_division_id IS NOT NULL AND r.state <> 'merged'
          GROUP BY r.owner_division_id
         HAVING count(*) FILTER (WHERE r.state IN ${OPEN}) > 0
       ), late AS MATERIALIZED (
         SELECT r.id, r.text, r.deadline, r.owner_division_id, row_number() OVER (PARTITION BY r.owner_division_id ORDER BY r.deadline, r.id) AS k
           FROM recommendations r WHERE r.state IN ${OPEN} AND r.deadline < $1::date AND r.owner_division_id IS NOT NULL
       )
       SELECT a.id AS division_id, o.code AS division_code, o.name AS division_name, a.open, a.overdue, a.due_soon, a.escalated, a.done_last_week,
              coalesce((SELECT json_agg(json_build_object('id', l.id, 'text', l.text, 'deadline', l.deadline, 'days_over', $1::date - l.deadline) ORDER BY l.k)
                          FROM late l WHERE l.owner_division_id = a.id AND l.k <= 5), '[]'::json) AS top
         FROM agg a JOIN org_units o ON o.id = a.id
        ORDER BY o.name, a.id`,
      [today],
    ),

  unitEmails: async (db: Db, unitId: number) =>
    (await db.query<{ email: string }>(`SELECT email FROM users WHERE org_unit_id = $1 AND active AND email IS NOT NULL AND email <> '' ORDER BY id`, [unitId])).map((r) => r.email),

  userEmails: async (db: Db, userIds: number[]) =>
    (await db.query<{ email: string }>(`SELECT email FROM users WHERE id = ANY($1::int[]) AND active AND email IS NOT NULL AND email <> '' ORDER BY id`, [userIds])).map((r) => r.email),

  markEmailed: (db: Db, ids: number[]) => db.query(`UPDATE notifications SET emailed_at = now() WHERE id = ANY($1::int[])`, [ids]),
};
