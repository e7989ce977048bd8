/**
 * Logical backup and restore that work the same on PGlite and PostgreSQL, and across the two:
 * a gzip file of JSON lines — a header, then per table its rows as JSON objects. Restore needs no
 * superuser: tables are loaded in foreign-key order; references between tables that point back (cycles such as
 * sectors ↔ org_units) are loaded as NULL first and filled in once every row exists. Rows of a table that refers to
 * itself (org_units.parent_id, recommendations.merged_into_id) are loaded referenced rows first, with their references
 * as they are: a NULL first would break a rule such as "a merged recommendation names the one it was merged into".
 *
 * Rows travel as PostgreSQL's own JSON text (row_to_json), never through JavaScript values: a numeric keeps its scale
 * and all its digits (0.50, 12345678901234567890.1), a jsonb number likewise, a timestamp its microseconds. The
 * backup reads every table in one REPEATABLE READ snapshot, so a server writing meanwhile cannot tear it.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { Db } from './db/index.js';
import { migrate } from './db/migrate.js';

const FORMAT = 'nhip-backup';
const VERSION = 1;
const CHUNK = 5_000;

type Fk = { table: string; column: string; ref: string };
type TableInfo = { name: string; pk: string[]; columns: string[] };

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function tables(db: Db): Promise<TableInfo[]> {
  const rows = await db.query<{ name: string; pk: string[] | null; columns: string[] }>(`
    SELECT c.relname AS name,
      (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
      (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
    ORDER BY c.relname`);
  return rows.map((r) => ({ name: r.name, pk: r.pk ?? r.columns, columns: r.columns }));
}

async function foreignKeys(db: Db): Promise<Fk[]> {
  return db.query<Fk>(`
    SELECT cl.relname AS table, a.attname AS column, rc.relname AS ref
      FROM pg_constraint co
      JOIN pg_class cl ON cl.oid = co.conrelid
      JOIN pg_class rc ON rc.oid = co.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1]
     WHERE co.contype = 'f' AND n.nspname = 'public'`);
}

/** Tables in load order, the FK columns that must be filled in after every table is loaded, and self-references. */
export function loadOrder(names: string[], fks: Fk[]): { order: string[]; deferred: Map<string, string[]>; selfRefs: Map<string, string[]> } {
  const deps = new Map(names.map((n) => [n, fks.filter((f) => f.table === n && f.ref !== n && names.includes(f.ref))]));
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const deferred = new Map<string, string[]>();
  const defer = (t: string, c: string) => deferred.set(t, [...new Set([...(deferred.get(t) ?? []), c])]);
  const visit = (n: string) => {
    state.set(n, 'visiting');
    for (const f of deps.get(n) ?? []) {
      const s = state.get(f.ref);
      if (s === 'visiting') defer(n, f.column); // a cycle: load this reference later
      else if (!s) visit(f.ref);
    }
    state.set(n, 'done');
    order.push(n);
  };
  for (const n of [...names].sort()) if (!state.has(n)) visit(n);
  const selfRefs = new Map<string, string[]>();
  for (const f of fks) if (f.table === f.ref && names.includes(f.table)) selfRefs.set(f.table, [...new Set([...(selfRefs.get(f.table) ?? []), f.column])]);
  return { order, deferred, selfRefs };
}

/**
 * Rows of a self-referencing table ordered so that a row comes after the rows it refers to (foreign keys are checked
 * at the end of each INSERT, so a row may also refer to one in the same chunk). Rows in a cycle, if any, come last
 * together. `rows` are JSON texts; `pk` is the single key column.
 */
export function parentsFirst(rows: string[], pk: string, refs: string[]): string[] {
  const parsed = rows.map((text) => ({ text, value: JSON.parse(text) as Record<string, unknown> }));
  const key = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const pending = new Map(parsed.map((r) => [key(r.value[pk])!, r]));
  const placed = new Set<string>();
  const out: string[] = [];
  let progress = true;
  while (pending.size && progress) {
    progress = false;
    for (const [id, r] of pending) {
      const waits = refs.some((c) => {
        const to = key(r.value[c]);
        return to !== null && to !== id && !placed.has(to) && pending.has(to);
      });
      if (waits) continue;
      out.push(r.text);
      placed.add(id);
      pending.delete(id);
      progress = true;
    }
  }
  for (const r of pending.values()) out.push(r.text);
  return out;
}

/** Tables derived from the others and rebuilt after a restore (analytics cells): not written to backups. */
export const DERIVED_TABLES = ['analytics_cells'];

export async function backup(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  return db.tx(async (t) => {
    if (!db.inTransaction) await t.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const infos = (await tables(t)).filter((x) => !DERIVED_TABLES.includes(x.name));
    const migrations = (await t.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id);
    let total = 0;
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), database: db.kind, migrations })}\n`;
      for (const info of infos) {
        yield `${JSON.stringify({ table: info.name, columns: info.columns })}\n`;
        const pkList = info.pk.map(ident).join(', ');
        let last: string | null = null; // the previous page's last row, as its JSON text: the key stays exact
        for (;;) {
          const where: string = last ? `WHERE (${pkList}) > (SELECT ${pkList} FROM json_populate_record(NULL::${ident(info.name)}, $1::json))` : '';
          const rows: { r: string }[] = await t.query<{ r: string }>(
            `SELECT row_to_json(x)::text AS r FROM ${ident(info.name)} x ${where} ORDER BY ${pkList} LIMIT ${CHUNK}`,
            last ? [last] : [],
          );
          for (const row of rows) yield `${row.r}\n`;
          total += rows.length;
          if (rows.length < CHUNK) break;
          last = rows[rows.length - 1].r;
        }
      }
      yield `${JSON.stringify({ end: true, rows: total })}\n`;
    }
    const tmp = `${file}.part`;
    await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(tmp));
    fs.renameSync(tmp, file);
    return { tables: infos.length, rows: total };
  });
}

export class BackupFormatError extends Error {}

/** Replaces every row of this database with the backup's. All in one transaction: on any error nothing changes. */
export async function restore(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  if (!fs.existsSync(file)) throw new BackupFormatError(`Không tìm thấy tệp sao lưu: ${file}`);
  await migrate(db);
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  const next = async (): Promise<{ text: string; value: Record<string, unknown> } | null> => {
    try {
      const r = await it.next();
      return r.done ? null : { text: r.value, value: JSON.parse(r.value) as Record<string, unknown> };
    } catch (e) {
      throw new BackupFormatError(`Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của Nhịp (${(e as Error).message}).`);
    }
  };
  const header = (await next())?.value;
  if (!header || header.format !== FORMAT) throw new BackupFormatError('Tệp này không phải tệp sao lưu của Nhịp.');
  if (Number(header.version) > VERSION) throw new BackupFormatError('Tệp sao lưu được tạo bởi phiên bản Nhịp mới hơn.');
  const have = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  const missing = (header.migrations as string[]).filter((m) => !have.has(m));
  if (missing.length) throw new BackupFormatError(`Tệp sao lưu cần các migration chưa có ở bản này: ${missing.join(', ')}.`);

  // Read everything grouped by table first (a restore is an offline operation; the file was made by us). Each row
  // is kept as the JSON text PostgreSQL wrote, and handed back to PostgreSQL as such.
  const data = new Map<string, { columns: string[]; rows: string[] }>();
  let current: { columns: string[]; rows: string[] } | null = null;
  let ended = false;
  for (let line = await next(); line; line = await next()) {
    const { value } = line;
    if ('end' in value) {
      ended = true;
      break;
    }
    if ('table' in value && 'columns' in value && Object.keys(value).length === 2) {
      current = { columns: value.columns as string[], rows: [] };
      data.set(String(value.table), current);
    } else if (current) current.rows.push(line.text);
  }
  if (!ended) throw new BackupFormatError('Tệp sao lưu không đầy đủ (bị cắt ngang).');

  const infos = await tables(db);
  const names = infos.map((t) => t.name);
  const unknown = [...data.keys()].filter((t) => !names.includes(t));
  if (unknown.length) throw new BackupFormatError(`Tệp sao lưu có bảng không tồn tại ở bản này: ${unknown.join(', ')}.`);
  const { order, deferred, selfRefs } = loadOrder(names, await foreignKeys(db));
  // A self-referencing table without a single-column key cannot be ordered row by row: its references come later.
  for (const [name, refs] of selfRefs) {
    if (infos.find((x) => x.name === name)!.pk.length !== 1) deferred.set(name, [...new Set([...(deferred.get(name) ?? []), ...refs])]);
  }
  const chunks = (list: string[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => `[${list.slice(i * CHUNK, (i + 1) * CHUNK).join(',')}]`);
  let rows = 0;
  await db.tx(async (t) => {
    await t.exec(`TRUNCATE ${names.map(ident).join(', ')} RESTART IDENTITY CASCADE`);
    for (const name of order) {
      const saved = data.get(name);
      if (!saved) continue;
      const info = infos.find((x) => x.name === name)!;
      // The columns the backup has: a column added since keeps its default (audit_events.seq and hash: sealed at commit).
      const cols = info.columns.filter((c) => saved.columns.includes(c));
      const later = deferred.get(name) ?? [];
      const refs = selfRefs.get(name) ?? [];
      const ordered = refs.length && !later.some((c) => refs.includes(c)) ? parentsFirst(saved.rows, info.pk[0], refs) : saved.rows;
      for (const chunk of chunks(ordered))
        await t.query(
          `INSERT INTO ${ident(name)} (${cols.map(ident).join(', ')})
           SELECT ${cols.map((c) => (later.includes(c) ? 'NULL' : `s.${ident(c)}`)).join(', ')} FROM json_populate_recordset(NULL::${ident(name)}, $1::json) s`,
          [chunk],
        );
      rows += saved.rows.length;
    }
    for (const [name, later] of deferred) {
      const saved = data.get(name);
      const info = infos.find((x) => x.name === name)!;
      const cols = later.filter((c) => saved?.columns.includes(c));
      if (!saved || !cols.length) continue;
      for (const chunk of chunks(saved.rows))
        await t.query(
          `UPDATE ${ident(name)} x SET ${cols.map((c) => `${ident(c)} = s.${ident(c)}`).join(', ')}
             FROM json_populate_recordset(NULL::${ident(name)}, $1::json) s
            WHERE ${info.pk.map((c) => `x.${ident(c)} = s.${ident(c)}`).join(' AND ')} AND (${cols.map((c) => `s.${ident(c)} IS NOT NULL`).join(' OR ')})`,
          [chunk],
        );
    }
    // Identity columns continue after the restored ids.
    const seqs = await t.query<{ table: string; column: string; seq: string }>(`
      SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND a.attidentity <> '' AND c.relkind = 'r'`);
    for (const s of seqs) {
      if (!s.seq) continue;
      await t.query(`SELECT setval($1, coalesce((SELECT max(${ident(s.column)}) FROM ${ident(s.table)}), 0) + 1, false)`, [s.seq]);
    }
  });
  return { tables: data.size, rows };
}
