/**
 * The follow-up module at scale, on PGlite and on PostgreSQL 15. One section per measure; run them all, or one with
 * BENCH_SECTION.
 *
 *   npm run bench:follow-up                              (PGlite in memory, then a throwaway PostgreSQL 15)
 *   BENCH_DB=pglite npm run bench:follow-up              (or postgres)
 *   BENCH_SECTION=board BENCH_POINTS=20000 npm run bench:follow-up
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:follow-up
 *
 * Sections:
 * - board: the register's board over BENCH_POINTS (100,000) recommendations, filtered and paged, through the HTTP
 *   API (session, validation, the two queries of a page — the page and the grid's counts over the whole filter — the
 *   raising units of the page, serialisation), signed in as the office, a division reviewer and a commune; and the
 *   summary behind the director's dashboard card. Aim: p95 < 100 ms on PostgreSQL.
 * - matching: one new text against the BENCH_POINTS stored points through the module's own path (similar.service:
 *   the matching state kept in memory, the probe, the SQL, the exact score), and through POST
 *   /api/recommendations/similar over HTTP. Aim: p95 < 50 ms on PostgreSQL.
 * - intake: a unit's report with 15 difficulties and 15 proposals approved over HTTP, its 30 points matched and put in
 *   the triage queue inside the approving transaction (intake.service); the intake alone and the whole approval.
 *   Aim: < 300 ms.
 * - escalation: the scheduler's follow-up job (escalation.service) over BENCH_POINTS open items with deadlines from
 *   60 days past to 30 days ahead: the first run (every item at some stage reminded, the long-overdue escalated, the
 *   weekly digest), the next tick (nothing new), and the next day. Aim: < 5 s.
 *
 * The register is generated in SQL: ten divisions with a sector each, 60 district offices closed on 30/06/2025 and
 * the 60 communes that took them over (org_unit_lineage), 30 other units; points raised from 2022 to November 2026
 * with deadlines 1–6 months later, in every state (about 55 % done, some late, 5 % found impossible, 2 % merged into
 * the point before them), 1–3 sources each, 15 % with a co-operating unit, 10 % raised two to five times, a third of
 * the overdue ones escalated. Texts are drawn from the same phrases as bench/matching.ts.
 */
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app.js';
import { runFollowUpJobs } from '../apps/server/src/modules/follow-up/escalation.service.js';
import { intakeReport } from '../apps/server/src/modules/follow-up/intake.service.js';
import { rebuildMatchTerms } from '../apps/server/src/modules/follow-up/lexicon.service.js';
import { defaultLexicon } from '../apps/server/src/modules/follow-up/matching/index.js';
import { matchContext, similarFor } from '../apps/server/src/modules/follow-up/similar.service.js';
import { ensureAdmin } from '../apps/server/src/modules/identity/identity.service.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { benchPostgres } from './lib/pg.js';
import { quantile } from './lib/stats.js';
import { PLACES, PROBLEMS, REQUESTS, SUBJECTS } from './lib/register-words.js';

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 60);
const WHICH = (process.env.BENCH_DB ?? 'both') as 'pglite' | 'postgres' | 'both';
const SECTION = process.env.BENCH_SECTION ?? 'all';
const NOW = '2026-11-22T02:00:00Z'; // 09:00 in Vietnam
const TODAY = '2026-11-22';
const PASSWORD = 'Bench-Nhip-2026!';
const LOAD_BEFORE = os.loadavg()[0];

const f1 = (x: number) => x.toFixed(1);
const stats = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN };
};

// ─────────────────────────── the register, generated ───────────────────────────

type Register = { divisions: string[]; sectors: string[]; communes: string[]; districts: string[]; reviewerDivision: string; communeUser: string };

/** The organisation, users and `n` recommendations with their sources, in a few INSERT … SELECT statements. */
export async function seedRegister(db: Db, n: number): Promise<Register> {
  await ensureAdmin(db, PASSWORD);
  const hash = (await db.one<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'admin'`)).password_hash;
  return db.tx(async (tx) => {
    const dep = (await tx.one<{ id: number }>(`INSERT INTO org_units (code, name, type, level, path) VALUES ('SKHCN', 'Sở Khoa học và Công nghệ', 'department', 1, '/') RETURNING id`)).id;
    await tx.query(`UPDATE org_units SET path = '/' || id || '/' WHERE id = $1`, [dep]);
    await tx.query(
      `INSERT INTO org_units (code, name, type, parent_id, level, path)
       SELECT 'P-' || lpad(g::text, 2, '0'), 'Phòng chuyên môn số ' || g, 'division', $1, 2, '/' FROM generate_series(1, 10) g`, [dep],
    );
    await tx.query(
      `INSERT INTO sectors (code, name, division_id, sort)
       SELECT 'LV' || lpad(g::text, 2, '0'), 'Lĩnh vực số ' || g, (SELECT id FROM org_units WHERE code = 'P-' || lpad(g::text, 2, '0')), g FROM generate_series(1, 10) g`,
    );
    await tx.query(
      `INSERT INTO org_units (code, name, type, level, path, valid_to)
       SELECT 'H-' || lpad(g::text, 3, '0'), 'Phòng Văn hóa và Thông tin huyện số ' || g, 'district_office', 2, '/', DATE '2025-06-30' FROM generate_series(1, 60) g`,
    );
    await tx.query(
      `INSERT INTO org_units (code, name, type, level, path, valid_from)
       SELECT 'X-' || lpad(g::text, 3, '0'), 'Xã số ' || g, 'commune', 2, '/', DATE '2025-07-01' FROM generate_series(1, 60) g`,
    );
    await tx.query(
      `INSERT INTO org_units (code, name, type, level, path) SELECT 'DN-' || lpad(g::text, 3, '0'), 'Doanh nghiệp số ' || g, 'enterprise', 2, '/' FROM generate_series(1, 30) g`,
    );
    await tx.query(
      `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind)
       SELECT x.id, h.id, 'merge' FROM org_units x JOIN org_units h ON h.code = 'H-' || substr(x.code, 3) WHERE x.code LIKE 'X-%'`,
    );
    for (const [username, role, unit] of [['vanphong', 'office', 'P-01'], ['giamdoc', 'director', 'SKHCN'], ['thamdinh', 'reviewer', 'P-03'], ['baocao', 'reporter', 'X-007']] as const) {
      await tx.query(
        `INSERT INTO users (username, full_name, password_hash, role, org_unit_id) VALUES ($1, $1, $2, $3, (SELECT id FROM org_units WHERE code = $4))`,
        [username, hash, role, unit],
      );
    }

    // Recommendations: deterministic "random" columns from hashes of the row number.
    await tx.query(
      `WITH base AS (
         SELECT g,
                (abs(hashtext('a' || g)) % 1000) AS h1, (abs(hashtext('b' || g)) % 1000) AS h2, (abs(hashtext('c' || g)) % 1000) AS h3,
                DATE '2022-01-05' + (abs(hashtext('d' || g)) % 1780) AS raised
           FROM generate_series(1, $1::int) g
       ), shaped AS (
         SELECT g, h1, h2, h3, raised, raised + 30 + (h2 % 150) AS deadline, 1 + (h1 % 10) AS sector_no,
                CASE WHEN g % 50 = 0 THEN 'merged'
                     WHEN raised > DATE '2026-10-01' AND h1 < 300 THEN 'new'
                     WHEN h3 < 550 THEN 'done' WHEN h3 < 600 THEN 'cannot_do' WHEN h3 < 800 THEN 'in_progress'
                     WHEN h3 < 900 THEN 'assigned' WHEN h3 < 950 THEN 'carried' ELSE 'in_progress' END AS state
           FROM base
       )
       INSERT INTO recommendations (id, text, kind, sector_id, first_period, raised_on, owner_division_id, deadline, state, state_reason, progress,
                                    merged_into_id, carried_to_period, answer, answer_published_at, closed_on, escalated_at, times_raised, version,
                                    created_at, updated_at)
       SELECT g,
              initcap(($2::text[])[1 + h1 % array_length($2::text[], 1)]) || ' ' || ($3::text[])[1 + h2 % array_length($3::text[], 1)]
                || ' ở ' || ($5::text[])[1 + h3 % array_length($5::text[], 1)] || '; ' || ($4::text[])[1 + (h1 + h3) % array_length($4::text[], 1)] || '.',
              (ARRAY['difficulty','proposal','proposal','conclusion','directive'])[1 + h2 % 5],
              (SELECT id FROM sectors WHERE code = 'LV' || lpad(sector_no::text, 2, '0')),
              extract(year FROM raised)::int || 'Q' || extract(quarter FROM raised)::int,
              raised,
              CASE WHEN state = 'new' THEN NULL ELSE (SELECT id FROM org_units WHERE code = 'P-' || lpad((CASE WHEN h2 < 100 THEN 1 + h3 % 10 ELSE sector_no END)::text, 2, '0')) END,
              CASE WHEN state = 'new' AND h2 < 500 THEN NULL ELSE deadline END,
              state,
              CASE WHEN state IN ('cannot_do','carried') THEN 'Chờ bố trí kinh phí của tỉnh' END,
              CASE WHEN state = 'done' THEN 100 WHEN state IN ('in_progress','carried') THEN h1 % 90 ELSE 0 END,
              CASE WHEN state = 'merged' THEN g - 1 END,
              CASE WHEN state = 'carried' THEN '2027Q1' END,
              CASE WHEN state IN ('done','cannot_do') OR h1 < 200 THEN 'Sở đã xem xét và trả lời đơn vị.' END,
              CASE WHEN state IN ('done','cannot_do') THEN timestamptz '2026-01-01' END,
              CASE WHEN state IN ('done','cannot_do') THEN least(raised + 10 + (h1 % 220), DATE '2026-11-21') END,
              CASE WHEN state IN ('assigned','in_progress','carried') AND deadline < DATE '2026-11-15' AND h2 % 3 = 0 THEN timestamptz '2026-11-01' END,
              CASE WHEN h1 % 10 = 0 THEN 2 + h2 % 4 ELSE 1 END,
              1, raised::timestamptz, raised::timestamptz + (h3 || ' hours')::interval
         FROM shaped`,
      [n, SUBJECTS, PROBLEMS, REQUESTS, PLACES],
    );
    await tx.query(`SELECT setval(pg_get_serial_sequence('recommendations', 'id'), $1::int)`, [n]);
    // Sources: 1–3 per point, by a district office (before 07/2025), a commune (after) or an enterprise.
    await tx.query(
      `INSERT INTO recommendation_sources (recommendation_id, kind, org_unit_id, period, raised_on, text)
       SELECT r.id, CASE WHEN k = 1 THEN 'report' ELSE 'discussion' END,
              (SELECT id FROM org_units WHERE code = CASE WHEN abs(hashtext('u' || r.id || k)) % 10 < 2 THEN 'DN-' || lpad((1 + abs(hashtext('e' || r.id || k)) % 30)::text, 3, '0')
                                                       WHEN r.raised_on < DATE '2025-07-01' THEN 'H-' || lpad((1 + abs(hashtext('e' || r.id || k)) % 60)::text, 3, '0')
                                                       ELSE 'X-' || lpad((1 + abs(hashtext('e' || r.id || k)) % 60)::text, 3, '0') END),
              r.first_period, r.raised_on, r.text
         FROM recommendations r CROSS JOIN LATERAL generate_series(1, 1 + (r.id % 7 = 0)::int + (r.id % 11 = 0)::int) k`,
    );
    await tx.query(
      `INSERT INTO recommendation_cooperating_units (recommendation_id, org_unit_id)
       SELECT r.id, (SELECT id FROM org_units WHERE code = 'P-' || lpad((1 + (r.id % 9 + r.sector_id) % 10)::text, 2, '0'))
         FROM recommendations r WHERE r.id % 7 = 3 ON CONFLICT DO NOTHING`,
    );
    return {
      divisions: Array.from({ length: 10 }, (_, i) => `P-${String(i + 1).padStart(2, '0')}`),
      sectors: Array.from({ length: 10 }, (_, i) => `LV${String(i + 1).padStart(2, '0')}`),
      districts: Array.from({ length: 60 }, (_, i) => `H-${String(i + 1).padStart(3, '0')}`),
      communes: Array.from({ length: 60 }, (_, i) => `X-${String(i + 1).padStart(3, '0')}`),
      reviewerDivision: 'P-03',
      communeUser: 'X-007',
    };
  });
}

// ─────────────────────────── section: the board ───────────────────────────

async function signIn(app: FastifyInstance, username: string): Promise<{ cookie: string }> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`sign-in ${username}: ${r.statusCode} ${r.body}`);
  return { cookie: `nhip_sid=${r.cookies.find((c) => c.name === 'nhip_sid')!.value}` };
}

async function boardSection(db: Db, where: string): Promise<string> {
  const t0 = performance.now();
  const reg = await seedRegister(db, POINTS);
  await db.exec('ANALYZE');
  const counts = await db.one<{ recs: number; sources: number; coop: number }>(
    `SELECT (SELECT count(*) FROM recommendations)::int AS recs, (SELECT count(*) FROM recommendation_sources)::int AS sources,
            (SELECT count(*) FROM recommendation_cooperating_units)::int AS coop`,
  );
  console.log(`\n[board] ${where}: ${counts.recs} recommendations, ${counts.sources} sources, ${counts.coop} co-operating links, seeded in ${f1((performance.now() - t0) / 1000)} s`);
  const app = await buildApp({ db, config: { ...loadConfig({ NHIP_RATE_LIMITS: 'export=off' }), scheduler: false }, clock: systemClock(NOW), logger: false });
  await app.ready();
  const office = await signIn(app, 'vanphong');
  const director = await signIn(app, 'giamdoc');
  const reviewer = await signIn(app, 'thamdinh');
  const commune = await signIn(app, 'baocao');
  // Each case varies its parameters per repetition (another division, sector, year, page…), so no answer is cached.
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const cases: { name: string; who: { cookie: string }; url: (i: number) => string }[] = [
    { name: 'office, everything, by deadline, page 1', who: office, url: () => '/api/recommendations?sort=deadline' },
    { name: 'office, one year and one division, by recurrence', who: office, url: (i) => `/api/recommendations?period=${2022 + (i % 5)}&owner=${pick(reg.divisions, i)}&sort=recurrence` },
    { name: 'office, overdue in a sector, by deadline', who: office, url: (i) => `/api/recommendations?timeliness=open_overdue&sector=${pick(reg.sectors, i)}&sort=deadline` },
    { name: 'office, one quarter, state in progress or assigned', who: office, url: (i) => `/api/recommendations?period=${2022 + (i % 5)}Q${1 + (i % 4)}&state=assigned,in_progress` },
    { name: 'office, raised by a commune and its predecessor', who: office, url: (i) => `/api/recommendations?unit=${pick(reg.communes, i)}&sort=raised` },
    { name: 'office, recurring, by recurrence', who: office, url: () => '/api/recommendations?recurring=true&sort=recurrence' },
    { name: 'office, text search without diacritics', who: office, url: (i) => `/api/recommendations?q=${encodeURIComponent(pick(['loa truyen thanh', 'cap quang', 'chu ky so', 'tram BTS', 'mot cua'], i))}` },
    { name: 'office, page 200 of everything, by last change', who: office, url: (i) => `/api/recommendations?sort=updated&page=${150 + (i % 100)}` },
    { name: 'division reviewer, its own and co-operating', who: reviewer, url: (i) => `/api/recommendations?sort=${pick(['deadline', 'updated'], i)}` },
    { name: 'commune, what it and its predecessor raised', who: commune, url: () => '/api/recommendations?sort=raised' },
    { name: 'director card: the summary of everything', who: director, url: () => '/api/recommendations/summary' },
    { name: 'director card: the summary of one year', who: director, url: (i) => `/api/recommendations/summary?period=${2022 + (i % 5)}` },
  ];
  const lines: string[] = [];
  let worst = 0;
  for (const c of cases) {
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: c.url(i), headers: c.who }); // warm
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < REPEAT; i++) {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url: c.url(i), headers: c.who });
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${c.name}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      total = r.json().total ?? r.json().counts?.total ?? 0;
    }
    const t = stats(times);
    if (!c.name.startsWith('director card')) worst = Math.max(worst, t.p95);
    const line = `  ${c.name.padEnd(58)} p50 ${f1(t.p50).padStart(6)} ms  p95 ${f1(t.p95).padStart(6)} ms  max ${f1(t.max).padStart(6)} ms  (${total} matching)`;
    console.log(line);
    lines.push(line);
  }
  await app.close();
  return `board over ${counts.recs} recommendations: worst p95 of the list ${f1(worst)} ms`;
}

// ─────────────────────────── sections: matching, intake, escalation ───────────────────────────

const NEW_TEXT_RNG = (seed: number) => {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
};

/** A new point in the units' voice: a stored subject with another problem and request, sometimes without diacritics or with an abbreviation. */
function newText(rand: () => number): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const t = `${pick(SUBJECTS)} ${pick(PROBLEMS)} tại ${pick(PLACES)}, ${pick(REQUESTS)}`;
  const r = rand();
  if (r < 0.15) return t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  if (r < 0.25) return t.replace('công nghệ thông tin', 'CNTT').replace('thủ tục hành chính', 'TTHC').replace('dịch vụ công', 'DVC');
  if (r < 0.3) return `Đề nghị xem xét: ${pick(['sân thể thao', 'nhà văn hóa', 'di tích lịch sử', 'lễ hội truyền thống'])} ${pick(PROBLEMS)}`;
  return t;
}

/** The register (seedRegister) with every point's match terms, as the module stores them. */
async function seedWithTerms(db: Db, where: string, tag: string): Promise<Register> {
  const t0 = performance.now();
  const reg = await seedRegister(db, POINTS);
  const t1 = performance.now();
  const rebuilt = await db.tx((tx) => rebuildMatchTerms(tx, defaultLexicon()));
  await db.exec('ANALYZE');
  console.log(`\n[${tag}] ${where}: ${POINTS} recommendations seeded in ${f1((t1 - t0) / 1000)} s, match terms of ${rebuilt} computed and stored in ${f1((performance.now() - t1) / 1000)} s`);
  return reg;
}

async function matchingSection(db: Db, where: string): Promise<string> {
  await seedWithTerms(db, where, 'matching');
  const office = await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'vanphong'`);
  const actor = { id: office.id, role: 'office' as const, orgUnitId: null };
  let t = performance.now();
  await matchContext(db);
  console.log(`  matching state read (lexicon, statistics of ${POINTS} points): ${f1(performance.now() - t)} ms, once per process and every 10 minutes`);
  const rand = NEW_TEXT_RNG(20261122);
  const texts = Array.from({ length: 320 }, () => newText(rand));
  for (const x of texts.slice(0, 20)) await similarFor(db, actor, x);
  const service: number[] = [];
  let recurring = 0;
  for (const x of texts.slice(20)) {
    t = performance.now();
    const m = await similarFor(db, actor, x);
    service.push(performance.now() - t);
    if (m[0]?.recurring) recurring++;
  }
  const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
  await app.ready();
  const who = await signIn(app, 'vanphong');
  const http: number[] = [];
  for (const [i, x] of texts.entries()) {
    t = performance.now();
    const r = await app.inject({ method: 'POST', url: '/api/recommendations/similar', headers: who, payload: { text: x } });
    if (r.statusCode !== 200) throw new Error(`similar: ${r.statusCode} ${r.body.slice(0, 200)}`);
    if (i >= 20) http.push(performance.now() - t);
  }
  await app.close();
  const a = stats(service);
  const b = stats(http);
  console.log(`  one match through similar.service (${service.length} texts): p50 ${f1(a.p50)} ms, p95 ${f1(a.p95)} ms, max ${f1(a.max)} ms; best match marked recurring for ${recurring}`);
  console.log(`  POST /api/recommendations/similar over HTTP (session, validation, serialisation): p50 ${f1(b.p50)} ms, p95 ${f1(b.p95)} ms, max ${f1(b.max)} ms`);
  return `matching p95 ${f1(a.p95)} ms (service), ${f1(b.p95)} ms (HTTP)`;
}

const REPORTS = Number(process.env.BENCH_REPORTS ?? 20);

async function intakeSection(db: Db, where: string): Promise<string> {
  const reg = await seedWithTerms(db, where, 'intake');
  // A quarterly form of the first division, the communes' reports of 2026Q4 submitted with 15 difficulties and 15 proposals each.
  await db.tx(async (tx) => {
    const form = await tx.one<{ id: number }>(
      `INSERT INTO report_forms (code, name, period_type, division_id) VALUES ('BC-Q', 'Báo cáo quý', 'Quarterly', (SELECT id FROM org_units WHERE code = 'P-01')) RETURNING id`,
    );
    const round = await tx.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ($1, '2026Q4', '2026-10-01', '2026-12-31', '2026-10-01', '2026-12-31', '2026-12-20T10:00:00Z', 'open') RETURNING id`, [form.id],
    );
    const rand = NEW_TEXT_RNG(7);
    for (const code of reg.communes.slice(0, REPORTS)) {
      const bullets = (n: number) => Array.from({ length: n }, () => `- ${newText(rand)}`).join('\n');
      await tx.query(`INSERT INTO form_units (form_id, org_unit_id) SELECT $1, id FROM org_units WHERE code = $2`, [form.id, code]);
      await tx.query(
        `INSERT INTO submissions (round_id, org_unit_id, status, difficulties, proposals, submitted_at) SELECT $1, id, 'submitted', $3, $4, now() FROM org_units WHERE code = $2`,
        [round.id, code, bullets(15), bullets(15)],
      );
    }
  });
  const round = await db.one<{ id: number }>(`SELECT id FROM reporting_rounds WHERE period = '2026Q4'`);
  const units = await db.query<{ id: number; sub: number }>(
    `SELECT s.org_unit_id AS id, s.id AS sub FROM submissions s WHERE s.round_id = $1 ORDER BY s.id`, [round.id],
  );
  const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
  await app.ready();
  await matchContext(db);
  const office = await signIn(app, 'vanphong');
  // The intake alone, on the first half (in a transaction rolled back, so the second half meets the same register).
  const alone: number[] = [];
  const half = Math.ceil(units.length / 2);
  for (const u of units.slice(0, half)) {
    const t = performance.now();
    await db.tx(async (tx) => {
      await tx.query(`UPDATE submissions SET status = 'approved' WHERE id = $1`, [u.sub]);
      const r = await intakeReport(tx, { id: null, name: 'bench' }, u.sub, new Date(NOW));
      alone.push(performance.now() - t);
      if (r.written !== 30) throw new Error(`intake wrote ${r.written} candidates, not 30`);
      throw Object.assign(new Error('rollback'), { rollback: true });
    }).catch((e) => {
      if (!(e as { rollback?: boolean }).rollback) throw e;
    });
  }
  // The whole approval over HTTP (policy, row lock, analytics cells, audit, notification, intake).
  const whole: number[] = [];
  for (const u of units) {
    const t = performance.now();
    const r = await app.inject({ method: 'POST', url: `/api/rounds/${round.id}/units/${u.id}/approve`, headers: office, payload: {} });
    whole.push(performance.now() - t);
    if (r.statusCode !== 200) throw new Error(`approve: ${r.statusCode} ${r.body.slice(0, 200)}`);
  }
  await app.close();
  const queued = await db.one<{ n: number; matched: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE (suggestions -> 0 ->> 'recurring')::boolean)::int AS matched FROM recommendation_candidates`,
  );
  const a = stats(alone);
  const b = stats(whole);
  console.log(`  intake of a 30-point report inside the approving transaction (${alone.length} reports): p50 ${f1(a.p50)} ms, p95 ${f1(a.p95)} ms, max ${f1(a.max)} ms`);
  console.log(`  the whole approval over HTTP, intake included (${whole.length} reports): p50 ${f1(b.p50)} ms, p95 ${f1(b.p95)} ms, max ${f1(b.max)} ms`);
  console.log(`  ${queued.n} candidates queued, ${queued.matched} with a first suggestion marked recurring`);
  return `intake of 30 points p50 ${f1(a.p50)} ms p95 ${f1(a.p95)} ms; approval with intake p95 ${f1(b.p95)} ms`;
}

async function escalationSection(db: Db, where: string): Promise<string> {
  const t0 = performance.now();
  await seedRegister(db, POINTS);
  // Every point open, owned, with a deadline between 60 days ago and 30 days ahead; the sectors' deputies, half with an account.
  await db.tx(async (tx) => {
    await tx.query(
      `UPDATE recommendations r SET state = CASE WHEN r.state = 'merged' THEN 'merged' ELSE (ARRAY['assigned','in_progress','in_progress','carried'])[1 + r.id % 4] END,
              closed_on = NULL, escalated_at = NULL, deadline = DATE '${TODAY}' - 60 + (abs(hashtext('dl' || r.id)) % 91),
              owner_division_id = coalesce(r.owner_division_id, (SELECT division_id FROM sectors s WHERE s.id = r.sector_id)),
              raised_on = least(r.raised_on, DATE '${TODAY}' - 61)`,
    );
    const hash = (await tx.one<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'admin'`)).password_hash;
    for (let i = 1; i <= 10; i++) {
      const user = i % 2 ? (await tx.one<{ id: number }>(`INSERT INTO users (username, full_name, password_hash, role) VALUES ($1, $1, $2, 'director') RETURNING id`, [`pgd${i}`, hash])).id : null;
      const p = await tx.one<{ id: number }>(`INSERT INTO people (full_name, user_id) VALUES ($1, $2) RETURNING id`, [`Phó Giám đốc ${i}`, user]);
      await tx.query(`INSERT INTO sector_leads (sector_id, person_id, valid_from) SELECT id, $2, '2020-01-01' FROM sectors WHERE code = $1`, [`LV${String(i).padStart(2, '0')}`, p.id]);
    }
  });
  await db.exec('ANALYZE');
  const open = await db.one<{ n: number; overdue: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE deadline < DATE '${TODAY}')::int AS overdue FROM recommendations WHERE state IN ('new','assigned','in_progress','carried')`,
  );
  console.log(`\n[escalation] ${where}: ${open.n} open items (${open.overdue} overdue) seeded in ${f1((performance.now() - t0) / 1000)} s`);
  const runAt = async (label: string, at: string) => {
    const t = performance.now();
    const r = await runFollowUpJobs(db, new Date(at));
    const ms = performance.now() - t;
    console.log(`  ${label.padEnd(44)} ${f1(ms / 1000).padStart(5)} s: ${r.reminders} reminders, ${r.escalated} escalated, ${r.digests} digests`);
    return ms;
  };
  const first = await runAt('first run (22/11/2026)', NOW);
  const again = await runAt('the next tick, ten minutes later', '2026-11-22T02:10:00Z');
  const nextDay = await runAt('the next day (23/11/2026, a new ISO week)', '2026-11-23T02:00:00Z');
  const rows = await db.one<{ notes: number; updates: number; audits: number }>(
    `SELECT (SELECT count(*) FROM notifications)::int AS notes, (SELECT count(*) FROM recommendation_updates)::int AS updates,
            (SELECT count(*) FROM audit_events WHERE action = 'recommendation.escalate')::int AS audits`,
  );
  console.log(`  written: ${rows.notes} notifications, ${rows.updates} timeline entries, ${rows.audits} audit events`);
  return `escalation over ${open.n} open items: first run ${f1(first / 1000)} s, next tick ${f1(again / 1000)} s, next day ${f1(nextDay / 1000)} s`;
}

// ─────────────────────────── runner ───────────────────────────

const SECTIONS: { name: string; run: (db: Db, where: string) => Promise<string> }[] = [
  { name: 'board', run: boardSection },
  { name: 'matching', run: matchingSection },
  { name: 'intake', run: intakeSection },
  { name: 'escalation', run: escalationSection },
];

async function onDatabase(kind: 'pglite' | 'postgres', section: (typeof SECTIONS)[number]): Promise<string> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined);
    try {
      await migrate(db);
      return `PGlite: ${await section.run(db, 'PGlite (in memory)')}`;
    } finally {
      await db.close();
    }
  }
  const bench = await benchPostgres(`followup_${section.name}`);
  const db = await openPostgres(bench.url, 4);
  try {
    await migrate(db);
    return `PostgreSQL: ${await section.run(db, bench.where)}`;
  } finally {
    await db.close();
    await bench.close();
  }
}

async function main() {
  console.log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}; ${REPEAT} requests per case`);
  const summary: string[] = [];
  for (const section of SECTIONS.filter((s) => SECTION === 'all' || s.name === SECTION)) {
    if (WHICH !== 'postgres') summary.push(await onDatabase('pglite', section));
    if (WHICH !== 'pglite') summary.push(await onDatabase('postgres', section));
  }
  console.log(`\nfollow-up: ${summary.join('; ')}`);
  console.log(`1-minute load average after the run ${os.loadavg()[0].toFixed(1)} (today in the run: ${TODAY})`);
}

// Run when executed (npm run bench:follow-up), not when another script imports the generated register.
if (process.argv[1] && /follow-up\.ts$/.test(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
