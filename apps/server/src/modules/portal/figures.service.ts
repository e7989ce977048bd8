/**
 * Open figures (/so-lieu): the data elements and indicators the office marks public, as the public may see them.
 *
 * Where the numbers come from. Every number is the analytics engine's own answer (runAnalytics, approved values
 * only), rounded as GET /api/analytics rounds it: the province totals are `ou:<province>`, the by-unit table is
 * `ou:LEVEL-2`, for the same dx and pe. A test holds the downloads equal to the analytics API's answer.
 *
 * Which periods. A figure of a period is published only once the period's report is approved. Until the summary
 * report has an approval of its own (issue 10), "the period's report is approved" means: the period has ended, at
 * least one reporting round lies within it for a form that carries the figure's data elements (an indicator's: those
 * its numerator and denominator name), and every such round is closed. The department closes a round once it has
 * approved the units' reports, so a closed round is the department's "this period is done". Reopening a round takes
 * the period off the portal again. Years and quarters are published; a quarter needs monthly or quarterly rounds
 * (a yearly report is never split into quarters).
 *
 * What never leaks. Only figures marked public; only approved values; units only at the level the figure is public
 * to (level 2 at most: the units one level below the province), never below it.
 */
import { type Period, expressionCodes, makePeriod, periodLabel } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { runAnalytics } from '../analytics/analytics.engine.js';
import { formatValue } from '../analytics/analytics.presenter.js';
import { type PublicFigureRow, type RoundRow, portalRepo } from './portal.repository.js';

/** The org level of the by-unit table: one level below the province. */
export const UNIT_LEVEL = 2;

export type Figure = PublicFigureRow;
export type Point = { period: Period; value: number };
export type UnitPoint = Point & { unit: { code: string; name: string } };

export type FigureData = {
  figure: Figure;
  province: { code: string; name: string };
  /** Released periods, oldest first. */
  years: Period[];
  quarters: Period[];
  /** Province totals of the released periods that have a value. */
  yearly: Point[];
  quarterly: Point[];
};

/** The data elements a figure is made of: itself, or the codes its indicator expressions name. */
export function elementCodesOf(f: Figure): string[] {
  if (f.kind === 'element') return [f.code];
  try {
    return [...new Set([...expressionCodes(f.numerator ?? ''), ...expressionCodes(f.denominator ?? '1')])];
  } catch {
    return [];
  }
}

/** The periods whose report counts as approved (see the module comment), years and quarters, oldest first. */
export function releasedPeriods(rounds: RoundRow[], today: string): { years: Period[]; quarters: Period[] } {
  if (rounds.length === 0) return { years: [], quarters: [] };
  const first = Number(rounds.reduce((m, r) => (r.period_start < m ? r.period_start : m), rounds[0]!.period_start).slice(0, 4));
  const last = Number(today.slice(0, 4));
  const released = (p: Period) => {
    if (p.end >= today) return false;
    const within = rounds.filter((r) => r.period_start >= p.start && r.period_end <= p.end);
    return within.length > 0 && within.every((r) => r.status === 'closed');
  };
  const years: Period[] = [];
  const quarters: Period[] = [];
  for (let y = first; y <= last; y++) {
    const year = makePeriod('Yearly', y, 1)!;
    if (released(year)) years.push(year);
    for (let q = 1; q <= 4; q++) {
      const quarter = makePeriod('Quarterly', y, q)!;
      if (released(quarter)) quarters.push(quarter);
    }
  }
  return { years, quarters };
}

/** A value as the analytics API writes it ('94.3'), as a number. */
const rounded = (f: Figure, value: number) => Number(formatValue(value, f.kind === 'indicator' ? f.decimals : null));

export const listPublicFigures = (db: Db) => portalRepo.publicFigures(db);

/** A public figure with its released periods and province totals; null when there is no public figure of that code. */
export async function figureData(db: Db, code: string, today: string): Promise<FigureData | null> {
  const figure = await portalRepo.publicFigure(db, code);
  if (!figure) return null;
  const province = await portalRepo.provinceRoot(db);
  if (!province) return null;
  const codes = elementCodesOf(figure);
  const { years, quarters } = releasedPeriods(codes.length ? await portalRepo.roundsCarrying(db, codes) : [], today);
  const periods = [...years, ...quarters];
  const points = new Map<string, number>();
  if (periods.length) {
    const r = await runAnalytics(db, {
      dx: [figure.code], ou: [{ kind: 'unit', code: province.code }], pe: periods.map((p) => p.id), includeUnapproved: false,
    }, { today, scopeUnitId: null });
    for (const row of r.rows) if (row.ou === province.code) points.set(row.pe, rounded(figure, row.value));
  }
  const pointsOf = (ps: Period[]) => ps.flatMap((p) => (points.has(p.id) ? [{ period: p, value: points.get(p.id)! }] : []));
  return { figure, province: { code: province.code, name: province.name }, years, quarters, yearly: pointsOf(years), quarterly: pointsOf(quarters) };
}

/**
 * The by-unit table of released periods: the units one level below the province that have a value, by name. Empty
 * when the figure is public to the province level only.
 */
export async function unitTable(db: Db, d: FigureData, periods: Period[], today: string): Promise<UnitPoint[]> {
  if (d.figure.public_level < UNIT_LEVEL || periods.length === 0) return [];
  const r = await runAnalytics(db, {
    dx: [d.figure.code], ou: [{ kind: 'level', level: UNIT_LEVEL }], pe: periods.map((p) => p.id), includeUnapproved: false,
  }, { today, scopeUnitId: null });
  // The engine answers at exactly that level; checked again here, so a unit below it can never reach the public.
  const levels = new Map((await portalRepo.unitsByCode(db, [...new Set(r.rows.map((x) => x.ou))])).map((u) => [u.code, u.level]));
  const byId = new Map(periods.map((p) => [p.id, p]));
  return r.rows
    .filter((row) => levels.get(row.ou) === UNIT_LEVEL && byId.has(row.pe))
    .map((row) => ({ period: byId.get(row.pe)!, unit: { code: row.ou, name: r.items[row.ou]?.name ?? row.ou }, value: rounded(d.figure, row.value) }));
}

/** The latest released year with a value, for the list of figures. */
export const latestYear = (d: FigureData): Point | null => d.yearly.at(-1) ?? null;

/** Everything published about a figure, as the JSON and CSV downloads carry it. */
export type FigureRecord = { period: string; periodName: string; orgUnit: string; orgUnitName: string; level: number; value: number };

export function records(d: FigureData, units: UnitPoint[]): FigureRecord[] {
  const province = (p: Point): FigureRecord => ({
    period: p.period.id, periodName: periodLabel(p.period, 'vi'), orgUnit: d.province.code, orgUnitName: d.province.name, level: 1, value: p.value,
  });
  return [
    ...d.yearly.map(province),
    ...d.quarterly.map(province),
    ...units.map((u) => ({ period: u.period.id, periodName: periodLabel(u.period, 'vi'), orgUnit: u.unit.code, orgUnitName: u.unit.name, level: UNIT_LEVEL, value: u.value })),
  ];
}
