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
 * - achievement % = value ÷ that target × 100 (2 decimals). How it is judged follows the figure's desirable
 *   direction (`better` of the data element or indicator; for a code that is both, the element's):
 *   - 'higher' (more is better, the default): the target is a floor. 'Vượt' above 100.05 %, 'Đạt' from 99.95 %
 *     to 100.05 %, 'Không đạt' below 99.95 %.
 *   - 'lower' (incidents, outages, broken equipment…): the target is a ceiling ("no more than 5 outages") and the
 *     % is the share of it used. 'Vượt' (better than the target) below 99.95 %, 'Đạt' from 99.95 % to 100.05 %,
 *     'Không đạt' above 100.05 %.
 *   Null when the value or the target is missing, or the target is ≤ 0 (a percentage of a zero or negative target
 *   means nothing) — except a ceiling of 0 ("zero incidents"): achievement % stays null, but a value of 0 (as
 *   shown) is 'Đạt' and a value above it 'Không đạt' (below it, impossible for counts, 'Vượt').
 *
 * Units formed by a merge (or a rename). When the unit has predecessors in `org_unit_lineage` of kind 'merge'
 * or 'rename', and the previous period or the same period last year ends before the unit's `valid_from`, that
 * comparison is made with the predecessors taken together (`basis: 'predecessors'`, `predecessors` named), not
 * with the unit's own (empty) past — "so với tổng các đơn vị trước sáp nhập". One step of lineage only.
 * - Data elements are combined as the engine combines units in the org-unit dimension: SUM, LAST and
 *   AVERAGE_SUM_ORG_UNIT add the predecessors' figures up, MIN takes the smallest, MAX the largest; predecessors
 *   without a figure are left out, none with a figure gives null. AVERAGE ("average in both dimensions") and NONE
 *   cannot be rebuilt from the predecessors' figures (the counts behind an average are not in the answer), so
 *   they keep `basis: 'unit'`.
 * - Indicators are evaluated from the predecessors' combined data-element figures (numerator and denominator
 *   over the summed elements), never by adding or averaging the predecessors' ratios; an indicator that uses an
 *   AVERAGE or NONE element keeps `basis: 'unit'`.
 * - A unit formed by a split (kind 'split') or given another unit's functions ('transfer') is not compared with
 *   its predecessor: the predecessor's figure covers more than the new unit, so there is no comparison basis —
 *   the comparison stays on the unit itself, which usually has no figure for a period before it existed (null).
 * - Unit roles: only when every predecessor lies inside the caller's own subtree (rarely: predecessors are not
 *   descendants); otherwise the comparison stays on the unit, as the rest of the answer does.
 * - A period that straddles the unit's `valid_from` is compared with the unit's own figure.
 */
import { type AggregationType, type Period, evaluate, expressionCodes, periodLabel, previousPeriod, samePeriodLastYear } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { type EngineOptions, runAnalytics } from './analytics.engine.js';
import { formatValue } from './analytics.presenter.js';
import { elementsByCode, indicatorsByCode } from './analytics.repository.js';

export type Achievement = 'Vượt' | 'Đạt' | 'Không đạt';

/** The desirable direction of a figure: more is better ('higher') or less is better ('lower'). */
export type Better = 'higher' | 'lower';

export type CompareRequest = { dx: string[]; ou: string[]; pe: Period; includeUnapproved: boolean };

/** 'unit': the unit's own figure; 'predecessors': the units it was formed from by a merge or rename, together. */
export type ComparisonBasis = 'unit' | 'predecessors';

export type Comparison = {
  pe: string;
  peName: string;
  value: number | null;
  basis: ComparisonBasis;
  /** Only with basis 'predecessors': the units taken together, by code. */
  predecessors?: { code: string; name: string }[];
};

export type CompareItem = {
  dx: string;
  dxName: string;
  /** The desirable direction of the data element or indicator. */
  better: Better;
  ou: string;
  ouName: string;
  pe: string;
  peName: string;
  value: number | null;
  previous: Comparison;
  lastYear: Comparison;
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
  const directions = await directionsFor(db, req.dx);
  const share = monthsOf(req.pe) / 12;
  const merged = await mergedPredecessors(db, req.ou, [prev, lastYear], opts.scopeUnitId);
  const fromPredecessors = await predecessorFigures(db, req.dx, merged, req.includeUnapproved, opts);
  /** A comparison period's figure (unrounded, for the change %) and how it is shown: the predecessors' when they are its basis. */
  const other = (dx: string, ou: string, p: Period): { raw: number | null; comparison: Comparison } => {
    const head = { pe: p.id, peName: periodLabel(p, 'vi') };
    const m = merged.get(ou);
    const pre = m?.periods.includes(p.id) ? fromPredecessors.get(`${dx}|${ou}|${p.id}`) : undefined;
    if (m && pre) {
      const value = shown(pre.value === null ? null : { value: pre.value, decimals: pre.decimals });
      const predecessors = m.predecessors.map((x) => ({ code: x.code, name: x.name }));
      return { raw: pre.value, comparison: { ...head, value, basis: 'predecessors', predecessors } };
    }
    const c = cell.get(`${dx}|${ou}|${p.id}`) ?? null;
    return { raw: c?.value ?? null, comparison: { ...head, value: shown(c), basis: 'unit' } };
  };

  const items: CompareItem[] = [];
  for (const dx of req.dx) {
    const el = elements.get(dx);
    const better = directions.get(`${el ? 'de' : 'ind'}|${dx}`) ?? 'higher';
    for (const ou of req.ou) {
      const cur = cell.get(`${dx}|${ou}|${req.pe.id}`) ?? null;
      const before = other(dx, ou, prev);
      const yearAgo = other(dx, ou, lastYear);
      const t = targets.get(`${el ? 'de' : 'ind'}|${dx}|${ou}`);
      const proRata = el?.aggregation_type === 'SUM' && share < 1;
      const target = t === undefined ? null : { year: req.pe.year, value: t, periodValue: proRata ? t * share : t, proRata };
      const pct = cur && target && target.periodValue > 0 ? (cur.value / target.periodValue) * 100 : null;
      const value = shown(cur);
      // A ceiling of zero ("no incident at all"): no percentage, but the figure is judged against it.
      const zeroCeiling = better === 'lower' && target !== null && target.periodValue === 0 && value !== null;
      items.push({
        dx,
        dxName: result.items[dx]?.name ?? dx,
        better,
        ou,
        ouName: result.items[ou]?.name ?? ou,
        pe: req.pe.id,
        peName: periodLabel(req.pe, 'vi'),
        value,
        previous: before.comparison,
        lastYear: yearAgo.comparison,
        changePrevPct: changePct(cur?.value ?? null, before.raw),
        changeLastYearPct: changePct(cur?.value ?? null, yearAgo.raw),
        target: target && { ...target, periodValue: round(target.periodValue, 4) },
        achievementPct: pct === null ? null : round(pct, 2),
        achievement: zeroCeiling ? (value === 0 ? 'Đạt' : value > 0 ? 'Không đạt' : 'Vượt') : achievementOf(pct, better),
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

/** The judgement of an achievement % (value ÷ target × 100): for 'lower' the target is a ceiling, so below it is better. */
export function achievementOf(pct: number | null, better: Better = 'higher'): Achievement | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  const above = pct > 100 + ACHIEVEMENT_TOLERANCE;
  const below = pct < 100 - ACHIEVEMENT_TOLERANCE;
  if (!above && !below) return 'Đạt';
  return above === (better === 'higher') ? 'Vượt' : 'Không đạt';
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

/** Desirable directions keyed 'de|CODE' or 'ind|CODE'. */
async function directionsFor(db: Db, dx: string[]): Promise<Map<string, Better>> {
  const rows = await db.query<{ kind: 'de' | 'ind'; code: string; better: Better }>(
    `SELECT 'de' AS kind, code, better FROM data_elements WHERE code = ANY($1::text[])
     UNION ALL
     SELECT 'ind' AS kind, code, better FROM indicators WHERE code = ANY($1::text[])`,
    [dx],
  );
  return new Map(rows.map((r) => [`${r.kind}|${r.code}`, r.better]));
}

// ───────────── units formed by a merge or rename: comparison with their predecessors ─────────────

type Predecessor = { id: number; code: string; name: string; path: string };
/** Per unit code: its merge/rename predecessors and the comparison periods (ids) that end before it began. */
type Merged = Map<string, { predecessors: Predecessor[]; periods: string[] }>;

/** Lineage kinds whose predecessors together are the unit's territory and functions (see the module comment). */
const SUMMED_KINDS = ['merge', 'rename'];

async function mergedPredecessors(db: Db, ou: string[], periods: Period[], scopeUnitId: number | null): Promise<Merged> {
  const rows = await db.query<{ ou: string; valid_from: string } & Predecessor>(
    `SELECT u.code AS ou, u.valid_from, p.id, p.code, p.name, p.path
       FROM org_units u
       JOIN org_unit_lineage l ON l.unit_id = u.id AND l.kind = ANY($2::text[])
       JOIN org_units p ON p.id = l.predecessor_id
      WHERE u.code = ANY($1::text[])
      ORDER BY u.code, p.code`,
    [ou, SUMMED_KINDS],
  );
  if (rows.length === 0) return new Map();
  const scope = scopeUnitId === null ? null : await db.maybeOne<{ path: string }>(`SELECT path FROM org_units WHERE id = $1`, [scopeUnitId]);
  const out: Merged = new Map();
  for (const r of rows) {
    const m = out.get(r.ou) ?? { predecessors: [], periods: periods.filter((p) => p.end < r.valid_from).map((p) => p.id) };
    m.predecessors.push({ id: r.id, code: r.code, name: r.name, path: r.path });
    out.set(r.ou, m);
  }
  for (const [code, m] of out) {
    const outside = scopeUnitId !== null && (!scope || m.predecessors.some((p) => !p.path.startsWith(scope.path)));
    if (outside || m.periods.length === 0) out.delete(code);
  }
  return out;
}

/** How predecessors' figures of a data element combine into the merged unit's (null: they cannot be combined). */
function combine(type: AggregationType, values: number[]): { value: number | null } | null {
  switch (type) {
    case 'SUM': case 'LAST': case 'AVERAGE_SUM_ORG_UNIT':
      return { value: values.length ? values.reduce((a, b) => a + b, 0) : null };
    case 'MIN': return { value: values.length ? Math.min(...values) : null };
    case 'MAX': return { value: values.length ? Math.max(...values) : null };
    case 'AVERAGE': case 'NONE': return null;
  }
}

/**
 * Figures keyed 'dx|ou|pe' of the merged units' predecessors taken together, for the comparison periods that
 * ended before each unit began. dx without a key: no predecessor basis (see `combine`).
 */
async function predecessorFigures(
  db: Db, dx: string[], merged: Merged, includeUnapproved: boolean, opts: EngineOptions,
): Promise<Map<string, { value: number | null; decimals: number | null }>> {
  const out = new Map<string, { value: number | null; decimals: number | null }>();
  if (merged.size === 0) return out;
  const indicators = new Map((await indicatorsByCode(db, dx)).map((i) => [i.code, i]));
  const sides = (code: string) => {
    const i = indicators.get(code)!;
    try {
      return { num: i.numerator, den: i.denominator, codes: [...expressionCodes(i.numerator), ...expressionCodes(i.denominator)] };
    } catch {
      return null; // a broken formula: runAnalytics has already refused it with a 400
    }
  };
  const wanted = new Set(dx.filter((c) => !indicators.has(c)));
  for (const code of indicators.keys()) for (const c of sides(code)?.codes ?? []) wanted.add(c);
  const elements = new Map((await elementsByCode(db, [...wanted])).map((e) => [e.code, e]));
  if (elements.size === 0) return out;

  const units = new Map<string, Predecessor>();
  const periods = new Set<string>();
  for (const m of merged.values()) {
    for (const p of m.predecessors) units.set(p.code, p);
    for (const pe of m.periods) periods.add(pe);
  }
  const result = await runAnalytics(db, {
    dx: [...elements.keys()], ou: [...units.keys()].map((code) => ({ kind: 'unit' as const, code })), pe: [...periods], includeUnapproved,
  }, opts);
  const raw = new Map(result.rows.map((r) => [`${r.dx}|${r.ou}|${r.pe}`, r.value]));

  for (const [ou, m] of merged) {
    for (const pe of m.periods) {
      const combined = new Map<string, { value: number | null } | null>();
      for (const el of elements.values()) {
        const values = m.predecessors.map((p) => raw.get(`${el.code}|${p.code}|${pe}`)).filter((v): v is number => v !== undefined);
        combined.set(el.code, combine(el.aggregation_type, values));
      }
      for (const code of dx) {
        const ind = indicators.get(code);
        if (!ind) {
          const c = combined.get(code);
          if (c) out.set(`${code}|${ou}|${pe}`, { value: c.value, decimals: null });
          continue;
        }
        const s = sides(code);
        if (!s || s.codes.some((c) => combined.has(c) && combined.get(c) === null)) continue; // an element that cannot be combined
        const lookup = (c: string) => combined.get(c)?.value ?? null;
        const side = (expr: string, codes: string[]): number | null =>
          codes.length > 0 && codes.every((c) => lookup(c) === null) ? null : evaluate(expr, lookup, { missing: 'zero' });
        const num = side(s.num, expressionCodes(s.num));
        const den = side(s.den, expressionCodes(s.den));
        const value = num === null || den === null || den === 0 ? null : (Number(ind.factor) * num) / den;
        out.set(`${code}|${ou}|${pe}`, { value: value !== null && Number.isFinite(value) ? value : null, decimals: ind.decimals });
      }
    }
  }
  return out;
}
