/**
 * The database of the analytics benchmark. Unlike the other benchmarks' (a fresh database dropped at the
 * end), a generated national set takes many minutes to write, so it can be kept and found again:
 *
 * - PGlite: in memory, fresh every run (province scale).
 * - PostgreSQL at BENCH_DATABASE_URL (loopback only): the database `nhip_bench_analytics_<scale>` on that
 *   server, created when missing, dropped at the end unless BENCH_KEEP=1.
 * - Otherwise a throwaway PostgreSQL 15 (scripts/pg-throwaway.sh) whose data folder is BENCH_PG_DIR
 *   (default <tmp>/nhip-bench-analytics-pg): started on a free loopback port, always stopped at the end,
 *   and its folder removed unless BENCH_KEEP=1. A folder kept by an earlier run is started again.
 */
import os from 'node:os';
import path from 'node:path';
import { type Db, openPglite, openPostgres } from '../../apps/server/src/platform/db/index.js';
import { loopbackOnly, startThrowaway } from './pg.js';

export type BenchDb = {
  db: Db;
  where: string;
  /** Empties the database (drop and create again); `db` is replaced. */
  reset: () => Promise<void>;
  /** Closes the pool; drops or keeps the database and stops a server this run started. Safe to call twice. */
  close: () => Promise<void>;
};

export async function openBenchDb(opts: { engine: 'pglite' | 'postgres'; label: string; keep: boolean; pool: number }): Promise<BenchDb> {
  if (opts.engine === 'pglite') {
    const handle: BenchDb = {
      db: await openPglite(undefined),
      where: 'PGlite in memory',
      reset: async () => {
        await handle.db.close();
        handle.db = await openPglite(undefined);
      },
      close: async () => handle.db.close(),
    };
    return handle;
  }

  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? fromUrl(given) : await ownServer(opts.keep);
  const admin = await openPostgres(server.url, 1);
  const version = (await admin.one<{ v: string }>(`SELECT current_setting('server_version') AS v`)).v;
  const name = `nhip_bench_analytics_${opts.label}`;
  const create = async () => {
    if (!(await admin.maybeOne(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]))) await admin.exec(`CREATE DATABASE ${name}`);
  };
  await create();
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  let closed = false;
  const handle: BenchDb = {
    db: await openPostgres(u.toString(), opts.pool),
    where: `${server.where}; server ${version}; database ${name}`,
    reset: async () => {
      await handle.db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await create();
      handle.db = await openPostgres(u.toString(), opts.pool);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await handle.db.close();
        if (!opts.keep && given) await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      } finally {
        server.stop();
      }
    },
  };
  return handle;
}

function fromUrl(url: string) {
  loopbackOnly(url);
  return { url, where: `PostgreSQL at ${new URL(url).host}`, stop: () => {} };
}

/** The throwaway server on its (possibly kept) data folder; stop() shuts it down and, unless kept, removes the folder. */
async function ownServer(keep: boolean): Promise<{ url: string; where: string; stop: () => void }> {
  const base = process.env.BENCH_PG_DIR || path.join(os.tmpdir(), 'nhip-bench-analytics-pg');
  const server = await startThrowaway({ base, keep });
  return {
    ...server,
    where: `${server.where} in ${base}${server.reused ? ' (kept by an earlier run)' : ''}${keep ? ', kept after this run' : ''}`,
  };
}
