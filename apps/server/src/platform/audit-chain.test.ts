import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../test/server.js';
import { audit } from './audit.js';
import { auditCanonical, type ChainEvent, chainHash, describeChainReport, GENESIS_HASH, parseAnchor, verifyAuditChain } from './audit-chain.js';
import type { Db } from './db/index.js';
import { migrate } from './db/migrate.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;
// One database for the whole file (a fresh one costs seconds): every test that tampers puts the row back, and
// checks that the chain verifies again.
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await testDb());
});
afterAll(() => close());

const actor = { id: 7, name: 'Nguyễn Thị Hoà', ip: '10.0.0.5' };
/** Events with every kind of field: nulls, diacritics, emoji, line breaks, quotes, numbers with a scale. */
async function someEvents(n: number) {
  for (let i = 0; i < n; i++)
    await db.tx(async (t) => {
      await audit(t, i % 2 ? actor : { id: null, name: null }, {
        action: `thu.nghiem_${i}`, entityType: 'submission', entityId: i % 3 ? i : null, orgUnitId: i % 2 ? 40 : null,
        before: i % 2 ? { status: 'draft', value: 1.5 } : undefined,
        after: { status: 'Đã duyệt 😀', note: 'dòng 1\ndòng 2 "trích"\t\\', n: [i, 2.50, -0.001, 1e21], nested: { z: null, a: true } },
      });
    });
}

/** Changes rows as the database owner would, with every trigger (the append-only one included) switched off. */
async function asOwner(sql: string, params: unknown[] = []) {
  await db.tx(async (t) => {
    await t.exec('SET LOCAL session_replication_role = replica');
    await t.query(sql, params);
  });
}
/** Deletes events as the owner and returns a function that puts them back exactly. */
async function deleteAsOwner(where: string, params: unknown[]): Promise<() => Promise<void>> {
  const saved = await db.query<{ r: string }>(`SELECT row_to_json(e)::text AS r FROM audit_events e WHERE ${where}`, params);
  expect(saved.length).toBeGreaterThan(0);
  await asOwner(`DELETE FROM audit_events WHERE ${where}`, params);
  return () => asOwner(`INSERT INTO audit_events SELECT * FROM json_populate_recordset(NULL::audit_events, $1::json)`, [`[${saved.map((x) => x.r).join(',')}]`]);
}

const chain = () => db.query<{ id: number; seq: number; action: string }>('SELECT id, seq, action FROM audit_events ORDER BY seq');
const headSeq = async () => (await db.one<{ seq: number }>('SELECT seq FROM audit_chain')).seq;
async function expectIntact() {
  const n = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).n;
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: n, head: { seq: n } });
}

describe('audit chain', () => {
  it('hashes each event over its canonical text and the previous hash, as the TypeScript verifier recomputes it', async () => {
    const e: ChainEvent = {
      seq: 1, id: 1, at: '2026-11-22T02:00:00.000000Z', actor_id: null, actor_name: 'Hoà', action: 'a', entity_type: 't',
      entity_id: '', org_unit_id: 3, before: null, after: '{"a": 1}', ip: null,
    };
    // null and empty text differ; lengths are UTF-8 bytes ("Hoà" is 4)
    expect(auditCanonical(e)).toBe('nhip-audit-1\n1:1\n1:1\n27:2026-11-22T02:00:00.000000Z\n~\n4:Hoà\n1:a\n1:t\n0:\n1:3\n~\n8:{"a": 1}\n~');
    expect(chainHash(GENESIS_HASH, e).toString('hex')).not.toBe(chainHash(GENESIS_HASH, { ...e, entity_id: null }).toString('hex'));

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 0 });
    await someEvents(6);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: true, checked: 6, head: { seq: 6 } });
    expect(describeChainReport(r)).toMatch(/đã kiểm tra 6 sự kiện/);
    // the SQL and the TypeScript agree on the canonical text itself, not only on the hashes
    const sql = await db.one<{ c: string }>('SELECT audit_event_canonical(e) AS c FROM audit_events e WHERE seq = 2');
    expect(sql.c).toMatch(/^nhip-audit-1\n1:2\n/);
    expect(sql.c).toContain('Nguyễn Thị Hoà');
  });

  it('names the event an owner changed behind the append-only trigger', async () => {
    const target = (await chain())[2];
    const { after } = await db.one<{ after: string }>('SELECT after::text AS after FROM audit_events WHERE id = $1', [target.id]);
    await asOwner(`UPDATE audit_events SET after = jsonb_set(after, '{status}', '"Trả lại"') WHERE id = $1`, [target.id]);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, checked: 2, problem: { id: target.id, seq: 3, action: target.action } });
    const text = describeChainReport(r);
    expect(text).toContain(`sự kiện id ${target.id} (số 3)`);
    expect(text).toMatch(/mã băm không khớp/);
    await asOwner('UPDATE audit_events SET after = $2::jsonb WHERE id = $1', [target.id, after]);
    await expectIntact();
  });

  it('sees a change of time, even by a microsecond, and an owner who also rewrites that row’s hash', async () => {
    const [, second, third] = await chain();
    const saved = await db.one<{ hash: string }>(`SELECT encode(hash, 'hex') AS hash FROM audit_events WHERE id = $1`, [second.id]);
    await asOwner(`UPDATE audit_events SET at = at + interval '1 microsecond' WHERE id = $1`, [second.id]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, checked: 1, problem: { id: second.id } });
    // recompute that one row's hash as sealing would: the next event no longer follows from it
    await asOwner(`UPDATE audit_events e SET hash = sha256(p.hash || convert_to(audit_event_canonical(e), 'UTF8'))
      FROM audit_events p WHERE e.id = $1 AND p.seq = e.seq - 1`, [second.id]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, checked: 2, problem: { id: third.id } });
    await asOwner(`UPDATE audit_events SET at = at - interval '1 microsecond', hash = decode($2, 'hex') WHERE id = $1`, [second.id, saved.hash]);
    await expectIntact();
  });

  it('detects an event deleted in the middle, and events deleted at the end', async () => {
    const events = await chain();
    const putBack = await deleteAsOwner('id = $1', [events[3].id]);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, checked: 3, problem: { id: events[4].id, seq: 5 } });
    expect(describeChainReport(r)).toMatch(/thiếu sự kiện số 4/);
    await putBack();
    await expectIntact();

    const putBackTail = await deleteAsOwner('seq >= $1', [5]);
    const tail = await verifyAuditChain(db);
    expect(tail).toMatchObject({ ok: false, checked: 4, problem: { id: events[3].id, after: true } });
    expect(describeChainReport(tail)).toMatch(/thiếu các sự kiện số 5–6 ở cuối chuỗi/);
    await putBackTail();
    await expectIntact();
  });

  it('reports an event inserted with the sealing trigger bypassed', async () => {
    await asOwner(`INSERT INTO audit_events (action, entity_type) VALUES ('gia.mao', 'x')`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, checked: 6, problem: { action: 'gia.mao' } });
    await asOwner(`DELETE FROM audit_events WHERE action = 'gia.mao'`);
    await expectIntact();
  });

  it('stays append-only: no UPDATE of a sealed event, no DELETE, no rewinding the head', async () => {
    await expect(db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_events SET seq = seq + 10, hash = hash`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_chain SET seq = 0`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
    await expectIntact();
  });

  it('stores "nothing before" as SQL NULL, not a JSON null a backup could not tell apart from it', async () => {
    await db.tx((t) => audit(t, actor, { action: 'thu.null', entityType: 'setting', before: null, after: { v: 1 } }));
    const row = await db.one<{ before_is_sql_null: boolean; after: unknown }>(
      `SELECT before IS NULL AS before_is_sql_null, after FROM audit_events WHERE action = 'thu.null'`,
    );
    expect(row).toEqual({ before_is_sql_null: true, after: { v: 1 } });
    await expectIntact();
  });

  it('a rolled-back transaction leaves no trace in the chain', async () => {
    const before = await headSeq();
    await expect(db.tx(async (t) => {
      await audit(t, actor, { action: 'se.bi_huy', entityType: 'x' });
      throw new Error('thôi');
    })).rejects.toThrow('thôi');
    expect(await headSeq()).toBe(before);
    await someEvents(1);
    expect(await headSeq()).toBe(before + 1);
    await expectIntact();
  });

  it('keeps one well-ordered chain under concurrent writers', async () => {
    // On PostgreSQL the transactions interleave (4 connections) and commit together, so sealing overlaps.
    const writers = 16;
    const per = onPostgres ? 40 : 3;
    const from = await headSeq();
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        db.tx(async (t) => {
          for (let i = 0; i < per; i++) await audit(t, actor, { action: `viet.${w}`, entityType: 'x', entityId: i });
        }),
      ),
    );
    expect(await headSeq()).toBe(from + writers * per);
    await expectIntact();
    // a transaction's events are consecutive in the chain, in id order
    const rows = (await chain()).filter((x) => x.seq > from);
    for (let i = 0; i < rows.length; i += per) {
      const group = rows.slice(i, i + per);
      expect(new Set(group.map((x) => x.action)).size).toBe(1);
      expect(group.every((x, k) => k === 0 || x.id > group[k - 1].id)).toBe(true);
    }
  });

  it.skipIf(!onPostgres)('a long transaction that audited early does not hold up other writers; the chain follows commit order', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let audited!: () => void;
    const early = new Promise<void>((r) => (audited = r));
    const long = db.tx(async (t) => {
      await audit(t, actor, { action: 'nhap.dai', entityType: 'import' });
      audited();
      await hold;
    });
    await early;
    const t0 = performance.now();
    try {
      await Promise.all([1, 2, 3].map((i) => db.tx((t) => audit(t, actor, { action: `ngan.${i}`, entityType: 'x' }))));
    } finally {
      release();
      await long;
    }
    expect(performance.now() - t0).toBeLessThan(2_000);
    const rows = await chain();
    const last = rows.at(-1)!;
    expect(last.action).toBe('nhap.dai');
    expect(rows.slice(-4, -1).every((x) => x.id > last.id && x.action.startsWith('ngan.'))).toBe(true);
    await expectIntact();
  });

  it.skipIf(!onPostgres)('a REPEATABLE READ writer racing another one fails to serialise instead of forking the chain', async () => {
    let go!: () => void;
    const gate = new Promise<void>((r) => (go = r));
    let started!: () => void;
    const snapshot = new Promise<void>((r) => (started = r));
    const rr = db.tx(async (t) => {
      await t.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await t.query('SELECT count(*) FROM audit_chain'); // the snapshot is taken here
      started();
      await gate;
      await audit(t, actor, { action: 'rr', entityType: 'x' });
    });
    await snapshot;
    const before = await headSeq();
    await db.tx((t) => audit(t, actor, { action: 'rc', entityType: 'x' }));
    go();
    await expect(rr).rejects.toThrow(/serializ|concurrent update/i);
    expect(await headSeq()).toBe(before + 1);
    await expectIntact();
  });

  it('an owner who recomputes the whole chain is caught by the head noted earlier', async () => {
    const r = await verifyAuditChain(db);
    if (!r.ok) throw new Error(describeChainReport(r));
    expect(describeChainReport(r)).toContain(`${r.head.seq}:${r.head.hash}`);
    const anchor = parseAnchor(`${r.head.seq}:${r.head.hash.toUpperCase()}`)!;
    expect(anchor).toEqual(r.head);
    expect(parseAnchor('12:abc')).toBeNull();
    const third = (await chain())[2];
    const { after } = await db.one<{ after: string }>('SELECT after::text AS after FROM audit_events WHERE id = $1', [third.id]);
    const saved = await db.query<{ r: string }>('SELECT row_to_json(e)::text AS r FROM audit_events e');
    // change an event, then seal the whole table again from the start, as the owner could
    await asOwner(`UPDATE audit_events SET after = '{"status": "đã sửa"}', seq = NULL, hash = NULL WHERE id = $1`, [third.id]);
    await asOwner(`UPDATE audit_events SET seq = NULL, hash = NULL`);
    await asOwner(`UPDATE audit_chain SET seq = 0, hash = decode(repeat('00', 32), 'hex')`);
    await asOwner('SELECT audit_chain_seal()');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: anchor.seq });
    const caught = await verifyAuditChain(db, anchor);
    expect(caught).toMatchObject({ ok: false, checked: anchor.seq - 1, problem: { seq: anchor.seq } });
    expect(describeChainReport(caught)).toMatch(/đã bị tính lại/);
    expect(await verifyAuditChain(db, { seq: anchor.seq + 5, hash: anchor.hash })).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/ít hơn/) } });
    // put the original chain back: the anchor holds again
    await asOwner('DELETE FROM audit_events');
    await asOwner('INSERT INTO audit_events SELECT * FROM json_populate_recordset(NULL::audit_events, $1::json)', [`[${saved.map((x) => x.r).join(',')}]`]);
    await asOwner(`UPDATE audit_chain SET seq = $1, hash = decode($2, 'hex')`, [anchor.seq, anchor.hash]);
    expect(await verifyAuditChain(db, anchor)).toEqual(r);
    expect((await db.one<{ after: string }>('SELECT after::text AS after FROM audit_events WHERE id = $1', [third.id])).after).toBe(after);
  });

  it('the migration chains the events of an existing database', async () => {
    // Take this database back to before 0006 (its events keep their rows, lose seq and hash), add older events,
    // then let migrate() apply 0006 again.
    await db.exec(`DROP TRIGGER audit_events_chain ON audit_events; DROP TRIGGER audit_events_append_only ON audit_events;
      DROP TABLE audit_chain; ALTER TABLE audit_events DROP COLUMN seq, DROP COLUMN hash;
      DROP FUNCTION audit_chain_seal(); DROP FUNCTION audit_events_seal(); DROP FUNCTION audit_event_canonical(audit_events);
      DROP FUNCTION audit_canonical_field(text); DROP FUNCTION audit_events_append_only(); DROP FUNCTION audit_chain_guard();
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      DELETE FROM schema_migrations WHERE id = '0006_audit_chain';`);
    // Later migrations stay applied and recorded: migrate() runs 0006 alone, as on a database upgraded from 0005.
    for (let i = 0; i < 25; i++)
      await db.query(`INSERT INTO audit_events (at, action, entity_type, after) VALUES (now() - $1 * interval '1 day', 'cu', 'x', $2)`, [25 - i, JSON.stringify({ i })]);
    const n = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).n;
    expect(await migrate(db)).toEqual(['0006_audit_chain']);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: n, head: { seq: n } });
    const ids = (await chain()).map((x) => x.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await someEvents(1);
    await expectIntact();
  });
});
