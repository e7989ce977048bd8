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
  return mergeRaised(raised).map((g) => ({ text: g.text, units: g.units }));
}

/** mergePoints, keeping with each merged point the raisings it took in (to find their units' types and the register's marks). */
export function mergeRaised<T extends { text: string; unit: string }>(raised: readonly T[]): { text: string; units: string[]; raised: T[] }[] {
  const groups: { key: string; text: string; units: string[]; raised: T[]; order: number }[] = [];
  for (const r of raised) {
    const key = pointKey(r.text);
    if (!key) continue;
    const g = groups.find((x) => x.key === key || similarity(x.key, key) >= MERGE_SIMILARITY);
    if (g) {
      if (!g.units.includes(r.unit)) g.units.push(r.unit);
      g.raised.push(r);
    } else {
      groups.push({ key, text: r.text, units: [r.unit], raised: [r], order: groups.length });
    }
  }
  return groups
    .sort((a, b) => b.units.length - a.units.length || a.order - b.order)
    .map((g) => ({ text: g.text, units: g.units, raised: g.raised }));
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

// ── Condensed narratives (second edition) ──────────────────────────────────────────────────────────────────────

/** A sentence at least this similar (Dice over folded keys) to one already kept is a repeat and is left out. */
export const REPEAT_SIMILARITY = 0.85;

/** A period header a unit puts before a part of its text: 'Quý I năm 2025:', '6 tháng đầu năm 2025:', 'Tháng 3:'. */
const PERIOD_HEADER = /^(?:quý\s+[IVX]+(?:\s+năm\s+\d{4})?|(?:6|sáu|9|chín)\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm\s+\d{4})?|tháng\s+\d{1,2}(?:\/\d{4}|\s+năm\s+\d{4})?|năm\s+\d{4})\s*:\s*/iu;

const upperFirst = (s: string) => (s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s);
/** 'Tuyên truyền…' → 'tuyên truyền…'; an acronym ('UBND…') stays. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

/**
 * The sentences of a narrative, as prose: bullets lose their dash, period headers are dropped, plain paragraphs are
 * split into sentences, and each sentence starts with a capital and ends with a full stop ('…;' → '….').
 */
export function narrativeSentences(text: string): string[] {
  const out: string[] = [];
  for (const p of narrativeParagraphs(text)) {
    const body = p.replace(/^-\s+/u, '').replace(PERIOD_HEADER, '').trim();
    for (const s of body.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d"“(])/u)) {
      const t = s.trim().replace(/[\s;,:]+$/u, '');
      if (t.replace(/[^\p{L}\p{N}]/gu, '').length < 2) continue;
      out.push(upperFirst(/[.!?…]$/u.test(t) ? t : `${t}.`));
    }
  }
  return out;
}

/**
 * Does a sentence state figures (a count, an amount, a percentage)? Dates ('30/06/2025'), years, quarter numerals
 * and ordinal words do not count.
 */
export function hasFigures(sentence: string): boolean {
  const rest = sentence
    .replace(/\b\d{1,4}\/\d{4}\/[\p{L}-]+/gu, ' ') // numbers of legal documents: 13/2023/NĐ-CP
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])\d{1,2}\s+tháng(?:\s+(?:đầu|cuối))?\s+năm(?!\p{L})/giu, ' ') // a part of a year: '6 tháng đầu năm'
    .replace(/\b(?:tháng|quý|năm|ngày|kỳ|đợt|lần thứ|giai đoạn)\s+\d{1,4}(?:\s*[-–]\s*\d{4})?\b/giu, ' ')
    .replace(/\b(?:19|20)\d{2}\b/gu, ' ');
  return /\d/u.test(rest);
}

const LEADING_QUARTER = /^(?:trong\s+)?quý(?:\s+[IVX]+)?(?:\s+năm\s+\d{4})?\s*,\s*/iu;
const INNER_QUARTER = /,?\s+trong\s+(?:quý(?:\s+[IVX]+)?|(?:6|sáu|9|chín)\s+tháng(?:\s+(?:đầu|cuối))?)(?:\s+năm(?:\s+\d{4})?)?(?=[\s,.;:!?…]|$)/giu;

/**
 * A finer period's sentence as a longer period's report may say it: without the quarter (or six months) it claims
 * ('Trong quý III năm 2025, X duy trì…' → 'X duy trì…'; '… nông sản địa phương trong quý I năm 2025.' → '… nông sản
 * địa phương.'); null
 * when it states that quarter's figures ('Trong quý I năm 2025, phát 95 tin, bài': not the year's).
 */
export function withoutQuarter(sentence: string): string | null {
  const rest = sentence.replace(LEADING_QUARTER, '').replace(INNER_QUARTER, '');
  if (rest === sentence) return sentence;
  if (hasFigures(rest) || rest.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return null;
  return upperFirst(rest);
}

/** A sentence's key with its numbers masked: 'phat 95 tin bai' and 'phat 85 tin bai' are the same statement. */
const maskedKey = (key: string) => key.replace(/\d+/gu, '#');

/**
 * One unit's narratives of a sector condensed into (at most) one paragraph: each text's distinct sentences in order,
 * a sentence equal or REPEAT_SIMILARITY-similar to an earlier one left out. Texts marked `figures: false` are a finer
 * period's (a quarter's text in a year's report): a statement of figures they repeat with other numbers ('Phát 95 tin,
 * bài' in one quarter, 'Phát 85 tin, bài' in the next) gives the quarter's counts, not the period's, and is left out;
 * a figure said once (an event: 'tổ chức 3 lớp tập huấn') stays. null when nothing is left — the unit said nothing
 * beyond its figures.
 */
export function condenseNarrative(texts: readonly { text: string; figures: boolean }[]): string | null {
  const sentences = texts.map((t, i) => narrativeSentences(t.text).flatMap((said) => {
    const s = t.figures ? said : withoutQuarter(said);
    if (s === null) return [];
    const key = pointKey(s);
    return [{ text: s, key, masked: !t.figures && hasFigures(s) ? maskedKey(key) : null, from: i }];
  }));
  const counted = sentences.flat().filter((s) => s.masked !== null);
  const periodic = (s: (typeof counted)[number]) =>
    counted.some((o) => o.from !== s.from && o.key !== s.key && similarity(o.masked!, s.masked!) >= REPEAT_SIMILARITY);
  const kept: { key: string; text: string; clauses: string[] }[] = [];
  const same = (a: string, b: string) => a === b || similarity(a, b) >= REPEAT_SIMILARITY;
  for (const s of sentences.flat()) {
    if (!s.key || (s.masked !== null && periodic(s))) continue;
    if (kept.some((k) => same(k.key, s.key))) continue;
    // A sentence that opens with a clause already said ('X duy trì phát sóng ổn định…; tập trung tuyên truyền A' after
    // '…; tập trung tuyên truyền B'): its new clauses join the sentence that said it, not a second copy of the opening.
    const clauses = s.text.replace(/[.!?…]$/u, '').split(/;\s+/u);
    const host = clauses.length > 1 ? kept.find((k) => k.clauses.some((c) => same(c, pointKey(clauses[0]!)))) : undefined;
    if (host) {
      const fresh = clauses.slice(1).filter((c) => !kept.some((k) => k.clauses.some((x) => same(x, pointKey(c)))));
      if (fresh.length) {
        host.text = `${host.text.replace(/[.!?…]$/u, '')}; ${fresh.join('; ')}.`;
        host.clauses.push(...fresh.map(pointKey));
      }
      continue;
    }
    kept.push({ key: s.key, text: s.text, clauses: clauses.map(pointKey) });
  }
  return kept.length ? kept.map((k) => k.text).join(' ') : null;
}

const SENTENCE_BREAK = /(?<=[.!?…])\s+(?=[\p{Lu}\d"“(])/u;
/** Where a unit's own name stood in its sentence (shareAcrossUnits). */
const NAME = '\u0000';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** A sentence with the unit's own name, in any case ('UBND phường Vân Lĩnh' for 'Phường Vân Lĩnh'), as the NAME mark. */
const nameMarked = (sentence: string, name: string) => (name.trim() ? sentence.replace(new RegExp(escapeRe(name.trim()), 'giu'), NAME) : sentence);
/** The numbers a sentence states, in order ('2.058', '99,2'). */
const numbersOf = (s: string) => (s.match(/\d+(?:[.,]\d+)*/gu) ?? []).join('|');
/** Words of a sentence as compared for the subject it opens with: folded, numbers masked. */
const wordKeys = (s: string) => s.split(/\s+/u).map((w) => pointKey(w.replace(/\d+(?:[.,]\d+)*/gu, '0')));
/** A subject that differs between the units' sentences is at most this many words ('Viettel Post Vân Lĩnh'). */
const MAX_SUBJECT_WORDS = 6;

/**
 * The sentence several units said alike, said once for them (`label`: the units counted by type). Their own name
 * becomes the label ('Đây là kỳ báo cáo đầu tiên của 09 UBND cấp xã…'; 'UBND' before a commune's name is not said
 * twice); a subject of their own that is not their name ('Viettel Vân Lĩnh', 'VNPT Vân Lĩnh' tiếp tục…) becomes the
 * label; else the label follows in brackets. When they state other numbers, only the clauses without figures are said
 * (the province's figures open the sector); null when none is left.
 */
function sharedSentence(members: readonly string[], label: string): { text: string; label: string; rest: string | null } | null {
  const words = members.map((m) => m.split(/\s+/u));
  const keys = members.map(wordKeys);
  // the members' common opening and common tail (words, numbers masked); between them the subject each one says
  const shortest = Math.min(...keys.map((k) => k.length));
  let lead = 0;
  while (lead < shortest && keys.every((k) => k[lead] === keys[0]![lead])) lead++;
  let tail = 0;
  while (tail < shortest - lead && keys.every((k) => k[k.length - 1 - tail] === keys[0]![keys[0]!.length - 1 - tail])) tail++;
  // a name's words the members share ('Vân Lĩnh' of 'Viettel Vân Lĩnh', 'VNPT Vân Lĩnh') belong to the subject
  while (tail > 0 && /^\p{Lu}/u.test(words[0]![words[0]!.length - tail]!)) tail--;
  const subjects = words.map((w) => w.length - tail - lead);
  const rest = words[0]!.slice(words[0]!.length - tail).join(' ');
  const subject = !members[0]!.includes(NAME) && subjects.every((n) => n >= 1 && n <= MAX_SUBJECT_WORDS) && /^\p{Ll}/u.test(rest)
    && words.every((w) => /^\p{Lu}/u.test(w[lead] ?? ''));
  let text = subject ? [...words[0]!.slice(0, lead), NAME, rest].join(' ') : members[0]!;
  if (!members.every((m) => numbersOf(m) === numbersOf(members[0]!))) {
    const clauses = text.replace(/[.!?…]$/u, '').split(/;\s+/u).filter((c) => !hasFigures(c.replaceAll(NAME, 'X')));
    if (!clauses.length || !clauses.some((c) => /\p{L}{2}/u.test(c.replaceAll(NAME, '')))) return null;
    text = `${clauses.join('; ')}.`;
  }
  if (!text.includes(NAME)) {
    const body = text.replace(/[.!?…]$/u, '');
    return { text: upperFirst(`${body} (${label}).`), label, rest: lowerFirst(body) };
  }
  const head = label.split(' ')[1]?.toLocaleLowerCase('vi') ?? '';
  const said = text.replace(/(\S+\s+)?\u0000/gu, (_, w: string | undefined) => `${w && w.trim().toLocaleLowerCase('vi') !== head ? w : ''}${label}`);
  return { text: upperFirst(said), label, rest: text.startsWith(NAME) ? text.slice(NAME.length).trim().replace(/[.!?…]$/u, '') : null };
}

/**
 * Shared sentences of the same units said as one: '02 cơ quan báo chí bám sát…. Tuyên truyền đậm nét… (02 cơ quan báo
 * chí).' → '02 cơ quan báo chí bám sát…; tuyên truyền đậm nét….' A sentence that opens with the label takes in the
 * next one of the same label.
 */
function joinShared(said: readonly { text: string; label: string; rest: string | null }[]): string[] {
  const out: { text: string; label: string; open: boolean }[] = [];
  for (const s of said) {
    const last = out[out.length - 1];
    if (last?.open && last.label === s.label && s.rest) last.text = `${last.text.replace(/[.!?…]$/u, '')}; ${s.rest}.`;
    else out.push({ text: s.text, label: s.label, open: s.text.startsWith(s.label) });
  }
  return out.map((s) => s.text);
}

/** A clause without the opening words (two or more) the clause before it opened with: ('tập trung tuyên truyền A', 'tập trung tuyên truyền B') → 'B'. */
export function withoutOpening(before: string, clause: string): string {
  const a = before.split(/\s+/u);
  const b = clause.split(/\s+/u);
  let n = 0;
  while (n < a.length && n < b.length && pointKey(a[n]!) === pointKey(b[n]!) && pointKey(a[n]!) !== '') n++;
  return n >= 2 && b.length - n >= 2 ? b.slice(n).join(' ') : clause;
}

/**
 * A sentence whose clause opens as the clause before it says that opening once: '…; tập trung tuyên truyền A; tập
 * trung tuyên truyền B.' → '…; tập trung tuyên truyền A, B.' (the report's last step, after sentences are compared).
 */
export function openingOnce(sentence: string): string {
  const end = /[.!?…]$/u.exec(sentence)?.[0] ?? '';
  const clauses = sentence.slice(0, sentence.length - end.length).split(/;\s+/u);
  let text = clauses[0]!;
  for (let i = 1; i < clauses.length; i++) {
    const rest = withoutOpening(clauses[i - 1]!, clauses[i]!);
    text += rest === clauses[i] ? `; ${rest}` : `, ${rest}`;
  }
  return `${text}${end}`;
}

/**
 * Sentences several units of a sector say alike — equal or REPEAT_SIMILARITY-similar once their own names and their
 * numbers are masked ('Đài truyền thanh xã A duy trì phát sóng ổn định…', 'Đài truyền thanh xã B duy trì phát sóng ổn
 * định…'; 'Năm 2025, UBND phường X cơ bản hoàn thành…; DTI đạt 0,70', 'Năm 2025, UBND xã Y cơ bản hoàn thành…; DTI
 * đạt 0,59'): said once for all of them, the units counted by type (sharedSentence: '09 đài truyền thanh cơ sở duy trì
 * phát sóng ổn định…'; what they state with numbers of their own is left to the sector's figures), and taken out of
 * each unit's paragraph. A unit left with nothing but its figures after that is left out. Paragraphs are
 * condenseNarrative's.
 */
export function shareAcrossUnits(units: readonly { name: string; type: string | null; paragraph: string }[]): {
  shared: string[]; units: { name: string; paragraph: string }[];
} {
  const split = units.map((u) => ({ ...u, sentences: u.paragraph.split(SENTENCE_BREAK) }));
  const groups: { key: string; members: { unit: number; sentence: number; marked: string }[] }[] = [];
  split.forEach((u, ui) => u.sentences.forEach((sentence, si) => {
    const marked = nameMarked(sentence, u.name);
    const key = maskedKey(pointKey(marked.replaceAll(NAME, ' ')));
    if (!key) return;
    const g = groups.find((x) => !x.members.some((m) => m.unit === ui) && (x.key === key || similarity(x.key, key) >= REPEAT_SIMILARITY));
    if (g) g.members.push({ unit: ui, sentence: si, marked });
    else groups.push({ key, members: [{ unit: ui, sentence: si, marked }] });
  }));
  const lifted = groups.filter((g) => g.members.length >= 2);
  const drop = new Set(lifted.flatMap((g) => g.members.map((m) => `${m.unit}|${m.sentence}`)));
  const shared = joinShared(lifted
    .map((g) => sharedSentence(g.members.map((m) => m.marked), unitsByType(g.members.map((m) => split[m.unit]!.type))))
    .filter((t) => t !== null)).map(openingOnce);
  const out: { name: string; paragraph: string }[] = [];
  split.forEach((u, ui) => {
    const left = u.sentences.filter((_, si) => !drop.has(`${ui}|${si}`));
    const sharedSome = left.length < u.sentences.length;
    if (!left.length || (sharedSome && left.every(hasFigures))) return;
    out.push({ name: u.name, paragraph: left.map(openingOnce).join(' ') });
  });
  return { shared, units: out };
}

/** The figures of a text as written ('667.814', '99,2', '318'): numbers of three digits or more, or with a separator. */
export function statedFigures(text: string): string[] {
  return text.match(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,}/gu) ?? [];
}

/**
 * A unit's paragraph without the clauses whose figures the report's own sentences have already said ('Cổng thông tin
 * điện tử tỉnh có 667.814 lượt truy cập' after 'Trong quý có … 667.814 lượt truy cập Cổng thông tin điện tử tỉnh'):
 * figures said once. A clause with any other number, or none, stays; a sentence left without clauses goes; '' when
 * nothing is left.
 */
export function withoutSaidFigures(paragraph: string, said: ReadonlySet<string>): string {
  const kept: string[] = [];
  for (const sentence of paragraph.split(SENTENCE_BREAK)) {
    const end = /[.!?…]$/u.exec(sentence)?.[0] ?? '';
    const clauses = sentence.slice(0, sentence.length - end.length).split(/;\s+/u).filter((c) => {
      const figures = statedFigures(c);
      const small = c.replace(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,}/gu, ' ');
      return !(figures.length > 0 && figures.every((f) => said.has(f)) && !hasFigures(small));
    });
    if (clauses.length) kept.push(upperFirst(`${clauses.join('; ')}${end || '.'}`));
  }
  return kept.join(' ');
}

/** Units named in full up to this many; beyond it they are named by type with counts, and listed in an appendix table. */
export const MAX_NAMED_UNITS = 5;

/** How a type of unit is counted in a report: '08 Trung tâm VH-TT-TT cấp huyện', '21 đài truyền thanh cơ sở'. */
export const UNIT_TYPE_COUNTED: Record<string, string> = {
  province: 'đơn vị cấp tỉnh', department: 'sở, ngành', division: 'phòng chuyên môn thuộc Sở', it_centre: 'đơn vị sự nghiệp thuộc Sở',
  district: 'UBND cấp huyện', district_office: 'Phòng Văn hóa và Thông tin cấp huyện', media_centre: 'Trung tâm VH-TT-TT cấp huyện',
  commune: 'UBND cấp xã', radio_station: 'đài truyền thanh cơ sở', enterprise: 'doanh nghiệp bưu chính, viễn thông',
  press_agency: 'cơ quan báo chí', other: 'đơn vị khác',
};

/** '8' → '08' (counts below ten are written with two digits in administrative prose). */
export const count2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The units of a point by type, most first: [['media_centre', 8], ['radio_station', 21]] → '21 đài truyền thanh cơ sở,
 * 08 Trung tâm VH-TT-TT cấp huyện'. Types the table does not know count as 'đơn vị khác'.
 */
export function unitsByType(types: readonly (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const t of types) {
    const label = UNIT_TYPE_COUNTED[t ?? 'other'] ?? UNIT_TYPE_COUNTED.other!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${count2(n)} ${label}`).join(', ');
}
