/**
 * Analytics at scale. Generates (or finds) a deterministic data set — province scale on PGlite, national
 * scale (~20 million approved values) on PostgreSQL — rebuilds the analytics cells, then measures:
 *
 * - the yardstick query DHIS2 teams use, 27 data elements × the last 10 years × the ~18 districts of one
 *   province, through runAnalytics: p50/p95 over ≥ 30 runs after a warm-up;
 * - the same answer by a plain GROUP BY over the raw approved values (median of 3), checked cell by cell
 *   against runAnalytics' — the run fails when they differ;
 * - freshness: a 100-figure report approved through the real route (`POST …/approve` on the running
 *   server), then runAnalytics at the root until its figure is in — from the approval's response to that
 *   answer;
 * - the cost of keeping aggregates current: the approve route's median latency over 100-figure reports
 *   minus that of the `return` route on comparable reports (same transition work, no aggregates);
 * - the peak memory (RSS) of this process.
 *
 *   npm run bench:analytics                                  (province scale, PGlite in memory)
 *   npm run bench:analytics -- --scale national              (throwaway PostgreSQL 15; generation takes minutes)
 *   BENCH_KEEP=1 npm run bench:analytics -- --scale national (keep the generated database for the next run)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:analytics -- --scale national
 *   Options: --db pglite|postgres, --runs N (≥ 30), --approvals N (default 20).
 *
 * The last line reads: analytics: N values, p95 N ms, plain GROUP BY N ms, ratio N×, freshness N ms
 */
import os from 'node:os';
import { buildApp } from '../apps/server/src/app.js';
import { runAnalytics } from '../apps/server/src/modules/analytics/analytics.engine.js';
import { hashPassword } from '../apps/server/src/modules/identity/password.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import type { Db } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { openBenchDb } from './lib/analytics-db.js';
import { Api } from './lib/analytics-http.js';
import {
  clearApprovals,
  compareAnswers,
  median,
  plainGroupBy,
  prepareApprovals,
  quantile,
  storedFigure,
  yardstickRequest,
} from './lib/analytics-measure.js';
import { GENERATOR_VERSION, generateDataset, isEmpty, readMarker } from './lib/national.js';
import { OPEN_QUARTER, planTree, ROOT_CODE, type Scale } from './lib/national-plan.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SCALE = arg('scale', 'province') as Scale;
if (SCALE !== 'province' && SCALE !== 'national') throw new Error('--scale province|national');
const ENGINE = arg('db', SCALE === 'national' ? 'postgres' : 'pglite') as 'pglite' | 'postgres';
if (ENGINE !== 'pglite' && ENGINE !== 'postgres') throw new Error('--db pglite|postgres');
const RUNS = Number(arg('runs', '30'));
const APPROVALS = Number(arg('approvals', '20'));
if (!Number.isInteger(RUNS) || RUNS < 30) throw new Error('--runs must be an integer of at least 30');
if (!Number.isInteger(APPROVALS) || APPROVALS < 1) throw new Error('--approvals must be a positive integer');
const KEEP = process.env.BENCH_KEEP === '1';
const NOW = '2026-11-20T09:00:00+07:00';
const TODAY = '2026-11-20';
const OFFICE = { username: 'bench.office', password: 'Bench-Analytics-2026!' };
const LOAD_BEFORE = os.loadavg()[0];

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const fmt = (n: number) => (n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** rebuildAnalyticsCells, when the analytics cells module is present in this tree. */
async function rebuildCells(db: Db): Promise<{ cells: number } | null> {
  const file = '../apps/server/src/modules/analytics/analytics.cells.js';
  let mod: { rebuildAnalyticsCells?: (db: Db) => Promise<{ cells: number }> };
  try {
    mod = await import(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('analytics.cells')) return null;
    throw e;
  }
  if (!mod.rebuildAnalyticsCells) return null;
  return mod.rebuildAnalyticsCells(db);
}

async function main() {
  const plan = planTree(SCALE);
  const province = plan.yardstickProvince;
  const bench = await openBenchDb({ engine: ENGINE, label: SCALE, keep: KEEP, pool: 10 });
  let failed = false;
  process.once('SIGINT', () => void bench.close().finally(() => process.exit(130)));
  try {
    log(
      `machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}; scale ${SCALE}; database: ${bench.where}`,
    );
    await migrate(bench.db);
    let marker = await readMarker(bench.db);
    if (marker && marker.scale === SCALE && marker.version === GENERATOR_VERSION) {
      log(
        `data set: found, generated ${marker.generatedAt} in ${Math.round(marker.generatedMs / 1000)} s (${marker.values} values) — reused`,
      );
    } else {
      if (!(await isEmpty(bench.db))) {
        log('data set: the database holds an incomplete or older set — starting again from an empty database');
        await bench.reset();
        await migrate(bench.db);
      }
      log(`data set: generating (${SCALE} scale)…`);
      marker = await generateDataset(bench.db, {
        scale: SCALE,
        officeUsername: OFFICE.username,
        officePasswordHash: await hashPassword(OFFICE.password),
        log,
      });
      log(
        `data set: generated in ${Math.round(marker.generatedMs / 1000)} s — ${marker.units} units, ${marker.submissions} approved reports, ${marker.values} values`,
      );
    }
    const db = bench.db;

    const cleared = await clearApprovals(db);
    if (cleared) log(`cleared ${cleared} values left by an earlier run's approval measurements`);
    const values = (
      await db.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM data_values dv JOIN submissions s ON s.id = dv.submission_id WHERE s.status = 'approved'`,
      )
    ).n;
    log(`approved values in the database: ${values}`);

    const t0 = performance.now();
    const rebuilt = await rebuildCells(db);
    if (rebuilt) log(`cells: rebuildAnalyticsCells wrote ${rebuilt.cells} cells in ${Math.round(performance.now() - t0)} ms`);
    else log('cells: analytics.cells.ts is not in this tree — skipped; runAnalytics answers from the raw values');

    // The yardstick query through the engine.
    const request = yardstickRequest(province);
    const opts = { today: TODAY, scopeUnitId: null };
    const warm = await runAnalytics(db, request, opts);
    log(
      `yardstick: ${request.dx.length} data elements × ${province} and its ${warm.dimensions.ou.length - 1} districts (ou:${province};LEVEL-3) × ${request.pe.length} years → ${warm.rows.length} figures`,
    );
    for (let i = 0; i < 4; i++) await runAnalytics(db, request, opts);
    const times: number[] = [];
    let answer = warm;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      answer = await runAnalytics(db, request, opts);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    log(
      `yardstick: ${RUNS} runs after 5 warm-up runs — p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms, min ${fmt(times[0])} ms, max ${fmt(times.at(-1)!)} ms`,
    );

    // The same answer by a plain GROUP BY, and the check that both agree.
    const plainTimes: number[] = [];
    let plain: Awaited<ReturnType<typeof plainGroupBy>> = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      plain = await plainGroupBy(db, province, 3);
      plainTimes.push(performance.now() - t);
    }
    const plainMs = median(plainTimes);
    log(`plain GROUP BY: ${plain.length} figures, ${plainTimes.map((t) => Math.round(t)).join(' / ')} ms → median ${fmt(plainMs)} ms`);
    const cmp = compareAnswers(answer.rows, plain);
    if (cmp.missing.length || cmp.extra.length || cmp.differ.length || plain.length === 0) {
      failed = true;
      log(
        `CHECK FAILED: ${cmp.missing.length} figures missing from runAnalytics, ${cmp.extra.length} extra, ${cmp.differ.length} different`,
      );
      for (const line of [...cmp.differ, ...cmp.missing, ...cmp.extra].slice(0, 10)) log(`  ${line}`);
    } else log(`check: runAnalytics and the plain GROUP BY agree on all ${cmp.cells} figures`);
    const ratio = plainMs / p95;
    log(`ratio: plain GROUP BY ÷ p95 = ${fmt(ratio)}× (÷ p50 = ${fmt(plainMs / p50)}×)`);

    // Freshness and the cost of keeping aggregates current, through the running server.
    const fixture = await prepareApprovals(db, 1 + 2 * APPROVALS);
    log(`approvals: open round ${OPEN_QUARTER.id} with ${fixture.units.length} submitted reports, ${fixture.figures} figures`);
    const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
    let freshness = Number.NaN;
    let approveMs: number[] = [];
    let returnMs: number[] = [];
    try {
      const api = await Api.start(app, OFFICE.username, OFFICE.password);
      const element = request.dx[0];
      const rootFigure = async () => {
        const r = await runAnalytics(
          db,
          { dx: [element], ou: [{ kind: 'unit', code: ROOT_CODE }], pe: [OPEN_QUARTER.id], includeUnapproved: false },
          opts,
        );
        return r.rows[0]?.value ?? 0;
      };
      const [first, ...rest] = fixture.units;
      const before = await rootFigure();
      const expected = before + (await storedFigure(db, first.id, element));
      const approved = await api.post(`/api/rounds/${fixture.roundId}/units/${first.id}/approve`, { comment: 'Đồng ý' });
      if (approved.status !== 200) throw new Error(`approve answered ${approved.status}: ${approved.body.slice(0, 300)}`);
      let polls = 0;
      let seen = Number.NaN;
      while (performance.now() - approved.at < 60_000) {
        polls++;
        if ((await rootFigure()) === expected) {
          seen = performance.now();
          break;
        }
      }
      freshness = seen - approved.at;
      if (Number.isNaN(freshness)) {
        failed = true;
        log(`FRESHNESS FAILED: ${element} at ${ROOT_CODE} for ${OPEN_QUARTER.id} did not reach ${expected} within 60 s of the approval`);
      } else
        log(
          `freshness: ${element} at ${ROOT_CODE} ${OPEN_QUARTER.id} went ${before} → ${expected}; in the ${polls === 1 ? 'first' : `${polls}th`} answer after the approval, ${fmt(freshness)} ms after its response (approve took ${fmt(approved.ms)} ms)`,
        );

      // Approve and return alternately, so both see the same state of the machine.
      for (let i = 0; i < APPROVALS; i++) {
        const a = await api.post(`/api/rounds/${fixture.roundId}/units/${rest[2 * i].id}/approve`, { comment: 'Đồng ý' });
        const r = await api.post(`/api/rounds/${fixture.roundId}/units/${rest[2 * i + 1].id}/return`, {
          comment: 'Đề nghị rà soát lại số liệu',
        });
        if (a.status !== 200 || r.status !== 200)
          throw new Error(`approve ${a.status} ${a.body.slice(0, 200)}; return ${r.status} ${r.body.slice(0, 200)}`);
        approveMs.push(a.ms);
        returnMs.push(r.ms);
      }
      approveMs = approveMs.sort((a, b) => a - b);
      returnMs = returnMs.sort((a, b) => a - b);
      log(`approve route (100 figures): median ${fmt(median(approveMs))} ms, max ${fmt(approveMs.at(-1)!)} ms over ${APPROVALS}`);
      log(
        `return route (same reports, no aggregates): median ${fmt(median(returnMs))} ms, max ${fmt(returnMs.at(-1)!)} ms over ${APPROVALS}`,
      );
      log(`keeping aggregates current adds ${fmt(median(approveMs) - median(returnMs))} ms to approving a 100-figure report`);
      await api.close();
    } finally {
      await app.close();
    }

    log(`memory: peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    console.log(
      `analytics: ${values} values, p95 ${fmt(p95)} ms, plain GROUP BY ${fmt(plainMs)} ms, ratio ${fmt(ratio)}×, freshness ${fmt(freshness)} ms`,
    );
  } finally {
    await bench.close();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
