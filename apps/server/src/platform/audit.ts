import type { Db } from './db/index.js';

export type AuditActor = { id: number | null; name: string | null; ip?: string | null };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgUnitId?: number | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends one audit event. Call it with the transaction's Db so the event commits or rolls back
 * together with the change it records.
 */
export async function audit(db: Db, actor: AuditActor, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.id,
      actor.name,
      e.action,
      e.entityType,
      e.entityId == null ? null : String(e.entityId),
      e.orgUnitId ?? null,
      e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      actor.ip ?? null,
    ],
  );
}
