/**
 * The demo province for the tests that read it, seeded once and then copied: seeding it takes 12–15 s, and a dozen
 * test files need it on each engine. The copy is keyed by every source file of the server and the shared contracts
 * (sourcesHash) and by `today`, so a change to any of them seeds afresh; a test that checks seeding itself
 * (demo/seed.test.ts, the backup round trip) still calls seedDemo.
 * - PGlite: the seeded database's archive (dumpDataDir) and the seed's result in the temporary folder; a file opens its
 *   own in-memory database from the archive. The first process to need it seeds it, the others wait for it.
 * - PostgreSQL (TEST_DATABASE_URL): a template database `nhip_demo_<key>` seeded under an advisory lock, its result in
 *   the database's comment; each file gets `CREATE DATABASE … TEMPLATE` and drops it at the end.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SeedDemoResult, seedDemo } from '../modules/demo/seed.js';
import { ensureAdmin } from '../modules/identity/identity.service.js';
import { type Db, openPglite, openPostgres } from '../platform/db/index.js';
import { migrate } from '../platform/db/migrate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A hash of every source file (tests left out) of the server and the shared contracts. */
export function sourcesHash(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.ts$/.test(e.name)) files.push(p);
    }
  };
  for (const d of ['apps/server/src', 'packages/contracts/src']) walk(path.join(ROOT, d));
  const h = createHash('sha256');
  for (const f of files.sort()) h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

export type DemoDb = { db: Db; seeded: SeedDemoResult; close: () => Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seeds a fresh database as testServer would have: migrated, the test admin, the demo of `today`. */
async function seedInto(db: Db, today: string, adminPassword: string): Promise<SeedDemoResult> {
  await migrate(db);
  await ensureAdmin(db, adminPassword);
  return seedDemo(db, { today });
}

async function pgliteDemo(today: string, adminPassword: string): Promise<DemoDb> {
  const dir = path.join(os.tmpdir(), `nhip-test-demo-${sourcesHash()}-${today}`);
  const archive = path.join(dir, 'db.tar');
  const result = path.join(dir, 'seeded.json');
  const open = async (): Promise<DemoDb> => {
    const db = await openPglite(undefined, new Blob([fs.readFileSync(archive)]));
    return { db, seeded: JSON.parse(fs.readFileSync(result, 'utf8')) as SeedDemoResult, close: () => db.close() };
  };
  const lock = `${dir}.lock`;
  for (const started = Date.now(); ; ) {
    if (fs.existsSync(result)) return open();
    try {
      fs.mkdirSync(lock);
      break; // this process seeds it
    } catch {
      // Another process is seeding it; a lock older than ten minutes was left by a process that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 900_000) throw new Error(`demo database: waited 15 minutes for ${dir}`);
      await sleep(500);
    }
  }
  try {
    const db = await openPglite(undefined);
    const seeded = await seedInto(db, today, adminPassword);
    const blob = await (db as Db & { dump(): Promise<Blob> }).dump();
    const dump = new Uint8Array(await blob.arrayBuffer());
    await db.close();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${archive}.part`, dump);
    fs.renameSync(`${archive}.part`, archive);
    fs.writeFileSync(`${result}.part`, JSON.stringify(seeded));
    fs.renameSync(`${result}.part`, result); // written last: its presence says the copy is whole
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return open();
}

async function postgresDemo(base: string, today: string, adminPassword: string): Promise<DemoDb> {
  const template = `nhip_demo_${sourcesHash()}_${today.replace(/-/g, '')}`;
  const admin = await openPostgres(base, 1);
  const at = (name: string) => {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const comment = async () =>
    (await admin.maybeOne<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [template]))?.c ?? null;
  // One seeder at a time: a transaction-level lock held by a connection of its own that stays checked out while the
  // seed runs (a pooled session lock would be lost with its idle connection, and a second process would then drop the
  // template being seeded).
  const lock = await openPostgres(base, 1);
  try {
    await lock.tx(async (t) => {
      await t.query('SELECT pg_advisory_xact_lock(hashtext($1))', [template]);
      if (await comment()) return;
      await admin.exec(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`); // a half-seeded one, left by a process that died
      await admin.exec(`CREATE DATABASE ${template}`);
      const db = await openPostgres(at(template), 4);
      try {
        const seeded = await seedInto(db, today, adminPassword);
        await admin.exec(`COMMENT ON DATABASE ${template} IS '${JSON.stringify(seeded).replace(/'/g, "''")}'`);
      } finally {
        await db.close();
      }
    });
  } finally {
    await lock.close();
  }
  const seeded = JSON.parse((await comment())!) as SeedDemoResult;
  const name = `nhip_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  // The template must have no session while it is copied; the lock above keeps seeders out, a retry covers a reader.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(250);
    }
  }
  const db = await openPostgres(at(name), 4);
  return {
    db,
    seeded,
    close: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** A database of its own for one test file, holding the demo province of `today` (see the module comment). */
export function demoDb(today: string, adminPassword: string): Promise<DemoDb> {
  const base = process.env.TEST_DATABASE_URL;
  return base ? postgresDemo(base, today, adminPassword) : pgliteDemo(today, adminPassword);
}
