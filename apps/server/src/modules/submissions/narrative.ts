/**
 * The narrative sections (results, difficulties, proposals) are plain text: paragraphs separated by a blank
 * line, and bullet lines starting with "- ". Whatever was pasted (Word bullets, Windows line ends, decomposed
 * Vietnamese) is brought to that form and to Unicode NFC.
 */
import { NARRATIVE_LABELS, type NarrativeSection, formatNumber } from '@nhip/contracts';
import { badRequest } from '../../platform/errors.js';

export const MAX_NARRATIVE_CHARS = 50_000;

// Bullet glyphs people paste from Word or type by hand, followed by a space.
const BULLET = /^[ \t]*[-•●▪◦∙·*+–—][ \t]+/;
// Control characters other than tab and newline (also the Unicode line/paragraph separators).
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/g;

export function normalizeNarrative(input: string): string {
  const text = input.normalize('NFC').replace(/\r\n?|\u2028|\u2029/g, '\n').replace(CONTROL, '').replace(/\t/g, ' ');
  const lines = text.split('\n').map((line) => {
    const trimmed = line.replace(/[ \u00a0]+$/, '');
    return BULLET.test(trimmed) ? `- ${trimmed.replace(BULLET, '')}` : trimmed;
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

/** Normalises one section and enforces its length; a clear Vietnamese 400 otherwise. */
export function cleanNarrative(section: NarrativeSection, input: string): string {
  const text = normalizeNarrative(input);
  if (text.length > MAX_NARRATIVE_CHARS) {
    throw badRequest(
      `Phần "${NARRATIVE_LABELS[section].vi}" dài ${formatNumber(text.length)} ký tự, vượt quá giới hạn 50.000 ký tự. Vui lòng rút gọn hoặc đưa phần chi tiết vào tệp đính kèm.`,
    );
  }
  return text;
}
