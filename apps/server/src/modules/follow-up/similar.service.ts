/**
 * Recognising a point raised again, on the register (the matching library in ./matching does the work; this keeps
 * its state and reads the register).
 *
 * - The matching state: the lexicon (the `match_lexicon` table, or the defaults while it is empty) and the stored
 *   points' syllable statistics (loadTermStats: 0.14 s for 100,000 on PostgreSQL), kept in memory per database under
 *   an epoch stored in settings ('followup.matching'). Saving the lexicon writes a new epoch, so every process drops
 *   what it kept; the statistics are read again every STATS_TTL_MS and updated in between as this module stores
 *   points (CorpusStats.add), so what another path stores counts within minutes.
 * - match_terms: `matchTermsFor(db, text)` gives the terms to store with a new or changed text under the lexicon of
 *   the day; a recommendation stored with none (another path wrote it) gets them the next time the state is read.
 * - `findSimilar`: the probe, the SQL (at most 4,000 stored points read, 50 returned) and the exact score; merged
 *   recommendations are left out (they live on in the one they were merged into).
 */
import { randomUUID } from 'node:crypto';
import { type Actor, canSeeRecommendation, type RecommendationState } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { lexiconRepo } from './lexicon.repository.js';
import {
  type CorpusStats,
  createLexicon,
  defaultLexicon,
  findCandidates,
  loadTermStats,
  type MatchLexicon,
  matchTerms,
  rankCandidates,
  retrievalProbe,
} from './matching/index.js';
import { RECOMMENDATION_SOURCE, similarRepo, type VisibilityRow } from './similar.repository.js';

export type MatchContext = {
  readonly epoch: string;
  readonly lexicon: MatchLexicon;
  stats: CorpusStats;
  statsAt: number;
};

/** How long the statistics kept in memory are used before they are read again. */
export const STATS_TTL_MS = 10 * 60_000;
const contexts = new Map<string, MatchContext>();

/** Recommendations stored without terms are given theirs this many at a time when the state is (re)read. */
const FILL_BATCH = 5000;

async function fillMissingTerms(db: Db, lexicon: MatchLexicon): Promise<void> {
  const rows = await similarRepo.withoutTerms(db, FILL_BATCH);
  const filled = rows.map((r) => ({ id: r.id, terms: matchTerms(r.text, lexicon) })).filter((r) => r.terms.length > 0);
  if (filled.length) await similarRepo.setTerms(db, filled.map((r) => r.id), filled.map((r) => r.terms));
}

/** The matching state of this database (see the module comment). */
export async function matchContext(db: Db): Promise<MatchContext> {
  const epoch = await similarRepo.epoch(db, randomUUID);
  const kept = contexts.get(epoch);
  if (kept && Date.now() - kept.statsAt <= STATS_TTL_MS) return kept;
  const lexicon = kept?.lexicon ?? (await lexiconOf(db));
  await fillMissingTerms(db, lexicon);
  const stats = await loadTermStats(db, RECOMMENDATION_SOURCE);
  if (kept) {
    kept.stats = stats;
    kept.statsAt = Date.now();
    lastContext = kept;
    return kept;
  }
  const ctx: MatchContext = { epoch, lexicon, stats, statsAt: Date.now() };
  contexts.set(epoch, ctx);
  lastLexicon = lexicon;
  lastContext = ctx;
  return ctx;
}

/** The lexicon stored in the database (compiled), or the defaults when none is stored. */
export async function lexiconOf(db: Db): Promise<MatchLexicon> {
  const rows = await lexiconRepo.rows(db);
  return rows ? createLexicon(rows) : defaultLexicon();
}

let lastLexicon: MatchLexicon | null = null;
/** The state this process read last: the register's stores are counted in it (noteStoredTerms). */
let lastContext: MatchContext | null = null;
/** The lexicon this process read last (the defaults before any): for the register's synchronous match_terms. */
export const currentLexicon = (): MatchLexicon => lastLexicon ?? defaultLexicon();

/** Forgets what is kept for an epoch (the lexicon changed); `next` is the lexicon from now on. */
export function forgetContext(epoch: string, next?: MatchLexicon): void {
  contexts.delete(epoch);
  if (next) lastLexicon = next;
}

/** The terms to store with a recommendation's text (match_terms), under the lexicon of the day. */
export async function matchTermsFor(db: Db, text: string): Promise<string[]> {
  return matchTerms(text, (await matchContext(db)).lexicon);
}

/** Counts a newly stored point (or a changed text: its old terms out, the new in) in the statistics kept. */
export function noteStored(ctx: MatchContext, terms: readonly string[], before?: readonly string[]): void {
  if (before) ctx.stats.remove(before);
  ctx.stats.add(terms);
}

/**
 * Counts what the register just stored in the statistics this process keeps (recommendations.service calls it through
 * configureMatchTerms). A change rolled back afterwards stays counted until the statistics are read again (within
 * STATS_TTL_MS): the counts are document frequencies, where one point more or less is noise.
 */
export function noteStoredTerms(terms: readonly string[], before?: readonly string[]): void {
  if (lastContext) noteStored(lastContext, terms, before);
}

export type SimilarMatch = { id: number; text: string; score: number; recurring: boolean };

export type SimilarOptions = {
  /** At most this many, best first (default 10). */
  limit?: number;
  /** Leave these recommendations out (a person said they are a different matter). */
  exclude?: ReadonlySet<number>;
  /** How many stored points the SQL may read (default 4,000). */
  maxRows?: number;
};

/** The recommendations most like `text`, best first (every one, whoever asks: see visibleTo). */
export async function findSimilar(db: Db, ctx: MatchContext, text: string, opts: SimilarOptions = {}): Promise<SimilarMatch[]> {
  const probe = retrievalProbe(text, { lexicon: ctx.lexicon, stats: ctx.stats, maxRows: opts.maxRows });
  let candidates = await findCandidates<number>(db, RECOMMENDATION_SOURCE, probe, { maxRows: opts.maxRows });
  if (opts.exclude?.size) candidates = candidates.filter((c) => !opts.exclude!.has(c.id));
  const texts = new Map(candidates.map((c) => [c.id, c.text]));
  return rankCandidates(text, candidates, { lexicon: ctx.lexicon, stats: ctx.stats, limit: opts.limit ?? 10 }).map((m) => ({
    id: m.id, text: texts.get(m.id) ?? '', score: m.score, recurring: m.recurring,
  }));
}

/** Does the actor see everything in the register (no need to check each match)? */
export const seesWholeRegister = (a: Actor) => a.role === 'admin' || a.role === 'office' || a.role === 'director' || a.role === 'viewer';

/**
 * The ids among `ids` the actor may see (canSeeRecommendation). A unit sees what it raised or what a unit it took over
 * raised (org_unit_lineage), and what it co-operates on; a division what it owns or co-operates on.
 */
export async function visibleTo(db: Db, actor: Actor, ids: readonly number[]): Promise<Set<number>> {
  if (seesWholeRegister(actor) || ids.length === 0) return new Set(ids);
  const rows: VisibilityRow[] = await similarRepo.visibility(db, [...ids]);
  const lineage = actor.orgUnitId !== null && (actor.role === 'reporter' || actor.role === 'unit_head')
    ? new Set(await similarRepo.unitWithPredecessors(db, actor.orgUnitId))
    : new Set<number>();
  const out = new Set<number>();
  for (const r of rows) {
    const raisedBy = r.raised_by.some((u) => lineage.has(u)) && actor.orgUnitId !== null ? [...r.raised_by, actor.orgUnitId] : r.raised_by;
    const subject = { state: r.state as RecommendationState, ownerDivisionId: r.owner_division_id, cooperatingUnitIds: r.cooperating, raisedByUnitIds: raisedBy };
    if (canSeeRecommendation(actor, subject)) out.add(r.id);
  }
  return out;
}

/** `POST /api/recommendations/similar`: the matches the actor may see, best first. */
export async function similarFor(db: Db, actor: Actor, text: string, limit = 10): Promise<SimilarMatch[]> {
  const ctx = await matchContext(db);
  if (seesWholeRegister(actor)) return findSimilar(db, ctx, text, { limit });
  const all = await findSimilar(db, ctx, text, { limit: 50 });
  const visible = await visibleTo(db, actor, all.map((m) => m.id));
  return all.filter((m) => visible.has(m.id)).slice(0, limit);
}
