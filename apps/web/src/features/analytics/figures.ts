/**
 * Pure helpers of the dashboard: how a figure, a change and an achievement are written, and which periods
 * the period picker and the trend chart use. No React here, so the rules are tested on their own.
 */
import { formatNumber, formatPercent, makePeriod, type Period, type PeriodType, periodOf, previousPeriod, toPeriod } from '@nhip/contracts';
import type { Achievement, Better, Dashboard, Figure } from './types';

/** The period types the directorate looks at. */
export const DASHBOARD_PERIOD_TYPES: PeriodType[] = ['Quarterly', 'SixMonthly', 'NineMonthly', 'Yearly'];

/**
 * A figure's value the Vietnamese way: indicators with their own decimals (94,3), data elements as they
 * are (1.634; at most 2 decimals for measured quantities such as 1.234,5 km). Missing → ''.
 */
export function formatFigure(value: number | null | undefined, decimals: number | null | undefined, locale: 'vi' | 'en' = 'vi'): string {
  if (value === null || value === undefined) return '';
  if (decimals !== null && decimals !== undefined && decimals >= 0 && decimals <= 6) return formatNumber(value, { decimals, locale });
  return formatNumber(value, { maxDecimals: 2, locale });
}

/** A change in percent with its sign: +4,2% / -1,3% / 0,0%; '' when it cannot be computed. */
export function formatChange(pct: number | null | undefined, locale: 'vi' | 'en' = 'vi'): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '';
  const s = formatPercent(Math.abs(pct), 1, locale);
  const rounded = Math.round(Math.abs(pct) * 10) / 10;
  if (rounded === 0) return s;
  return `${pct > 0 ? '+' : '-'}${s}`;
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Direction of a change as written with one decimal (a change that rounds to 0,0% is flat). */
export function trendOf(pct: number | null | undefined): Trend {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return 'none';
  const rounded = Math.round(pct * 10) / 10;
  return rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
}

export type Tone = 'good' | 'bad' | 'flat' | 'none';

/**
 * Whether a change is good news: a rise is good where more is better, a fall where less is better
 * (fewer incidents, fewer broken loudspeakers). The arrow still shows the actual direction; only the colour follows this.
 */
export function toneOf(trend: Trend, better: Better | null | undefined = 'higher'): Tone {
  if (trend === 'flat' || trend === 'none') return trend;
  return (trend === 'up') === (better !== 'lower') ? 'good' : 'bad';
}

export const ACHIEVEMENT_STYLE: Record<Achievement, { color: string; en: string }> = {
  Vượt: { color: 'green', en: 'Exceeded' },
  Đạt: { color: 'blue', en: 'Met' },
  'Không đạt': { color: 'red', en: 'Not met' },
};

/**
 * When the period type changes, the period of the new type that holds the end of the current one
 * (Quý III/2025 → 6 tháng cuối năm 2025, 9 tháng năm 2025, Năm 2025). 9 months ends in September:
 * from the fourth quarter it falls back to that year's 9 months.
 */
export function switchPeriodType(currentId: string, type: PeriodType): string {
  const current = toPeriod(currentId);
  if (current.type === type) return current.id;
  const held = periodOf(type, current.end);
  if (held) return held.id;
  return (makePeriod(type, current.year, 1) as Period).id;
}

/** The `count` quarters ending with the quarter that holds the period's last day, oldest first. */
export function trendQuarters(periodId: string, count = 12): string[] {
  let q = periodOf('Quarterly', toPeriod(periodId).end) as Period;
  const out: string[] = [q.id];
  while (out.length < count) {
    q = previousPeriod(q);
    out.unshift(q.id);
  }
  return out;
}

/**
 * Periods of a type to pick from, newest first: from the period that holds `today` back `count` periods,
 * plus `keep` when it falls outside (a period opened from a link stays selectable).
 */
export function pickablePeriods(type: PeriodType, todayISO: string, count: number, keep?: string | null): Period[] {
  const out: Period[] = [];
  let p: Period | null = periodOf(type, todayISO) ?? makePeriod(type, Number(todayISO.slice(0, 4)), 1);
  if (p && p.start > todayISO) p = previousPeriod(p);
  while (p && out.length < count) {
    out.push(p);
    p = p.year > 2000 ? previousPeriod(p) : null;
  }
  if (keep) {
    const k = toPeriod(keep);
    if (k.type === type && !out.some((o) => o.id === k.id)) out.push(k);
    out.sort((a, b) => b.start.localeCompare(a.start));
  }
  return out;
}

/** Today in Vietnam (UTC+7), 'YYYY-MM-DD'. */
export function todayVN(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The figure the charts show: the one named in the URL, else the first with a value, else the first. */
export function pickedFigure(data: Dashboard, dx: string | null): Figure | null {
  const all = data.sectors.flatMap((s) => s.figures);
  return all.find((f) => f.dx === dx) ?? all.find((f) => f.value !== null) ?? all[0] ?? null;
}

/**
 * The analytics questions behind the charts of a figure: its last 12 quarters at the unit, and its value
 * in the period at every unit one level down (null when the unit has none).
 */
export function chartDimensions(data: Dashboard, dx: string): { quarters: string[]; trend: string[]; units: string[] | null } {
  const quarters = trendQuarters(data.period.id, 12);
  return {
    quarters,
    trend: [`dx:${dx}`, `ou:${data.unit.code}`, `pe:${quarters.join(';')}`],
    units: data.unit.children.length > 0 ? [`dx:${dx}`, `ou:${data.unit.code};LEVEL-${data.unit.level + 1}`, `pe:${data.period.id}`] : null,
  };
}
