import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rebuildAnalyticsCells } from '../modules/analytics/analytics.cells.js';
import { seedDemo } from '../modules/demo/seed.js';
import { ensureAdmin } from '../modules/identity/identity.service.js';
import { TEST_ADMIN_PASSWORD, testDb } from '../test/server.js';
import { verifyAuditChain } from './audit-chain.js';
import { backup, restore } from './backup.js';
import { checksumDiff, tableChecksums } from './db/checksums.js';
import { type Db, openPglite } from './db/index.js';
import { migrate } from './db/migrate.js';

// A backup of the demo province restores into a fresh database row for row: every table has the same count and the
// same order-independent checksum (analytics cells included, rebuilt by the restore as the CLI does), and the audit
// chain still verifies, with the same head. PGlite → PGlite here; with TEST_DATABASE_URL (CI) PostgreSQL →
// PostgreSQL and PGlite → PostgreSQL.
const pg = !!process.env.TEST_DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-roundtrip-'));
const toClose: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of toClose) await c();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pglite(): Promise<Db> {
  const db = await openPglite(undefined);
  await migrate(db);
  toClose.push(() => db.close());
  return db;
}
async function database(): Promise<Db> {
  const o = await testDb();
  toClose.push(o.close);
  return o.db;
}

async function demo(db: Db): Promise<Db> {
  await ensureAdmin(db, TEST_ADMIN_PASSWORD);
  await seedDemo(db, { today: '2026-11-22' });
  return db;
}

async function roundTrip(source: Db, target: Db, name: string) {
  const file = path.join(dir, `${name}.nhip.gz`);
  const before = await tableChecksums(source);
  const chain = await verifyAuditChain(source);
  expect(chain.ok).toBe(true);

  const t0 = performance.now();
  const saved = await backup(source, file);
  const t1 = performance.now();
  // the target is not empty: a restore replaces what is there
  await ensureAdmin(target, 'Mat-khau-khac-2026!');
  const restored = await restore(target, file);
  await rebuildAnalyticsCells(target);
  const t2 = performance.now();

  const after = await tableChecksums(target);
  const rows = [...before.values()].reduce((n, t) => n + t.rows, 0);
  console.log(`${name}: ${before.size} tables, ${rows} rows (${saved.rows} in the file, ${(fs.statSync(file).size / 1024).toFixed(0)} KB); ` +
    `backup ${Math.round(t1 - t0)} ms, restore + cells ${Math.round(t2 - t1)} ms`);
  expect(checksumDiff(before, after)).toEqual([]);
  expect(restored.rows).toBe(saved.rows);
  expect(before.get('analytics_cells')!.rows).toBeGreaterThan(1000);
  expect(before.get('audit_events')!.rows).toBeGreaterThan(100);
  expect(await verifyAuditChain(target)).toEqual(chain);
}

describe('a backup of the demo province restores exactly', () => {
  it.skipIf(pg)('PGlite → PGlite', async () => {
    await roundTrip(await demo(await pglite()), await pglite(), 'pglite-pglite');
  });

  it.skipIf(!pg)('PostgreSQL → PostgreSQL', async () => {
    await roundTrip(await demo(await database()), await database(), 'postgresql-postgresql');
  });

  it.skipIf(!pg)('PGlite → PostgreSQL', async () => {
    await roundTrip(await demo(await pglite()), await database(), 'pglite-postgresql');
  });
});
