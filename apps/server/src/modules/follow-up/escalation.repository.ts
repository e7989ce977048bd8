/**
 * SQL of the follow-up's scheduled work: deadline reminders to the owner division, escalation of long-overdue items to
 * the deputy director in charge, and the weekly digest. Set-based: the job reads and writes many items per statement
 * (100,000 open items in a few seconds).
 */
import type { Db } from '../../platform/db/index.js';

const OPEN = `('new','assigned','in_progress','carried')`;

/** The wording of a reminder, as format() patterns: %s in order (item id, days; item id; item id, days late; text, deadline; title). */
export type ReminderWording = { before: string; onDay: string; overdue: string; body: string; timeline: string };

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
   * Today's reminders, in one statement on the server (a backlog of 70,000 reminders is not read out and written back):
   * the open items with an owner and a deadline whose reminder stage today has not been sent — the stage is 'before-N'
   * (N the smallest of `before` that is ≥ the days left), 'due' on the day (and until the first weekly overdue reminder
   * when that day was missed), 'overdue-K' from K × `every` days late — get a notification to the owner division
   * (its dedupe key names the item, its deadline, so a new deadline starts again, and the stage; a key already used is
   * skipped) and an entry on their timeline. The wording comes from the service as format() patterns (`w`); returns
   * how many were sent.
   */
  remind: async (db: Db, today: string, before: number[], onDeadline: boolean, every: number, at: Date, w: ReminderWording) =>
    (await db.one<{ n: number }>(
      `WITH due AS MATERIALIZED (
         SELECT r.id, r.owner_division_id, r.text, r.deadline, (r.deadline - $1::date) AS days_left
           FROM recommendations r
          WHERE r.state IN ${OPEN} AND r.deadline IS NOT NULL AND r.owner_division_id IS NOT NULL
            AND r.deadline <= $1::date + coalesce((SELECT max(b) FROM unnest($2::int[]) b), 0)
       ), staged AS MATERIALIZED (
         SELECT d.*, CASE
                  WHEN d.days_left > 0 THEN (SELECT 'before-' || min(b) FROM unnest($2::int[]) b WHERE b >= d.days_left)
                  WHEN -d.days_left >= $4::int THEN 'overdue-' || ((-d.days_left) / $4::int)
                  WHEN $3::boolean THEN 'due'
                END AS stage
           FROM due d
       ), unsent AS MATERIALIZED (
         SELECT s.*, 'followup-reminder:' || s.id || ':' || s.deadline || ':' || s.stage AS dedupe_key,
                CASE WHEN s.days_left > 0 THEN format($6, s.id, s.days_left) WHEN s.days_left = 0 THEN format($7, s.id) ELSE format($8, s.id, -s.days_left) END AS title
           FROM staged s
          WHERE s.stage IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'followup-reminder:' || s.id || ':' || s.deadline || ':' || s.stage)
       ), sent AS (
         INSERT INTO notifications (user_id, org_unit_id, kind, title, body, link, dedupe_key)
         SELECT NULL, t.owner_division_id, CASE WHEN t.days_left >= 0 THEN 'followup.reminder' ELSE 'followup.overdue' END, t.title,
                format($9, CASE WHEN length(t.text) > 300 THEN left(t.text, 299) || '…' ELSE t.text END, to_char(t.deadline, 'DD/MM/YYYY')),
                '/recommendations/' || t.id, t.dedupe_key
           FROM unsent t ORDER BY t.id
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key
       ), timeline AS (
         INSERT INTO recommendation_updates (recommendation_id, kind, text, by_name, at)
         SELECT t.id, 'reminder', format($10, t.title), 'Hệ thống', $5 FROM unsent t JOIN sent ON sent.dedupe_key = t.dedupe_key
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM timeline`,
      [today, before, onDeadline, every, at, w.before, w.onDay, w.overdue, w.body, w.timeline],
    )).n,

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

  /**
   * Marks items escalated (and records the deputy in charge where none was), if still open and not escalated, and
   * writes the escalation on their timelines in the same statement: `w.deputy` (days late, the deputy's name) or
   * `w.board` (days late) when no deputy is known. Returns the ids marked.
   */
  markEscalated: (db: Db, ids: number[], deputies: (number | null)[], at: Date, today: string, w: { deputy: string; board: string }) =>
    db.query<{ id: number }>(
      `WITH marked AS (
         UPDATE recommendations r SET escalated_at = $3, deputy_person_id = coalesce(r.deputy_person_id, u.deputy)
           FROM unnest($1::int[], $2::int[]) AS u(id, deputy)
          WHERE r.id = u.id AND r.escalated_at IS NULL AND r.state IN ${OPEN} RETURNING r.id, r.deadline, r.deputy_person_id
       ), timeline AS (
         INSERT INTO recommendation_updates (recommendation_id, kind, text, by_name, at)
         SELECT m.id, 'escalation', CASE WHEN p.full_name IS NULL THEN format($6, $4::date - m.deadline) ELSE format($5, $4::date - m.deadline, p.full_name) END,
                'Hệ thống', $3
           FROM marked m LEFT JOIN people p ON p.id = m.deputy_person_id
       )
       SELECT id FROM marked`,
      [ids, deputies, at, today, w.deputy, w.board],
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
