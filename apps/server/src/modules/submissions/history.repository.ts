import type { Db } from '../../platform/db/index.js';

/** Audit trail of one report: workflow events (audit_events) and value changes (value_audit). */
export const historyRepo = {
  events: (db: Db, submissionId: number) =>
    db.query<{ id: number; at: Date; actor_id: number | null; actor: string | null; action: string; before: unknown; after: unknown }>(
      `SELECT a.id, a.at, a.actor_id, coalesce(nullif(u.full_name, ''), u.username, a.actor_name) AS actor, a.action, a.before, a.after
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.entity_type = 'submission' AND a.entity_id = $1
        ORDER BY a.at, a.id`,
      [String(submissionId)],
    ),
  values: (db: Db, unitId: number, period: string, elementIds: number[]) =>
    db.query<{ code: string; at: Date; actor_id: number | null; actor: string | null; action: string; previous_value: string | null; value: string | null; comment: string | null }>(
      `SELECT de.code, va.at, va.actor_id, coalesce(nullif(u.full_name, ''), u.username) AS actor, va.action, va.previous_value, va.value, va.comment
         FROM value_audit va JOIN data_elements de ON de.id = va.data_element_id LEFT JOIN users u ON u.id = va.actor_id
        WHERE va.org_unit_id = $1 AND va.period = $2 AND va.data_element_id = ANY($3::int[])
        ORDER BY va.at, va.id`,
      [unitId, period, elementIds],
    ),
};
