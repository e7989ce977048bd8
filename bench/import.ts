/**
 * Import benchmark: a synthetic province (510 units, 50 data elements, one quarterly form) is set up
 * with importMetadata in a fresh database, then N data values (default 1,000,000) go through
 * importDataValues with full validation — first as a dry run, then for real — and the database is
 * checked to hold exactly what was sent.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npm run bench:import
 *   npm run bench:import -- --values 100000            (no URL: PGlite in memory; keep N small)
 *   npm run bench:import -- --format csv --mode draft --chunk 20000
 *
 * --mode approve (default) loads historical data: rounds and approved submissions are created as needed.
 * --mode draft opens a round per period first and loads the values into draft submissions.
 * The last line reads: import: N values/s (N values in N s, db=postgresql)
 */
import { Readable } from 'node:stream';
import { importDataValues, importMetadata } from '../apps/server/src/modules/dhis2/dhis2.service.js';
import { ensureAdmin } from '../apps/server/src/modules/identity/identity.service.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { dataValueSet, quartersBack, syntheticProvince } from './lib/province.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const N = Number(arg('values', '1000000'));
const FORMAT = arg('format', 'json') as 'json' | 'csv';
const MODE = arg('mode', 'approve') as 'approve' | 'draft';
const CHUNK = Number(arg('chunk', '20000'));
if (!Number.isInteger(N) || N < 1) throw new Error('--values must be a positive integer');
if (!['json', 'csv'].includes(FORMAT) || !['approve', 'draft'].includes(MODE)) throw new Error('--format json|csv, --mode approve|draft');

async function openBenchDb(): Promise<{ db: Db; kind: 'postgresql' | 'pglite'; where: string; close: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, kind: 'pglite', where: 'PGlite in memory', close: () => db.close() };
  }
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`The benchmark runs on loopback only, not on ${host}.`);
  const admin = await openPostgres(url, 1);
  const version = (await admin.one<{ v: string }>(`SELECT current_setting('server_version') AS v`)).v;
  const name = `nhip_bench_import_${process.pid}`;
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 4);
  await migrate(db);
  return {
    db,
    kind: 'postgresql',
    where: `PostgreSQL ${version} at ${u.host}`,
    close: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

const secs = (ms: number) => (ms / 1000).toFixed(2);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

async function main() {
  const { db, kind, where, close } = await openBenchDb();
  try {
    await ensureAdmin(db, 'Bench-Import-2026!');
    const row = await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
    const actor = { id: row.id, role: 'admin' as const, orgUnitId: null, username: 'admin' };

    const province = syntheticProvince({ districts: 10, communesPerDistrict: 50, elements: 50 });
    const perPeriod = province.units.length * province.elements.length;
    const periods = quartersBack({ year: 2024, quarter: 4 }, Math.ceil(N / perPeriod));
    const meta = await importMetadata(db, actor, province.metadata);
    if (meta.status !== 'OK') throw new Error(`metadata import failed: ${JSON.stringify(meta.errors.slice(0, 3))}`);
    if (MODE === 'draft') {
      const form = await db.one<{ id: number }>('SELECT id FROM report_forms WHERE code = $1', [province.form]);
      for (const p of periods) {
        const y = Number(p.slice(0, 4));
        const q = Number(p.slice(5));
        const start = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
        await db.query(
          `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
           VALUES ($1, $2, $3::date, ($3::date + interval '3 months' - interval '1 day')::date, $3::date, ($3::date + interval '3 months' - interval '1 day')::date, now() + interval '30 days', 'open')`,
          [form.id, p, start],
        );
      }
    }
    const t0 = performance.now();
    const pieces = dataValueSet(province, periods, N, FORMAT);
    const bytes = pieces.reduce((n, b) => n + b.length, 0);
    console.log(
      `${where}; ${province.units.length} units × ${province.elements.length} elements × ${periods.length} quarters; ${N} values as ${FORMAT} (${mb(bytes)}, generated in ${secs(performance.now() - t0)} s); mode=${MODE}, chunk=${CHUNK}`,
    );

    const run = async (dryRun: boolean) => {
      const started = performance.now();
      const summary = await importDataValues(
        db,
        actor,
        { format: FORMAT, body: Readable.from(pieces), dryRun, approve: MODE === 'approve', chunkRows: CHUNK },
        new Date(),
      );
      const ms = performance.now() - started;
      if (summary.status !== 'SUCCESS' || summary.importCount.imported !== N)
        throw new Error(`unexpected summary: ${JSON.stringify({ ...summary, conflicts: summary.conflicts.slice(0, 3) })}`);
      return { ms, summary };
    };

    const dry = await run(true);
    console.log(`dry run: ${rate(N, dry.ms)} values/s (${N} values in ${secs(dry.ms)} s, nothing written)`);
    if ((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM data_values')).n !== 0) throw new Error('the dry run wrote values');

    const real = await run(false);
    const stored = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM data_values')).n;
    const audited = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM value_audit')).n;
    if (stored !== N || audited !== N) throw new Error(`stored ${stored} values and ${audited} audit rows, expected ${N}`);
    const mem = process.memoryUsage();
    console.log(
      `checked: ${stored} values and ${audited} value_audit rows stored; rounds created ${real.summary.created.rounds}, submissions ${real.summary.created.submissions}; heap ${mb(mem.heapUsed)}, rss ${mb(mem.rss)}`,
    );
    console.log(`import: ${rate(N, real.ms)} values/s (${N} values in ${secs(real.ms)} s, db=${kind})`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
