/**
 * Figures in prose: the sentences that open a sector of the draft summary report, in the department's voice
 * ("Toàn tỉnh có 1.466 vị trí trạm BTS …", "1.634/1.733 thôn … có Internet băng rộng cáp quang, đạt 94,3%",
 * "Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024, vượt kế hoạch năm (102,4%)").
 * Pure: the caller brings the figures (every number from the analytics engine) and the catalog's patterns.
 *
 * The pattern language (a data element's or indicator's `sentencePattern`; empty → the default of its kind):
 * - `{slot}` inserts a slot (SLOTS below); an unknown slot is refused when the pattern is saved.
 * - `[ … ]` is an optional part, left out when a slot inside it has no value (no figure last year, no target …).
 * - A slot outside `[ … ]` without a value drops the whole sentence: it cannot be said.
 * - The sentence is tidied: spaces collapsed, first letter capitalised, a final full stop added.
 */
import { SENTENCE_SLOTS, type SentenceSlot } from '@nhip/contracts';
import { formatNumber } from '@nhip/contracts';

/** The slots a pattern may use (contracts: the catalog screen lists them with their meaning). */
export const SLOTS = SENTENCE_SLOTS;
export type Slot = SentenceSlot;

export interface FigureFacts {
  readonly code: string;
  readonly kind: 'de' | 'ind';
  readonly name: string;
  readonly uom: string | null;
  /** Data elements: INTEGER | NUMBER | PERCENTAGE; indicators: null. */
  readonly valueType: string | null;
  /** Data elements: SUM, LAST, AVERAGE …; indicators: null. */
  readonly aggregationType: string | null;
  /** The desirable direction: more is better, or less is better (incidents, outages, broken equipment). */
  readonly better: 'higher' | 'lower';
  /** The catalog's pattern; null or blank → the default of the figure's kind. */
  readonly pattern: string | null;
  readonly decimals: number;
  readonly current: number | null;
  readonly previous: number | null;
  readonly lastYear: number | null;
  /** The annual target at the province (a ceiling when less is better). */
  readonly target: number | null;
  /** An indicator whose numerator and denominator are each one data element: those elements and their figures. */
  readonly numerator?: { readonly code: string; readonly name: string; readonly value: number | null } | null;
  readonly denominator?: { readonly code: string; readonly name: string; readonly value: number | null } | null;
}

export interface SentenceContext {
  /** The report's period id: '2025', '2025Q3', '2025S1', '2025N1'. */
  readonly period: string;
}

type Part = { text: string } | { slot: string } | { optional: Part[] };

export class PatternError extends Error {}

/** Parses a pattern; throws a PatternError with a Vietnamese message naming what is wrong. */
export function parsePattern(src: string): Part[] {
  const top: Part[] = [];
  let group: Part[] | null = null;
  let i = 0;
  const push = (p: Part) => (group ?? top).push(p);
  while (i < src.length) {
    const c = src[i]!;
    if (c === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw new PatternError(`Mẫu câu thiếu dấu "}" đóng ô dữ liệu mở tại vị trí ${i + 1}.`);
      const name = src.slice(i + 1, end).trim();
      if (!Object.hasOwn(SLOTS, name)) {
        throw new PatternError(`Mẫu câu dùng ô dữ liệu không có: {${name}}. Các ô dùng được: ${Object.keys(SLOTS).map((s) => `{${s}}`).join(', ')}.`);
      }
      push({ slot: name });
      i = end + 1;
    } else if (c === '}') {
      throw new PatternError(`Mẫu câu có dấu "}" thừa tại vị trí ${i + 1}.`);
    } else if (c === '[') {
      if (group) throw new PatternError(`Mẫu câu không cho phần tùy chọn "[…]" lồng nhau (vị trí ${i + 1}).`);
      group = [];
      i++;
    } else if (c === ']') {
      if (!group) throw new PatternError(`Mẫu câu có dấu "]" thừa tại vị trí ${i + 1}.`);
      top.push({ optional: group });
      group = null;
      i++;
    } else {
      let j = i;
      while (j < src.length && !'{}[]'.includes(src[j]!)) j++;
      push({ text: src.slice(i, j) });
      i = j;
    }
  }
  if (group) throw new PatternError('Mẫu câu thiếu dấu "]" đóng phần tùy chọn.');
  return top;
}

/** null when the pattern is valid, else the Vietnamese reason (for a 400 on save). */
export function patternProblem(src: string): string | null {
  try {
    parsePattern(src);
    return null;
  } catch (e) {
    if (e instanceof PatternError) return e.message;
    throw e;
  }
}

/** A number in prose: at most `decimals` decimals, trailing zeros dropped (3.188,1 giờ; đạt 100%). */
const fmt = (n: number | null | undefined, decimals: number): string | null =>
  n === null || n === undefined || !Number.isFinite(n) ? null : formatNumber(n, { maxDecimals: decimals });
const lowerFirst = (s: string) => (s.length > 1 && /\p{Ll}/u.test(s[1]!) ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s);

/** 'Số vị trí trạm BTS' → 'vị trí trạm BTS'; 'Tổng số thôn' → 'thôn'; a name that does not count something → null. */
export function objectOf(name: string): string | null {
  const m = /^(?:tổng\s+)?số\s+(?:lượng\s+)?(.+)$/iu.exec(name.trim());
  return m ? m[1]!.trim() : null;
}

/** An amount (money, not a count): 'Số nộp ngân sách nhà nước' in triệu đồng is not a number of things. */
const isAmount = (f: FigureFacts) => f.valueType === 'NUMBER' && /đồng/iu.test(f.uom ?? '');
/** What a data element counts ('vị trí trạm BTS'), or null when it does not count things (an amount, a share). */
const countedObject = (f: FigureFacts) => (f.kind === 'de' && !isAmount(f) ? objectOf(f.name) : null);

/** Is the figure a share in percent (a PERCENTAGE element, or an indicator in %)? */
export const isPercent = (f: FigureFacts) => f.valueType === 'PERCENTAGE' || f.uom?.trim() === '%';
/** An indicator whose numerator and denominator are one element each, with their figures. */
export const isRatio = (f: FigureFacts) =>
  f.kind === 'ind' && isPercent(f) && f.numerator?.value != null && f.denominator?.value != null && f.denominator.value !== 0;
const isStock = (f: FigureFacts) => f.kind === 'de' && ['LAST', 'AVERAGE', 'MIN', 'MAX', 'NONE'].includes(f.aggregationType ?? '');

/** 'năm 2024' for a year, 'cùng kỳ năm 2024' for a quarter, six or nine months. */
export function comparisonLabel(period: string): string {
  const year = Number(period.slice(0, 4)) - 1;
  return /^\d{4}$/.test(period) ? `năm ${year}` : `cùng kỳ năm ${year}`;
}

/** 'trong năm', 'trong quý', 'trong 6 tháng', 'trong 9 tháng'. */
export function duringWords(period: string): string {
  const type = /^\d{4}([QSN])/.exec(period)?.[1];
  return type === 'Q' ? 'trong quý' : type === 'S' ? 'trong 6 tháng' : type === 'N' ? 'trong 9 tháng' : 'trong năm';
}

/** ', là chuyển biến tích cực' / ', cần tập trung khắc phục' when less is better; nothing otherwise. */
function judgement(f: FigureFacts, rose: boolean): string {
  if (f.better !== 'lower') return '';
  return rose ? ', cần tập trung khắc phục' : ', là chuyển biến tích cực';
}

/** Every slot's text for a figure; null where the figure lacks it. */
export function slotValues(f: FigureFacts, ctx: SentenceContext): Record<Slot, string | null> {
  const pct = isPercent(f);
  const label = comparisonLabel(ctx.period);
  const uom = f.uom?.trim() || null;
  const ratioObject = isRatio(f) ? objectOf(f.numerator!.name) : null;
  const object = ratioObject ?? countedObject(f);
  // changes and achievements from the figures as said (rounded as shown), so the prose agrees with the tables
  const shown = (n: number | null) => (n === null ? null : Number(n.toFixed(f.decimals)));
  const cur = shown(f.current);
  const base = shown(f.lastYear);
  const target = shown(f.target);
  let change: string | null = null;
  let changePct: string | null = null;
  let delta: string | null = null;
  if (cur !== null && base !== null) {
    const diff = cur - base;
    const diffText = fmt(Math.abs(diff), f.decimals)!;
    const same = diffText === '0';
    const word = diff > 0 ? 'tăng' : 'giảm';
    if (pct) {
      change = same ? `tương đương ${label}` : `${word} ${diffText} điểm phần trăm so với ${label}${judgement(f, diff > 0)}`;
      delta = change;
    } else {
      delta = same ? `tương đương ${label}` : `${word} ${diffText}${uom ? ` ${uom}` : ''} so với ${label}${judgement(f, diff > 0)}`;
      if (base !== 0) {
        const p = (diff / Math.abs(base)) * 100;
        changePct = `${fmt(Math.abs(p), 1)}%`;
        change = fmt(Math.abs(p), 1) === '0' ? `tương đương ${label}` : `${word} ${changePct} so với ${label}${judgement(f, diff > 0)}`;
      }
    }
  }
  const achievedN = cur !== null && target ? (cur / target) * 100 : null;
  const achieved = achievedN === null ? null : `${fmt(achievedN, 1)}%`;
  let plan: string | null = null;
  if (achievedN !== null && cur !== null && target !== null) {
    const targetText = `${fmt(target, f.decimals)}${pct ? '%' : uom ? ` ${uom}` : ''}`;
    if (f.better === 'lower') plan = cur <= target ? `trong mức kế hoạch năm (không quá ${targetText})` : `vượt mức tối đa của kế hoạch năm (${targetText})`;
    // a share against a share: said against the planned share, not as a percent of it
    else if (pct) plan = cur > target ? `vượt kế hoạch năm đề ra (${targetText})` : cur === target ? 'hoàn thành kế hoạch năm' : `chưa đạt kế hoạch năm đề ra (${targetText})`;
    else if (Math.round(achievedN * 10) > 1000) plan = `vượt kế hoạch năm (${achieved})`;
    else if (Math.round(achievedN * 10) === 1000) plan = 'hoàn thành kế hoạch năm';
    else plan = `đạt ${achieved} kế hoạch năm`;
  }
  const intDecimals = (n: number | null | undefined) => (n != null && Number.isInteger(n) ? 0 : 2);
  return {
    // an amount named like a count ('Số nộp ngân sách nhà nước') is said by what it is ('nộp ngân sách nhà nước đạt …')
    name: lowerFirst(isAmount(f) ? f.name.trim().replace(/^(?:tổng\s+)?số\s+/iu, '') : f.name.trim()),
    object: object ? lowerFirst(object) : null,
    value: fmt(cur, f.decimals),
    during: duringWords(ctx.period),
    uom,
    percent: pct && cur !== null ? `${fmt(cur, f.decimals)}%` : null,
    previous: fmt(f.previous, f.decimals),
    lastYear: fmt(f.lastYear, f.decimals),
    previousLabel: label,
    change,
    changePct,
    delta,
    target: fmt(f.target, f.decimals),
    achieved,
    plan,
    numerator: isRatio(f) ? fmt(f.numerator!.value, intDecimals(f.numerator!.value)) : null,
    denominator: isRatio(f) ? fmt(f.denominator!.value, intDecimals(f.denominator!.value)) : null,
  };
}

/** The default pattern of a figure, from its kind: ratio, share, stock, flow; the verb from its desirable direction. */
export function defaultPattern(f: FigureFacts): string {
  const verb = f.better === 'lower' ? 'là' : 'đạt';
  if (isRatio(f) && objectOf(f.numerator!.name)) return `Toàn tỉnh có {numerator}/{denominator} {object}, đạt {percent}[, {change}][, {plan}]`;
  if (isPercent(f)) return `{name} ${verb} {percent}[, {change}][, {plan}]`;
  if (isStock(f) && countedObject(f)) return 'Toàn tỉnh có {value} {object}[, {delta}][, {plan}]';
  if (countedObject(f)) return '{during} có {value} {object}[, {change}][, {plan}]';
  return `{name} ${verb} {value} {uom}[, {change}][, {plan}]`;
}

// ── Figure fields ──────────────────────────────────────────────────────────────────────────────────────────────
// A sentence may be said with its figures marked as fields ('\u0001KEY\u0002text\u0003', KEY = 'CODE.slot'): the edited
// draft (summary-draft) keeps them as fields that refresh from analytics while the words around them are the office's.
// Only the slots that carry a figure are fields; the words (name, object, during, uom, previousLabel) are not.
const FIELD_SLOTS: ReadonlySet<string> = new Set([
  'value', 'percent', 'previous', 'lastYear', 'change', 'changePct', 'delta', 'target', 'achieved', 'plan', 'numerator', 'denominator',
]);
const FIELD_RE = /\u0001([^\u0002]*)\u0002([^\u0003]*)\u0003/gu;
/** A marked sentence as plain text. */
export const unmark = (s: string): string => s.replace(FIELD_RE, '$2');
/** The fields of marked sentences: key → text (a key said twice says the same). */
export function markedFields(sentences: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sentences) for (const m of s.matchAll(FIELD_RE)) out.set(m[1]!, m[2]!);
  return out;
}
/** Splits a marked sentence into text and fields, in order. */
export function markedParts(s: string): ({ text: string } | { field: string; text: string })[] {
  const out: ({ text: string } | { field: string; text: string })[] = [];
  let at = 0;
  for (const m of s.matchAll(FIELD_RE)) {
    if (m.index! > at) out.push({ text: s.slice(at, m.index) });
    out.push({ field: m[1]!, text: m[2]! });
    at = m.index! + m[0].length;
  }
  if (at < s.length) out.push({ text: s.slice(at) });
  return out;
}

function renderParts(parts: Part[], slots: Record<string, string | null>, field: ((slot: string, v: string) => string) | null): string | null {
  let out = '';
  for (const p of parts) {
    if ('text' in p) out += p.text;
    else if ('slot' in p) {
      const v = slots[p.slot];
      if (v === null || v === undefined) return null;
      out += field && FIELD_SLOTS.has(p.slot) ? field(p.slot, v) : v;
    } else out += renderParts(p.optional, slots, field) ?? '';
  }
  return out;
}

/**
 * The sentence of one figure, or null when it cannot be said (no current figure, a slot without a value); `marks`:
 * its figures marked as fields (see unmark, markedFields).
 */
export function figureSentence(f: FigureFacts, ctx: SentenceContext, marks = false): string | null {
  if (f.current === null) return null;
  let parts: Part[];
  try {
    parts = parsePattern(f.pattern?.trim() || defaultPattern(f));
  } catch {
    parts = parsePattern(defaultPattern(f)); // a pattern saved before validation existed: fall back, never fail the report
  }
  const raw = renderParts(parts, slotValues(f, ctx), marks ? (slot, v) => `\u0001${f.code}.${slot}\u0002${v}\u0003` : null);
  if (raw === null) return null;
  const text = raw.replace(/\s+/g, ' ').replace(/\s+([,.;:)])/g, '$1').replace(/\(\s+/g, '(').replace(/,\s*,/g, ',').trim().replace(/[,;:\s]+$/u, '');
  if (!unmark(text).trim()) return null;
  const ended = /[.!?…]$/u.test(unmark(text)) ? text : `${text}.`;
  // the first letter capitalised, also when the sentence opens with a field
  return ended.replace(/^(\u0001[^\u0002]*\u0002)?(.)/u, (_, head: string | undefined, c: string) => `${head ?? ''}${upperFirst(c)}`);
}

/** Ranking of a figure for the few sentences a sector opens with: a pattern the office wrote, a ratio, a target, a flow, a stock. */
function rank(f: FigureFacts): number {
  if (f.pattern?.trim()) return 0;
  if (isRatio(f)) return 1;
  if (f.target !== null) return 2;
  if (!isStock(f) && f.lastYear !== null) return 3;
  return 4;
}

/**
 * The sentences a sector opens with: at most `max`, chosen by rank (see `rank`), then said in catalog order. A data
 * element already said as a ratio's numerator or denominator is not said again.
 */
export function sectorSentences(figures: readonly FigureFacts[], ctx: SentenceContext, max = 4, marks = false): string[] {
  const said = new Map<FigureFacts, string>();
  const covered = new Set<string>();
  const ordered = figures.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i);
  for (const { f } of ordered) {
    if (said.size >= max) break;
    if (covered.has(f.code)) continue;
    const s = figureSentence(f, ctx, marks);
    if (!s) continue;
    said.set(f, s);
    covered.add(f.code);
    if (isRatio(f)) covered.add(f.numerator!.code).add(f.denominator!.code);
  }
  // a numerator said on its own before its ratio was chosen stays; catalog order for reading
  return joinOpeners(figures.filter((f) => said.has(f)).map((f) => said.get(f)!));
}

/** The openers of the default sentences; one said again by the next sentence is not repeated. */
export const OPENER = /^(Toàn tỉnh có|Trong (?:năm|quý|6 tháng|9 tháng) có) /u;
const COMPARED = / so với (?:cùng kỳ )?năm \d{4}/u;

/**
 * Consecutive sentences with the same opener become one, its parts joined by '; ' as the department writes them
 * ('Toàn tỉnh có 1.466 vị trí trạm BTS …; 1.634/1.733 thôn … đạt 94,3%.'), not four sentences starting alike.
 */
export function joinOpeners(sentences: readonly string[]): string[] {
  const out: string[] = [];
  let last: string | null = null;
  for (const s of sentences) {
    const opener = OPENER.exec(s);
    if (opener && opener[1] === last && out.length) {
      const head = out[out.length - 1]!;
      // the comparison said once: '…, tăng 3,3% so với năm 2024; …, giảm 0,9%'
      const said = COMPARED.exec(head)?.[0];
      const part = said ? s.slice(opener[0].length).replaceAll(said, '') : s.slice(opener[0].length);
      out[out.length - 1] = `${head.replace(/\.$/u, '')}; ${part}`;
    }
    else out.push(s);
    last = opener ? opener[1]! : null;
  }
  return out;
}
