/**
 * Deadline burst: 500 units, each with a 100-figure report, all save and submit at the same moment
 * against the real server and a real PostgreSQL on loopback. Afterwards the database must hold exactly
 * 500 submitted reports and 50,000 figures, each exactly as sent and none stored twice.
 *
 *   npm run bench:burst                      (starts its own throwaway PostgreSQL 15)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:burst
 *   BENCH_UNITS=100 npm run bench:burst      (a smaller burst)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { buildApp } from '../apps/server/src/app.js';
import { hashPassword } from '../apps/server/src/modules/identity/password.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { benchPostgres, seedBenchRound } from './lib/pg.js';
import { quantile } from './lib/stats.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const ELEMENTS = 100;
const POOL = Number(process.env.BENCH_POOL ?? 10); // the server's own default pool size
const PASSWORD = 'Bench-Burst-2026!';
const NOW = '2026-10-12T16:30:00+07:00'; // the afternoon before the deadline

type Res = { status: number; body: string; ms: number; headers: http.IncomingHttpHeaders };

/** One HTTP request on the user's own keep-alive connection (own loopback source address). */
function request(agent: http.Agent, port: number, method: string, path: string, cookie: string | null, body?: unknown): Promise<Res> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - t0,
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const ms = (n: number) => Math.round(n);

/** The figure unit u reports for element e: deterministic, different everywhere, checkable in SQL. */
const figure = (u: number, e: number) => ((u + 1) * 7919 + (e + 1) * 104_729) % 1_000_000;

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];

async function main() {
  const started = performance.now();
  const pg = await benchPostgres('burst');
  const cleanup = async () => pg.close();
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  const db = await openPostgres(pg.url, POOL);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(PASSWORD); // once, shared by every reporter
    const seed = await seedBenchRound(db, {
      prefix: 'BURST',
      units: UNITS,
      elements: ELEMENTS,
      passwordHash,
      period: '2026Q3',
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      cutoffStart: '2026-06-15',
      cutoffEnd: '2026-09-14',
      deadline: '2026-10-15T17:00:00+07:00',
    });

    const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;

    // Each reporter is a different machine: its own loopback source address (127.0.x.y), so per-address
    // limits such as the sign-in rate limit see 500 people, not one.
    const users = seed.units.map((u, i) => ({
      ...u,
      index: i,
      agent: new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}` }),
      cookie: '',
      version: 0,
    }));
    const unitPath = (unitId: number) => `/api/rounds/${seed.roundId}/units/${unitId}`;
    const entryPath = (unitId: number) => `${unitPath(unitId)}/entry`;

    // Sign everyone in and open their form (not measured: this happens over the days before the deadline).
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < users.length) {
          const u = users[next++];
          const login = await request(u.agent, port, 'POST', '/api/auth/login', null, { username: u.username, password: PASSWORD });
          if (login.status !== 200) throw new Error(`sign-in of ${u.username} failed: ${login.status} ${login.body}`);
          const set = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('nhip_sid='));
          u.cookie = set!.split(';')[0];
          const entry = await request(u.agent, port, 'GET', entryPath(u.id), u.cookie);
          if (entry.status !== 200) throw new Error(`opening the form of ${u.code} failed: ${entry.status} ${entry.body.slice(0, 300)}`);
          u.version = (JSON.parse(entry.body) as { submission: { version: number } | null }).submission?.version ?? 0;
        }
      }),
    );
    const ready = performance.now();

    // The burst: every unit saves its 100 figures and submits, all at once.
    const saveMs: number[] = [];
    const submitMs: number[] = [];
    const failures: string[] = [];
    const t0 = performance.now();
    await Promise.all(
      users.map(async (u) => {
        try {
          const values = seed.codes.map((code, e) => ({ code, value: String(figure(u.index, e)) }));
          const save = await request(u.agent, port, 'PUT', entryPath(u.id), u.cookie, { version: u.version, values });
          saveMs.push(save.ms);
          if (save.status !== 200) return void failures.push(`${u.code} save ${save.status} ${save.body.slice(0, 200)}`);
          const submit = await request(u.agent, port, 'POST', `${unitPath(u.id)}/submit`, u.cookie, {});
          submitMs.push(submit.ms);
          if (submit.status !== 200) failures.push(`${u.code} submit ${submit.status} ${submit.body.slice(0, 200)}`);
        } catch (e) {
          failures.push(`${u.code} ${(e as Error).message}`);
        }
      }),
    );
    const wall = performance.now() - t0;
    for (const u of users) u.agent.destroy();
    await app.close();

    // Check in SQL what the database holds.
    const units = users.map((u) => u.id);
    const subs = await db.query<{ org_unit_id: number; status: string }>(
      `SELECT org_unit_id, status FROM submissions WHERE round_id = $1`,
      [seed.roundId],
    );
    const submitted = new Set(subs.filter((s) => s.status === 'submitted').map((s) => s.org_unit_id));
    const rows = await db.query<{
      org_unit_id: number;
      code: string;
      value: string;
      num_value: number | null;
      submission_id: number | null;
    }>(
      `SELECT v.org_unit_id, d.code, v.value, v.num_value, v.submission_id
         FROM data_values v JOIN data_elements d ON d.id = v.data_element_id
        WHERE v.period = $1 AND v.org_unit_id = ANY($2::int[])`,
      [seed.period, units],
    );
    const unitIndex = new Map(users.map((u) => [u.id, u.index]));
    const codeIndex = new Map(seed.codes.map((c, i) => [c, i]));
    const perUnit = new Map<number, number>();
    let wrong = 0;
    for (const r of rows) {
      perUnit.set(r.org_unit_id, (perUnit.get(r.org_unit_id) ?? 0) + 1);
      const expected = figure(unitIndex.get(r.org_unit_id)!, codeIndex.get(r.code)!);
      if (r.value !== String(expected) || r.num_value !== expected) wrong++;
    }
    // Stored twice: a key present more than once, a unit with more than one report for the round, a value
    // created twice in the value log, or a report submitted twice in the audit log.
    const dupKeys = await db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM data_values WHERE period = $1 AND org_unit_id = ANY($2::int[])
         GROUP BY data_element_id, org_unit_id, period HAVING count(*) > 1) x`,
      [seed.period, units],
    );
    const dupSubs = await db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM submissions WHERE round_id = $1 GROUP BY org_unit_id HAVING count(*) > 1) x`,
      [seed.roundId],
    );
    const dupCreates = await db.one<{ n: number; total: number }>(
      `SELECT count(*) FILTER (WHERE c > 1)::int AS n, coalesce(sum(c), 0)::int AS total FROM (
         SELECT count(*) AS c FROM value_audit WHERE period = $1 AND org_unit_id = ANY($2::int[]) AND action = 'create'
          GROUP BY data_element_id, org_unit_id) x`,
      [seed.period, units],
    );
    const dupSubmitEvents = await db.one<{ n: number; total: number }>(
      `SELECT count(*) FILTER (WHERE c > 1)::int AS n, coalesce(sum(c), 0)::int AS total FROM (
         SELECT count(*) AS c FROM audit_events WHERE action = 'submission.submit' AND org_unit_id = ANY($1::int[])
          GROUP BY entity_id) x`,
      [units],
    );

    const expectedValues = UNITS * ELEMENTS;
    const complete = users.filter((u) => submitted.has(u.id) && perUnit.get(u.id) === ELEMENTS).length;
    const lost = UNITS - complete;
    const doubled = dupKeys.n + dupSubs.n + dupCreates.n + dupSubmitEvents.n + Math.max(0, subs.length - UNITS);
    const all = [...saveMs, ...submitMs].sort((a, b) => a - b);
    const saves = saveMs.sort((a, b) => a - b);
    const submits = submitMs.sort((a, b) => a - b);

    console.log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
    console.log(`database: ${pg.where}, pool ${POOL}; setup ${ms(ready - started)} ms (sign-in and opening ${UNITS} forms)`);
    console.log(
      `saves:   ${saves.length} requests, p50 ${ms(quantile(saves, 0.5))} ms, p99 ${ms(quantile(saves, 0.99))} ms, max ${ms(saves.at(-1) ?? 0)} ms`,
    );
    console.log(
      `submits: ${submits.length} requests, p50 ${ms(quantile(submits, 0.5))} ms, p99 ${ms(quantile(submits, 0.99))} ms, max ${ms(submits.at(-1) ?? 0)} ms`,
    );
    console.log(
      `stored:  ${submitted.size} submitted reports, ${rows.length} of ${expectedValues} figures (${wrong} differ from what was sent), value log ${dupCreates.total} creations, ${dupSubmitEvents.total} submit events`,
    );
    for (const f of failures.slice(0, 10)) console.log(`failed:  ${f}`);
    if (failures.length > 10) console.log(`failed:  … and ${failures.length - 10} more`);
    console.log(
      `burst: ${UNITS} reports, ${lost} lost, ${doubled} doubled, p50 ${ms(quantile(all, 0.5))} ms, p99 ${ms(quantile(all, 0.99))} ms, ${Math.round(UNITS / (wall / 1000))} reports/s`,
    );

    const ok =
      lost === 0 && doubled === 0 && wrong === 0 && failures.length === 0 && rows.length === expectedValues && submitted.size === UNITS;
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.close();
    await cleanup();
  }
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
