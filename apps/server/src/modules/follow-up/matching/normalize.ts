/**
 * Text → syllable tokens, the first step of matching. Vietnamese writes one syllable per word, so a token is a
 * syllable (or an abbreviation, or a code such as "4g"). Each token is kept twice: folded (lower case, no
 * diacritics, đ → d), which is what matching compares, and accented (lower case, NFC), which the lexicon looks at
 * only for rows marked `exact` (the stop word "sở" must not remove "số").
 */
import { foldDiacritics } from '@nhip/contracts';

export interface Tokens {
  /** Folded syllables in text order: 'Chuyển đổi số' → ['chuyen', 'doi', 'so']. */
  readonly folded: readonly string[];
  /** The same syllables, lower case with their diacritics (NFC). */
  readonly accented: readonly string[];
  /** True when the text has no letter outside ASCII, i.e. it was typed without diacritics. */
  readonly unaccented: boolean;
}

// Letters and digits make tokens; everything else (spaces, punctuation, dashes, '&', '/') separates them, so
// "VH-TT-TT" → vh tt tt and "TT&TT" → tt tt, and the lexicon lists abbreviations in that split form.
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
// Tokens are letters, marks and digits: one that is not plain a–z or 0–9 has a Vietnamese letter (or a stray mark).
const NON_ASCII_LETTER = /[^a-z0-9]/;

/** NFC, lower case; the accented form of a token. */
export const lowerNfc = (s: string): string => s.normalize('NFC').toLowerCase();

/** The folded form of a token or phrase: lower case, diacritics removed, đ → d. */
export const fold = (s: string): string => foldDiacritics(s.normalize('NFC'));

export function tokenize(text: string): Tokens {
  const accented = lowerNfc(text).match(TOKEN) ?? [];
  const folded = accented.map(fold);
  const unaccented = accented.length > 0 && !accented.some((t) => NON_ASCII_LETTER.test(t));
  return { folded, accented, unaccented };
}

/**
 * A syllable's diacritics as a comparable signature: its folded letters, then its marks sorted, so the old and new
 * tone placements compare equal ('qúy' = 'quý', 'hoá' = 'hóa') and 'sở' differs from 'số'.
 */
export function accentKey(syllable: string): string {
  const nfd = syllable.normalize('NFD');
  const marks = [...nfd.replace(/\P{M}/gu, '')].sort().join('');
  return `${fold(syllable)}:${marks}${/[đĐ]/.test(syllable) ? 'đ' : ''}`;
}

/**
 * A token that carries no meaning on its own: a number (figures differ from one report to the next), one letter, or
 * the Roman numeral of a quarter (quý II).
 */
export const isNoise = (folded: string): boolean => folded.length < 2 || /^\d+$/.test(folded) || /^(ii|iii|iv)$/.test(folded);
