/**
 * The directorate's dashboard for a unit (default: the province) and a period (default: the latest ended quarter
 * whose reports are mostly approved; see settledDashboardPeriod).
 *
 * - Figures: per sector, the data elements and indicators the summary report would show as its key figures
 *   (`sectorDx`, numeric data elements then indicators, by code), at most MAX_KEY_FIGURES, those with a value
 *   for the period first; each is a `compareFigures` item (the /api/analytics/compare answer for the same
 *   dx/ou/pe: desirable direction `better`, value, previous period, same period last year, target and achievement
 *   judged by that direction; approved data only),
 *   with its unit of measure, decimals (indicators: their own; INTEGER data elements 0; other data elements
 *   null = up to 2) and kind.
 * - Completeness: the rounds open on the business date (status open and cut-off window begun), most urgent
 *   deadline first; when none, the most recent closed rounds (at most COMPLETENESS_CLOSED, looking at no more
 *   than CLOSED_LOOKUP of them). Counted over the assigned units of the round that lie in the unit's subtree;
 *   rounds without such units are left out. The rounds are those the caller may list (a reviewer: the forms of
 *   their division). submitted = submitted or approved; late = submitted after the deadline, or not submitted
 *   and the deadline passed (as on the round's board).
 */
import { type Period, compareVi, parsePeriod, periodLabel, periodOf, previousPeriod } from '@nhip/contracts';
import type { Actor } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, unprocessable } from '../../platform/errors.js';
import { type CompareItem, compareFigures } from '../analytics/compare.service.js';
import { allSectors, provinceRoot, sectorDx } from '../reports/summary-report.repository.js';
import { MAX_KEY_FIGURES, summaryPeriod } from '../reports/summary-report.service.js';
import { hasSubmitted } from '../rounds/completeness.js';
import { roundsRepo } from '../rounds/rounds.repository.js';
import { type RoundWithCounts, board, listRounds, vnDateOf } from '../rounds/rounds.service.js';
import { type DashboardUnitRow, childrenDuring, subtreeIds, unitByCode, unitsByIds } from './dashboard.repository.js';

export const COMPLETENESS_CLOSED = 6;
const CLOSED_LOOKUP = 30;

export type DashboardFigure = CompareItem & { uom: string | null; decimals: number | null; kind: 'de' | 'ind' };

export type RoundProgress = {
  roundId: number;
  formCode: string;
  formName: string;
  period: string;
  periodName: string;
  deadline: string;
  expected: number;
  submitted: number;
  approved: number;
  late: number;
  submittedPct: number;
  approvedPct: number;
};

export type Dashboard = {
  period: Period;
  unit: DashboardUnitRow;
  /** Ancestors from the root down to the unit itself. */
  path: DashboardUnitRow[];
  children: DashboardUnitRow[];
  sectors: { code: string; name: string; figures: DashboardFigure[] }[];
  completeness: RoundProgress[];
};

/** The latest quarter that has ended on the date: 2026-11-22 → 2026Q3; 2026-10-01 → 2026Q3. */
export function defaultDashboardPeriod(todayISO: string): Period {
  return previousPeriod(periodOf('Quarterly', todayISO)!);
}

/** Share of the expected quarterly reports that must be approved for a quarter to open the dashboard. */
export const DEFAULT_APPROVED_SHARE = 0.8;

/**
 * The quarter the dashboard opens on: of the last four quarters that have ended, the latest whose quarterly
 * rounds have at least DEFAULT_APPROVED_SHARE of their expected reports (assigned units valid in the quarter)
 * approved — figures from approved reports only would otherwise read as steep falls — else the latest ended.
 */
export async function settledDashboardPeriod(db: Db, todayISO: string, now: Date): Promise<Period> {
  const latest = defaultDashboardPeriod(todayISO);
  const quarters = [latest];
  while (quarters.length < 4) quarters.push(previousPeriod(quarters[quarters.length - 1]!));
  const rounds = await db.query<{ id: number; period: string }>(
    `SELECT r.id, r.period FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id AND f.period_type = 'Quarterly'
      WHERE r.period = ANY($1::text[])`,
    [quarters.map((q) => q.id)],
  );
  // expected and approved exactly as the round board counts them
  const counts = new Map((await roundsRepo.counts(db, rounds.map((r) => r.id), now, null)).map((c) => [c.round_id, c]));
  const share = new Map<string, { expected: number; approved: number }>();
  for (const r of rounds) {
    const c = counts.get(r.id);
    const t = share.get(r.period) ?? { expected: 0, approved: 0 };
    share.set(r.period, { expected: t.expected + Number(c?.assigned ?? 0), approved: t.approved + Number(c?.approved ?? 0) });
  }
  const settled = (q: Period) => {
    const t = share.get(q.id);
    return !!t && t.expected > 0 && t.approved / t.expected >= DEFAULT_APPROVED_SHARE;
  };
  return quarters.find(settled) ?? latest;
}

/** The period asked for (quarter, six months, nine months, year), or the default; a Vietnamese 400 otherwise. */
export async function dashboardPeriod(db: Db, id: string | undefined, todayISO: string, now: Date): Promise<Period> {
  return id === undefined || id.trim() === '' ? settledDashboardPeriod(db, todayISO, now) : summaryPeriod(id);
}

/** The unit asked for by code, or the province root. */
export async function dashboardUnit(db: Db, code: string | undefined): Promise<DashboardUnitRow> {
  if (code === undefined || code.trim() === '') {
    const root = await provinceRoot(db);
    const unit = root && (await unitByCode(db, root.code));
    if (!unit) throw unprocessable('Chưa có đơn vị cấp tỉnh (cấp 1) nên chưa có bảng điều hành.');
    return unit;
  }
  const unit = await unitByCode(db, code.trim());
  if (!unit) throw badRequest(`Không có đơn vị nào mã "${code.trim().slice(0, 60)}".`);
  return unit;
}

export async function loadDashboard(
  db: Db, actor: Actor, q: { period: Period; unit: DashboardUnitRow }, clock: { today: string; now: Date },
): Promise<Dashboard> {
  const { period, unit } = q;
  const ancestorIds = unit.path.split('/').filter(Boolean).map(Number);
  const [ancestors, children, sectors, dx] = await Promise.all([
    unitsByIds(db, ancestorIds), childrenDuring(db, unit.id, period.start, period.end), allSectors(db), sectorDx(db),
  ]);
  const byId = new Map(ancestors.map((u) => [u.id, u]));
  const items = dx.length === 0 ? [] : await compareFigures(db, { dx: dx.map((d) => d.code), ou: [unit.code], pe: period, includeUnapproved: false }, {
    today: clock.today, scopeUnitId: null,
  });
  const item = new Map(items.map((i) => [i.dx, i]));
  const bySector = sectors.flatMap((s) => {
    const own = dx.filter((d) => d.sector_id === s.id);
    if (own.length === 0) return [];
    const figures: DashboardFigure[] = own.map((d) => ({
      ...item.get(d.code)!,
      uom: d.uom,
      decimals: d.kind === 'ind' ? d.decimals : d.value_type === 'INTEGER' ? 0 : null,
      kind: d.kind,
    }));
    const chosen = [...figures.filter((f) => f.value !== null), ...figures.filter((f) => f.value === null)].slice(0, MAX_KEY_FIGURES);
    return [{ code: s.code, name: s.name, figures: chosen }];
  });
  return {
    period,
    unit,
    path: ancestorIds.map((id) => byId.get(id)).filter((u): u is DashboardUnitRow => u !== undefined),
    children: children.sort((a, b) => compareVi(a.name, b.name) || a.code.localeCompare(b.code)),
    sectors: bySector,
    completeness: await completeness(db, actor, unit, clock),
  };
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

async function progress(db: Db, r: RoundWithCounts, units: Set<number>, now: Date): Promise<RoundProgress | null> {
  const rows = (await board(db, r.round, {}, now)).filter((e) => units.has(e.orgUnit.id));
  if (rows.length === 0) return null;
  const submitted = rows.filter((e) => hasSubmitted(e.status)).length;
  const approved = rows.filter((e) => e.status === 'approved').length;
  const p = parsePeriod(r.round.period);
  return {
    roundId: r.round.id,
    formCode: r.round.form_code,
    formName: r.round.form_name,
    period: r.round.period,
    periodName: p ? periodLabel(p, 'vi') : r.round.period,
    deadline: vnDateOf(r.round.deadline),
    expected: rows.length,
    submitted,
    approved,
    late: rows.filter((e) => e.late).length,
    submittedPct: pct(submitted, rows.length),
    approvedPct: pct(approved, rows.length),
  };
}

async function completeness(db: Db, actor: Actor, unit: DashboardUnitRow, clock: { today: string; now: Date }): Promise<RoundProgress[]> {
  const units = await subtreeIds(db, unit.path);
  const open = (await listRounds(db, actor, { status: 'open' }, clock.now))
    .filter((r) => r.round.cutoff_start <= clock.today)
    .sort((a, b) => a.round.deadline.getTime() - b.round.deadline.getTime() || a.round.form_code.localeCompare(b.round.form_code));
  const out: RoundProgress[] = [];
  for (const r of open) {
    const p = await progress(db, r, units, clock.now);
    if (p) out.push(p);
  }
  if (out.length > 0) return out;
  const closed = (await listRounds(db, actor, { status: 'closed' }, clock.now))
    .sort((a, b) => b.round.period_end.localeCompare(a.round.period_end) || a.round.form_code.localeCompare(b.round.form_code))
    .slice(0, CLOSED_LOOKUP);
  for (const r of closed) {
    if (out.length >= COMPLETENESS_CLOSED) break;
    const p = await progress(db, r, units, clock.now);
    if (p) out.push(p);
  }
  return out;
}
