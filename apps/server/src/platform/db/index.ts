import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

export type DbKind = 'pglite' | 'postgresql';
export type Params = unknown[];

/** The one database interface the repositories use: plain SQL with $1 parameters. */
export interface Db {
  readonly kind: DbKind;
  query<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T>;
  maybeOne<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | null>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer transaction. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly inTransaction: boolean;
}

// Both drivers return dates as 'YYYY-MM-DD' strings, numeric and bigint as JS numbers.
const DATE = 1082;
const NUMERIC = 1700;
const INT8 = 20;

abstract class BaseDb implements Db {
  abstract readonly kind: DbKind;
  abstract query<T>(sql: string, params?: Params): Promise<T[]>;
  abstract exec(sql: string): Promise<void>;
  abstract tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  abstract readonly inTransaction: boolean;
  async one<T>(sql: string, params?: Params): Promise<T> {
    const rows = await this.query<T>(sql, params);
    if (rows.length === 0) throw new Error(`expected one row, got none: ${sql.slice(0, 80)}`);
    return rows[0];
  }
  async maybeOne<T>(sql: string, params?: Params): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

class PgliteDb extends BaseDb {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly conn: PgliteLike,
    private readonly root: PGlite,
    readonly inTransaction = false,
  ) {
    super();
  }
  async query<T>(sql: string, params: Params = []): Promise<T[]> {
    const res = await this.conn.query<T>(sql, params as never[]);
    return res.rows;
  }
  async exec(sql: string): Promise<void> {
    await this.conn.exec(sql);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.root.transaction(async (t) => fn(new PgliteDb(t, this.root, true)));
  }
  /** The whole embedded database as a tar archive (PGlite's dumpDataDir), to open again with openPglite(…, archive). */
  async dump(): Promise<Blob> {
    return this.root.dumpDataDir('none');
  }
  async close(): Promise<void> {
    if (!this.inTransaction) await this.root.close();
  }
}

class PgDb extends BaseDb {
  readonly kind = 'postgresql' as const;
  constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient | null = null,
  ) {
    super();
  }
  get inTransaction() {
    return this.client !== null;
  }
  async query<T>(sql: string, params: Params = []): Promise<T[]> {
    const res = await (this.client ?? this.pool).query(sql, params);
    return res.rows as T[];
  }
  async exec(sql: string): Promise<void> {
    await (this.client ?? this.pool).query(sql);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgDb(this.pool, client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }
}

export async function openPglite(dataDir: string | undefined, archive?: Blob): Promise<Db> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ?? 'memory://', {
    ...(archive ? { loadDataDir: archive } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: {
      [DATE]: (v: string) => v,
      [NUMERIC]: (v: string) => Number(v),
      [INT8]: (v: string) => Number(v),
    },
    serializers: { [types.DATE]: (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)) },
  });
  return new PgliteDb(pg, pg);
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pgmod = await import('pg');
  const pg = pgmod.default;
  pg.types.setTypeParser(DATE, (v) => v);
  pg.types.setTypeParser(NUMERIC, (v) => Number(v));
  pg.types.setTypeParser(INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  await pool.query('select 1');
  return new PgDb(pool);
}

/** Path of the embedded database inside DATA_DIR. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');
