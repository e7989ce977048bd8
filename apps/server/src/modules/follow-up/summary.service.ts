/**
 * The register in figures, for the boards, the director's dashboard card and the results report: the grid's four
 * cells (Decision 42/2014/QĐ-TTg) over the board's filter, by owner division, sector and kind, the states, the
 * points raised most often and the overdue points escalated to a deputy director. A merged point is counted once,
 * in the point it was merged into. Only what the actor may see is counted.
 */
import { type Actor, RECOMMENDATION_STATES, type RecommendationState, TIMELINESS, type Timeliness } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { type BoardFilter, type BoardScope, type RecommendationRow, recommendationsRepo } from './recommendations.repository.js';
import { type BoardQuery, boardScope, raisersByRecommendation, resolveBoardFilter } from './recommendations.service.js';
import { type GroupCount, summaryRepo } from './summary.repository.js';
import type { UnitRef } from './recommendations.repository.js';

export type Grid = Record<Timeliness, number> & { total: number };
export const emptyGrid = (): Grid => ({ done_on_time: 0, done_late: 0, open_within_deadline: 0, open_overdue: 0, total: 0 });

export type Group = { id: number | null; code: string | null; name: string | null; counts: Grid };

/** Rows (group, cell, n) → one grid per group, most overdue first, then most points. */
export function groupGrids(rows: GroupCount[]): Group[] {
  const groups = new Map<number | null, Group>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? { id: r.id, code: r.code, name: r.name, counts: emptyGrid() };
    g.counts[r.timeliness] += r.n;
    g.counts.total += r.n;
    groups.set(r.id, g);
  }
  return [...groups.values()].sort((a, b) => b.counts.open_overdue - a.counts.open_overdue || b.counts.total - a.counts.total || (a.name ?? '').localeCompare(b.name ?? '', 'vi'));
}

export type Summary = {
  counts: Grid;
  byState: Record<RecommendationState, number>;
  byDivision: Group[];
  bySector: Group[];
  byKind: { kind: string; counts: Grid }[];
  topRecurring: { row: RecommendationRow; raisers: UnitRef[] }[];
  escalated: { row: RecommendationRow; raisers: UnitRef[] }[];
};

async function rowsOf(db: Db, ids: number[], day: string) {
  if (!ids.length) return [];
  const rows = new Map((await recommendationsRepo.byIds(db, ids, day)).map((r) => [r.id, r]));
  const raisers = await raisersByRecommendation(db, ids);
  return ids.filter((id) => rows.has(id)).map((id) => ({ row: rows.get(id)!, raisers: raisers.get(id) ?? [] }));
}

export async function summaryFor(db: Db, scope: BoardScope, filter: BoardFilter, day: string, top = 10): Promise<Summary> {
  const byDivision = groupGrids(await summaryRepo.byDivision(db, scope, filter, day));
  const counts = emptyGrid();
  for (const g of byDivision) for (const t of TIMELINESS) counts[t] += g.counts[t];
  counts.total = TIMELINESS.reduce((a, t) => a + counts[t], 0);
  const byState = Object.fromEntries(RECOMMENDATION_STATES.map((s) => [s, 0])) as Record<RecommendationState, number>;
  for (const r of await summaryRepo.byState(db, scope, filter, day)) byState[r.state] = r.n;
  const kinds = new Map<string, Grid>();
  for (const r of await summaryRepo.byKind(db, scope, filter, day)) {
    const g = kinds.get(r.kind) ?? emptyGrid();
    g[r.timeliness] += r.n;
    g.total += r.n;
    kinds.set(r.kind, g);
  }
  return {
    counts,
    byState,
    byDivision,
    bySector: groupGrids(await summaryRepo.bySector(db, scope, filter, day)),
    byKind: [...kinds.entries()].map(([kind, c]) => ({ kind, counts: c })),
    topRecurring: await rowsOf(db, (await summaryRepo.topRecurring(db, scope, filter, day, top)).map((r) => r.id), day),
    escalated: await rowsOf(db, (await summaryRepo.escalated(db, scope, filter, day, top)).map((r) => r.id), day),
  };
}

/** The summary of what the actor may see, for the board's query. */
export async function recommendationSummary(db: Db, actor: Actor, q: BoardQuery, day: string, top = 10): Promise<Summary> {
  return summaryFor(db, await boardScope(db, actor), await resolveBoardFilter(db, q), day, top);
}
