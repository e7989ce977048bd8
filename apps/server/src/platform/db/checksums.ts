import type { Db } from './index.js';

export type TableChecksum = { rows: number; checksum: string };

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Row count and an order-independent checksum of every table in the public schema (schema_migrations and
 * `exclude` left out): the md5 of the sorted md5s of each row's text form. Text forms are read in UTC so
 * the same data gives the same checksum on PGlite and on PostgreSQL. Used to prove that a pass of requests
 * changed nothing, and that a backup restores exactly.
 */
export async function tableChecksums(db: Db, opts: { exclude?: string[] } = {}): Promise<Map<string, TableChecksum>> {
  const exclude = new Set(['schema_migrations', ...(opts.exclude ?? [])]);
  return db.tx(async (t) => {
    await t.query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true)`);
    const names = (
      await t.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
      )
    )
      .map((r) => r.name)
      .filter((n) => !exclude.has(n));
    const out = new Map<string, TableChecksum>();
    for (const name of names) {
      const r = await t.one<{ rows: number; checksum: string | null }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
           FROM (SELECT md5(x::text) AS h FROM ${ident(name)} x) s`,
      );
      out.set(name, { rows: r.rows, checksum: r.checksum ?? '' });
    }
    return out;
  });
}

/** Tables whose count or checksum differ between two snapshots, with both sides, for a readable failure. */
export function checksumDiff(a: Map<string, TableChecksum>, b: Map<string, TableChecksum>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  for (const n of names) {
    const x = a.get(n);
    const y = b.get(n);
    if (!x || !y || x.rows !== y.rows || x.checksum !== y.checksum)
      out.push(`${n}: ${x ? `${x.rows} dòng ${x.checksum.slice(0, 8)}` : 'không có'} → ${y ? `${y.rows} dòng ${y.checksum.slice(0, 8)}` : 'không có'}`);
  }
  return out;
}
