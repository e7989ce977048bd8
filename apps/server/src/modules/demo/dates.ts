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

/** Moves a weekend date forward to the Monday after. */
export function toWorkingDay(iso: string): string {
  let d = iso;
  while (isWeekend(d)) d = addDays(d, 1);
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
