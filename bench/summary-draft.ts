/**
 * The summary report draft (dự thảo báo cáo tổng kết đã chỉnh sửa) over HTTP on the demo province, PGlite:
 * - compiling a draft (POST /api/reports/summary/drafts) for seven periods not in the demo: 2024, 2025Q1–Q4,
 *   2026Q1, 2026Q2 (each once: a period has one draft);
 * - reading it (GET …/2025Q2), saving one section (PUT, BENCH_RUNS runs each, a new version each time),
 *   refreshing the figures (POST …/refresh, 5 runs) and its .docx (GET …/file?format=docx, 5 runs);
 * - what a version weighs in the database (the compiled report kept with the text) and the answer's size.
 *
 *   npm run bench:summary-draft
 *
 * The last line reads: summary-draft: compile p50 N ms (max N), read p50 N ms, save p50 N ms p95 N ms, refresh p50 N ms,
 * docx p50 N ms; version N KB, answer N KB
 */
import os from 'node:os';
import { buildApp } from '../apps/server/src/app.js';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/modules/demo/seed.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openPglite } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { quantile } from './lib/stats.js';

const TODAY = '2026-11-22';
const NOW = `${TODAY}T09:00:00+07:00`;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
if (!Number.isInteger(RUNS) || RUNS < 5) throw new Error('BENCH_RUNS must be an integer of at least 5');
const PERIODS = ['2024', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2'];
const LOAD_BEFORE = os.loadavg()[0];
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const r = Math.round;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN, n: s.length };
};

async function main() {
  const db = await openPglite(undefined);
  await migrate(db);
  const t0 = performance.now();
  await seedDemo(db, { today: TODAY });
  log(`demo seeded in ${r(performance.now() - t0)} ms (load before ${LOAD_BEFORE.toFixed(1)})`);
  const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'vanphong', password: DEMO_PASSWORD } });
    const sid = login.cookies.find((c) => c.name === 'nhip_sid')?.value;
    if (!sid) throw new Error(`sign-in failed: ${login.statusCode}`);
    const headers = { cookie: `nhip_sid=${sid}` };
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const a = performance.now();
      const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      const ms = performance.now() - a;
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms, res };
    };
    const base = '/api/reports/summary/drafts';
    const compile: number[] = [];
    for (const p of PERIODS) {
      const { ms } = await call('POST', base, { period: p });
      compile.push(ms);
      log(`compile ${p}: ${r(ms)} ms`);
    }
    const P = '2025Q2';
    const read: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      const { ms, res } = await call('GET', `${base}/${P}`);
      read.push(ms);
      size = res.rawPayload.length;
    }
    const save: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const d = (await call('GET', `${base}/${P}`)).res.json() as { version: number; sections: { key: string; html: string }[] };
      const s = d.sections.find((x) => x.key === 'I.1')!;
      save.push((await call('PUT', `${base}/${P}`, { baseVersion: d.version, sections: [{ key: s.key, html: `${s.html}<p>Văn phòng bổ sung lần ${i + 1}.</p>` }] })).ms);
    }
    const refresh: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = (await call('GET', `${base}/${P}`)).res.json() as { version: number };
      refresh.push((await call('POST', `${base}/${P}/refresh`, { baseVersion: d.version })).ms);
    }
    const docx: number[] = [];
    for (let i = 0; i < 5; i++) docx.push((await call('GET', `${base}/${P}/file?format=docx`)).ms);
    const weight = await db.one<{ avg: number; max: number }>(
      `SELECT avg(pg_column_size(sections) + pg_column_size(fields) + pg_column_size(input))::int AS avg,
              max(pg_column_size(sections) + pg_column_size(fields) + pg_column_size(input))::int AS max FROM summary_report_versions`);
    const [c, rd, sv, rf, dx] = [stats(compile), stats(read), stats(save), stats(refresh), stats(docx)];
    log(`version row (stored, compressed): avg ${r(weight.avg / 1024)} KB, max ${r(weight.max / 1024)} KB; answer ${r(size / 1024)} KB; load after ${os.loadavg()[0].toFixed(1)}`);
    console.log(`summary-draft: compile p50 ${r(c.p50)} ms (max ${r(c.max)}), read p50 ${r(rd.p50)} ms, save p50 ${r(sv.p50)} ms p95 ${r(sv.p95)} ms, `
      + `refresh p50 ${r(rf.p50)} ms, docx p50 ${r(dx.p50)} ms; version ${r(weight.avg / 1024)} KB, answer ${r(size / 1024)} KB`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
