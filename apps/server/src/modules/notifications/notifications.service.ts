import type { Db } from '../../platform/db/index.js';
import { formatDate, periodLabel, parsePeriod } from '@nhip/contracts';
import { sendMail } from '../../platform/mail.js';
import type { Config } from '../../platform/config.js';

export type NewNotification = {
  userId?: number | null;
  orgUnitId?: number | null;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  dedupeKey?: string | null;
};

/** Stores a notification (once per dedupe key). Returns its id, or null when it already existed. */
export async function notify(db: Db, n: NewNotification): Promise<number | null> {
  const r = await db.maybeOne<{ id: number }>(
    `INSERT INTO notifications (user_id, org_unit_id, kind, title, body, link, dedupe_key)
     VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [n.userId ?? null, n.orgUnitId ?? null, n.kind, n.title, n.body ?? '', n.link ?? null, n.dedupeKey ?? null],
  );
  return r?.id ?? null;
}

export type NotificationRow = { id: number; kind: string; title: string; body: string; link: string | null; created_at: Date; read: boolean };

export const listForUser = (db: Db, userId: number, orgUnitId: number | null, limit = 50) =>
  db.query<NotificationRow>(
    `SELECT n.id, n.kind, n.title, n.body, n.link, n.created_at, (r.user_id IS NOT NULL) AS read
       FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
      WHERE n.user_id = $1 OR ($2::int IS NOT NULL AND n.org_unit_id = $2)
      ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
    [userId, orgUnitId, limit],
  );

export async function markRead(db: Db, userId: number, orgUnitId: number | null, ids: number[] | 'all') {
  await db.query(
    `INSERT INTO notification_reads (notification_id, user_id)
     SELECT n.id, $1 FROM notifications n
      WHERE (n.user_id = $1 OR ($2::int IS NOT NULL AND n.org_unit_id = $2)) AND ($3::int[] IS NULL OR n.id = ANY($3))
     ON CONFLICT DO NOTHING`,
    [userId, orgUnitId, ids === 'all' ? null : ids],
  );
}

type DueRow = { round_id: number; form_name: string; period: string; deadline: Date; org_unit_id: number; unit_name: string; submission_id: number | null };

/**
 * Deadline reminders: 3 days before the deadline, and once per day while a unit is overdue.
 * Idempotent (dedupe keys), so it can run as often as the scheduler likes.
 */
export async function runReminders(db: Db, now: Date, config?: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>): Promise<number> {
  const rows = await db.query<DueRow>(
    `SELECT r.id AS round_id, f.name AS form_name, r.period, r.deadline, u.id AS org_unit_id, u.name AS unit_name, s.id AS submission_id
       FROM reporting_rounds r
       JOIN report_forms f ON f.id = r.form_id
       JOIN form_units fu ON fu.form_id = r.form_id
       JOIN org_units u ON u.id = fu.org_unit_id AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start)
       LEFT JOIN submissions s ON s.round_id = r.id AND s.org_unit_id = u.id
      WHERE r.status = 'open' AND (s.id IS NULL OR s.status IN ('draft','returned'))
        AND r.deadline <= $1::timestamptz + interval '3 days'`,
    [now],
  );
  let created = 0;
  const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  for (const r of rows) {
    const p = parsePeriod(r.period);
    const label = p ? periodLabel(p, 'vi') : r.period;
    const overdue = r.deadline.getTime() < now.getTime();
    const title = overdue ? `Quá hạn nộp báo cáo: ${r.form_name} – ${label}` : `Sắp đến hạn nộp báo cáo: ${r.form_name} – ${label}`;
    const body = overdue
      ? `${r.unit_name} chưa nộp báo cáo. Hạn nộp là ${formatDate(r.deadline.toISOString())}; đề nghị hoàn thành và nộp sớm.`
      : `Hạn nộp là ${formatDate(r.deadline.toISOString())}. Đề nghị ${r.unit_name} hoàn thành và nộp báo cáo đúng hạn.`;
    const id = await notify(db, {
      orgUnitId: r.org_unit_id, kind: overdue ? 'round.overdue' : 'round.reminder', title, body,
      link: `/rounds/${r.round_id}/units/${r.org_unit_id}`,
      dedupeKey: overdue ? `overdue:${r.round_id}:${r.org_unit_id}:${day}` : `reminder:${r.round_id}:${r.org_unit_id}`,
    });
    if (id) {
      created++;
      if (config?.smtpUrl) {
        const to = await db.query<{ email: string }>(`SELECT email FROM users WHERE org_unit_id = $1 AND active AND email IS NOT NULL`, [r.org_unit_id]);
        if (to.length) {
          const ok = await sendMail(config, { to: to.map((t) => t.email), subject: title, text: `${body}\n\n${config.publicUrl ?? ''}/rounds/${r.round_id}/units/${r.org_unit_id}` });
          if (ok) await db.query('UPDATE notifications SET emailed_at = now() WHERE id = $1', [id]);
        }
      }
    }
  }
  return created;
}
