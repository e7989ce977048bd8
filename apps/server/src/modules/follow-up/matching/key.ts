/**
 * Text → the terms matching compares, and the key string stored beside each point.
 *
 * 1. tokenize: NFC, lower case, syllables (normalize.ts);
 * 2. the lexicon, longest phrase first: abbreviations and synonyms become their canonical syllables, stop words go;
 * 3. numbers and single letters go (a point raised again rarely repeats its figures);
 * 4. terms: the remaining syllables (a bag: order is ignored) and each pair of neighbours joined by '_' ("chuyen_doi",
 *    "kinh_phi"), which keeps the little order that compound words need.
 *
 * Each token keeps its folded form and its diacritics. Two texts that both have diacritics are compared with them
 * (hồ sơ and hỗ trợ do not share "ho"); when either was typed without, both are compared folded.
 *
 * The stored key is the folded terms joined by single spaces, unigrams first (in text order, each once) then
 * bigrams: 'Thiếu nhân lực CNTT ở cấp xã' → 'thieu can bo cntt thieu_can can_bo bo_cntt'. It is ASCII for
 * Vietnamese text; `string_to_array(key, ' ')` gives PostgreSQL the same terms for retrieval
 * (matching.repository.ts). Scoring re-reads the texts themselves, so it always uses the lexicon of the day.
 */
import { createLexicon, type MatchLexicon } from './lexicon-model.js';
import { DEFAULT_LEXICON_ROWS } from './lexicon.js';
import { accentKey, isNoise, tokenize } from './normalize.js';

export interface Token {
  /** Folded syllable: 'so'. */
  readonly folded: string;
  /** Folded syllable with its diacritics' signature: 'so:̂́' (accentKey). */
  readonly accented: string;
  /** Produced by a generic row of the lexicon: a word of the kind of request, not of its subject. */
  readonly generic: boolean;
}

export interface Analysis {
  /** Canonical tokens in text order, after the lexicon (duplicates kept). */
  readonly tokens: readonly Token[];
  /** The text has no diacritics at all. */
  readonly unaccented: boolean;
}

let defaults: MatchLexicon | null = null;
/** The lexicon compiled from DEFAULT_LEXICON_ROWS (once). */
export function defaultLexicon(): MatchLexicon {
  defaults ??= createLexicon(DEFAULT_LEXICON_ROWS);
  return defaults;
}

export function analyse(text: string, lexicon: MatchLexicon = defaultLexicon()): Analysis {
  const t = tokenize(text);
  const out: Token[] = [];
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
      c.phrase.output.forEach((folded, k) => out.push({ folded, accented: c.phrase.outputAccents[k], generic: c.phrase.generic }));
      used = n;
      break;
    }
    if (used === 0) {
      if (!isNoise(t.folded[i])) out.push({ folded: t.folded[i], accented: accentKey(t.accented[i]), generic: false });
      used = 1;
    }
    i += used;
  }
  return { tokens: out, unaccented: t.unaccented };
}

/** Folded terms: distinct unigrams in text order, then distinct bigrams. */
export function foldedTerms(a: Analysis): { unigrams: string[]; bigrams: string[] } {
  const unigrams = [...new Set(a.tokens.map((t) => t.folded))];
  const bigrams = new Set<string>();
  for (let k = 1; k < a.tokens.length; k++) {
    const x = a.tokens[k - 1].folded;
    const y = a.tokens[k].folded;
    if (x !== y) bigrams.add(`${x}_${y}`);
  }
  return { unigrams, bigrams: [...bigrams] };
}

/** The string to store beside a point (and to index): its folded terms, unigrams then bigrams, joined by spaces. */
export function matchKey(text: string, lexicon: MatchLexicon = defaultLexicon()): string {
  const { unigrams, bigrams } = foldedTerms(analyse(text, lexicon));
  return [...unigrams, ...bigrams].join(' ');
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
