/**
 * Step 1 of matching at scale: what to ask the database for. A new text is scored exactly (score.ts) only against
 * the ~50 stored points most like it; this decides which stored points the SQL (matching.repository.ts) looks at and
 * how it orders them.
 *
 * - The subject's syllables, rarest first by the stored points' statistics, are taken while the points holding
 *   them add up to at most `overlap` × `maxRows` (the rarest one always; syllables of one phrase occur together, so
 *   the points holding any of them are far fewer than the sum). The SQL reads those points through the GIN index,
 *   at most `maxRows` of them, so the cost of a match stays bounded however common a topic is. When even the
 *   rarest syllable is in more than `maxRows` points (a text made only of common words), it reads the points
 *   holding both of the two rarest.
 * - The SQL orders what it read by a Dice coefficient over all the subject's syllables, each weighted as the scorer
 *   weighs it, and returns the best `limit`.
 */
import { matchTerms } from './key.js';
import type { MatchLexicon } from './lexicon-model.js';
import { commonFactor, MATCH_PARAMS, type ScoreParams, type TermStats } from './score.js';

export interface RetrievalProbe {
  /** The new text's terms (store them with the text once it is saved). */
  readonly terms: readonly string[];
  /** The terms that select the stored points to read, rarest first. */
  readonly select: readonly string[];
  /** 'any': points holding any of `select`; 'all': points holding all of them. */
  readonly mode: 'any' | 'all';
  /** `terms` and their weights, to order the points read. */
  readonly weights: readonly number[];
}

export interface ProbeOptions {
  readonly lexicon?: MatchLexicon;
  readonly stats?: TermStats;
  readonly params?: ScoreParams;
  /** How many stored points one match may read (default 4,000). */
  readonly maxRows?: number;
  /** Terms are taken while their document frequencies add up to at most this many times maxRows (default 3). */
  readonly overlap?: number;
}

export const DEFAULT_MAX_ROWS = 4000;
export const DEFAULT_OVERLAP = 3;

export function retrievalProbe(text: string, opts: ProbeOptions = {}): RetrievalProbe {
  const terms = matchTerms(text, opts.lexicon);
  const df = (t: string) => opts.stats?.df(t) ?? 0;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const rarest = terms.map((t, i) => ({ t, i, df: df(t) })).sort((a, b) => a.df - b.df || a.i - b.i);
  const select: string[] = [];
  let rows = 0;
  for (const x of rarest) {
    if (select.length > 0 && rows + x.df > maxRows * (opts.overlap ?? DEFAULT_OVERLAP)) break;
    select.push(x.t);
    rows += x.df;
  }
  const common = rarest.length >= 2 && rarest[0].df > maxRows;
  return {
    terms,
    select: common ? rarest.slice(0, 2).map((x) => x.t) : select,
    mode: common ? 'all' : 'any',
    weights: terms.map((t) => commonFactor(t, opts.stats, opts.params ?? MATCH_PARAMS)),
  };
}
