/** The time source; tests and the demo can pin "now" with NHIP_NOW=2026-11-22T09:00:00+07:00. */
export type Clock = { now(): Date; today(): string };

const TZ_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh has no DST

/** Today's calendar date in Vietnam, 'YYYY-MM-DD'. */
export const vnDate = (d: Date) => new Date(d.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);

export function systemClock(fixed?: string): Clock {
  if (fixed) {
    const at = new Date(fixed);
    if (Number.isNaN(at.getTime())) throw new Error(`NHIP_NOW không hợp lệ: ${fixed}`);
    const offset = at.getTime() - Date.now();
    return { now: () => new Date(Date.now() + offset), today: () => vnDate(new Date(Date.now() + offset)) };
  }
  return { now: () => new Date(), today: () => vnDate(new Date()) };
}
