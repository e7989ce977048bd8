/**
 * Matching one new text against 100,000 stored points: retrieval in SQL (GIN index on the key's terms, ~50
 * candidates) and the exact score in TypeScript, on PGlite and on PostgreSQL 15.
 *
 *   npm run bench:matching                         (PGlite in memory, then a throwaway PostgreSQL 15)
 *   BENCH_DB=pglite npm run bench:matching         (or postgres)
 *   BENCH_POINTS=20000 BENCH_QUERIES=100 npm run bench:matching
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:matching
 *
 * The stored points are generated sentences in the voice of the reports (who, subject, problem, request, place and
 * figures drawn from lists: 38 subjects, so each topic has about 2,600 near-duplicates, a register where nothing was
 * ever linked), plus the `earlier` side of each pair of the evaluation set. The queries are the `later` sides, then
 * generated texts. What retrieval loses is measured against an exhaustive search: for the first 150 queries, every
 * stored point sharing a subject syllable with the query is scored in TypeScript, and the run counts the queries
 * whose best score the SQL route also found, and those whose `recurring` decision it matches. For the evaluation
 * set's same-point pairs it also reports whether the stored twin came back among the candidates.
 */
import os from 'node:os';
import { EVALUATION_PAIRS } from '../apps/server/src/modules/follow-up/matching/evaluation-set.js';
import {
  CorpusStats,
  findCandidates,
  loadTermStats,
  type MatchSource,
  matchTerms,
  matchTermsIndexSql,
  RECURRING_THRESHOLD,
  rankCandidates,
  retrievalProbe,
} from '../apps/server/src/modules/follow-up/matching/index.js';
import { type Features, scoreParts, textFeatures } from '../apps/server/src/modules/follow-up/matching/score.js';
import { Rng } from '../apps/server/src/modules/demo/rng.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { benchPostgres } from './lib/pg.js';
import { PLACES, PROBLEMS, REQUESTS as ASKS, SUBJECTS } from './lib/register-words.js';
import { quantile } from './lib/stats.js';

const POINTS = Number(process.env.BENCH_POINTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const WHICH = (process.env.BENCH_DB ?? 'both') as 'pglite' | 'postgres' | 'both';
const LOAD_BEFORE = os.loadavg()[0];
const SOURCE: MatchSource = { table: 'bench_points', id: 'id', text: 'body', terms: 'match_terms' };

// ── generated points ──
const WHO = ['UBND xã {p}', 'Phòng Văn hóa và Thông tin huyện {p}', 'Trung tâm VH-TT-TT huyện {p}', 'Đài truyền thanh xã {p}', 'xã {p}', 'phường {p}', ''];
// A sentence without a request now and then.
const REQUESTS = [...ASKS, ''];
const TAILS = ['', '', ' (còn {n} thôn)', ' tại {n} điểm', ' trong quý {q}/{y}', ', ảnh hưởng đến {n} hộ dân'];

function generated(rng: Rng): string {
  const p = rng.pick(PLACES);
  const who = rng.pick(WHO).replace('{p}', p);
  const tail = rng.pick(TAILS).replace('{n}', String(rng.int(2, 60))).replace('{q}', rng.pick(['I', 'II', 'III', 'IV'])).replace('{y}', String(rng.int(2022, 2026)));
  const subject = rng.pick(SUBJECTS);
  const request = rng.pick(REQUESTS);
  const sentence = `${who ? `${who}: ` : ''}${subject} ${rng.pick(PROBLEMS)}${tail}${request ? `; ${request}` : ''}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const ms = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] };
};
const f1 = (x: number) => x.toFixed(1);
const EXHAUSTIVE = 150;

type Query = { text: string; twin?: number; best?: number };

/** Best exact score of each of the first EXHAUSTIVE queries over every point sharing a subject syllable with it. */
function exhaustive(texts: string[], terms: string[][], queries: Query[], stats: CorpusStats) {
  const t0 = performance.now();
  const postings = new Map<string, number[]>();
  terms.forEach((ts, i) => {
    for (const t of ts) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const features = new Map<number, Features>();
  let scored = 0;
  for (const q of queries.slice(0, EXHAUSTIVE)) {
    const probe = textFeatures(q.text);
    const rows = new Set<number>();
    for (const t of matchTerms(q.text)) for (const i of postings.get(t) ?? []) rows.add(i);
    let best = 0;
    for (const i of rows) {
      let f = features.get(i);
      if (!f) {
        f = textFeatures(texts[i]);
        features.set(i, f);
      }
      best = Math.max(best, scoreParts(probe, f, stats).score);
    }
    scored += rows.size;
    q.best = best;
  }
  console.log(`exhaustive search for the first ${EXHAUSTIVE} queries: ${scored} scores in ${f1((performance.now() - t0) / 1000)} s`);
}

async function run(db: Db, where: string, texts: string[], terms: string[][], queries: Query[]): Promise<string> {
  console.log(`\n${where}`);
  await db.exec(`DROP TABLE IF EXISTS bench_points; CREATE TABLE bench_points (id integer PRIMARY KEY, body text NOT NULL, match_terms text[] NOT NULL)`);
  let t0 = performance.now();
  for (let i = 0; i < texts.length; i += 5000) {
    const ids = texts.slice(i, i + 5000).map((_, k) => i + k + 1);
    await db.query(
      `INSERT INTO bench_points (id, body, match_terms)
       SELECT u.id, u.body, ARRAY(SELECT json_array_elements_text(u.terms)) FROM unnest($1::int[], $2::text[], $3::json[]) AS u(id, body, terms)`,
      [ids, texts.slice(i, i + 5000), terms.slice(i, i + 5000).map((t) => JSON.stringify(t))],
    );
  }
  const insertMs = performance.now() - t0;
  t0 = performance.now();
  await db.exec(matchTermsIndexSql(SOURCE));
  await db.exec('ANALYZE bench_points');
  const indexMs = performance.now() - t0;
  t0 = performance.now();
  const stats = await loadTermStats(db, SOURCE);
  const statsMs = performance.now() - t0;
  console.log(`insert ${f1(insertMs)} ms, GIN index ${f1(indexMs)} ms, term statistics read back ${f1(statsMs)} ms (${stats.docs} points)`);

  for (const q of queries.slice(0, 20)) await findCandidates(db, SOURCE, retrievalProbe(q.text, { stats })); // plans, caches

  const total: number[] = [];
  const sql: number[] = [];
  const counts: number[] = [];
  let bestFound = 0;
  let agree = 0;
  let twins = 0;
  let twinsFound = 0;
  let twinsRecurring = 0;
  for (const q of queries) {
    const a = performance.now();
    const probe = retrievalProbe(q.text, { stats });
    const b = performance.now();
    const candidates = await findCandidates(db, SOURCE, probe);
    const c = performance.now();
    const matches = rankCandidates(q.text, candidates, { stats, limit: 10 });
    total.push(performance.now() - a);
    sql.push(c - b);
    counts.push(candidates.length);
    if (q.best !== undefined) {
      const got = matches[0]?.score ?? 0;
      if (got >= q.best - 0.0015) bestFound++;
      if (got >= RECURRING_THRESHOLD === q.best >= RECURRING_THRESHOLD) agree++;
    }
    if (q.twin !== undefined) {
      twins++;
      if (candidates.some((x) => x.id === q.twin)) twinsFound++;
      if (matches.some((m) => m.id === q.twin && m.recurring)) twinsRecurring++;
    }
  }
  const T = ms(total);
  const S = ms(sql);
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM bench_points t WHERE t.match_terms && $1::text[]`, [
    retrievalProbe(queries[0].text, { stats }).select,
  ]);
  const checked = Math.min(EXHAUSTIVE, queries.length);
  console.log(`plan uses the GIN index: ${plan.some((r) => /match_terms_idx/.test(r['QUERY PLAN'])) ? 'yes' : 'NO'}`);
  console.log(`${queries.length} queries; candidates per query p50 ${quantile([...counts].sort((x, y) => x - y), 0.5)}`);
  console.log(`one match (probe + SQL + scoring): p50 ${f1(T.p50)} ms, p95 ${f1(T.p95)} ms, max ${f1(T.max)} ms; SQL alone p50 ${f1(S.p50)} ms, p95 ${f1(S.p95)} ms`);
  console.log(`against the exhaustive search (${checked} queries): best score found ${bestFound}, same recurring decision ${agree}`);
  console.log(`evaluation set's same points (${twins}): stored twin among the candidates ${twinsFound}, twin marked recurring ${twinsRecurring}`);
  return `p50 ${f1(T.p50)} ms p95 ${f1(T.p95)} ms, same decision as exhaustive ${agree}/${checked}`;
}

async function main() {
  console.log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
  const rng = new Rng(20260909);
  const texts: string[] = EVALUATION_PAIRS.map((p) => p.earlier);
  while (texts.length < POINTS) texts.push(generated(rng));
  const t0 = performance.now();
  const terms = texts.map((t) => matchTerms(t));
  const termsMs = performance.now() - t0;
  console.log(`${texts.length} points (${EVALUATION_PAIRS.length} from the evaluation set): terms in TypeScript ${f1(termsMs)} ms (${f1((termsMs * 1000) / texts.length)} µs each)`);
  const queries: Query[] = EVALUATION_PAIRS.map((p, i) => ({ text: p.later, twin: p.same ? i + 1 : undefined }));
  const qrng = new Rng(7);
  while (queries.length < QUERIES) queries.push({ text: generated(qrng) });
  exhaustive(texts, terms, queries, CorpusStats.fromTerms(terms));

  const summary: string[] = [];
  if (WHICH !== 'postgres') {
    const db = await openPglite(undefined);
    try {
      summary.push(`PGlite ${await run(db, 'PGlite (in memory)', texts, terms, queries)}`);
    } finally {
      await db.close();
    }
  }
  if (WHICH !== 'pglite') {
    const bench = await benchPostgres('matching');
    const db = await openPostgres(bench.url, 2);
    try {
      summary.push(`PostgreSQL ${await run(db, bench.where, texts, terms, queries)}`);
    } finally {
      await db.close();
      await bench.close();
    }
  }
  console.log(`\nmatching: ${POINTS} points; ${summary.join('; ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
