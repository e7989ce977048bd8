/**
 * The business clock for the module services a demo part drives: a service writes its audit event with
 * `INSERT INTO audit_events (…) VALUES ($1, …)` at the machine's now(); run through `dated`, the event is gathered
 * instead, dated at the step's business time, and `writeAudit` writes all of them at the end in time order (the
 * audit chain seals them in that order). Used by the follow-up and awards demos.
 */
import type { Db, Params } from '../../platform/db/index.js';
import { insertRows } from './sql.js';

export type AuditRow = {
  at: Date; actor_id: number | null; actor_name: string | null; action: string; entity_type: string; entity_id: string | null;
  org_unit_id: number | null; before: string | null; after: string | null; ip: string | null;
};
const AUDIT_COLUMNS = ['actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'org_unit_id', 'before', 'after', 'ip'] as const;
const AUDIT_INSERT = /^\s*INSERT INTO audit_events \(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*$/;

/** The database as a service sees it at `at`: its audit events are gathered into `sink` (see the module comment). */
export function dated(db: Db, at: Date, sink: AuditRow[]): Db {
  const pass = (sql: string, params: Params = []): boolean => {
    if (!/^\s*INSERT INTO audit_events\b/.test(sql)) return true;
    const a = AUDIT_INSERT.exec(sql);
    const cols = a?.[1].split(',').map((c) => c.trim()) ?? [];
    const vals = a?.[2].split(',').map((v) => v.trim()) ?? [];
    if (!a || cols.some((c) => !(AUDIT_COLUMNS as readonly string[]).includes(c)) || vals.some((v, i) => v !== `$${i + 1}`)) {
      throw new Error(`demo: unexpected audit insert: ${sql.slice(0, 160)}`);
    }
    const row = Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, null])) as Record<string, unknown>;
    cols.forEach((c, i) => {
      row[c] = params[i] ?? null;
    });
    sink.push({ ...(row as Omit<AuditRow, 'at'>), at });
    return false;
  };
  return {
    kind: db.kind,
    get inTransaction() {
      return db.inTransaction;
    },
    query: async <T>(sql: string, params?: Params) => (pass(sql, params) ? db.query<T>(sql, params) : []),
    one: async <T>(sql: string, params?: Params) => {
      if (!pass(sql, params)) throw new Error('demo: an audit insert returns no row');
      return db.one<T>(sql, params);
    },
    maybeOne: async <T>(sql: string, params?: Params) => (pass(sql, params) ? db.maybeOne<T>(sql, params) : null),
    exec: (sql: string) => db.exec(sql),
    tx: <T>(fn: (t: Db) => Promise<T>) => db.tx((t) => fn(dated(t, at, sink))),
    close: () => db.close(),
  };
}

/**
 * Writes the gathered events in time order. A JSON null (a service's `before: null` from before audit() stored it as
 * SQL NULL) is written as SQL NULL, which a backup restores as it was.
 */
export async function writeAudit(db: Db, sink: AuditRow[]): Promise<void> {
  sink.sort((a, b) => a.at.getTime() - b.at.getTime());
  const nul = (v: string | null) => (v === 'null' ? null : v);
  await insertRows(db, 'audit_events',
    [['at', 'timestamptz'], ['actor_id', 'int'], ['actor_name', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['org_unit_id', 'int'],
      ['before', 'jsonb'], ['after', 'jsonb'], ['ip', 'text']],
    sink.map((e) => [e.at.toISOString(), e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.org_unit_id, nul(e.before), nul(e.after), e.ip]));
}
