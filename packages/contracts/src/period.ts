/**
 * DHIS2-style reporting periods ("kỳ báo cáo") and their arithmetic.
 *
 * Ids:  Monthly '202401' · Quarterly '2024Q1' · SixMonthly '2024S1' (Jan–Jun),
 *       '2024S2' (Jul–Dec) · NineMonthly '2024N1' (Jan–Sep; our extension for
 *       the Vietnamese "báo cáo 9 tháng") · Yearly '2024'.
 * Years are limited to 1900..2200. All date math is plain calendar arithmetic
 * (see calendar.ts), so results never depend on the machine's time zone.
 *
 * Functions taking a `PeriodLike` accept a Period or an id string; an invalid
 * id string throws RangeError (use parsePeriod to validate user input).
 */
import { z } from 'zod';
import {
  daysInMonth,
  formatISODate,
  parseISODate,
  toDayNumber,
  workingDaysAfter,
} from './calendar.js';

export const PERIOD_TYPES = ['Monthly', 'Quarterly', 'SixMonthly', 'NineMonthly', 'Yearly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface Period {
  readonly id: string;
  readonly type: PeriodType;
  readonly year: number;
  /** 1-based position within the year (month 1..12, quarter 1..4, half 1..2, 1). */
  readonly index: number;
  /** First day, 'YYYY-MM-DD'. */
  readonly start: string;
  /** Last day (inclusive), 'YYYY-MM-DD'. */
  readonly end: string;
}

export type PeriodLike = Period | string;

export const MIN_PERIOD_YEAR = 1900;
export const MAX_PERIOD_YEAR = 2200;

/** months: length of one period; count: periods per year; rank: coarseness. */
const SPEC: Record<PeriodType, { months: number; count: number; rank: number }> = {
  Monthly: { months: 1, count: 12, rank: 0 },
  Quarterly: { months: 3, count: 4, rank: 1 },
  SixMonthly: { months: 6, count: 2, rank: 2 },
  NineMonthly: { months: 9, count: 1, rank: 3 },
  Yearly: { months: 12, count: 1, rank: 4 },
};

export function isPeriodType(value: unknown): value is PeriodType {
  return typeof value === 'string' && (PERIOD_TYPES as readonly string[]).includes(value);
}

/** Periods per year of a type (12, 4, 2, 1, 1). */
export function periodsPerYear(type: PeriodType): number {
  return SPEC[type].count;
}

/** Negative when `a` is finer than `b` (Monthly < Quarterly < SixMonthly < NineMonthly < Yearly). */
export function comparePeriodTypes(a: PeriodType, b: PeriodType): number {
  return SPEC[a].rank - SPEC[b].rank;
}

function idOf(type: PeriodType, year: number, index: number): string {
  switch (type) {
    case 'Monthly':
      return `${year}${String(index).padStart(2, '0')}`;
    case 'Quarterly':
      return `${year}Q${index}`;
    case 'SixMonthly':
      return `${year}S${index}`;
    case 'NineMonthly':
      return `${year}N${index}`;
    case 'Yearly':
      return `${year}`;
  }
}

/** Builds a period from its parts; null when the year or index is out of range. */
export function makePeriod(type: PeriodType, year: number, index: number): Period | null {
  const spec = SPEC[type];
  if (!spec || !Number.isInteger(year) || !Number.isInteger(index)) return null;
  if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR || index < 1 || index > spec.count) return null;
  const firstMonth = (index - 1) * spec.months + 1;
  const lastMonth = firstMonth + spec.months - 1;
  return {
    id: idOf(type, year, index),
    type,
    year,
    index,
    start: formatISODate(year, firstMonth, 1),
    end: formatISODate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

function mustMake(type: PeriodType, year: number, index: number): Period {
  const p = makePeriod(type, year, index);
  if (!p) throw new RangeError(`Period out of range: ${type} ${year}/${index}`);
  return p;
}

const PERIOD_RE = /^(\d{4})(?:(\d{2})|Q(\d)|S(\d)|N(\d))?$/;

/** Parses a period id strictly (no whitespace, upper-case letters); null when invalid. */
export function parsePeriod(id: string): Period | null {
  if (typeof id !== 'string') return null;
  const m = PERIOD_RE.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined) return makePeriod('Monthly', year, Number(m[2]));
  if (m[3] !== undefined) return makePeriod('Quarterly', year, Number(m[3]));
  if (m[4] !== undefined) return makePeriod('SixMonthly', year, Number(m[4]));
  if (m[5] !== undefined) return makePeriod('NineMonthly', year, Number(m[5]));
  return makePeriod('Yearly', year, 1);
}

export function isPeriodId(value: unknown): value is string {
  return typeof value === 'string' && parsePeriod(value) !== null;
}

/** Resolves a PeriodLike; throws RangeError on an invalid id. */
export function toPeriod(p: PeriodLike): Period {
  if (typeof p !== 'string') return p;
  const parsed = parsePeriod(p);
  if (!parsed) throw new RangeError(`Invalid period id: ${JSON.stringify(p)}`);
  return parsed;
}

export const PeriodTypeSchema = z.enum(PERIOD_TYPES);
export const PeriodIdSchema = z.string().refine(isPeriodId, { error: 'Kỳ báo cáo không hợp lệ' });

/**
 * The period of `type` containing the date; null for an invalid date, a year
 * outside 1900..2200, or (NineMonthly) a date in October–December.
 */
export function periodOf(type: PeriodType, dateISO: string): Period | null {
  const d = parseISODate(dateISO);
  if (!d) return null;
  const index = Math.floor((d.month - 1) / SPEC[type].months) + 1;
  return makePeriod(type, d.year, index);
}

function shift(p: Period, by: number): Period {
  const count = SPEC[p.type].count;
  const zero = p.year * count + (p.index - 1) + by;
  return mustMake(p.type, Math.floor(zero / count), (zero % count) + 1);
}

/** Following period of the same type (NineMonthly: next year's N1). Throws RangeError past 2200. */
export function nextPeriod(p: PeriodLike): Period {
  return shift(toPeriod(p), 1);
}

/** Preceding period of the same type (2024Q1 → 2023Q4; 2024N1 → 2023N1). Throws RangeError before 1900. */
export function previousPeriod(p: PeriodLike): Period {
  return shift(toPeriod(p), -1);
}

/** Same type and index, one year earlier (2024Q2 → 2023Q2). */
export function samePeriodLastYear(p: PeriodLike): Period {
  const q = toPeriod(p);
  return mustMake(q.type, q.year - 1, q.index);
}

/** Number of calendar days in the period (inclusive). */
export function periodDays(p: PeriodLike): number {
  const q = toPeriod(p);
  return toDayNumber(q.end) - toDayNumber(q.start) + 1;
}

/** Orders by start date, then by end date (finer first). */
export function comparePeriods(a: PeriodLike, b: PeriodLike): number {
  const p = toPeriod(a);
  const q = toPeriod(b);
  if (p.start !== q.start) return p.start < q.start ? -1 : 1;
  if (p.end !== q.end) return p.end < q.end ? -1 : 1;
  return 0;
}

/** True when inner's date range lies within outer's (a period contains itself). */
export function contains(outer: PeriodLike, inner: PeriodLike): boolean {
  const o = toPeriod(outer);
  const i = toPeriod(inner);
  return o.start <= i.start && i.end <= o.end;
}

/** True when the two periods share at least one day. */
export function overlaps(a: PeriodLike, b: PeriodLike): boolean {
  const p = toPeriod(a);
  const q = toPeriod(b);
  return p.start <= q.end && q.start <= p.end;
}

/** True when the date (ISO) falls within the period. */
export function periodContainsDate(p: PeriodLike, dateISO: string): boolean {
  const q = toPeriod(p);
  return parseISODate(dateISO) !== null && q.start <= dateISO && dateISO <= q.end;
}

/**
 * All periods of `type` that overlap [startISO, endISO] (inclusive), in order.
 * Dates are clamped to 1900-01-01..2200-12-31; [] when start > end.
 * Throws RangeError on invalid dates.
 */
export function periodsBetween(type: PeriodType, startISO: string, endISO: string): Period[] {
  toDayNumber(startISO); // validates
  toDayNumber(endISO);
  const lo = startISO < `${MIN_PERIOD_YEAR}-01-01` ? `${MIN_PERIOD_YEAR}-01-01` : startISO;
  const hi = endISO > `${MAX_PERIOD_YEAR}-12-31` ? `${MAX_PERIOD_YEAR}-12-31` : endISO;
  if (lo > hi) return [];
  const out: Period[] = [];
  const firstYear = Number(lo.slice(0, 4));
  const lastYear = Number(hi.slice(0, 4));
  const count = SPEC[type].count;
  for (let year = firstYear; year <= lastYear; year++) {
    for (let index = 1; index <= count; index++) {
      const p = mustMake(type, year, index);
      if (p.end < lo) continue;
      if (p.start > hi) return out;
      out.push(p);
    }
  }
  return out;
}

/**
 * Periods of `type` lying entirely within p, in order (2024 → 2024Q1..Q4;
 * 2024N1 → Q1..Q3). [p] for the same type; [] for a coarser type.
 */
export function childPeriods(p: PeriodLike, type: PeriodType): Period[] {
  const q = toPeriod(p);
  return periodsBetween(type, q.start, q.end).filter((c) => contains(q, c));
}

/**
 * Every period of a coarser type containing p, finest first:
 * 202410 → [2024Q4, 2024S2, 2024]; 2024Q2 → [2024S1, 2024N1, 2024].
 */
export function parentPeriods(p: PeriodLike): Period[] {
  const q = toPeriod(p);
  const out: Period[] = [];
  for (const type of PERIOD_TYPES) {
    if (SPEC[type].rank <= SPEC[q.type].rank) continue;
    const candidate = periodOf(type, q.start);
    if (candidate && contains(candidate, q)) out.push(candidate);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Cut-off window and deadline (Decree 09/2019/NĐ-CP; Circulars 03, 04/2022)
// ---------------------------------------------------------------------------

export type ReportKind = 'administrative' | 'statistical';

export interface CutoffWindow {
  /** First day of data cut-off ("thời gian chốt số liệu"), 'YYYY-MM-DD'. */
  readonly cutoffStart: string;
  /** Last day of data cut-off, 'YYYY-MM-DD'. */
  readonly cutoffEnd: string;
}

/**
 * Default data cut-off window.
 * - administrative (Decree 09/2019/NĐ-CP, Art. 12): from the 15th of the month
 *   preceding the period's first month to the 14th of the period's last month.
 *   202403 → 15/02–14/03; 2024Q1 → 15/12/2023–14/03/2024; 2024S1 → 15/12–14/06;
 *   2024N1 → 15/12–14/09; 2024 → 15/12/2023–14/12/2024.
 * - statistical (Circulars 03/2022, 04/2022): the calendar period, start..end.
 */
export function defaultCutoff(p: PeriodLike, kind: ReportKind): CutoffWindow {
  const q = toPeriod(p);
  if (kind === 'statistical') return { cutoffStart: q.start, cutoffEnd: q.end };
  const firstMonth = Number(q.start.slice(5, 7));
  const lastMonth = Number(q.end.slice(5, 7));
  const before = firstMonth === 1 ? { y: q.year - 1, m: 12 } : { y: q.year, m: firstMonth - 1 };
  return {
    cutoffStart: formatISODate(before.y, before.m, 15),
    cutoffEnd: formatISODate(q.year, lastMonth, 14),
  };
}

export const DEFAULT_ADMINISTRATIVE_DEADLINE_WORKING_DAYS = 1;
export const DEFAULT_STATISTICAL_DEADLINE_WORKING_DAYS = 15;

export interface DeadlineOptions {
  /**
   * Working days after the reference day. Defaults: administrative 1,
   * statistical 15. Must be ≥ 1 (administrative) / ≥ 0 (statistical).
   */
  readonly workingDays?: number;
}

/**
 * Default submission deadline, as an ISO date (the caller adds the time of day,
 * conventionally 17:00 local).
 * - administrative: the `workingDays`-th working day (default 1) strictly after
 *   the cut-off end. With the default this is the first working day after the
 *   cut-off, which satisfies Decree 09's "at least one working day after the
 *   cut-off": 2024Q1 (cut-off ends Thu 14/03/2024) → Fri 15/03/2024.
 * - statistical: the `workingDays`-th working day (default 15) after the
 *   period's last day.
 * Working day = Monday–Friday and not in `holidays` (ISO dates).
 */
export function defaultDeadline(
  p: PeriodLike,
  kind: ReportKind,
  holidays: readonly string[] = [],
  options: DeadlineOptions = {},
): string {
  const q = toPeriod(p);
  if (kind === 'administrative') {
    const n = options.workingDays ?? DEFAULT_ADMINISTRATIVE_DEADLINE_WORKING_DAYS;
    if (n < 1) throw new RangeError('An administrative deadline needs at least one working day after the cut-off');
    return workingDaysAfter(defaultCutoff(q, kind).cutoffEnd, n, holidays);
  }
  return workingDaysAfter(q.end, options.workingDays ?? DEFAULT_STATISTICAL_DEADLINE_WORKING_DAYS, holidays);
}

// ---------------------------------------------------------------------------
// Relative periods
// ---------------------------------------------------------------------------

export const RELATIVE_PERIOD_KEYWORDS = [
  'THIS_YEAR',
  'LAST_YEAR',
  'LAST_5_YEARS',
  'THIS_QUARTER',
  'LAST_QUARTER',
  'LAST_4_QUARTERS',
  'THIS_MONTH',
  'LAST_MONTH',
  'LAST_12_MONTHS',
] as const;
export type RelativePeriodKeyword = (typeof RELATIVE_PERIOD_KEYWORDS)[number];
export const RelativePeriodSchema = z.enum(RELATIVE_PERIOD_KEYWORDS);

export function isRelativePeriodKeyword(value: unknown): value is RelativePeriodKeyword {
  return typeof value === 'string' && (RELATIVE_PERIOD_KEYWORDS as readonly string[]).includes(value);
}

function lastN(current: Period, n: number): string[] {
  const out: string[] = [];
  for (let i = n; i >= 1; i--) out.push(shift(current, -i).id);
  return out;
}

/**
 * Period ids for a DHIS2 relative-period keyword, oldest first. "LAST_n"
 * excludes the current period (as in DHIS2): on 2024-05-10, LAST_4_QUARTERS is
 * 2023Q2..2024Q1 and LAST_5_YEARS is 2019..2023. Throws RangeError on an
 * invalid date.
 */
export function relativePeriods(keyword: RelativePeriodKeyword, todayISO: string): string[] {
  const d = parseISODate(todayISO);
  if (!d) throw new RangeError(`Invalid ISO date: ${JSON.stringify(todayISO)}`);
  const year = mustMake('Yearly', d.year, 1);
  const quarter = mustMake('Quarterly', d.year, Math.floor((d.month - 1) / 3) + 1);
  const month = mustMake('Monthly', d.year, d.month);
  switch (keyword) {
    case 'THIS_YEAR':
      return [year.id];
    case 'LAST_YEAR':
      return lastN(year, 1);
    case 'LAST_5_YEARS':
      return lastN(year, 5);
    case 'THIS_QUARTER':
      return [quarter.id];
    case 'LAST_QUARTER':
      return lastN(quarter, 1);
    case 'LAST_4_QUARTERS':
      return lastN(quarter, 4);
    case 'THIS_MONTH':
      return [month.id];
    case 'LAST_MONTH':
      return lastN(month, 1);
    case 'LAST_12_MONTHS':
      return lastN(month, 12);
    default:
      throw new RangeError(`Unknown relative period: ${String(keyword)}`);
  }
}

