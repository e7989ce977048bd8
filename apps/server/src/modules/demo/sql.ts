import type { Db } from '../../platform/db/index.js';

/** Reserves n ids from a table's identity sequence, so rows can reference each other before insertion. */
export async function allocIds(db: Db, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await db.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2::int) ORDER BY 1`,
    [table, n],
  );
  return rows.map((r) => Number(r.id));
}

export type ColType = 'int' | 'bigint' | 'text' | 'numeric' | 'date' | 'timestamptz' | 'bool' | 'jsonb';
export type Col = readonly [name: string, type: ColType];

const CHUNK = 4000;

/**
 * Multi-row insert through unnest(): one statement (per 4,000 rows) whatever the row count, identical on
 * PGlite and PostgreSQL. jsonb values are passed as text and cast.
 */
export async function insertRows(db: Db, table: string, cols: readonly Col[], rows: readonly unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params = cols.map((_, i) => chunk.map((r) => (r[i] === undefined ? null : r[i])));
    const names = cols.map(([n]) => n).join(', ');
    const args = cols.map(([, t], i) => `$${i + 1}::${t === 'jsonb' ? 'text' : t}[]`).join(', ');
    const alias = cols.map((_, i) => `c${i}`).join(', ');
    const select = cols.map(([, t], i) => (t === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
    await db.query(`INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${args}) AS x(${alias})`, params);
  }
}
