/**
 * Pure calendar arithmetic on ISO dates ('YYYY-MM-DD').
 *
 * No `Date`, no time zones: a date is a (year, month, day) triple and a "day
 * number" is the count of days since 1970-01-01 in the proleptic Gregorian
 * calendar (Howard Hinnant's civil-date algorithms). Running the same code in
 * the browser (UTC+7) and on a server (UTC) gives the same answers.
 */

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strictly parses 'YYYY-MM-DD' (a real calendar date, 4-digit year); null otherwise. */
export function parseISODate(iso: string): CivilDate | null {
  if (typeof iso !== 'string') return null;
  const m = ISO_DATE_RE.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isISODate(value: unknown): value is string {
  return typeof value === 'string' && parseISODate(value) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a (year, month, day) triple as 'YYYY-MM-DD'. Does not validate. */
export function formatISODate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function mustParse(iso: string): CivilDate {
  const d = parseISODate(iso);
  if (!d) throw new RangeError(`Invalid ISO date: ${JSON.stringify(iso)}`);
  return d;
}

/** Days since 1970-01-01 of a civil date. */
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (days since 1970-01-01). */
export function dayNumberToCivil(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01. Throws RangeError on an invalid date. */
export function toDayNumber(iso: string): number {
  const d = mustParse(iso);
  return civilToDayNumber(d.year, d.month, d.day);
}

export function fromDayNumber(n: number): string {
  const d = dayNumberToCivil(n);
  return formatISODate(d.year, d.month, d.day);
}

/** iso + n calendar days (n may be negative). */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function diffDays(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of week, JavaScript convention: 0 = Sunday (Chủ nhật) … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export function isWeekend(iso: string): boolean {
  const d = dayOfWeek(iso);
  return d === 0 || d === 6;
}

/** A working day is Monday–Friday and not listed in `holidays` (ISO dates). */
export function isWorkingDay(iso: string, holidays: Iterable<string> = []): boolean {
  if (isWeekend(iso)) return false;
  for (const h of holidays) if (h === iso) return false;
  return true;
}

/**
 * The n-th working day strictly after `iso` (n ≥ 0; n = 0 returns `iso` itself,
 * working day or not). Working day = Mon–Fri and not in `holidays`.
 * workingDaysAfter('2024-03-14', 1) = '2024-03-15' (a Friday);
 * workingDaysAfter('2024-03-15', 1) = '2024-03-18' (the Monday after).
 */
export function workingDaysAfter(iso: string, n: number, holidays: Iterable<string> = []): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`workingDaysAfter: n must be a non-negative integer, got ${n}`);
  const off = new Set(holidays);
  let day = toDayNumber(iso);
  let left = n;
  while (left > 0) {
    day += 1;
    const dow = (((day + 4) % 7) + 7) % 7;
    if (dow === 0 || dow === 6) continue;
    if (off.has(fromDayNumber(day))) continue;
    left -= 1;
  }
  return fromDayNumber(day);
}

/** Compares two ISO dates (works as plain string comparison for 4-digit years). */
export function compareISODate(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
