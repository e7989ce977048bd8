/**
 * The 150-field entry form in Chromium: how long until a reporter can type (time to interactive), and
 * how long each keystroke takes to reach the screen (input latency), on the real server and web build.
 *
 *   npm run bench:form            (builds the web app first when its build is missing or stale)
 *   BENCH_FIELDS=300 npm run bench:form
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { buildApp } from '../apps/server/src/app.js';
import { hashPassword } from '../apps/server/src/modules/identity/password.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openPglite } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { launchBrowser } from '../e2e/support/chromium.js';
import { quantile } from './lib/stats.js';
import { ensureWebBuild } from './lib/web.js';
import { seedBenchRound } from './lib/pg.js';

const FIELDS = Number(process.env.BENCH_FIELDS ?? 150);
const TYPED_FIELDS = 30;
const PASSWORD = 'Bench-Form-2026!';
const NOW = '2026-10-12T09:00:00+07:00';
/** The number inputs of the entry form: one per data element, marked with data-code="<CODE>". */
const FIELD_INPUTS = 'input[data-code]';


/**
 * Runs in the page before any of its scripts (a string, so no build helper leaks into it). Records
 * (1) the first animation frame at which every field input is laid out, enabled, writable and the first
 * one takes focus — time to interactive, from navigation start; (2) for each keydown, the time until the
 * frame after it has been produced (requestAnimationFrame runs before paint, the message after it).
 */
const PROBE = (selector: string, fields: number) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const fields = ${fields};
  window.__latency = [];
  const ready = () => {
    const inputs = document.querySelectorAll(selector);
    if (inputs.length < fields) return false;
    for (const el of inputs) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.disabled || el.readOnly) return false;
      if (getComputedStyle(el).visibility === 'hidden') return false;
    }
    const first = inputs[0];
    const before = document.activeElement;
    first.focus({ preventScroll: true });
    const focusable = document.activeElement === first;
    if (focusable) first.blur();
    if (before && before !== document.body && before !== first) before.focus({ preventScroll: true });
    return focusable;
  };
  const tick = () => {
    if (window.__first === undefined && document.querySelector(selector)) window.__first = performance.now();
    if (window.__tti === undefined && ready()) window.__tti = performance.now();
    if (window.__tti === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const channel = new MessageChannel();
  const pending = [];
  channel.port1.onmessage = () => {
    const t0 = pending.shift();
    if (t0 !== undefined) window.__latency.push(performance.now() - t0);
  };
  window.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      pending.push(t0);
      channel.port2.postMessage(null);
    });
  }, { capture: true });
})();`;

type ProbeWindow = { __tti?: number; __first?: number; __latency: number[] };

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];

async function main() {
  ensureWebBuild((line) => console.log(`form: ${line}`));
  const db = await openPglite(undefined);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  const browser = await launchBrowser();
  try {
    await migrate(db);
    const seed = await seedBenchRound(db, {
      prefix: 'FORM',
      units: 1,
      elements: FIELDS,
      passwordHash: await hashPassword(PASSWORD),
      period: '2026Q3',
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      cutoffStart: '2026-06-15',
      cutoffEnd: '2026-09-14',
      deadline: '2026-10-15T17:00:00+07:00',
    });
    const unit = seed.units[0];
    app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // Signed in beforehand (not measured).
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: unit.username, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const sid = /nhip_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    // The entry API on its own (median of 5), to tell server time from drawing time.
    const apiTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/rounds/${seed.roundId}/units/${unit.id}/entry`, { headers: { cookie: `nhip_sid=${sid}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`entry API: ${res.status}`);
      apiTimes.push(performance.now() - t0);
    }
    const apiMedian = apiTimes.sort((a, b) => a - b)[2];
    const context = await browser.newContext({
      baseURL: base,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 900 },
    });
    await context.addCookies([{ name: 'nhip_sid', value: sid!, url: base }]);
    const entryUrl = `/rounds/${seed.roundId}/units/${unit.id}`;
    await context.addInitScript({ content: PROBE(FIELD_INPUTS, FIELDS) });

    /** Opens the form in a new tab and waits for the probe's time to interactive. */
    const open = async () => {
      const page = await context.newPage();
      await page.goto(entryUrl);
      await page.waitForFunction(() => (window as unknown as ProbeWindow).__tti !== undefined, null, { timeout: 60_000 });
      const marks = await page.evaluate(() => {
        const w = window as unknown as ProbeWindow;
        const api = performance.getEntriesByType('resource').find((r) => /\/entry$/.test(r.name)) as PerformanceResourceTiming | undefined;
        return { tti: w.__tti as number, first: w.__first as number, entryApi: api ? api.responseEnd : Number.NaN };
      });
      return { page, ...marks };
    };
    // Cold: the first visit, nothing cached. Warm: the same browser again, scripts in its cache.
    const cold = await open();
    await cold.page.close();
    const warm = await open();
    const { page } = warm;
    const tti = cold.tti;
    const count = await page.locator(FIELD_INPUTS).count();

    // Type a 4-digit figure into 30 fields spread over the form, with the keyboard, at a brisk typing pace.
    const inputs = page.locator(FIELD_INPUTS);
    const step = Math.floor(FIELDS / TYPED_FIELDS);
    for (let i = 0; i < TYPED_FIELDS; i++) {
      const field = inputs.nth(i * step);
      await field.scrollIntoViewIfNeeded();
      await field.focus();
      await page.keyboard.type(String(1000 + i * 37), { delay: 80 });
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(300);
    const latency = (await page.evaluate(() => (window as unknown as ProbeWindow).__latency)).sort((a, b) => a - b);
    const typed = await Promise.all(Array.from({ length: TYPED_FIELDS }, (_, i) => inputs.nth(i * step).inputValue()));
    const wrong = typed.filter((v, i) => v.replace(/\D/g, '') !== String(1000 + i * 37)).length;
    if (wrong) throw new Error(`${wrong} of ${TYPED_FIELDS} fields do not show what was typed (${typed.slice(0, 5).join(', ')} …)`);

    console.log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
    const r = Math.round;
    console.log(
      `cold:   entry data received ${r(cold.entryApi)} ms, first field drawn ${r(cold.first)} ms, all ${count} fields ready ${r(cold.tti)} ms`,
    );
    console.log(
      `warm:   entry data received ${r(warm.entryApi)} ms, first field drawn ${r(warm.first)} ms, all ${count} fields ready ${r(warm.tti)} ms`,
    );
    console.log(`server: GET …/entry alone takes ${r(apiMedian)} ms (median of 5)`);
    console.log(`typing: ${latency.length} keystrokes in ${TYPED_FIELDS} fields, max ${r(latency.at(-1) ?? 0)} ms`);
    console.log(
      `form: ${count} fields, TTI ${Math.round(tti)} ms, input latency p50 ${Math.round(quantile(latency, 0.5))} ms p95 ${Math.round(quantile(latency, 0.95))} ms`,
    );
  } finally {
    await browser.close();
    await app?.close();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
