/**
 * Recognising a point raised again: a pure TypeScript library (no database access except the SQL functions in
 * matching.repository.ts, which take a `Db`). docs/architecture.md, "Recognising a point raised again", explains
 * the method and how the threshold was measured.
 *
 * Public API
 *
 * Lexicon (abbreviations, synonyms, stop words as editable data):
 * - `LexiconRow` { kind: 'abbreviation' | 'synonym' | 'stop', term, variants[], exact?, generic? } — one row of a
 *   table the office edits; `DEFAULT_LEXICON_ROWS` are the defaults to seed it with.
 * - `checkLexiconRows(rows)` → `{ row, message }[]`: problems in Vietnamese, to refuse an edit.
 * - `createLexicon(rows)` → `MatchLexicon` (compiled; `.version` changes whenever the rows do: re-key the stored
 *   points then). `defaultLexicon()` is the compiled defaults.
 *
 * Text → terms:
 * - `matchTerms(text, lexicon?)` → string[] to store beside each point (a `text[]` column with a GIN index, see
 *   matching.repository.ts).
 * - `analyse(text, lexicon?)` → canonical tokens (for display or debugging).
 *
 * Scoring:
 * - `compareTexts(a, b, { lexicon?, stats?, threshold? })` → { score ∈ [0, 1], recurring }.
 * - `rankCandidates(text, candidates[{ id, text }], { lexicon?, stats?, limit?, minScore? })`
 *   → [{ id, score, recurring }], best first: the shape of `POST /api/recommendations/similar`'s matches.
 * - `RECURRING_THRESHOLD`, `MATCH_PARAMS`: the measured threshold and parameters.
 * - `CorpusStats` (fromTerms, fromCounts, add, remove): the stored points' syllable statistics.
 *
 * At scale (one new text against up to 100,000 stored points):
 * 1. `retrievalProbe(text, { stats })` → the terms that select stored points, and the weights that order them;
 * 2. `findCandidates(db, source, probe)` → the 50 stored points most like the text, reading at most 4,000 (GIN index
 *    created with `matchTermsIndexSql(source)`);
 * 3. `rankCandidates(text, candidates, { stats })`.
 * `loadTermStats(db, source)` reads the statistics once (then keep them with add/remove).
 *
 * Typical use in the follow-up module:
 *   const stats = await loadTermStats(db, SRC);                    // at start, kept in memory
 *   const probe = retrievalProbe(text, { lexicon, stats });
 *   const candidates = await findCandidates(db, SRC, probe);
 *   const matches = rankCandidates(text, candidates, { lexicon, stats });
 *   // on insert: store probe.terms in match_terms; stats.add(probe.terms)
 */
export { analyse, defaultLexicon, matchTerms } from './key.js';
export { checkLexiconRows, createLexicon, type LexiconKind, type LexiconProblem, type LexiconRow, lexiconVersion, type MatchLexicon } from './lexicon-model.js';
export { DEFAULT_LEXICON_ROWS } from './lexicon.js';
export { findCandidates, loadTermStats, type MatchSource, matchTermsIndexSql, type StoredPoint } from './matching.repository.js';
export { DEFAULT_MAX_ROWS, type ProbeOptions, type RetrievalProbe, retrievalProbe } from './retrieval.js';
export {
  type Candidate,
  compareTexts,
  CorpusStats,
  MATCH_PARAMS,
  type RankedMatch,
  type RankOptions,
  rankCandidates,
  RECURRING_THRESHOLD,
  type ScoreParams,
  type TermStats,
} from './score.js';
