/**
 * Text handling for the draft summary report: the units' narratives split into paragraphs and points, and the
 * same point raised by several units merged into one with the units listed. Pure functions.
 */
import { foldDiacritics, normalizeText } from '@nhip/contracts';
import type { RaisedPoint } from '../documents/summary-report.model.js';

/** Two points whose normalised bigram (Dice) similarity reaches this are the same point. */
export const MERGE_SIMILARITY = 0.8;

const BULLET_RE = /^\s*[-–•+*]\s+/u;

/**
 * A narrative as report paragraphs: blocks separated by blank lines; inside a block each '- ' line is its own
 * bullet paragraph (kept as '- text') and consecutive plain lines are joined into one paragraph.
 */
export function narrativeParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const block of normalizeText(text).replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let plain: string[] = [];
    const flush = () => {
      if (plain.length) out.push(plain.join(' '));
      plain = [];
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (BULLET_RE.test(line)) {
        flush();
        out.push(`- ${line.replace(BULLET_RE, '').trim()}`);
      } else {
        plain.push(line);
      }
    }
    flush();
  }
  return out.filter((p) => p.replace(/^-\s*/, '').trim() !== '');
}

/**
 * Points of a difficulties / proposals text: each bullet line is one point; a plain paragraph is split into its
 * sentences (a sentence ends with . ! ? … followed by a capital letter).
 */
export function splitPoints(text: string): string[] {
  const points: string[] = [];
  for (const p of narrativeParagraphs(text)) {
    if (p.startsWith('- ')) {
      points.push(p.slice(2).trim());
      continue;
    }
    for (const s of p.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d"“(])/u)) if (s.trim()) points.push(s.trim());
  }
  return points.map((p) => p.replace(/[;,]+$/u, '').trim()).filter((p) => p.length > 1);
}

/** Comparison key of a point: lower case, without diacritics or punctuation, whitespace collapsed. */
export function pointKey(text: string): string {
  return foldDiacritics(normalizeText(text).toLocaleLowerCase('vi'))
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(key: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < key.length - 1; i++) {
    const g = key.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character bigrams of two keys (1 = identical). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let common = 0;
  for (const [g, n] of A) common += Math.min(n, B.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

/**
 * Merges points raised by units: a point whose key equals, or is at least MERGE_SIMILARITY similar to, an
 * earlier point's key joins it (the earlier wording is kept) and its unit is added once. Order of first
 * appearance is kept; points raised by more units come first.
 */
export function mergePoints(raised: readonly { text: string; unit: string }[]): RaisedPoint[] {
  const groups: { key: string; text: string; units: string[]; order: number }[] = [];
  for (const r of raised) {
    const key = pointKey(r.text);
    if (!key) continue;
    const g = groups.find((x) => x.key === key || similarity(x.key, key) >= MERGE_SIMILARITY);
    if (g) {
      if (!g.units.includes(r.unit)) g.units.push(r.unit);
    } else {
      groups.push({ key, text: r.text, units: [r.unit], order: groups.length });
    }
  }
  return groups
    .sort((a, b) => b.units.length - a.units.length || a.order - b.order)
    .map((g) => ({ text: g.text, units: g.units }));
}

const NEXT_TASKS_MARK = /^(?:[IVX]+\.\s*|\d+\.\s*)?(?:phương hướng|nhiệm vụ|kế hoạch)(?!\p{L})[^.!?:]*(?:tới|tiếp theo|sau|năm \d{4}|quý [IV]+|trọng tâm)[^.!?:]*:$/iu;

/**
 * A narrative's clearly marked next-period section ("Nhiệm vụ trọng tâm quý tới:", "Phương hướng, nhiệm vụ năm
 * 2024:" on a line of its own, ending with ':', then its items): returns the narrative without it and the section's items.
 */
export function extractNextTasks(text: string): { results: string; tasks: string[] } {
  const lines = normalizeText(text).replace(/\r\n?/g, '\n').split('\n');
  const at = lines.findIndex((l) => {
    const t = l.trim();
    return t.length <= 120 && !BULLET_RE.test(t) && NEXT_TASKS_MARK.test(t);
  });
  if (at < 0) return { results: text, tasks: [] };
  const tasks = splitPoints(lines.slice(at + 1).join('\n'));
  return { results: lines.slice(0, at).join('\n'), tasks };
}
