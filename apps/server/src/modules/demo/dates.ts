/** Small date and time helpers for the demo seed (calendar dates as 'YYYY-MM-DD', times in Vietnam, UTC+7). */

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

const toUtcMs = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (iso: string, n: number) => fromUtcMs(toUtcMs(iso) + n * DAY_MS);
export const diffDays = (from: string, to: string) => Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (iso: string) => new Date(toUtcMs(iso)).getUTCDay();
export const isWeekend = (iso: string) => dayOfWeek(iso) === 0 || dayOfWeek(iso) === 6;

/**
 * Vietnam's public holidays as the civil service took them off, 2022–2027: the weekdays off only (a holiday on a
 * weekend counts through its day in lieu). Labour Code 2019 art. 112 fixes Tết Dương lịch (01/01), five days of Tết
 * Nguyên đán, Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 01/5 and Quốc khánh (02/9 and a day next to it); the government's
 * notice for each year chooses the days of Tết and the day next to 02/9, and may swap a weekday for a Saturday (the
 * Saturdays worked in exchange, 04/5/2024 and 26/4/2025, are not modelled). Only dates already published, or fixed
 * whatever is chosen, are listed: 2026 lacks the day next to 02/9, and 2027 has 01/01 and mùng 3 Tết (08/02) so far.
 * The demo stores them as the 'holidays' setting, which deadlines and conference dates skip.
 */
export const HOLIDAYS: readonly string[] = [
  // 2022: 01/01 (Sat) in lieu; Tết Nhâm Dần 31/01–04/02; Giỗ Tổ 10/4 (Sun) in lieu; 30/4, 01/5 (Sat, Sun) in lieu; 01–02/9
  '2022-01-03', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-04-11', '2022-05-02', '2022-05-03', '2022-09-01', '2022-09-02',
  // 2023: 01/01 (Sun) in lieu; Tết Quý Mão 20/01–26/01; Giỗ Tổ 29/4 and 30/4 (Sat, Sun) in lieu, 01/5; 01/9, 02/9 (Sat) in lieu
  '2023-01-02', '2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-05-01', '2023-05-02', '2023-05-03', '2023-09-01', '2023-09-04',
  // 2024: 01/01; Tết Giáp Thìn 08/02–14/02; Giỗ Tổ 18/4; 29/4 (swapped), 30/4, 01/5; 02–03/9
  '2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
  // 2025: 01/01; Tết Ất Tỵ 27/01–31/01; Giỗ Tổ 07/4; 30/4, 01/5, 02/5 (swapped); 01–02/9
  '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
  // 2026: 01/01; Tết Bính Ngọ 16/02–20/02; Giỗ Tổ 26/4 (Sun) in lieu; 30/4, 01/5; 02/9
  '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02',
  // 2027: 01/01; mùng 3 Tết Đinh Mùi (mùng 1 and 2 are a weekend)
  '2027-01-01', '2027-02-08',
];
const HOLIDAY_SET = new Set(HOLIDAYS);
export const isHoliday = (iso: string) => HOLIDAY_SET.has(iso);
export const isWorkday = (iso: string) => !isWeekend(iso) && !isHoliday(iso);

/** Moves a date off a weekend or public holiday, forward to the next working day. */
export function toWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** Moves a date off a weekend or public holiday, back to the working day before. */
export function backToWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkday(d)) d = addDays(d, -1);
  return d;
}

/** Epoch milliseconds of a Vietnam wall-clock time on a date. */
export const vnTime = (iso: string, hour: number, minute = 0) => toUtcMs(iso) + hour * 3_600_000 + minute * 60_000 - VN_OFFSET_MS;
/** The Vietnam calendar date of an instant. */
export const vnDateOf = (ms: number) => fromUtcMs(ms + VN_OFFSET_MS);
/** ISO-8601 instant for timestamptz columns. */
export const isoTs = (ms: number) => new Date(ms).toISOString();
/** 'dd/mm/yyyy'. */
export const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const HOUR_MS = 3_600_000;
export const DAY = DAY_MS;
