/**
 * The directorate's dashboard and the draft annual report, on the demo province ("Tỉnh Vân Lĩnh"), with the
 * real server (buildApp on loopback, PGlite in memory) and the production web build in Chromium:
 *
 * - dashboard open time at 1366×768 as the office user (vanphong): navigation start → the page's
 *   'nhip:dashboard-ready' mark (cards shown, every chart drawn), for /dashboard (the province) and for one
 *   drilled-down commune (/dashboard?ou=<code>): 1 warm-up, then BENCH_LOADS loads each (default 20) — p50,
 *   p95, max;
 * - the 2025 annual report: assembleSummaryReport + buildSummaryReportDocx in-process (1 warm-up, then
 *   BENCH_RUNS runs, default 20), and through GET /api/reports/summary?period=2025 as .docx (1 warm-up + 5),
 *   .pdf (3 runs, when LibreOffice's `soffice` is installed) and the appendix .xlsx (1 warm-up + 3).
 *
 *   npm run bench:dashboard        (builds the web app first when its build is missing or stale)
 *   BENCH_LOADS=10 BENCH_RUNS=10 npm run bench:dashboard
 *
 * The last line reads: dashboard: open p50 N ms p95 N ms, drill-down p50 N ms, report docx p50 N ms p95 N ms,
 * pdf N ms, appendix xlsx N ms
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { BrowserContext } from 'playwright-core';
import { buildApp } from '../apps/server/src/app.js';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/modules/demo/seed.js';
import { findSoffice } from '../apps/server/src/modules/documents/pdf.js';
import { buildSummaryReportDocx } from '../apps/server/src/modules/documents/summary-report.docx.js';
import { assembleSummaryReport } from '../apps/server/src/modules/reports/summary-report.service.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openPglite } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { launchBrowser } from '../e2e/support/chromium.js';
import { quantile } from './lib/stats.js';
import { ensureWebBuild } from './lib/web.js';

/** Business date pinned as the e2e journeys pin it: inside the demo's open quarterly round. */
const TODAY = '2026-11-22';
const NOW = `${TODAY}T09:00:00+07:00`;
const PERIOD = '2025';
const OFFICE = 'vanphong';
const READY_MARK = 'nhip:dashboard-ready';
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HTTP_RUNS = 5;
const PDF_RUNS = 3;
const XLSX_RUNS = 3;
if (!Number.isInteger(LOADS) || LOADS < 10) throw new Error('BENCH_LOADS must be an integer of at least 10');
if (!Number.isInteger(RUNS) || RUNS < 10) throw new Error('BENCH_RUNS must be an integer of at least 10');

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

const r = Math.round;
type Stats = { p50: number; p95: number; min: number; max: number; n: number };
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1], n: s.length };
}
const show = (s: Stats) => `p50 ${r(s.p50)} ms, p95 ${r(s.p95)} ms, min ${r(s.min)} ms, max ${r(s.max)} ms (${s.n} runs)`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

type DashboardApi = {
  period: { id: string; name: string };
  unit: { code: string; name: string; children: { code: string; name: string; type: string }[] };
};
type Load = { ready: number; api: number };

/** Opens `url` in a new tab, waits for the ready mark; its time from navigation start, and when the dashboard's data had arrived. */
async function openDashboard(context: BrowserContext, url: string, unitName: string): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, { timeout: 60_000 });
    const got = await page.evaluate((mark) => {
      const api = performance
        .getEntriesByType('resource')
        .filter((e) => /\/api\/dashboard(\?|$)/.test(e.name)) as PerformanceResourceTiming[];
      return {
        ready: performance.getEntriesByName(mark)[0].startTime,
        api: api.length ? Math.max(...api.map((e) => e.responseEnd)) : Number.NaN,
        subtitle: document.querySelector('.nhip-page-header .subtitle')?.textContent ?? '',
      };
    }, READY_MARK);
    if (!got.subtitle.includes(unitName)) throw new Error(`${url}: the dashboard shows "${got.subtitle}", not ${unitName}`);
    return { ready: got.ready, api: got.api };
  } finally {
    await page.close();
  }
}

async function main() {
  log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
  ensureWebBuild(log);
  const db = await openPglite(undefined);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    await migrate(db);
    const seeded = await timed(() => seedDemo(db, { today: TODAY }));
    const c = seeded.value.counts;
    log(
      `demo province seeded as of ${TODAY} in ${r(seeded.ms)} ms (${c.orgUnits} units, ${c.dataElements} data elements; PGlite in memory)`,
    );
    app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // Signed in beforehand (not measured).
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: OFFICE, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const sid = /nhip_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!sid) throw new Error('sign-in set no session cookie');
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie: `nhip_sid=${sid}` } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
      return { body, type: res.headers.get('content-type') ?? '' };
    };

    // The unit to drill into: a commune under the province, as the e2e journey picks it (else any unit below).
    const province = JSON.parse((await get('/api/dashboard')).body.toString('utf8')) as DashboardApi;
    const child = province.unit.children.find((x) => x.type === 'commune') ?? province.unit.children[0];
    if (!child) throw new Error('the demo province has no unit below it in the default period');
    log(`dashboard: ${province.unit.name}, period ${province.period.name}; drill-down into ${child.name} (${child.code}, ${child.type})`);
    const drillUrl = `/dashboard?ou=${encodeURIComponent(child.code)}`;

    // The dashboard API on its own (median of 5 after one), to tell server time from drawing time.
    const apiAlone = async (url: string) => {
      await get(url);
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) xs.push((await timed(() => get(url))).ms);
      return stats(xs).p50;
    };
    const apiProvince = await apiAlone('/api/dashboard');
    const apiUnit = await apiAlone(`/api/dashboard?ou=${encodeURIComponent(child.code)}`);

    browser = await launchBrowser();
    const context = await browser.newContext({
      baseURL: base,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 768 },
    });
    await context.addCookies([{ name: 'nhip_sid', value: sid, url: base }]);

    // Cold: the first visit (empty browser cache) is the warm-up; the measured loads have the scripts cached.
    const measure = async (url: string, unitName: string) => {
      const warmUp = await openDashboard(context, url, unitName);
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await openDashboard(context, url, unitName));
      return { warmUp, ready: stats(loads.map((x) => x.ready)), api: stats(loads.map((x) => x.api)) };
    };
    const open = await measure('/dashboard', province.unit.name);
    const drill = await measure(drillUrl, child.name);
    await context.close();
    await browser.close();
    browser = null;
    log(
      `dashboard open (province): ${show(open.ready)}; data received p50 ${r(open.api.p50)} ms; warm-up (cold cache) ${r(open.warmUp.ready)} ms; API alone ${r(apiProvince)} ms`,
    );
    log(
      `dashboard drill-down (${child.code}): ${show(drill.ready)}; data received p50 ${r(drill.api.p50)} ms; warm-up ${r(drill.warmUp.ready)} ms; API alone ${r(apiUnit)} ms`,
    );

    // The annual report, in-process: assemble from approved values and narratives, then build the .docx.
    const inProcess = async () => {
      const a = await timed(() => assembleSummaryReport(db, { period: PERIOD, today: TODAY }));
      const d = await timed(() => buildSummaryReportDocx(a.value));
      return { assemble: a.ms, docx: d.ms, total: a.ms + d.ms, bytes: d.value.length };
    };
    await inProcess();
    const runs: Awaited<ReturnType<typeof inProcess>>[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await inProcess());
    const total = stats(runs.map((x) => x.total));
    log(
      `report ${PERIOD} in-process (assemble + docx): ${show(total)}; assemble p50 ${r(stats(runs.map((x) => x.assemble)).p50)} ms, docx p50 ${r(stats(runs.map((x) => x.docx)).p50)} ms; ${runs[0].bytes} bytes`,
    );

    // The same through HTTP, as the browser downloads it.
    const summary = (format: string) => `/api/reports/summary?period=${PERIOD}&format=${format}`;
    const overHttp = async (format: string, n: number, warmUp: boolean, magic: string) => {
      if (warmUp) await get(summary(format));
      const xs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const t = await timed(() => get(summary(format)));
        if (t.value.body.subarray(0, magic.length).toString('latin1') !== magic)
          throw new Error(`format=${format}: not a ${format} file (${t.value.type})`);
        bytes = t.value.body.length;
        xs.push(t.ms);
      }
      return { s: stats(xs), bytes, all: xs };
    };
    const docxHttp = await overHttp('docx', HTTP_RUNS, true, 'PK');
    log(`report ${PERIOD} GET …format=docx: ${show(docxHttp.s)}; ${docxHttp.bytes} bytes`);
    let pdfMs: number | null = null;
    const soffice = await findSoffice();
    if (soffice) {
      const pdf = await overHttp('pdf', PDF_RUNS, false, '%PDF-');
      pdfMs = pdf.s.p50;
      log(
        `report ${PERIOD} GET …format=pdf (${soffice}): ${pdf.all.map((x) => `${r(x)} ms`).join(', ')} → median ${r(pdf.s.p50)} ms; ${pdf.bytes} bytes`,
      );
    } else {
      log(`report ${PERIOD} GET …format=pdf: skipped, LibreOffice (soffice) is not installed`);
    }
    const xlsx = await overHttp('xlsx', XLSX_RUNS, true, 'PK');
    log(`report ${PERIOD} GET …format=xlsx (appendix): ${show(xlsx.s)}; ${xlsx.bytes} bytes`);

    console.log(
      `dashboard: open p50 ${r(open.ready.p50)} ms p95 ${r(open.ready.p95)} ms, drill-down p50 ${r(drill.ready.p50)} ms, report docx p50 ${r(total.p50)} ms p95 ${r(total.p95)} ms, pdf ${pdfMs === null ? 'skipped' : `${r(pdfMs)} ms`}, appendix xlsx ${r(xlsx.s.p50)} ms`,
    );
  } finally {
    await browser?.close();
    await app?.close();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
