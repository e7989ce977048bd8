/**
 * Deadlines are instants; people pick them as Vietnam wall-clock time (UTC+7) whatever the browser's zone.
 * The pickers hold a dayjs of the wall-clock text; these helpers convert both ways.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { VN_UTC_OFFSET_MINUTES } from '@nhip/contracts';

const two = (n: number) => String(n).padStart(2, '0');

/** '2026-10-15T10:00:00Z' → '2026-10-15T17:00' (Vietnam wall clock); a bare date gets 17:00. */
export function toVnWall(isoOrDate: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) return `${isoOrDate}T17:00`;
  const d = new Date(new Date(isoOrDate).getTime() + VN_UTC_OFFSET_MINUTES * 60_000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The picker's value (wall clock) as a dayjs. */
export function wallToDayjs(wall: string): Dayjs {
  return dayjs(wall);
}

/** A picked wall-clock time → ISO instant in Vietnam time. */
export function dayjsToVnIso(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
}

export function dayjsToDate(d: Dayjs): string {
  return d.format('YYYY-MM-DD');
}
