/**
 * The matching lexicon: the sector's abbreviations, synonyms and stop words, kept as rows of data so the office can
 * edit them. A row is stored as is (a table `match_lexicon (kind, term, variants text[], exact)` maps onto
 * `LexiconRow` one to one); `createLexicon(rows)` compiles the rows into the phrase table that `analyse` uses.
 *
 * - abbreviation: `term` is the short form (CNTT), `variants` the words it stands for (công nghệ thông tin). Either
 *   form in a text becomes the one token of the short form, so "thiếu cán bộ CNTT" and "thiếu cán bộ công nghệ
 *   thông tin" read the same — both ways, and the words of the long form no longer count on their own ("thông tin"
 *   in "an toàn thông tin" does not make it look like "thông tin cơ sở").
 * - synonym: `term` is the preferred phrase (kinh phí), `variants` the phrases that mean the same here (ngân sách,
 *   nguồn vốn). Every variant becomes the syllables of `term`. A synonym without variants keeps a phrase whole, so a
 *   stop word inside it stays (the "xã" of "xã hội").
 * - stop: `term` and `variants` are removed (đề nghị, kiến nghị, tỉnh…): words that say who asks or where, never
 *   what the point is.
 * - `generic` (on an abbreviation or synonym row): the words say what kind of request or problem a point is (kinh
 *   phí, tập huấn, hỗ trợ, hiệu quả), not what it is about. They are kept apart from the subject when scoring
 *   (score.ts) and are not stored for retrieval.
 *
 * Phrases are matched on folded text, longest first, left to right; what a row produces is never matched again. A
 * row marked `exact` matches only text written with the same diacritics ("sở" but not "số"), and so never applies to
 * a text typed without diacritics: there "so" may be either word, and keeping a stop word costs less than losing
 * the point's own word.
 */
import { createHash } from 'node:crypto';
import { accentKey, lowerNfc, tokenize } from './normalize.js';

export type LexiconKind = 'abbreviation' | 'synonym' | 'stop';
export const LEXICON_KINDS: readonly LexiconKind[] = ['abbreviation', 'synonym', 'stop'];

export interface LexiconRow {
  readonly kind: LexiconKind;
  /** Abbreviation: the short form; synonym: the preferred phrase; stop: a word or phrase to drop. */
  readonly term: string;
  /** What else means the same (abbreviation: the long forms; synonym: the other phrases; stop: more to drop). */
  readonly variants: readonly string[];
  /** Match only with these diacritics (in accented text). */
  readonly exact?: boolean;
  /**
   * The row's words say what kind of request or problem a point is (kinh phí, tập huấn, hỗ trợ, hiệu quả), not what
   * it is about (cụm loa, chữ ký số). Scoring compares the two parts apart: the subject decides, and the kind of
   * request must not contradict it.
   */
  readonly generic?: boolean;
}

/** One phrase of the compiled table. */
interface Phrase {
  /** Accented syllables, checked when `exact`. */
  readonly accented: readonly string[];
  readonly exact: boolean;
  /** What the phrase becomes: folded syllables, empty for a stop phrase. */
  readonly output: readonly string[];
  /** The same syllables' diacritic signatures (accentKey). */
  readonly outputAccents: readonly string[];
  readonly generic: boolean;
  /** Index of its row in `rows`. */
  readonly row: number;
}

export interface MatchLexicon {
  readonly rows: readonly LexiconRow[];
  /** Changes whenever the rows change: a stored key made with another version must be made again. */
  readonly version: string;
  /** Phrases by their first folded syllable, each list longest first. */
  readonly phrases: ReadonlyMap<string, readonly { folded: readonly string[]; phrase: Phrase }[]>;
  /** Length in syllables of the longest phrase. */
  readonly longest: number;
}

const syllables = (s: string) => tokenize(s);

/** Compiles rows (the defaults, or rows read from the database) into a lexicon. Rows that `checkLexiconRows` rejects are skipped. */
export function createLexicon(rows: readonly LexiconRow[]): MatchLexicon {
  const bad = new Set(checkLexiconRows(rows).map((p) => p.row));
  const phrases = new Map<string, { folded: readonly string[]; phrase: Phrase }[]>();
  let longest = 1;
  rows.forEach((row, i) => {
    if (bad.has(i)) return;
    const term = row.kind === 'stop' ? tokenize('') : syllables(row.term);
    const output = term.folded;
    const outputAccents = term.accented.map(accentKey);
    const generic = row.generic === true;
    for (const text of [row.term, ...row.variants]) {
      const t = syllables(text);
      if (t.folded.length === 0) continue;
      const list = phrases.get(t.folded[0]) ?? [];
      list.push({ folded: t.folded, phrase: { accented: t.accented, exact: row.exact === true, output, outputAccents, generic, row: i } });
      phrases.set(t.folded[0], list);
      longest = Math.max(longest, t.folded.length);
    }
  });
  // Longest first; at equal length an exact phrase before a folded one, so 'sở' (stop, exact) is tried before any
  // plain 'so'.
  for (const list of phrases.values()) list.sort((a, b) => b.folded.length - a.folded.length || Number(b.phrase.exact) - Number(a.phrase.exact));
  return { rows, version: lexiconVersion(rows), phrases, longest };
}

/** A short fingerprint of the rows' content (order included: earlier rows win a tie). */
export function lexiconVersion(rows: readonly LexiconRow[]): string {
  const canonical = rows.map((r) => [r.kind, lowerNfc(r.term.trim()), r.variants.map((v) => lowerNfc(v.trim())), r.exact === true, r.generic === true]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
}

export interface LexiconProblem {
  /** Index of the row in the list given. */
  readonly row: number;
  /** Vietnamese, for the person editing the list. */
  readonly message: string;
}

/**
 * What is wrong with a list of rows, row by row, in Vietnamese: an unknown kind, an empty term or variant, a phrase
 * listed twice (in one row, or in two rows: which one applied would depend on the order of the rows).
 */
export function checkLexiconRows(rows: readonly LexiconRow[]): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const n = i + 1;
    if (!LEXICON_KINDS.includes(row.kind)) {
      problems.push({ row: i, message: `Dòng ${n}: loại "${String(row.kind)}" không hợp lệ (viết tắt, đồng nghĩa hoặc từ bỏ qua).` });
      return;
    }
    if (syllables(row.term ?? '').folded.length === 0) {
      problems.push({ row: i, message: `Dòng ${n}: thuật ngữ không được để trống và phải có chữ hoặc số.` });
      return;
    }
    if (row.kind === 'stop' && row.generic)
      problems.push({ row: i, message: `Dòng ${n}: từ bỏ qua không thể đồng thời là từ chung của đề nghị.` });
    if (row.kind === 'abbreviation' && row.variants.length === 0)
      problems.push({ row: i, message: `Dòng ${n}: từ viết tắt "${row.term}" cần ít nhất một cách viết đầy đủ.` });
    for (const text of [row.term, ...row.variants]) {
      const t = syllables(text);
      if (t.folded.length === 0) {
        problems.push({ row: i, message: `Dòng ${n}: có một cách viết trống hoặc chỉ gồm dấu câu.` });
        continue;
      }
      const key = `${row.exact ? t.accented.join(' ') : t.folded.join(' ')}${row.exact ? '#exact' : ''}`;
      const before = seen.get(key);
      if (before === undefined) seen.set(key, i);
      else if (before === i) problems.push({ row: i, message: `Dòng ${n}: "${text.trim()}" được ghi hai lần.` });
      else problems.push({ row: i, message: `Dòng ${n}: "${text.trim()}" đã có ở dòng ${before + 1}; mỗi cụm từ chỉ thuộc một dòng.` });
    }
  });
  return problems;
}
