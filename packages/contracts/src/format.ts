/**
 * Vietnamese formatting and parsing of numbers and dates.
 *
 * Numbers (vi): '.' groups thousands, ',' is the decimal mark: 1.634 · 94,3 ·
 * 1.234.567,89 · -1.634. English: 1,634 · 94.3.
 * Dates: dd/mm/yyyy. Date-times are shown in Vietnam time (UTC+7, no DST).
 * Formatting is done by hand, not with Intl, so server and browser agree.
 *
 * Text helpers (normalizeText, foldDiacritics, compareVi, searchMatches) live
 * in text.ts and are re-exported here.
 */
import { civilToDayNumber, dayNumberToCivil, formatISODate, parseISODate } from './calendar.js';

export { compareVi, compareViFallback, foldDiacritics, normalizeText, searchMatches } from './text.js';

export type Locale = 'vi' | 'en';

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * A finite number ≥ 0 as a plain decimal string without exponent, using the
 * shortest representation that round-trips: 1e21 → '1000000000000000000000',
 * 1.5e-7 → '0.00000015'.
 */
export function toPlainDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', expText] = m;
  const digits = `${lead}${rest}`;
  const exp = Number(expText);
  if (exp >= 0) {
    const intLen = 1 + exp;
    return digits.length <= intLen
      ? `${sign}${digits.padEnd(intLen, '0')}`
      : `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** Adds one unit in the last place of a digit string: '199' → '200', '99' → '100'. */
function incrementDigits(d: string): string {
  const arr = d.split('');
  let i = arr.length - 1;
  while (i >= 0) {
    if (arr[i] === '9') {
      arr[i] = '0';
      i -= 1;
    } else {
      arr[i] = String(Number(arr[i]) + 1);
      return arr.join('');
    }
  }
  return `1${arr.join('')}`;
}

/** Rounds |x| (as its shortest decimal) half away from zero to `digits` decimals. */
function roundParts(abs: number, digits: number): { int: string; frac: string } {
  const [int = '0', frac = ''] = toPlainDecimal(abs).split('.');
  if (frac.length <= digits) return { int, frac };
  const keep = `${int}${frac.slice(0, digits)}`;
  const rounded = (frac[digits] as string) >= '5' ? incrementDigits(keep) : keep;
  const intLen = rounded.length - digits;
  return { int: rounded.slice(0, intLen), frac: rounded.slice(intLen) };
}

function groupThousands(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export interface FormatNumberOptions {
  /** Exactly this many decimals (rounded half away from zero, zero-padded). */
  readonly decimals?: number;
  /** When `decimals` is not given: at most this many, trailing zeros dropped. Default 10. */
  readonly maxDecimals?: number;
  /** Default 'vi'. */
  readonly locale?: Locale;
}

/**
 * 1634 → '1.634'; 94.3 → '94,3'; 1234567.891 with {decimals: 2} → '1.234.567,89';
 * -1634 → '-1.634'. null, undefined, NaN and ±Infinity give ''.
 * Without `decimals`, floating noise is hidden: 0.1 + 0.2 → '0,3'.
 */
export function formatNumber(n: number | null | undefined, opts: FormatNumberOptions = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const { decimals, maxDecimals = 10, locale = 'vi' } = opts;
  const digits = decimals ?? maxDecimals;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`formatNumber: decimals must be an integer in 0..20, got ${digits}`);
  }
  const parts = roundParts(Math.abs(n), digits);
  const frac = decimals === undefined ? parts.frac.replace(/0+$/, '') : parts.frac.padEnd(decimals, '0');
  const sep = SEPARATORS[locale] ?? SEPARATORS.vi;
  const negative = n < 0 && /[1-9]/.test(parts.int + frac);
  const body = groupThousands(parts.int, sep.group) + (frac ? sep.decimal + frac : '');
  return negative ? `-${body}` : body;
}

/**
 * A value already expressed in percent: 94.3 → '94,3%' (no space, as written
 * in Vietnamese documents). Fixed `decimals` (default 1). null/NaN → ''.
 */
export function formatPercent(n: number | null | undefined, decimals = 1, locale: Locale = 'vi'): string {
  const s = formatNumber(n, { decimals, locale });
  return s === '' ? '' : `${s}%`;
}

const SPACES = '[ \\u00a0\\u202f]';
const PLAIN_RE = /^\d+(?:,\d+)?$/;
const DOT_GROUPED_RE = /^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
const SPACE_GROUPED_RE = new RegExp(`^[1-9]\\d{0,2}(?:${SPACES}\\d{3})+(?:,\\d+)?$`);
const DOT_DECIMAL_RE = /^\d+\.\d+$/;

/**
 * Parses a number typed the Vietnamese way; null on anything else.
 * Rules (after trimming; optional leading '-', '−' or '+'):
 * - ',' is the decimal mark: '94,3' → 94.3; '1,634' → 1.634 (NOT 1634).
 * - '.' is a thousands separator only when every group after it has exactly
 *   3 digits and the first group is 1–3 digits not starting with 0:
 *   '1.634' → 1634, '1.634.000' → 1634000, '1.234.567,89' → 1234567.89.
 *   Spaces (incl. no-break spaces) may group thousands the same way.
 * - Otherwise a single '.' is a decimal point: '94.3' → 94.3, '94.35' → 94.35,
 *   '0.500' → 0.5, '1.2345' → 1.2345.
 * - Anything else ('1.2.3', '1,2,3', '1.634,5.6', '12,', '.5', '1e3', '') → null.
 */
export function parseVietnameseNumber(input: string | null | undefined): number | null {
  if (typeof input !== 'string') return null;
  let s = input.normalize('NFC').trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  let canonical: string;
  if (PLAIN_RE.test(s)) canonical = s.replace(',', '.');
  else if (DOT_GROUPED_RE.test(s)) canonical = s.replace(/\./g, '').replace(',', '.');
  else if (SPACE_GROUPED_RE.test(s)) canonical = s.replace(new RegExp(SPACES, 'g'), '').replace(',', '.');
  else if (DOT_DECIMAL_RE.test(s)) canonical = s;
  else return null;
  const value = sign * Number(canonical);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/** Vietnam is UTC+7 all year. */
export const VN_UTC_OFFSET_MINUTES = 420;

export type DateInput = string | Date | number | null | undefined;

export interface DateTimeOptions {
  /** Offset of the displayed wall clock from UTC, minutes. Default +420 (Vietnam). */
  readonly offsetMinutes?: number;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;

function fromEpochMs(ms: number, offsetMinutes: number): WallClock {
  const local = ms + offsetMinutes * 60_000;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const inDay = local - dayNumber * MS_PER_DAY;
  const d = dayNumberToCivil(dayNumber);
  return {
    ...d,
    hour: Math.floor(inDay / 3_600_000),
    minute: Math.floor((inDay % 3_600_000) / 60_000),
    second: Math.floor((inDay % 60_000) / 1000),
  };
}

/**
 * 'YYYY-MM-DD' and zone-less date-times are taken as wall-clock time; values
 * with a zone ('Z', '+07:00'), Dates and epoch milliseconds are instants shown
 * at `offsetMinutes`.
 */
function toWallClock(input: DateInput, offsetMinutes: number): WallClock | null {
  if (input === null || input === undefined) return null;
  if (input instanceof Date || typeof input === 'number') {
    const ms = input instanceof Date ? input.getTime() : input;
    return Number.isFinite(ms) ? fromEpochMs(ms, offsetMinutes) : null;
  }
  const m = DATETIME_RE.exec(input.trim());
  if (!m) return null;
  const date = parseISODate(m[1] as string);
  if (!date) return null;
  const hour = Number(m[2] ?? 0);
  const minute = Number(m[3] ?? 0);
  const second = Number(m[4] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[5];
  if (zone === undefined) return { ...date, hour, minute, second };
  let zoneMinutes = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) as RegExpExecArray;
    zoneMinutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const ms =
    civilToDayNumber(date.year, date.month, date.day) * MS_PER_DAY +
    ((hour * 60 + minute - zoneMinutes) * 60 + second) * 1000;
  return fromEpochMs(ms, offsetMinutes);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** '2024-01-04' → '04/01/2024'. Instants are shown in Vietnam time. Invalid → ''. */
export function formatDate(input: DateInput, opts: DateTimeOptions = {}): string {
  const w = toWallClock(input, opts.offsetMinutes ?? VN_UTC_OFFSET_MINUTES);
  return w ? `${two(w.day)}/${two(w.month)}/${String(w.year).padStart(4, '0')}` : '';
}

/** '2024-01-04T01:30:00Z' → '04/01/2024 08:30' (Vietnam time). Invalid → ''. */
export function formatDateTime(input: DateInput, opts: DateTimeOptions & { seconds?: boolean } = {}): string {
  const w = toWallClock(input, opts.offsetMinutes ?? VN_UTC_OFFSET_MINUTES);
  if (!w) return '';
  const time = `${two(w.hour)}:${two(w.minute)}${opts.seconds ? `:${two(w.second)}` : ''}`;
  return `${two(w.day)}/${two(w.month)}/${String(w.year).padStart(4, '0')} ${time}`;
}

/**
 * Date in the wording of administrative documents (Decree 30/2020/NĐ-CP): a
 * leading zero for days 1–9 and months 1–2 only.
 * '2024-01-04' → 'ngày 04 tháng 01 năm 2024'; '2024-03-15' → 'ngày 15 tháng 3 năm 2024'.
 */
export function formatDocumentDate(input: DateInput, opts: DateTimeOptions = {}): string {
  const w = toWallClock(input, opts.offsetMinutes ?? VN_UTC_OFFSET_MINUTES);
  if (!w) return '';
  const month = w.month <= 2 ? two(w.month) : String(w.month);
  return `ngày ${two(w.day)} tháng ${month} năm ${w.year}`;
}

/**
 * 'dd/mm/yyyy' (also d/m/yyyy, and '-' or '.' as separator) → 'YYYY-MM-DD';
 * null when not a real date: parseVNDate('04/01/2024') === '2024-01-04'.
 */
export function parseVNDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(input.trim());
  if (!m) return null;
  const iso = formatISODate(Number(m[4]), Number(m[3]), Number(m[1]));
  return parseISODate(iso) ? iso : null;
}
