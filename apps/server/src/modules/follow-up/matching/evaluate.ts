/**
 * Measuring the matcher on labelled pairs: precision and recall at a threshold, the threshold that a precision
 * target allows, and average precision. Used by matching.evaluation.test.ts and tune.ts.
 */
import type { LabelledPair } from './evaluation-set.js';
import { matchTerms } from './key.js';
import { fold } from './normalize.js';
import type { MatchLexicon } from './lexicon-model.js';
import { CorpusStats, MATCH_PARAMS, type ScoreParams, scoreParts, type TermStats, textFeatures } from './score.js';

export interface ScoredPair {
  readonly pair: LabelledPair;
  readonly score: number;
}

export interface Figures {
  readonly threshold: number;
  readonly pairs: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * The statistics the evaluation scores with: every distinct text of the set counted once, as if the set were the
 * register of stored points. Labels play no part, so both halves may share it.
 */
export function evaluationStats(pairs: readonly LabelledPair[], lexicon?: MatchLexicon): CorpusStats {
  const texts = new Set(pairs.flatMap((p) => [p.earlier, p.later]));
  return CorpusStats.fromTerms([...texts].map((t) => matchTerms(t, lexicon)));
}

export function scorePairs(pairs: readonly LabelledPair[], opts: { stats?: TermStats; params?: ScoreParams; lexicon?: MatchLexicon } = {}): ScoredPair[] {
  return pairs.map((pair) => ({
    pair,
    score: scoreParts(textFeatures(pair.earlier, opts.lexicon), textFeatures(pair.later, opts.lexicon), opts.stats, opts.params ?? MATCH_PARAMS).score,
  }));
}

export function figuresAt(scored: readonly ScoredPair[], threshold: number): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of scored) {
    const yes = s.score >= threshold;
    if (yes && s.pair.same) tp++;
    else if (yes) fp++;
    else if (s.pair.same) fn++;
    else tn++;
  }
  return { threshold, pairs: scored.length, tp, fp, fn, tn, precision: tp + fp > 0 ? tp / (tp + fp) : 1, recall: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

/**
 * The threshold with the highest recall whose precision reaches `minPrecision` (ties: the higher precision, then the
 * higher threshold). Thresholds are taken in the middle of the gaps between consecutive scores, rounded to two
 * decimals when that stays inside the gap, so no pair sits on the line.
 */
export function chooseThreshold(scored: readonly ScoredPair[], minPrecision: number): Figures {
  const values = [...new Set(scored.map((s) => s.score))].sort((a, b) => b - a);
  const cuts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const hi = values[i];
    const lo = i + 1 < values.length ? values[i + 1] : Math.max(0, hi - 0.02);
    const mid = (hi + lo) / 2;
    const round = Math.round(mid * 100) / 100;
    cuts.push(round > lo && round <= hi ? round : Math.round(mid * 1000) / 1000);
  }
  let best: Figures | null = null;
  for (const t of cuts) {
    const f = figuresAt(scored, t);
    if (f.precision < minPrecision) continue;
    if (!best || f.recall > best.recall || (f.recall === best.recall && (f.precision > best.precision || (f.precision === best.precision && t > best.threshold))))
      best = f;
  }
  return best ?? figuresAt(scored, 1.01);
}

/** Average precision of the ranking by score (1 = every same pair above every different pair). */
export function averagePrecision(scored: readonly ScoredPair[]): number {
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  let hits = 0;
  let sum = 0;
  sorted.forEach((s, i) => {
    if (!s.pair.same) return;
    hits++;
    sum += hits / (i + 1);
  });
  return hits > 0 ? sum / hits : 0;
}

/**
 * The baseline: pg_trgm's similarity() on the folded text (what `similarity(vn_fold(a), vn_fold(b))` gives; Decidim
 * proposes similar proposals at ≥ 0.25, pg_trgm's `%` answers at ≥ 0.3).
 */
export function trigramBaseline(pairs: readonly LabelledPair[]): ScoredPair[] {
  const trigrams = (text: string) => {
    const out = new Set<string>();
    for (const w of fold(text).match(/[a-z0-9]+/g) ?? []) {
      const s = `  ${w} `;
      for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
    }
    return out;
  };
  return pairs.map((pair) => {
    const a = trigrams(pair.earlier);
    const b = trigrams(pair.later);
    let common = 0;
    for (const g of a) if (b.has(g)) common++;
    const union = a.size + b.size - common;
    return { pair, score: union > 0 ? common / union : 0 };
  });
}

export const formatFigures = (label: string, f: Figures): string =>
  `${label}: ${f.pairs} pairs, threshold ${f.threshold}: precision ${f.precision.toFixed(3)} (${f.tp}/${f.tp + f.fp}), recall ${f.recall.toFixed(3)} (${f.tp}/${f.tp + f.fn}); ${f.fp} look-alike(s) taken for the same point, ${f.fn} same point(s) missed`;
