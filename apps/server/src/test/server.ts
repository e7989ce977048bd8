import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Clock } from '../platform/clock.js';
import { type Config, loadConfig } from '../platform/config.js';
import { type Db, openPglite, openPostgres } from '../platform/db/index.js';
import { migrate } from '../platform/db/migrate.js';
import type { SeedDemoResult } from '../modules/demo/seed.js';
import { ensureAdmin } from '../modules/identity/identity.service.js';
import { demoDb } from './demo.js';

export const TEST_ADMIN_PASSWORD = 'Quan-tri-2026!';

/**
 * A fresh migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (the CI run sets it), dropped when the file ends.
 */
export async function testDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const name = `nhip_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openPostgres(base, 1);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 4);
  await migrate(db);
  return {
    db,
    close: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return {
    now: () => new Date(at),
    today: () => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
    set(next: string) {
      at = new Date(next);
    },
  };
}

export type TestServer = { app: FastifyInstance; db: Db; clock: ReturnType<typeof fixedClock>; close: () => Promise<void> };

export async function testServer(opts: { now?: string; seed?: (db: Db) => Promise<void>; config?: Partial<Config> } = {}): Promise<TestServer> {
  const { db, close } = await testDb();
  await ensureAdmin(db, TEST_ADMIN_PASSWORD);
  if (opts.seed) await opts.seed(db);
  const clock = fixedClock(opts.now ?? '2026-11-22T02:00:00Z');
  const config = { ...loadConfig({}), scheduler: false, ...opts.config };
  const app = await buildApp({ db, config, clock });
  await app.ready();
  return { app, db, clock, close: async () => { await app.close(); await close(); } };
}

/**
 * A server on a database of its own holding the demo province of `today` (test/demo.ts: seeded once per source state
 * and copied), business time pinned to `now` (default: 09:00 that day), with the seed's result (accounts, counts).
 */
export async function demoTestServer(opts: { today: string; now?: string; config?: Partial<Config> }): Promise<TestServer & { seeded: SeedDemoResult }> {
  const { db, close, seeded } = await demoDb(opts.today, TEST_ADMIN_PASSWORD);
  const clock = fixedClock(opts.now ?? `${opts.today}T02:00:00Z`);
  const config = { ...loadConfig({}), scheduler: false, ...opts.config };
  const app = await buildApp({ db, config, clock });
  await app.ready();
  return { app, db, clock, seeded, close: async () => { await app.close(); await close(); } };
}

/** Signs in through the API and returns a cookie header for later requests. */
export async function loginAs(app: FastifyInstance, username: string, password: string): Promise<{ cookie: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'nhip_sid');
  return { cookie: `nhip_sid=${c!.value}` };
}
