/**
 * Verifies the audit chain (migration 0006_audit_chain.sql): walks audit_events in chain order, recomputes each
 * event's SHA-256 hash from its canonical text and the previous hash, and stops at the first event that does not
 * match. The canonical text is built here, independently of the SQL that sealed the chain; the database only
 * renders `at` in UTC with microseconds and before/after as jsonb text.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db/index.js';

export const GENESIS_HASH = Buffer.alloc(32);
const PAGE = 5_000;

/** One audit event as the chain hashes it: every field as text, or null. */
export type ChainEvent = {
  seq: number | null;
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_unit_id: number | null;
  before: string | null;
  after: string | null;
  ip: string | null;
};

const field = (v: string | number | null) => (v === null ? '~' : `${Buffer.byteLength(String(v), 'utf8')}:${v}`);

/** The canonical text of an event, version 1 (described in the migration). */
export function auditCanonical(e: ChainEvent): string {
  return ['nhip-audit-1', ...[e.seq, e.id, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.org_unit_id, e.before, e.after, e.ip].map(field)].join('\n');
}

export function chainHash(previous: Buffer, e: ChainEvent): Buffer {
  return createHash('sha256').update(previous).update(auditCanonical(e), 'utf8').digest();
}

/** The event where the chain breaks (or, for events missing at the end, the last good one: `after`). */
export type ChainProblem = { id: number; seq: number | null; at: string; action: string; reason: string; after?: boolean };
export type ChainReport =
  | { ok: true; checked: number; head: { seq: number; hash: string } }
  | { ok: false; checked: number; problem: ChainProblem };

const SELECT = `SELECT seq, id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_name, action,
  entity_type, entity_id, org_unit_id, before::text AS before, after::text AS after, ip, encode(hash, 'hex') AS hash FROM audit_events`;

type Row = ChainEvent & { hash: string | null };

/** A head printed by an earlier verification and kept off the machine: event `seq` must still hash to `hash`. */
export type ChainAnchor = { seq: number; hash: string };

export function parseAnchor(text: string): ChainAnchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2].toLowerCase() } : null;
}

/**
 * Walks the whole chain in one read-only snapshot. Reports the first problem, or the count checked and the head.
 * With an anchor it also proves that the chain up to that event was not rewritten since the anchor was noted.
 */
export async function verifyAuditChain(db: Db, anchor?: ChainAnchor): Promise<ChainReport> {
  return db.tx(async (t) => {
    if (!db.inTransaction) await t.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    let prev: Buffer = GENESIS_HASH;
    let seq = 0;
    let checked = 0;
    for (;;) {
      const rows = await t.query<Row>(`${SELECT} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [seq]);
      for (const r of rows) {
        const at = (reason: string): ChainReport => ({ ok: false, checked, problem: { id: r.id, seq: r.seq, at: r.at, action: r.action, reason } });
        if (r.seq !== seq + 1)
          return at(`thiếu ${r.seq! - seq - 1 === 1 ? `sự kiện số ${seq + 1}` : `các sự kiện số ${seq + 1}–${r.seq! - 1}`} ngay trước sự kiện này (đã bị xóa)`);
        const expected = chainHash(prev, r);
        if (r.hash !== expected.toString('hex'))
          return at('mã băm không khớp (nội dung sự kiện này đã bị sửa, hoặc sự kiện liền trước nó đã bị sửa hay bị xóa)');
        if (anchor && r.seq === anchor.seq && expected.toString('hex') !== anchor.hash)
          return at(`mã băm khác mã băm đã ghi lại (${anchor.hash.slice(0, 16)}…): chuỗi đến sự kiện này đã bị tính lại`);
        prev = expected;
        seq = r.seq;
        checked++;
      }
      if (rows.length < PAGE) break;
    }
    // Events outside the chain: inserted with the sealing trigger bypassed, or with a forged seq.
    const loose = await t.maybeOne<Row>(`${SELECT} WHERE seq IS NULL OR hash IS NULL ORDER BY id LIMIT 1`);
    if (loose)
      return { ok: false, checked, problem: { id: loose.id, seq: loose.seq, at: loose.at, action: loose.action, reason: 'sự kiện nằm ngoài chuỗi (không có mã băm)' } };
    if (anchor && anchor.seq > seq)
      return { ok: false, checked, problem: { id: 0, seq: null, at: '', action: '', reason: `chuỗi chỉ có ${seq} sự kiện, ít hơn số ${anchor.seq} đã ghi lại` } };
    const head = await t.maybeOne<{ seq: number; hash: string }>(`SELECT seq, encode(hash, 'hex') AS hash FROM audit_chain`);
    const headSeq = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH.toString('hex');
    if (headSeq !== seq || headHash !== prev.toString('hex')) {
      const last = seq ? await t.one<Row>(`${SELECT} WHERE seq = $1`, [seq]) : null;
      const reason = headSeq > seq ? `thiếu các sự kiện số ${seq + 1}–${headSeq} ở cuối chuỗi (đã bị xóa)` : 'đầu chuỗi (bảng audit_chain) không khớp với sự kiện cuối cùng';
      return { ok: false, checked, problem: { id: last?.id ?? 0, seq: last?.seq ?? null, at: last?.at ?? '', action: last?.action ?? '', reason, after: true } };
    }
    return { ok: true, checked, head: { seq, hash: prev.toString('hex') } };
  });
}

/** The operator's text for a verification, in Vietnamese. */
export function describeChainReport(r: ChainReport): string {
  if (r.ok)
    return r.checked === 0
      ? 'Nhật ký kiểm toán chưa có sự kiện nào.'
      : `Chuỗi nhật ký kiểm toán toàn vẹn: đã kiểm tra ${r.checked} sự kiện (số 1–${r.head.seq}).\n` +
        `Mã băm cuối chuỗi (ghi lại ở nơi khác, lần sau kiểm tra với --anchor): ${r.head.seq}:${r.head.hash}`;
  const p = r.problem;
  const event = `sự kiện id ${p.id}${p.seq ? ` (số ${p.seq})` : ''}, lúc ${p.at}, hành động ${p.action}`;
  const where = !p.id ? 'Sai ở đầu chuỗi' : p.after ? `Sai sau ${event}` : `Sai ở ${event}`;
  return `Chuỗi nhật ký kiểm toán KHÔNG toàn vẹn (${r.checked} sự kiện đầu tiên đúng).\n${where}: ${p.reason}.`;
}
