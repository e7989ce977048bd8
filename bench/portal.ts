/**
 * The public portal under anonymous readers, on the demo province ("Tỉnh Vân Lĩnh", seeded as of 22/11/2026, read at
 * 09:00 that day) with the real server on loopback:
 *
 * - Page weight: every published article page as a reader's browser fetches it without its photos (the HTML and the
 *   stylesheet: nothing else is needed to read it, no script, no font), the largest one reported, and what its
 *   photos would add; also gzip sizes, for a reverse proxy that compresses.
 * - First render: each article page and the first list pages fetched once, one after another, on a fresh server
 *   (the page cache empty): what the first reader after a change waits for.
 * - Load: BENCH_CONNECTIONS concurrent anonymous readers (default 200), each on its own keep-alive connection, for
 *   BENCH_DURATION seconds (default 10) after a 2 s warm-up: `list` is GET /tin-tuc, `article` cycles through every
 *   published article's page. Two modes: `readers`, each reader asking for a page every second (BENCH_READER_RATE),
 *   and `saturation`, each asking again as soon as its answer is back. The load comes from autocannon in a worker
 *   thread, so the server's event loop is its own; latency is to the last byte of each response (p50, p95, p99
 *   computed from every response). In saturation the stylesheet too, which reads no database: the server's own
 *   ceiling on the machine, for reference. Errors, time-outs (30 s) and non-200 answers are counted and shown; a
 *   cookie on any page fetched one by one fails the run.
 *
 * On PGlite (the embedded default) and on PostgreSQL 15 (a throwaway server from scripts/pg-throwaway.sh, or
 * BENCH_DATABASE_URL on loopback). BENCH_DB=pglite or BENCH_DB=postgres runs one.
 *
 *   npm run bench:portal
 *   BENCH_DB=pglite BENCH_DURATION=20 npm run bench:portal
 *
 * The last lines read: portal weight: …; portal <db> first render: …; portal <db> <page>: …
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { buildApp } from '../apps/server/src/app.js';
import { seedDemo } from '../apps/server/src/modules/demo/seed.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { benchPostgres } from './lib/pg.js';
import { quantile } from './lib/stats.js';

const TODAY = '2026-11-22';
const NOW = `${TODAY}T09:00:00+07:00`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = 2;
/** Requests per second of each reader in the `readers` mode. */
const READER_RATE = Number(process.env.BENCH_READER_RATE ?? 1);
const POOL = Number(process.env.BENCH_POOL ?? 10); // the server's own default pool size
const DBS = (process.env.BENCH_DB ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1) throw new Error('BENCH_CONNECTIONS must be a positive integer');
if (!(DURATION_S >= 3)) throw new Error('BENCH_DURATION must be at least 3 seconds');
if (!(READER_RATE > 0)) throw new Error('BENCH_READER_RATE must be a positive number of requests per second');
for (const d of DBS) if (d !== 'pglite' && d !== 'postgres') throw new Error(`BENCH_DB: unknown database "${d}" (pglite, postgres)`);

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const r = Math.round;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

type Stats = { p50: number; p95: number; p99: number; max: number; n: number };
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1] ?? Number.NaN, n: s.length };
}
const ms = (x: number) => (x < 10 ? x.toFixed(1) : String(r(x)));
const show = (s: Stats) => `p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms`;

// ───────────── the server ─────────────

async function serve(db: Db) {
  const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, base };
}

type Fetched = { status: number; body: Buffer; ms: number; headers: Headers };
async function get(base: string, url: string): Promise<Fetched> {
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.headers.has('set-cookie')) throw new Error(`GET ${url} set a cookie`);
  return { status: res.status, body, ms: performance.now() - t0, headers: res.headers };
}

/** Slugs of the articles the public sees at NOW, newest first (the same rule as the portal: published and due). */
const dueSlugs = async (db: Db) =>
  (await db.query<{ slug: string }>(`SELECT slug FROM news_articles WHERE status = 'published' AND published_at <= $1 ORDER BY published_at DESC, id DESC`, [new Date(NOW)]))
    .map((x) => x.slug);

// ───────────── page weight ─────────────

type Weight = { slug: string; html: number; css: number; htmlGz: number; cssGz: number; photos: number; photoCount: number; articles: number };

async function pageWeight(base: string, slugs: string[]): Promise<Weight> {
  let worst: { slug: string; body: Buffer } | null = null;
  for (const slug of slugs) {
    const a = await get(base, `/tin-tuc/${slug}`);
    if (a.status !== 200) throw new Error(`GET /tin-tuc/${slug}: ${a.status}`);
    if (!worst || a.body.length > worst.body.length) worst = { slug, body: a.body };
  }
  if (!worst) throw new Error('no published article');
  const html = worst.body.toString('utf8');
  // What else the page asks the browser for: its stylesheet(s), scripts and images.
  const refs = [...html.matchAll(/<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"/g)].map((m) => m[1]!);
  if (refs.some((u) => /\.js(\?|$)/.test(u))) throw new Error('an article page asks for a script');
  const css = refs.filter((u) => /\.css(\?|$)/.test(u));
  const imgs = refs.filter((u) => u.startsWith('/tin-tuc/anh/'));
  let cssBytes = 0;
  let cssGz = 0;
  for (const u of css) {
    const c = await get(base, u);
    cssBytes += c.body.length;
    cssGz += zlib.gzipSync(c.body).length;
  }
  let photoBytes = 0;
  for (const u of imgs) photoBytes += (await get(base, u)).body.length;
  return {
    slug: worst.slug, html: worst.body.length, css: cssBytes, htmlGz: zlib.gzipSync(worst.body).length, cssGz, photos: photoBytes, photoCount: imgs.length, articles: slugs.length,
  };
}

// ───────────── load, from a worker thread ─────────────

/** autocannon in a worker: every response's latency (ms) and status, counted errors. CommonJS, evaluated as is. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const latencies = [];
const statuses = {};
const inst = autocannon({
  url: workerData.base, connections: workerData.connections, duration: workerData.duration, pipelining: 1, timeout: 30,
  ...(workerData.rate ? { connectionRate: workerData.rate } : {}),
  requests: workerData.paths.map((p) => ({ method: 'GET', path: p })),
});
inst.on('response', (client, status, bytes, responseTime) => {
  if (workerData.record) latencies.push(responseTime);
  statuses[status] = (statuses[status] || 0) + 1;
});
inst.on('done', (res) => parentPort.postMessage({ latencies, statuses, errors: res.errors, timeouts: res.timeouts, duration: res.duration }));
`;

type LoadResult = { latencies: number[]; statuses: Record<string, number>; errors: number; timeouts: number; duration: number };

function load(base: string, paths: string[], duration: number, record: boolean, rate: number | null): Promise<LoadResult> {
  const autocannon = path.join(process.cwd(), 'node_modules', 'autocannon');
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { autocannon, base, paths, duration, connections: CONNECTIONS, record, rate } });
    w.once('message', (m: LoadResult) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

type PageLoad = { page: string; mode: 'readers' | 'saturation'; s: Stats; rps: number; requests: number; failed: number };

/**
 * `readers`: each of the CONNECTIONS readers asks for a page every 1/READER_RATE seconds (1 s by default: a reader far
 * quicker than anyone reading), so the latency is the server's answer time at that concurrency. `saturation`: every
 * reader asks again as soon as the last answer is back, so the server runs flat out; the latency is then mostly the
 * queue (connections ÷ throughput), and the figure that matters is the throughput.
 */
async function underLoad(base: string, page: string, paths: string[], mode: PageLoad['mode']): Promise<PageLoad> {
  const rate = mode === 'readers' ? READER_RATE : null;
  await load(base, paths, WARMUP_S, false, rate);
  const x = await load(base, paths, DURATION_S, true, rate);
  const bad = Object.entries(x.statuses).filter(([s]) => s !== '200');
  const failed = x.errors + x.timeouts + bad.reduce((n, [, c]) => n + c, 0);
  if (failed) log(`${page} ${mode}: ${x.errors} errors, ${x.timeouts} timeouts, statuses ${JSON.stringify(x.statuses)}`);
  return { page, mode, s: stats(x.latencies), rps: x.latencies.length / x.duration, requests: x.latencies.length, failed };
}

// ───────────── one database ─────────────

type DbFigures = { kind: string; where: string; first: { article: Stats; list: Stats }; loads: PageLoad[] };

async function firstRender(base: string, slugs: string[]) {
  const article: number[] = [];
  for (const slug of slugs) article.push((await get(base, `/tin-tuc/${slug}`)).ms);
  const list: number[] = [];
  const pages = Math.ceil(slugs.length / 10);
  for (let p = 1; p <= pages; p++) list.push((await get(base, p === 1 ? '/tin-tuc' : `/tin-tuc?trang=${p}`)).ms);
  return { article: stats(article), list: stats(list) };
}

async function onDatabase(kind: 'pglite' | 'postgres', pglite: Db): Promise<{ figures: DbFigures; weight: Weight | null }> {
  let pg: Awaited<ReturnType<typeof benchPostgres>> | null = null;
  let db = pglite;
  let where = 'PGlite in memory';
  if (kind === 'postgres') {
    pg = await benchPostgres('portal');
    where = pg.where;
    db = await openPostgres(pg.url, POOL);
    await migrate(db);
    const t0 = performance.now();
    await seedDemo(db, { today: TODAY });
    log(`${pg.where}: demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  try {
    const slugs = await dueSlugs(db);
    const { app, base } = await serve(db);
    try {
      const first = await firstRender(base, slugs);
      log(`${kind}: first render (empty page cache) of ${slugs.length} article pages ${show(first.article)}; of ${first.list.n} list pages ${show(first.list)}`);
      const weight = kind === 'pglite' ? await pageWeight(base, slugs) : null;
      const loads: PageLoad[] = [];
      // The stylesheet needs no database: the server's own ceiling on this machine, for reference.
      const css = /<link[^>]+href="(\/portal\.css[^"]*)"/.exec((await get(base, '/tin-tuc')).body.toString('utf8'))?.[1] ?? '/portal.css';
      const pages: [string, string[]][] = [['list', ['/tin-tuc']], ['article', slugs.map((s) => `/tin-tuc/${s}`)]];
      for (const mode of ['readers', 'saturation'] as const)
        for (const [page, paths] of mode === 'saturation' ? [...pages, ['stylesheet', [css]] as [string, string[]]] : pages) {
          const x = await underLoad(base, page, [...paths], mode);
          log(`${kind} ${page} ${mode}: ${CONNECTIONS} readers, ${x.requests} answers in ${DURATION_S} s (${r(x.rps)}/s), ${show(x.s)}${x.failed ? `, ${x.failed} failed` : ''}`);
          loads.push(x);
        }
      return { figures: { kind, where, first, loads }, weight };
    } finally {
      await app.close();
    }
  } finally {
    if (pg) {
      await db.close();
      await pg.close();
    }
  }
}

async function main() {
  log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}; ${CONNECTIONS} readers, ${DURATION_S} s per page`);
  const db = await openPglite(undefined);
  const lines: string[] = [];
  try {
    await migrate(db);
    const t0 = performance.now();
    const seeded = await seedDemo(db, { today: TODAY });
    log(`PGlite: demo seeded as of ${TODAY} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${seeded.counts.newsPublished} articles published, ${seeded.counts.newsPhotos} photos`);
    for (const kind of DBS as ('pglite' | 'postgres')[]) {
      const { figures, weight } = await onDatabase(kind, db);
      if (weight) {
        const w = weight;
        log(`largest of ${w.articles} article pages: /tin-tuc/${w.slug}: HTML ${kb(w.html)} + stylesheet ${kb(w.css)} = ${kb(w.html + w.css)} (gzip ${kb(w.htmlGz + w.cssGz)}); `
          + `its ${w.photoCount} photos would add ${kb(w.photos)}`);
        lines.push(`portal weight: largest article without photos ${kb(w.html + w.css)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}; gzip ${kb(w.htmlGz + w.cssGz)}), no script; photos +${kb(w.photos)}`);
      }
      lines.push(`portal ${kind} first render: article p50 ${ms(figures.first.article.p50)} ms p95 ${ms(figures.first.article.p95)} ms; list p50 ${ms(figures.first.list.p50)} ms`);
      for (const x of figures.loads)
        lines.push(`portal ${kind} ${x.page} ${x.mode}: ${CONNECTIONS} readers ${r(x.rps)} req/s, p50 ${ms(x.s.p50)} ms, p95 ${ms(x.s.p95)} ms, p99 ${ms(x.s.p99)} ms${x.failed ? `, ${x.failed} failed` : ''}`);
    }
  } finally {
    await db.close();
  }
  log(`1-minute load average after the run ${os.loadavg()[0].toFixed(1)}`);
  for (const l of lines) console.log(l);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
