import type { Db } from '../../platform/db/index.js';

export type AuditRow = {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_unit_id: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type AuditFilters = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  /** Instants bounding the search: at >= from, at < to. */
  from?: Date;
  to?: Date;
};

/**
 * $1 action: exact, or a family ('submission' finds 'submission.submit', …);
 * $4 actor: a user id, or part of the user name / full name (diacritic-insensitive).
 */
const WHERE = `WHERE ($1::text IS NULL OR a.action = $1 OR a.action LIKE $1 || '.%')
    AND ($2::text IS NULL OR a.entity_type = $2)
    AND ($3::text IS NULL OR a.entity_id = $3)
    AND ($4::text IS NULL OR a.actor_id::text = $4
         OR vn_fold(coalesce(a.actor_name, '') || ' ' || coalesce(u.full_name, '')) LIKE '%' || vn_fold($4) || '%')
    AND ($5::timestamptz IS NULL OR a.at >= $5)
    AND ($6::timestamptz IS NULL OR a.at < $6)`;

const params = (f: AuditFilters) => [f.action ?? null, f.entityType ?? null, f.entityId ?? null, f.actor ?? null, f.from ?? null, f.to ?? null];

export const auditRepo = {
  count: async (db: Db, f: AuditFilters) =>
    (await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id ${WHERE}`, params(f))).n,
  page: (db: Db, f: AuditFilters, limit: number, offset: number) =>
    db.query<AuditRow>(
      `SELECT a.id, a.at, a.actor_id, coalesce(nullif(u.full_name, ''), a.actor_name) AS actor_name, a.action, a.entity_type,
              a.entity_id, a.org_unit_id, a.before, a.after, a.ip
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
         ${WHERE}
        ORDER BY a.at DESC, a.id DESC LIMIT $7 OFFSET $8`,
      [...params(f), limit, offset],
    ),
  /**
   * The next rows in the list's order after a keyset cursor (the export reads them page by page). The cursor's
   * time is the database's own text (`at_key`), so microseconds survive the round trip through JavaScript.
   */
  after: (db: Db, f: AuditFilters, cursor: { atKey: string; id: number } | null, limit: number) =>
    db.query<AuditRow & { at_key: string }>(
      `SELECT a.id, a.at, a.at::text AS at_key, a.actor_id, coalesce(nullif(u.full_name, ''), a.actor_name) AS actor_name, a.action,
              a.entity_type, a.entity_id, a.org_unit_id, a.before, a.after, a.ip
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
         ${WHERE}
          AND ($7::timestamptz IS NULL OR (a.at, a.id) < ($7::timestamptz, $8::bigint))
        ORDER BY a.at DESC, a.id DESC LIMIT $9`,
      [...params(f), cursor?.atKey ?? null, cursor?.id ?? null, limit],
    ),
};
