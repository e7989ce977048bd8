/**
 * Chooses the scorer's parameters and the recurring threshold on the tuning half of the evaluation set, and prints
 * how the choice does on both halves, next to two baselines. Run it after changing the lexicon, the scorer or the
 * set, and copy the result into MATCH_PARAMS / RECURRING_THRESHOLD (score.ts) and docs/architecture.md:
 *
 *   npx tsx apps/server/src/modules/follow-up/matching/tune.ts
 *
 * Method: every combination of the grid below is scored on the tuning half; a combination is ranked by its average
 * precision (how well the scores order same points above look-alikes, at every threshold: steadier on a small set
 * than one point of the curve), then by the recall it reaches at precision ≥ 0.9, then by the margin between that
 * threshold and the nearest pair's score. The winner's threshold is the one chooseThreshold picks on the tuning
 * half. The held-out half is only reported.
 */
import { EVALUATION_PAIRS, splitHalves } from './evaluation-set.js';
import { averagePrecision, chooseThreshold, evaluationStats, figuresAt, formatFigures, type ScoredPair, scorePairs, trigramBaseline } from './evaluate.js';
import { createLexicon } from './lexicon-model.js';
import { MATCH_PARAMS, RECURRING_THRESHOLD, type ScoreParams } from './score.js';

const MIN_PRECISION = 0.9;
const { tuning, heldOut } = splitHalves();
const stats = evaluationStats(EVALUATION_PAIRS);

const grid: ScoreParams[] = [];
for (const bigramWeight of [0, 0.5, 1])
  for (const diceShare of [0, 0.25, 0.5, 0.75, 1])
    for (const trigramShare of [0, 0.2, 0.4])
      for (const minContainedWeight of [0, 3, 5])
        for (const commonShare of [0.05, 0.15, 1])
          for (const genericWeight of [0, 0.3, 1])
            for (const requestFloor of [0.25, 0.5, 0.75, 1])
              grid.push({ ...MATCH_PARAMS, bigramWeight, diceShare, trigramShare, minContainedWeight, commonShare, genericWeight, requestFloor });

/** How far the threshold is from the nearest pair's score: a wider margin moves less with the next pair. */
const margin = (scored: ScoredPair[], t: number) => Math.min(...scored.map((s) => Math.abs(s.score - t)));
const results = grid.map((params) => {
  const scored = scorePairs(tuning, { stats, params });
  const best = chooseThreshold(scored, MIN_PRECISION);
  return { params, best, ap: averagePrecision(scored), margin: margin(scored, best.threshold) };
});
results.sort((a, b) => b.ap - a.ap || b.best.recall - a.best.recall || b.margin - a.margin);

const show = (p: ScoreParams) =>
  `bigram ${p.bigramWeight}, dice ${p.diceShare}, trigram ${p.trigramShare}, minContained ${p.minContainedWeight}, commonShare ${p.commonShare}, genericWeight ${p.genericWeight}, requestFloor ${p.requestFloor}`;
console.log(`grid: ${grid.length} combinations on the tuning half (${tuning.length} pairs); the best ten:`);
for (const r of results.slice(0, 10))
  console.log(`  ${show(r.params)} → recall ${r.best.recall.toFixed(3)} at precision ${r.best.precision.toFixed(3)} (threshold ${r.best.threshold}, margin ${r.margin.toFixed(3)}), AP ${r.ap.toFixed(3)}`);

const winner = results[0];
console.log(`\nchosen: ${show(winner.params)}, threshold ${winner.best.threshold}`);
const shipped = { params: MATCH_PARAMS, threshold: RECURRING_THRESHOLD };
console.log(`shipped (score.ts): ${show(shipped.params)}, threshold ${shipped.threshold}`);

const report = (label: string, scored: ScoredPair[], threshold: number) =>
  console.log(`  ${formatFigures(label, figuresAt(scored, threshold))}; AP ${averagePrecision(scored).toFixed(3)}`);
console.log('\nshipped parameters and threshold:');
for (const [label, pairs] of [['tuning', tuning], ['held-out', heldOut], ['all', EVALUATION_PAIRS]] as const)
  report(label, scorePairs(pairs, { stats, params: shipped.params }), shipped.threshold);

console.log('\nbaselines:');
for (const [label, pairs] of [['tuning', tuning], ['held-out', heldOut]] as const) {
  const scored = trigramBaseline(pairs);
  for (const t of [0.25, 0.3]) console.log(`  pg_trgm similarity on folded text, ${formatFigures(label, figuresAt(scored, t))}`);
  const best = chooseThreshold(scored, MIN_PRECISION);
  console.log(`  pg_trgm, its best threshold for precision ≥ ${MIN_PRECISION}: ${formatFigures(label, best)}`);
  const empty = createLexicon([]);
  const noLexicon = scorePairs(pairs, { stats: evaluationStats(EVALUATION_PAIRS, empty), lexicon: empty });
  console.log(`  shipped scorer, no lexicon: ${formatFigures(label, figuresAt(noLexicon, shipped.threshold))}`);
}

console.log('\nshipped, pair by pair (tuning half; × = wrong side of the threshold):');
for (const s of scorePairs(tuning, { stats }).sort((a, b) => b.score - a.score))
  console.log(`  ${s.score.toFixed(3)} ${s.pair.same ? 'same' : 'diff'} ${(s.score >= shipped.threshold) === s.pair.same ? ' ' : '×'} ${s.pair.id} ${s.pair.kind}`);
