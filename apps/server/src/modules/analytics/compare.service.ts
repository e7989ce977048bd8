/**
 * Comparisons for any figure: a data element or indicator for a unit and a period, beside the previous period,
 * the same period last year and the annual target (chỉ tiêu kế hoạch năm) with its achievement.
 *
 * Every value comes from `runAnalytics` — the engine behind GET /api/analytics — in one call for the three
 * periods, so a figure here always equals that route's figure (same scope rules, same approved-only default).
 *
 * Rules:
 * - change % = (value − other) ÷ |other| × 100, from the engine's unrounded values, rounded to 2 decimals;
 *   null when either value is missing or the other is 0.
 * - target: the `targets` row for the data element (or, for an indicator code, the indicator) at that very unit
 *   and the year of the period. Targets are not added up the tree: a unit without its own row has none.
 * - The target a period is measured against: for SUM data elements (flows: dossiers handled, revenue…), the
 *   annual target pro rata by the months of the year the period covers (a quarter: ¼; six months: ½; nine
 *   months: ¾; a month: 1/12; the year: all of it). For every other aggregation type (LAST stocks, averages,
 *   MIN/MAX) and for indicators (rates), the full annual target.
 * - achievement % = value ÷ that target × 100 (2 decimals); 'Vượt' above 100.05 %, 'Đạt' from 99.95 % to
 *   100.05 %, 'Không đạt' below 99.95 %. Null when the value or the target is missing, or the target is ≤ 0
 *   (a percentage of a zero or negative target means nothing).
 */
import { type Period, periodLabel, previousPeriod, samePeriodLastYear } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { type EngineOptions, runAnalytics } from './analytics.engine.js';
import { formatValue } from './analytics.presenter.js';
import { elementsByCode } from './analytics.repository.js';

export type Achievement = 'Vượt' | 'Đạt' | 'Không đạt';

export type CompareRequest = { dx: string[]; ou: string[]; pe: Period; includeUnapproved: boolean };

export type CompareItem = {
  dx: string;
  dxName: string;
  ou: string;
  ouName: string;
  pe: string;
  peName: string;
  value: number | null;
  previous: { pe: string; peName: string; value: number | null };
  lastYear: { pe: string; peName: string; value: number | null };
  changePrevPct: number | null;
  changeLastYearPct: number | null;
  /** value: the annual target; periodValue: the part of it this period is measured against (see the rules). */
  target: { year: number; value: number; periodValue: number; proRata: boolean } | null;
  achievementPct: number | null;
  achievement: Achievement | null;
};

/** Tolerance around 100 % within which a figure counts as exactly on target. */
export const ACHIEVEMENT_TOLERANCE = 0.05;

export async function compareFigures(db: Db, req: CompareRequest, opts: EngineOptions): Promise<CompareItem[]> {
  const prev = shifted(req.pe, previousPeriod);
  const lastYear = shifted(req.pe, samePeriodLastYear);
  const result = await runAnalytics(db, {
    dx: req.dx,
    ou: req.ou.map((code) => ({ kind: 'unit' as const, code })),
    pe: [...new Set([req.pe.id, prev.id, lastYear.id])],
    includeUnapproved: req.includeUnapproved,
  }, opts);
  const cell = new Map<string, { value: number; decimals: number | null }>();
  for (const r of result.rows) cell.set(`${r.dx}|${r.ou}|${r.pe}`, r);

  const elements = new Map((await elementsByCode(db, req.dx)).map((e) => [e.code, e]));
  const targets = await targetsFor(db, req.dx, req.ou, req.pe.year);
  const share = monthsOf(req.pe) / 12;

  const items: CompareItem[] = [];
  for (const dx of req.dx) {
    const el = elements.get(dx);
    for (const ou of req.ou) {
      const at = (pe: string) => cell.get(`${dx}|${ou}|${pe}`) ?? null;
      const cur = at(req.pe.id);
      const before = at(prev.id);
      const yearAgo = at(lastYear.id);
      const t = targets.get(`${el ? 'de' : 'ind'}|${dx}|${ou}`);
      const proRata = el?.aggregation_type === 'SUM' && share < 1;
      const target = t === undefined ? null : { year: req.pe.year, value: t, periodValue: proRata ? t * share : t, proRata };
      const pct = cur && target && target.periodValue > 0 ? (cur.value / target.periodValue) * 100 : null;
      items.push({
        dx,
        dxName: result.items[dx]?.name ?? dx,
        ou,
        ouName: result.items[ou]?.name ?? ou,
        pe: req.pe.id,
        peName: periodLabel(req.pe, 'vi'),
        value: shown(cur),
        previous: { pe: prev.id, peName: periodLabel(prev, 'vi'), value: shown(before) },
        lastYear: { pe: lastYear.id, peName: periodLabel(lastYear, 'vi'), value: shown(yearAgo) },
        changePrevPct: changePct(cur?.value ?? null, before?.value ?? null),
        changeLastYearPct: changePct(cur?.value ?? null, yearAgo?.value ?? null),
        target: target && { ...target, periodValue: round(target.periodValue, 4) },
        achievementPct: pct === null ? null : round(pct, 2),
        achievement: achievementOf(pct),
      });
    }
  }
  return items;
}

/** (value − other) ÷ |other| × 100, 2 decimals; null when either is missing or the other is 0. */
export function changePct(value: number | null, other: number | null): number | null {
  if (value === null || other === null || other === 0) return null;
  return round(((value - other) / Math.abs(other)) * 100, 2);
}

export function achievementOf(pct: number | null): Achievement | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  if (pct > 100 + ACHIEVEMENT_TOLERANCE) return 'Vượt';
  if (pct >= 100 - ACHIEVEMENT_TOLERANCE) return 'Đạt';
  return 'Không đạt';
}

/** Months of the year a period covers (Monthly 1, Quarterly 3, SixMonthly 6, NineMonthly 9, Yearly 12). */
export function monthsOf(p: Period): number {
  const month = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  return month(p.end) - month(p.start) + 1;
}

/** The figure as /api/analytics shows it (same rounding), as a number. */
function shown(c: { value: number; decimals: number | null } | null): number | null {
  return c === null ? null : Number(formatValue(c.value, c.decimals));
}

function round(x: number, decimals: number): number {
  const r = Number(x.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

function shifted(p: Period, shift: (p: Period) => Period): Period {
  try {
    return shift(p);
  } catch {
    throw badRequest(`Kỳ "${p.id}" quá xa: không có kỳ trước hoặc cùng kỳ năm trước để so sánh.`);
  }
}

/** Annual targets keyed 'de|CODE|OU' or 'ind|CODE|OU', for the units' own rows in `year`. */
async function targetsFor(db: Db, dx: string[], ou: string[], year: number): Promise<Map<string, number>> {
  const rows = await db.query<{ kind: 'de' | 'ind'; code: string; ou: string; value: number }>(
    `SELECT CASE WHEN t.data_element_id IS NOT NULL THEN 'de' ELSE 'ind' END AS kind,
            COALESCE(de.code, ind.code) AS code, u.code AS ou, t.value
       FROM targets t
       JOIN org_units u ON u.id = t.org_unit_id
       LEFT JOIN data_elements de ON de.id = t.data_element_id
       LEFT JOIN indicators ind ON ind.id = t.indicator_id
      WHERE t.year = $1 AND u.code = ANY($2::text[]) AND COALESCE(de.code, ind.code) = ANY($3::text[])`,
    [year, ou, dx],
  );
  return new Map(rows.map((r) => [`${r.kind}|${r.code}|${r.ou}`, Number(r.value)]));
}
