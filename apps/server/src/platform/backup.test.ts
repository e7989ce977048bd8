import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../test/server.js';
import { backup, BackupFormatError, loadOrder, parentsFirst, restore } from './backup.js';
import { checksumDiff, tableChecksums } from './db/checksums.js';
import { verifyAuditChain } from './audit-chain.js';
import type { Db } from './db/index.js';

let a: { db: Db; close: () => Promise<void> };
let b: { db: Db; close: () => Promise<void> };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-backup-'));

beforeAll(async () => {
  a = await testDb();
  b = await testDb();
  const db = a.db;
  // A child whose id is lower than its parent's, and the sectors ↔ org_units cycle.
  await db.query(`INSERT INTO org_units (id, code, name, type, parent_id) VALUES (50, 'P', 'Tỉnh', 'province', NULL)`);
  await db.query(`INSERT INTO org_units (id, code, name, type, parent_id) VALUES (60, 'D', 'Phòng Bưu chính – Viễn thông', 'division', 50)`);
  await db.query(`INSERT INTO org_units (id, code, name, type, parent_id) VALUES (40, 'C', 'Xã Đồng Tâm', 'commune', 60)`);
  await db.query(`INSERT INTO sectors (id, code, name, division_id) VALUES (1, 'VT', 'Viễn thông', 60)`);
  await db.query(`UPDATE org_units SET sector_id = 1 WHERE id = 40`);
  await db.query(`INSERT INTO audit_events (action, entity_type, after) VALUES ('test', 'x', '{"a":"Đ"}')`);
  await db.query(`INSERT INTO users (username, password_hash, role) VALUES ('u1', 'h', 'viewer')`);
  const s = await db.one<{ id: number }>(`INSERT INTO report_forms (code, name, period_type) VALUES ('F', 'Biểu', 'Quarterly') RETURNING id`);
  const r = await db.one<{ id: number }>(
    `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline)
     VALUES ($1, '2026Q1', '2026-01-01', '2026-03-31', '2025-12-15', '2026-03-14', now()) RETURNING id`, [s.id]);
  const sub = await db.one<{ id: number }>(`INSERT INTO submissions (round_id, org_unit_id) VALUES ($1, 40) RETURNING id`, [r.id]);
  await db.query(`INSERT INTO attachments (submission_id, filename, mime, size, sha256, content) VALUES ($1, 'a.pdf', 'application/pdf', 4, 'x', '\\x25504446'::bytea)`, [sub.id]);  // Values a JavaScript number cannot carry: a numeric's scale, more digits than a double, jsonb numbers likewise.
  await db.query(`INSERT INTO settings (key, value, updated_at) VALUES ('so', '{"a": 1.50, "b": 123456789012345678901234567890, "c": 1e-30, "d": [0.10]}', '2026-11-22 09:00:00.123456+07')`);
  await db.query(`INSERT INTO data_elements (code, name, value_type, min_value, max_value) VALUES ('DE', 'Chỉ tiêu', 'NUMBER', 0.50, 12345678901234567890.123456789)`);
  await db.query(`INSERT INTO audit_events (action, entity_type, after) VALUES ('so', 'x', '{"v": 2.500, "big": 9007199254740993}')`);
});
afterAll(async () => {
  await a.close();
  await b.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('orders tables by foreign keys, defers one column of a cycle between tables, and keeps self-references apart', () => {
    const { order, deferred, selfRefs } = loadOrder(['a', 'b', 'c'], [
      { table: 'b', column: 'a_id', ref: 'a' }, { table: 'a', column: 'b_id', ref: 'b' }, { table: 'c', column: 'parent', ref: 'c' },
    ]);
    expect(order).toHaveLength(3);
    const deferredCols = [...deferred.entries()].flatMap(([t, cs]) => cs.map((c) => `${t}.${c}`)).sort();
    expect(deferredCols).not.toContain('c.parent');
    expect(deferredCols.filter((x) => x.startsWith('a.') || x.startsWith('b.'))).toHaveLength(1);
    expect(selfRefs.get('c')).toEqual(['parent']);
  });

  it('puts the rows a row refers to before it, and a cycle last', () => {
    const rows = [
      { id: 1, merged_into_id: 3 }, { id: 2, merged_into_id: null }, { id: 3, merged_into_id: 4 }, { id: 4, merged_into_id: null },
      { id: 5, merged_into_id: 6 }, { id: 6, merged_into_id: 5 }, { id: 7, merged_into_id: 7 },
    ].map((r) => JSON.stringify(r));
    const ids = parentsFirst(rows, 'id', ['merged_into_id']).map((t) => (JSON.parse(t) as { id: number }).id);
    expect(ids).toHaveLength(7);
    for (const [child, parent] of [[1, 3], [3, 4]]) expect(ids.indexOf(child)).toBeGreaterThan(ids.indexOf(parent));
    expect(ids.slice(-2).sort()).toEqual([5, 6]);
  });

  it('round-trips every row, bytea and identities into another database', async () => {
    const file = path.join(dir, 'a.nhip.gz');
    const r = await backup(a.db, file);
    expect(r.rows).toBeGreaterThanOrEqual(9);
    await b.db.query(`INSERT INTO org_units (code, name, type) VALUES ('OLD', 'Sẽ bị thay thế', 'other')`);
    const before = await tableChecksums(a.db);
    await restore(b.db, file);
    expect(checksumDiff(before, await tableChecksums(b.db))).toEqual([]);
    expect(await verifyAuditChain(b.db)).toEqual(await verifyAuditChain(a.db));
    expect((await b.db.one<{ v: string }>(`SELECT max_value::text AS v FROM data_elements WHERE code = 'DE'`)).v).toBe('12345678901234567890.123456789');
    expect((await b.db.one<{ v: string }>(`SELECT value::text AS v FROM settings WHERE key = 'so'`)).v).toBe('{"a": 1.50, "b": 123456789012345678901234567890, "c": 0.000000000000000000000000000001, "d": [0.10]}');
    const units = await b.db.query<{ id: number; code: string; parent_id: number | null; sector_id: number | null }>(`SELECT id, code, parent_id, sector_id FROM org_units ORDER BY id`);
    expect(units).toEqual([
      { id: 40, code: 'C', parent_id: 60, sector_id: 1 },
      { id: 50, code: 'P', parent_id: null, sector_id: null },
      { id: 60, code: 'D', parent_id: 50, sector_id: null },
    ]);
    expect((await b.db.one<{ division_id: number }>(`SELECT division_id FROM sectors`)).division_id).toBe(60);
    expect((await b.db.one<{ hex: string }>(`SELECT encode(content, 'hex') AS hex FROM attachments`)).hex).toBe('25504446');
    expect((await b.db.one<{ after: { a: string } }>(`SELECT after FROM audit_events WHERE action = 'test'`)).after.a).toBe('Đ');
    const next = await b.db.one<{ id: number }>(`INSERT INTO org_units (code, name, type) VALUES ('NEW', 'Mới', 'other') RETURNING id`);
    expect(next.id).toBe(61);
  });

  it('chains the audit events of a backup made before the audit chain existed', async () => {
    // The same backup as a version without migration 0006 wrote it: no seq or hash, no audit_chain table.
    const lines = gunzipSync(fs.readFileSync(path.join(dir, 'a.nhip.gz'))).toString().trimEnd().split('\n');
    const out: string[] = [];
    let table = '';
    for (const line of lines) {
      const o = JSON.parse(line);
      if (o.format) o.migrations = o.migrations.filter((m: string) => m < '0006');
      else if (o.table && o.columns) {
        table = o.table;
        if (table === 'audit_events') o.columns = o.columns.filter((c: string) => c !== 'seq' && c !== 'hash');
      } else if (table === 'audit_events' && !o.end) {
        delete o.seq;
        delete o.hash;
      }
      if (table !== 'audit_chain') out.push(JSON.stringify(o));
    }
    const old = path.join(dir, 'old.nhip.gz');
    fs.writeFileSync(old, gzipSync(`${out.join('\n')}\n`));
    await restore(b.db, old);
    const events = (await a.db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).n;
    expect(await verifyAuditChain(b.db)).toMatchObject({ ok: true, checked: events, head: { seq: events } });
  });

  it('refuses a foreign or truncated file and changes nothing', async () => {
    const before = await b.db.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units');
    const foreign = path.join(dir, 'foreign.gz');
    fs.writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
    await expect(restore(b.db, foreign)).rejects.toBeInstanceOf(BackupFormatError);
    const notGzip = path.join(dir, 'plain.txt');
    fs.writeFileSync(notGzip, 'không phải gzip');
    await expect(restore(b.db, notGzip)).rejects.toThrow();
    const good = path.join(dir, 'a.nhip.gz');
    const lines = gunzipSync(fs.readFileSync(good)).toString().split('\n');
    const cut = path.join(dir, 'cut.gz');
    fs.writeFileSync(cut, gzipSync(lines.slice(0, 5).join('\n')));
    await expect(restore(b.db, cut)).rejects.toThrow(/không đầy đủ/);
    expect((await b.db.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units')).n).toBe(before.n);
  });
});
