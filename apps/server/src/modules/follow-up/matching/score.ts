/**
 * How alike two points are, in [0, 1], and whether they are the same point (`recurring`).
 *
 * Each side is the set of its terms (key.ts): syllables and neighbour bigrams, with their diacritics when both
 * texts have them, folded otherwise. A point is its subject (cụm loa, chữ ký số, cáp quang) and the kind of request
 * or problem (kinh phí, tập huấn, hỗ trợ: the lexicon's generic rows); the two are compared apart.
 *
 * Subject: each term weighs
 *   w(t) = (1 for a syllable, `bigramWeight` for a bigram; × `genericWeight` for a generic word) × common(t),
 * where common(t) discounts a term found in many stored points: 1 for a term in at most `commonShare` of them,
 * falling with log(N / df) below that, never under `commonFloor`. Only common terms are discounted; rare terms are
 * not boosted, so a place name or a typo does not outweigh the point itself. With O the weight both sides share and
 * A, B each side's own:
 *   dice        = 2·O / (A + B)                              (how much of both is shared)
 *   containment = O / max(min(A, B), minContainedWeight)     (how much of the shorter is in the longer)
 *   trigram     = |T(a) ∩ T(b)| / |T(a) ∪ T(b)|              (pg_trgm's similarity over the subject's syllables: typos)
 *   subject     = (1 − trigramShare)·(diceShare·dice + (1 − diceShare)·containment) + trigramShare·trigram
 * Kind of request: with G(a), G(b) each side's generic syllables, when both have some,
 *   request     = |G(a) ∩ G(b)| / min(|G(a)|, |G(b)|), else 1 (nothing to contradict)
 * and score = subject × (requestFloor + (1 − requestFloor)·request): "kinh phí sửa chữa loa" and "tập huấn về loa"
 * share their subject but not their request. `recurring` is score ≥ RECURRING_THRESHOLD.
 *
 * The parameters and the threshold were chosen on the tuning half of the evaluation set (tune.ts;
 * docs/architecture.md, "Recognising a point raised again"). The grid turned three parts off, because they gained
 * nothing there: bigrams (bigramWeight 0), trigrams (trigramShare 0) and the kind-of-request factor (requestFloor 1).
 * They stay as parameters so that a larger evaluation set can turn them back on.
 */
import { type Analysis, analyse, defaultLexicon } from './key.js';
import type { MatchLexicon } from './lexicon-model.js';

/** How often each subject syllable occurs in the stored points: the document frequencies behind `common(t)`. */
export interface TermStats {
  /** Number of stored points. */
  readonly docs: number;
  /** In how many stored points `term` occurs (0 for a bigram: only syllables are counted). */
  df(term: string): number;
}

/**
 * Syllable statistics kept in memory: built from the stored points' terms (matchTerms), or from counts read from
 * the database (loadTermStats), then kept up to date with add/remove as points are stored, changed or deleted.
 */
export class CorpusStats implements TermStats {
  private readonly counts = new Map<string, number>();
  private n = 0;
  static fromTerms(points: Iterable<readonly string[]>): CorpusStats {
    const s = new CorpusStats();
    for (const terms of points) s.add(terms);
    return s;
  }
  static fromCounts(docs: number, counts: Iterable<readonly [string, number]>): CorpusStats {
    const s = new CorpusStats();
    s.n = docs;
    for (const [t, c] of counts) s.counts.set(t, c);
    return s;
  }
  get docs(): number {
    return this.n;
  }
  df(term: string): number {
    return this.counts.get(term) ?? 0;
  }
  /** Counts one more stored point. */
  add(terms: readonly string[]): void {
    this.n++;
    for (const t of new Set(terms)) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
  }
  /** Forgets a stored point (deleted, or changed: remove its old terms, add the new). */
  remove(terms: readonly string[]): void {
    this.n = Math.max(0, this.n - 1);
    for (const t of new Set(terms)) {
      const c = (this.counts.get(t) ?? 0) - 1;
      if (c > 0) this.counts.set(t, c);
      else this.counts.delete(t);
    }
  }
}

export interface ScoreParams {
  readonly bigramWeight: number;
  /** Weight of a generic word inside the subject (0: the subject is the other words only). */
  readonly genericWeight: number;
  readonly diceShare: number;
  readonly trigramShare: number;
  /** The containment of a very short text is measured against at least this weight (≈ syllables). */
  readonly minContainedWeight: number;
  /** What is left of the score when the kinds of request share nothing (1: the kind of request is not compared). */
  readonly requestFloor: number;
  /** A term in more than this share of the stored points weighs less; 1 turns the discount off. */
  readonly commonShare: number;
  readonly commonFloor: number;
  /** Below this many stored points the statistics say too little: no discount. */
  readonly minDocs: number;
}

/** Chosen on the tuning half of the evaluation set (tune.ts). */
export const MATCH_PARAMS: ScoreParams = {
  bigramWeight: 0,
  genericWeight: 0,
  diceShare: 0.75,
  trigramShare: 0,
  minContainedWeight: 5,
  requestFloor: 1,
  commonShare: 0.05,
  commonFloor: 0.1,
  minDocs: 20,
};

/** score ≥ this: the system's own decision that the two texts are the same point. Measured, see tune.ts. */
export const RECURRING_THRESHOLD = 0.4;

/** The discount of a term found in many stored points (1: none). */
export function commonFactor(foldedTerm: string, stats: TermStats | undefined, p: ScoreParams = MATCH_PARAMS): number {
  if (!stats || stats.docs < p.minDocs || p.commonShare >= 1) return 1;
  const idf = Math.log((stats.docs + 1) / (stats.df(foldedTerm) + 1));
  return Math.min(1, Math.max(p.commonFloor, idf / Math.log(1 / p.commonShare)));
}

interface Term {
  /** The folded term, for the statistics. */
  readonly folded: string;
  readonly bigram: boolean;
  /** Only ever produced by generic rows of the lexicon. */
  readonly generic: boolean;
}

/** A text made ready for scoring against many. */
export interface Features {
  readonly folded: ReadonlyMap<string, Term>;
  /** Terms with their diacritics; null for a text typed without any. */
  readonly accented: ReadonlyMap<string, Term> | null;
  /** pg_trgm trigrams of the subject's syllables (folded). */
  readonly trigrams: ReadonlySet<string>;
}

function put(map: Map<string, Term>, key: string, term: Term) {
  const had = map.get(key);
  if (!had || (had.generic && !term.generic)) map.set(key, term);
}

export function featuresOf(a: Analysis): Features {
  const folded = new Map<string, Term>();
  const accented = new Map<string, Term>();
  a.tokens.forEach((t, k) => {
    put(folded, t.folded, { folded: t.folded, bigram: false, generic: t.generic });
    put(accented, t.accented, { folded: t.folded, bigram: false, generic: t.generic });
    if (k === 0) return;
    const prev = a.tokens[k - 1];
    if (prev.folded === t.folded) return;
    const term = { folded: `${prev.folded}_${t.folded}`, bigram: true, generic: prev.generic && t.generic };
    put(folded, term.folded, term);
    put(accented, `${prev.accented}_${t.accented}`, term);
  });
  const words = [...folded.values()].filter((t) => !t.bigram && !t.generic).map((t) => t.folded);
  return { folded, accented: a.unaccented ? null : accented, trigrams: trigramsOf(words) };
}

/** Features of a text. */
export const textFeatures = (text: string, lexicon: MatchLexicon = defaultLexicon()): Features => featuresOf(analyse(text, lexicon));

/** pg_trgm's trigrams of each word: '  w', ' wo', 'wor', 'ord', 'rd '. */
function trigramsOf(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const s = `  ${w} `;
    for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  }
  return out;
}

/** The weight of one term in the subject. */
function weightOf(t: Term, stats: TermStats | undefined, p: ScoreParams): number {
  return (t.bigram ? p.bigramWeight : 1) * (t.generic ? p.genericWeight : 1) * commonFactor(t.folded, stats, p);
}

export interface ScoreParts {
  readonly score: number;
  readonly dice: number;
  readonly containment: number;
  readonly trigram: number;
  readonly request: number;
}

export function scoreParts(a: Features, b: Features, stats?: TermStats, p: ScoreParams = MATCH_PARAMS): ScoreParts {
  const both = a.accented !== null && b.accented !== null;
  const ta = both ? (a.accented as ReadonlyMap<string, Term>) : a.folded;
  const tb = both ? (b.accented as ReadonlyMap<string, Term>) : b.folded;
  let wa = 0;
  let wb = 0;
  let shared = 0;
  let ga = 0;
  let gb = 0;
  let gShared = 0;
  for (const [k, t] of ta) {
    const other = tb.get(k);
    if (t.generic && !t.bigram) {
      ga++;
      if (other?.generic) gShared++;
    }
    const w = weightOf(t, stats, p);
    wa += w;
    if (other) shared += Math.min(w, weightOf(other, stats, p));
  }
  for (const t of tb.values()) {
    if (t.generic && !t.bigram) gb++;
    wb += weightOf(t, stats, p);
  }
  const dice = wa + wb > 0 ? (2 * shared) / (wa + wb) : 0;
  const containment = wa > 0 && wb > 0 ? Math.min(1, shared / Math.max(Math.min(wa, wb), p.minContainedWeight)) : 0;
  let common = 0;
  for (const g of a.trigrams) if (b.trigrams.has(g)) common++;
  const union = a.trigrams.size + b.trigrams.size - common;
  const trigram = union > 0 ? common / union : 0;
  const request = ga > 0 && gb > 0 ? gShared / Math.min(ga, gb) : 1;
  const subject = (1 - p.trigramShare) * (p.diceShare * dice + (1 - p.diceShare) * containment) + p.trigramShare * trigram;
  const score = subject * (p.requestFloor + (1 - p.requestFloor) * request);
  return { score, dice, containment, trigram, request };
}

export interface CompareOptions {
  readonly lexicon?: MatchLexicon;
  readonly stats?: TermStats;
  readonly params?: ScoreParams;
  readonly threshold?: number;
}

/** How alike two texts are, and whether they are the same point. */
export function compareTexts(a: string, b: string, opts: CompareOptions = {}): { score: number; recurring: boolean } {
  const lexicon = opts.lexicon ?? defaultLexicon();
  const score = scoreParts(textFeatures(a, lexicon), textFeatures(b, lexicon), opts.stats, opts.params).score;
  return { score, recurring: score >= (opts.threshold ?? RECURRING_THRESHOLD) };
}

export interface Candidate<Id> {
  readonly id: Id;
  /** The stored text: it is analysed again, so a changed lexicon applies at once. */
  readonly text: string;
}

export interface RankedMatch<Id> {
  readonly id: Id;
  /** Rounded to 3 decimals. */
  readonly score: number;
  /** score ≥ the threshold: the system's decision that this is the same point. */
  readonly recurring: boolean;
}

export interface RankOptions extends CompareOptions {
  /** Matches below this score are left out (default 0.2: too far to be worth showing). */
  readonly minScore?: number;
  /** At most this many, best first (default 10). */
  readonly limit?: number;
}

/** Scores candidates (from findCandidates) against a new text and returns the best, best first. */
export function rankCandidates<Id>(text: string, candidates: readonly Candidate<Id>[], opts: RankOptions = {}): RankedMatch<Id>[] {
  const lexicon = opts.lexicon ?? defaultLexicon();
  const threshold = opts.threshold ?? RECURRING_THRESHOLD;
  const probe = textFeatures(text, lexicon);
  const scored = candidates.map((c) => ({ id: c.id, score: scoreParts(probe, textFeatures(c.text, lexicon), opts.stats, opts.params).score }));
  return scored
    .filter((m) => m.score >= (opts.minScore ?? 0.2))
    .sort((x, y) => y.score - x.score)
    .slice(0, opts.limit ?? 10)
    .map((m) => ({ id: m.id, score: Math.round(m.score * 1000) / 1000, recurring: m.score >= threshold }));
}
