/**
 * Vietnamese text helpers: normalisation, diacritic-insensitive search,
 * Vietnamese collation (a ă â b c d đ e ê … o ô ơ … u ư …; tones compare after
 * letters: ngang < huyền < hỏi < ngã < sắc < nặng, as in CLDR/ICU 'vi'), and
 * the text boundary check every string entering Nhịp passes (checkText).
 */
import { z } from 'zod';

/** Unicode NFC + trim. Store and compare text in this form. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').trim();
}

/**
 * Lower-case and strip diacritics, đ → d: 'Chuyển đổi số' → 'chuyen doi so'.
 * Use on both sides of a search.
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/**
 * Diacritic- and case-insensitive search: every whitespace-separated word of
 * `query` must occur in `text`. An empty query matches everything.
 * searchMatches('Chuyển đổi số', 'chuyen so') === true.
 */
export function searchMatches(text: string, query: string): boolean {
  const hay = foldDiacritics(text);
  return foldDiacritics(query)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .every((w) => hay.includes(w));
}

// ---------------------------------------------------------------------------
// Collation
// ---------------------------------------------------------------------------

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
// NFD forms of letters whose diacritic is part of the letter, not a tone.
const QUALITY: Record<string, string> = {
  'a\u0306': 'ă',
  'a\u0302': 'â',
  'e\u0302': 'ê',
  'o\u0302': 'ô',
  'o\u031b': 'ơ',
  'u\u031b': 'ư',
};
// ngang (none) 0 < huyền 1 < hỏi 2 < ngã 3 < sắc 4 < nặng 5
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };

interface SortKey {
  primary: number[];
  secondary: number[];
  tertiary: number[];
}

const isMark = (ch: string): boolean => /\p{M}/u.test(ch);

function sortKey(input: string): SortKey {
  const chars = Array.from(input.normalize('NFD'));
  const key: SortKey = { primary: [], secondary: [], tertiary: [] };
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] as string;
    i += 1;
    const marks: string[] = [];
    while (i < chars.length && isMark(chars[i] as string)) marks.push(chars[i++] as string);
    const lower = ch.toLowerCase();
    const upper = lower !== ch ? 1 : 0;
    let letter = lower;
    let secondary = 0;
    for (const m of marks) {
      const q = QUALITY[letter + m];
      if (q) letter = q;
      else if (TONES[m] !== undefined) secondary = Math.max(secondary, TONES[m] as number);
      else secondary = Math.max(secondary, 6 + (m.codePointAt(0) as number)); // non-Vietnamese mark
    }
    const pos = ALPHABET.indexOf(letter);
    let primary: number;
    if (pos >= 0) primary = 3_000_000 + pos;
    else if (/\d/.test(letter)) primary = 2_000_000 + Number(letter);
    else if (/\s/.test(letter)) primary = 1;
    else if (/\p{L}/u.test(letter)) primary = 4_000_000 + (letter.codePointAt(0) as number);
    else primary = 10 + (letter.codePointAt(0) as number);
    key.primary.push(primary);
    key.secondary.push(secondary);
    key.tertiary.push(upper);
  }
  return key;
}

function compareArrays(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Pure-JS Vietnamese collation, used when the runtime's Intl lacks 'vi' data. */
export function compareViFallback(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return (
    compareArrays(ka.primary, kb.primary) ||
    compareArrays(ka.secondary, kb.secondary) ||
    compareArrays(ka.tertiary, kb.tertiary)
  );
}

let nativeCollator: Intl.Collator | null | undefined;

function getNativeCollator(): Intl.Collator | null {
  if (nativeCollator === undefined) {
    nativeCollator = null;
    try {
      const c = new Intl.Collator('vi');
      const ok =
        c.resolvedOptions().locale.startsWith('vi') &&
        c.compare('Đa', 'Dz') > 0 &&
        c.compare('Đz', 'Ea') < 0 &&
        c.compare('ơa', 'oz') > 0 &&
        c.compare('mã', 'má') < 0;
      if (ok) nativeCollator = c;
    } catch {
      nativeCollator = null;
    }
  }
  return nativeCollator;
}

/**
 * Vietnamese ordering (Đ after D and before E; ă, â after a; tones after
 * letters; lower case before upper case). Returns -1, 0 or 1.
 * Uses Intl.Collator('vi') when the runtime's ICU data passes a self-check,
 * otherwise compareViFallback. Usage: names.sort(compareVi).
 */
export function compareVi(a: string, b: string): number {
  const c = getNativeCollator();
  const r = c ? c.compare(a, b) : compareViFallback(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// The text boundary: what a string entering Nhịp may contain
// ---------------------------------------------------------------------------

/**
 * A character a string entering Nhịp may not hold: a C0 control (U+0000–U+001F), DEL (U+007F) or a C1
 * control (U+0080–U+009F), or half of a UTF-16 surrogate pair (`surrogate`, which no UTF-8 text can hold).
 * Tab, line feed and carriage return (`lineBreak`) are allowed in multi-line fields only. PostgreSQL
 * refuses U+0000 outright, and a lone surrogate in JSON; the others hide text, break CSV and spreadsheet
 * cells and confuse whoever reads the data later.
 */
export type ControlChar = { codePoint: number; index: number; lineBreak: boolean; surrogate: boolean };

const isLineBreak = (c: number) => c === 0x09 || c === 0x0a || c === 0x0d;

/** The first character `s` may not hold (see ControlChar), or null. */
export function findControlChar(s: string, opts: { multiline?: boolean } = {}): ControlChar | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && (c < 0x7f || c > 0x9f)) {
      if (c < 0xd800 || c > 0xdfff) continue;
      // A high surrogate followed by a low one is one character (an emoji); anything else is half of one.
      if (c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      return { codePoint: c, index: i, lineBreak: false, surrogate: true };
    }
    if (opts.multiline && isLineBreak(c)) continue;
    return { codePoint: c, index: i, lineBreak: isLineBreak(c), surrogate: false };
  }
  return null;
}

/** 'U+0000' */
export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the character is refused, to follow the name of the field: 'chứa ký tự điều khiển không hợp lệ (U+0000)'. */
export function controlCharReason(c: ControlChar): string {
  if (c.surrogate) return `chứa ký tự Unicode không hợp lệ (${codePointLabel(c.codePoint)}, nửa cặp ký tự thay thế)`;
  return c.lineBreak
    ? `không được chứa ký tự xuống dòng hoặc tab (${codePointLabel(c.codePoint)}); chỉ trường văn bản nhiều dòng mới cho phép`
    : `chứa ký tự điều khiển không hợp lệ (${codePointLabel(c.codePoint)})`;
}

/** A field name or path as it can be shown in a message: its own control characters written as \u0000. */
export const printableName = (s: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: showing them is the point
  s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 200);

export type TextCheck = { ok: true; text: string } | { ok: false; problem: ControlChar; reason: string };

/**
 * The one check every string entering Nhịp passes: no control character (tab, line feed and carriage
 * return only when `multiline`), then Unicode NFC. Does not trim: that is each field's own rule.
 */
export function checkText(s: string, opts: { multiline?: boolean } = {}): TextCheck {
  const problem = findControlChar(s, opts);
  if (problem) return { ok: false, problem, reason: controlCharReason(problem) };
  return { ok: true, text: s.normalize('NFC') };
}

/**
 * What a multi-line text area should send: the line separators pasted text carries (Word's manual line
 * break U+000B, form feed, NEL, U+2028, U+2029) become line feeds, other control characters and half
 * surrogate pairs are dropped. The boundary would refuse them; a person pasting from Word should not meet that.
 */
export function typedText(s: string): string {
  return (
    s
      .replace(/[\u000b\u000c\u0085\u2028\u2029]/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

/** The mark a multi-line string schema carries, in the zod registry and in the OpenAPI document. */
export const MULTILINE_KEY = 'x-multiline';

/**
 * A string field that may span several lines (tab, line feed and carriage return allowed): narratives,
 * comments, descriptions, rule texts, notes. Every other string field refuses them at the boundary.
 * Usage in a request schema: `note: multilineText().max(2000).nullable().optional()`.
 */
export const multilineText = (params?: Parameters<typeof z.string>[0]) => z.string(params).meta({ [MULTILINE_KEY]: true });

/** Whether a zod schema (or one it was derived from with .max(), .min(), …) was built by multilineText. */
export const isMultilineText = (schema: z.ZodType): boolean => z.globalRegistry.get(schema)?.[MULTILINE_KEY] === true;
