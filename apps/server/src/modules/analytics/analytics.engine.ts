/**
 * The analytics engine: figures for data elements and indicators (dx) × org units (ou) × periods (pe), from
 * the values of approved submissions, current the moment an approval commits.
 *
 * Where they come from. For a unit with sub-units, approved figures are read from the analytics cells
 * (analytics.cells.ts), which the approving transaction itself keeps current; a leaf unit, and any question
 * with includeUnapproved, is answered by adding up raw values at query time (`aggregate`). Both give the same
 * answer — the property tests hold each of them against a plain computation.
 *
 * Org units. A unit stands for its whole subtree: every unit whose materialised path starts with its path,
 * whether still open or closed. A unit contributes exactly the values it reported (values are keyed by
 * period), so across the 2025 reorganisation a province total is continuous: the closed district-era units
 * still lie in the province's subtree and carry the values of the periods they existed, the communes formed
 * on 01/07/2025 carry the later ones. `LEVEL-n` means every unit at level n under the other ou items named
 * (or under the caller's own unit, or the roots), kept for a period only when the unit was valid during it.
 *
 * Periods. A requested period collects every stored value whose period lies within it (2024Q1..Q4 and
 * 202401..202412 roll up into 2024); a value stored at a coarser period than asked is never split (2024 gives
 * nothing for 2024Q1).
 *
 * Aggregation types, as DHIS2 defines them (data element aggregation types: "the aggregation type in the time
 * dimension, and in the org unit hierarchy"), and as DHIS2's analytics SQL computes them:
 * - SUM: sum over periods and units.
 * - LAST ("last value, sum in org unit hierarchy"): for each contributing unit, the value of its latest stored
 *   period within the requested one (latest end date; on a tie the shorter, later-starting period), then
 *   summed over units. Like DHIS2's LAST_IN_PERIOD, no value is carried from before the requested period.
 *   Unlike DHIS2, a unit that closed before the period ends (or before the target unit itself closed) does
 *   not count: a stock at the end of 2025 is the communes' stock, not the communes' plus the stock the
 *   districts held on 30/06/2025 — so province stocks stay continuous across the reorganisation.
 * - AVERAGE ("average in both dimensions"): the mean of all raw values in the cell — DHIS2's `avg(value)`.
 * - AVERAGE_SUM_ORG_UNIT ("average over time, sum in org unit hierarchy"): Σ(value × days of its stored
 *   period) ÷ days of the requested period — DHIS2's `sum(daysxvalue) / days`: a time-weighted average in
 *   which a period without a value counts as zero, summed over units.
 * - MIN, MAX: the smallest / largest raw value in both dimensions.
 * - NONE: no aggregation — a value only where it is stored at exactly the unit and period asked.
 *
 * Indicators: factor × numerator ÷ denominator, each expression evaluated over the data elements' aggregated
 * values for the same unit and period (never an average of ratios). As in DHIS2's indicator expressions, an
 * expression whose items are all missing has no value, and a missing item among present ones counts as 0;
 * a denominator of 0 or without value gives no figure.
 */
import {
  type Period,
  evaluate,
  expressionCodes,
  formatNumber,
  periodDays,
  periodLabel,
} from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { type AnalyticsRequest, periodPairs, resolvePeriods } from './analytics.query.js';
import {
  type AggregateRow, type ElementRow, type IndicatorRow, type UnitRow,
  aggregate, aggregateFromCells, elementsByCode, indicatorsByCode, rootUnits, unitById, unitsAtLevelUnder, unitsByCode,
} from './analytics.repository.js';

export type EngineOptions = {
  /** Business date ('YYYY-MM-DD') for relative periods. */
  today: string;
  /** The caller's unit for unit roles (answers only inside its subtree); null = province-wide. */
  scopeUnitId: number | null;
  /** false: add up raw values at query time even where analytics cells exist (tests and benchmarks compare both). */
  cells?: boolean;
  /** Called with the query's size (dx × units × periods) once the units are resolved, before any figure is read; may refuse it (a rate limit). */
  admit?: (cells: number) => Promise<void> | undefined;
};

export type AnalyticsRow = { dx: string; ou: string; pe: string; value: number; /** Indicator decimals; null for data elements. */ decimals: number | null };

export type AnalyticsResult = {
  rows: AnalyticsRow[];
  items: Record<string, { name: string }>;
  dimensions: { dx: string[]; ou: string[]; pe: string[] };
};

type Target = { unit: UnitRow; levelOnly: boolean };

/** Largest grid (dx × ou × pe cells) one query may ask for. */
export const MAX_CELLS = 100_000;

export async function runAnalytics(db: Db, req: AnalyticsRequest, opts: EngineOptions): Promise<AnalyticsResult> {
  const periods = resolvePeriods(req.pe, opts.today);
  const targets = await resolveOu(db, req, opts.scopeUnitId);
  const cells = req.dx.length * targets.length * periods.length;
  if (cells > MAX_CELLS) {
    throw badRequest(`Truy vấn quá lớn: ${req.dx.length} chỉ tiêu × ${targets.length} đơn vị × ${periods.length} kỳ (tối đa ${formatNumber(MAX_CELLS)} ô). Hãy thu hẹp truy vấn.`);
  }
  await opts.admit?.(cells);
  const { elements, indicators, byCode } = await resolveDx(db, req.dx);
  const pairs = periodPairs(periods);
  const elementIds = [...byCode.values()].map((e) => e.id);
  // Approved figures of units with sub-units come from the analytics cells; the rest (leaf units, or
  // unapproved data asked for) is added up from the raw values at query time.
  const fromCells = req.includeUnapproved || opts.cells === false ? [] : targets.filter((t) => t.unit.has_children);
  const fromRaw = targets.filter((t) => !fromCells.includes(t));
  const [cellRows, rawRows] = await Promise.all([
    aggregateFromCells(db, { elementIds, targetIds: fromCells.map((t) => t.unit.id), periods: periods.map((p) => ({ id: p.id, days: periodDays(p) })) }),
    aggregate(db, {
      elementIds,
      targets: fromRaw.map((t) => ({ id: t.unit.id, path: t.unit.path, validTo: t.unit.valid_to })),
      pairs: fromRaw.length ? pairs : [],
      includeUnapproved: req.includeUnapproved,
    }),
  ]);
  const rows = [...cellRows, ...rawRows];
  const cell = new Map<string, AggregateRow>();
  for (const r of rows) cell.set(`${r.de}|${r.tid}|${r.pe}`, r);
  const elementValue = (el: ElementRow, unitId: number, pe: string): number | null => {
    const r = cell.get(`${el.id}|${unitId}|${pe}`);
    return r ? pick(el, r) : null;
  };

  const out: AnalyticsRow[] = [];
  for (const code of req.dx) {
    const el = elements.get(code);
    const ind = el ? undefined : indicators.get(code);
    for (const t of targets) {
      for (const p of periods) {
        if (t.levelOnly && !validDuring(t.unit, p)) continue;
        const value = el
          ? elementValue(el, t.unit.id, p.id)
          : indicatorValue(ind!, (c) => {
            const de = byCode.get(c);
            return de ? elementValue(de, t.unit.id, p.id) : null;
          });
        if (value !== null && Number.isFinite(value)) out.push({ dx: code, ou: t.unit.code, pe: p.id, value, decimals: ind ? ind.decimals : null });
      }
    }
  }

  const items: Record<string, { name: string }> = {};
  for (const code of req.dx) items[code] = { name: (elements.get(code) ?? indicators.get(code))!.name };
  for (const t of targets) items[t.unit.code] = { name: t.unit.name };
  for (const p of periods) items[p.id] = { name: periodLabel(p, 'vi') };
  return { rows: out, items, dimensions: { dx: req.dx, ou: targets.map((t) => t.unit.code), pe: periods.map((p) => p.id) } };
}

/** The aggregate a data element's aggregation type asks for (see the module comment). */
function pick(el: ElementRow, r: AggregateRow): number | null {
  switch (el.aggregation_type) {
    case 'SUM': return r.sum;
    case 'LAST': return r.last;
    case 'AVERAGE': return r.avg;
    case 'AVERAGE_SUM_ORG_UNIT': return r.avg_sum_ou;
    case 'MIN': return r.min;
    case 'MAX': return r.max;
    case 'NONE': return r.none;
  }
}

function indicatorValue(ind: IndicatorRow, lookup: (code: string) => number | null): number | null {
  const side = (expr: string): number | null => {
    const codes = expressionCodes(expr);
    if (codes.length > 0 && codes.every((c) => lookup(c) === null)) return null;
    return evaluate(expr, (c) => lookup(c), { missing: 'zero' });
  };
  const num = side(ind.numerator);
  const den = side(ind.denominator);
  if (num === null || den === null || den === 0) return null;
  return (Number(ind.factor) * num) / den;
}

function validDuring(u: UnitRow, p: Period): boolean {
  return u.valid_from <= p.end && (u.valid_to === null || u.valid_to >= p.start);
}

async function resolveDx(db: Db, codes: string[]) {
  const elements = new Map((await elementsByCode(db, codes)).map((e) => [e.code, e]));
  const indicators = new Map((await indicatorsByCode(db, codes.filter((c) => !elements.has(c)))).map((i) => [i.code, i]));
  for (const code of codes) {
    if (!elements.has(code) && !indicators.has(code)) throw badRequest(`Không có chỉ tiêu hay chỉ số nào mã "${code}".`);
  }
  const needed = new Set<string>();
  for (const ind of indicators.values()) {
    try {
      for (const c of [...expressionCodes(ind.numerator), ...expressionCodes(ind.denominator)]) needed.add(c);
    } catch {
      throw badRequest(`Công thức của chỉ số "${ind.code}" không hợp lệ.`);
    }
  }
  const byCode = new Map(elements);
  const missing = [...needed].filter((c) => !byCode.has(c));
  if (missing.length > 0) for (const e of await elementsByCode(db, missing)) byCode.set(e.code, e);
  return { elements, indicators, byCode };
}

async function resolveOu(db: Db, req: AnalyticsRequest, scopeUnitId: number | null): Promise<Target[]> {
  const scope = scopeUnitId === null ? null : await unitById(db, scopeUnitId);
  if (scopeUnitId !== null && !scope) throw notFound('Tài khoản của bạn chưa gắn với đơn vị nào.');
  const codes = req.ou.flatMap((i) => (i.kind === 'unit' ? [i.code] : []));
  const named = new Map((await unitsByCode(db, codes)).map((u) => [u.code, u]));
  for (const code of codes) {
    const u = named.get(code);
    if (!u) throw badRequest(`Không có đơn vị nào mã "${code}".`);
    if (scope && !u.path.startsWith(scope.path)) throw notFound(`Không tìm thấy đơn vị "${code}" trong phạm vi của bạn.`);
  }
  const parents = named.size > 0 ? [...named.values()] : scope ? [scope] : await rootUnits(db);
  const targets = new Map<number, Target>();
  for (const item of req.ou) {
    if (item.kind === 'unit') {
      const u = named.get(item.code)!;
      targets.set(u.id, { unit: u, levelOnly: false });
    } else {
      for (const u of await unitsAtLevelUnder(db, item.level, parents.map((p) => p.path))) {
        if (!targets.has(u.id)) targets.set(u.id, { unit: u, levelOnly: true });
      }
    }
  }
  return [...targets.values()];
}
