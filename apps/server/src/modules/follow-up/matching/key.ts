/**
 * Text → the terms matching compares, and the key string stored beside each point.
 *
 * 1. tokenize: NFC, lower case, syllables (normalize.ts);
 * 2. the lexicon, longest phrase first: abbreviations and synonyms become their canonical syllables, stop words go;
 * 3. numbers and single letters go (a point raised again rarely repeats its figures);
 * 4. terms (score.ts): the remaining syllables (a bag: order is ignored) and each pair of neighbours ("chuyển đổi",
 *    "kinh phí"), which keeps the little order that compound words need.
 *
 * Each token keeps its folded form and its diacritics. Two texts that both have diacritics are compared with them
 * (hồ sơ and hỗ trợ do not share "ho"); when either was typed without, both are compared folded.
 *
 * What is stored beside each point for retrieval is `matchTerms`: the subject's folded syllables (ASCII for
 * Vietnamese text). Scoring re-reads the texts themselves, so it always uses the lexicon of the day.
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
      for (const [k, folded] of c.phrase.output.entries()) out.push({ folded, accented: c.phrase.outputAccents[k], generic: c.phrase.generic });
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

/**
 * The terms to store beside a point (in a `text[]` column with a GIN index, matching.repository.ts): its subject's
 * folded syllables, each once, in text order. Generic words of a request, stop words, numbers and bigrams are left
 * out: retrieval only needs what the point is about. 'Thiếu nhân lực CNTT ở cấp xã' → ['cntt'];
 * 'Cụm loa truyền thanh hư hỏng, cần kinh phí sửa chữa' → ['loa', 'truyen', 'thanh', 'hu', 'hong', 'sua', 'chua'].
 */
export function matchTerms(text: string, lexicon: MatchLexicon = defaultLexicon()): string[] {
  return [...new Set(analyse(text, lexicon).tokens.filter((t) => !t.generic).map((t) => t.folded))];
}
