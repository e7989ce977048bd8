/**
 * Text → the terms matching compares, and the key string stored beside each point.
 *
 * 1. tokenize: NFC, lower case, syllables (normalize.ts);
 * 2. the lexicon, longest phrase first: abbreviations and synonyms become their canonical syllables, stop words go;
 * 3. numbers and single letters go (a point raised again rarely repeats its figures);
 * 4. terms: the remaining syllables (a bag: order is ignored) and each pair of neighbours joined by '_' ("chuyen_doi",
 *    "kinh_phi"), which keeps a little of the order that compound words need.
 *
 * The key is the terms joined by single spaces, unigrams first (in text order, each once) then bigrams:
 * 'Thiếu nhân lực CNTT ở cấp xã' → 'thieu nhan luc cntt thieu_nhan nhan_luc luc_cntt'. It is ASCII for Vietnamese
 * text, and `string_to_array(key, ' ')` gives PostgreSQL the same terms (see matching.repository.ts).
 */
import { createLexicon, type MatchLexicon } from './lexicon-model.js';
import { DEFAULT_LEXICON_ROWS } from './lexicon.js';
import { accentKey, isNoise, tokenize } from './normalize.js';

export interface Analysis {
  /** Canonical syllables in text order, after the lexicon (duplicates kept). */
  readonly tokens: readonly string[];
  /** Distinct syllables. */
  readonly unigrams: readonly string[];
  /** Distinct neighbour pairs 'a_b'. */
  readonly bigrams: readonly string[];
}

let defaults: MatchLexicon | null = null;
/** The lexicon compiled from DEFAULT_LEXICON_ROWS (once). */
export function defaultLexicon(): MatchLexicon {
  defaults ??= createLexicon(DEFAULT_LEXICON_ROWS);
  return defaults;
}

export function analyse(text: string, lexicon: MatchLexicon = defaultLexicon()): Analysis {
  const t = tokenize(text);
  const out: string[] = [];
  let i = 0;
  while (i < t.folded.length) {
    let used = 0;
    for (const c of lexicon.phrases.get(t.folded[i]) ?? []) {
      const n = c.folded.length;
      if (i + n > t.folded.length) continue;
      let same = true;
      for (let k = 1; k < n && same; k++) same = c.folded[k] === t.folded[i + k];
      if (!same) continue;
      if (c.phrase.exact) {
        if (t.unaccented) continue;
        for (let k = 0; k < n && same; k++) same = accentKey(c.phrase.accented[k]) === accentKey(t.accented[i + k]);
        if (!same) continue;
      }
      out.push(...c.phrase.output);
      used = n;
      break;
    }
    if (used === 0) {
      if (!isNoise(t.folded[i])) out.push(t.folded[i]);
      used = 1;
    }
    i += used;
  }
  const unigrams = [...new Set(out)];
  const bigrams = new Set<string>();
  for (let k = 1; k < out.length; k++) if (out[k - 1] !== out[k]) bigrams.add(`${out[k - 1]}_${out[k]}`);
  return { tokens: out, unigrams, bigrams: [...bigrams] };
}

/** The string to store beside a point (and to index): its terms, unigrams then bigrams, joined by spaces. */
export function matchKey(text: string, lexicon: MatchLexicon = defaultLexicon()): string {
  const a = analyse(text, lexicon);
  return [...a.unigrams, ...a.bigrams].join(' ');
}

/** The terms of a stored key. */
export function keyTerms(key: string): { unigrams: string[]; bigrams: string[] } {
  const unigrams: string[] = [];
  const bigrams: string[] = [];
  for (const term of key.split(' ')) {
    if (term === '') continue;
    (term.includes('_') ? bigrams : unigrams).push(term);
  }
  return { unigrams, bigrams };
}
