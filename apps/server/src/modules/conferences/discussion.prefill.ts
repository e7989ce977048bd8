/**
 * The discussion list before the conference: the difficulties and proposals of the period's approved reports,
 * grouped by sector and merged exactly as the draft summary report merges them (summary-report.points.ts), with
 * each merged point remembering where it came from — the unit, its submission, the section and the point's index
 * in that section (the n-th point `splitPoints` finds there). Pure functions.
 */
import { MERGE_SIMILARITY, mergePoints, pointKey, similarity, splitPoints } from '../reports/summary-report.points.js';
import type { NarrativeRow } from '../reports/summary-report.repository.js';
import { chosen } from '../reports/summary-report.service.js';

export type PrefillSection = 'difficulties' | 'proposals';

export interface PointSource {
  readonly unitId: number;
  /** Null for a unit of an unresolved recommendation (unresolvedItems): not a point of this period's reports. */
  readonly submissionId: number | null;
  readonly section: PrefillSection | null;
  /** Index of the point among the points of that section of that submission (0-based). */
  readonly itemIndex: number | null;
}

export interface PrefillItem {
  readonly kind: 'difficulty' | 'proposal';
  readonly sectorId: number | null;
  /** The wording of the first unit that raised it, as in the draft report. */
  readonly text: string;
  /** One per unit, in the order the units appear in the draft report's "(units)". */
  readonly sources: readonly PointSource[];
}

interface Raised {
  readonly text: string;
  readonly source: PointSource;
}

/**
 * Merges raised points as `mergePoints` does and returns each merged point with the first source of each of its
 * units. `mergePoints` gives the groups (wording, units, order); each raised point is then given to the group it
 * joined there: the first group, in order of creation, whose key equals or is similar enough to its own.
 */
export function mergeWithSources(raised: readonly Raised[]): { text: string; sources: PointSource[] }[] {
  const unitKey = (r: Raised) => String(r.source.unitId);
  const merged = mergePoints(raised.map((r) => ({ text: r.text, unit: unitKey(r) })));
  // A group is created by the first raised point with its wording and first unit.
  const created = merged
    .map((g, order) => ({ g, order, key: pointKey(g.text), first: raised.findIndex((r) => r.text === g.text && unitKey(r) === g.units[0]) }))
    .sort((a, b) => a.first - b.first);
  const sources = new Map<number, PointSource[]>();
  for (const r of raised) {
    const key = pointKey(r.text);
    if (!key) continue;
    const group = created.find((c) => c.key === key || similarity(c.key, key) >= MERGE_SIMILARITY);
    if (!group) continue;
    const list = sources.get(group.order) ?? [];
    if (!list.some((s) => s.unitId === r.source.unitId)) list.push(r.source);
    sources.set(group.order, list);
  }
  return merged.map((g, order) => {
    const list = sources.get(order) ?? [];
    // in the order mergePoints lists the units
    const byUnit = g.units.map((u) => list.find((s) => String(s.unitId) === u)).filter((s): s is PointSource => s !== undefined);
    return { text: g.text, sources: byUnit };
  });
}

/**
 * The pre-filled discussion list of a period: difficulties then proposals, sector by sector in the sectors' order
 * (units without a sector last, as 'Công tác chung' in the report), merged points raised by more units first.
 */
export function prefillItems(rows: readonly NarrativeRow[], sectorOrder: readonly number[]): PrefillItem[] {
  const out: PrefillItem[] = [];
  const rank = (id: number | null) => (id === null ? sectorOrder.length : sectorOrder.indexOf(id) >= 0 ? sectorOrder.indexOf(id) : sectorOrder.length);
  for (const section of ['difficulties', 'proposals'] as const) {
    const bySector = new Map<number | null, Raised[]>();
    for (const r of chosen([...rows], section)) {
      const list = bySector.get(r.sector_id) ?? [];
      splitPoints(r[section]).forEach((text, itemIndex) => {
        list.push({ text, source: { unitId: r.unit_id, submissionId: r.submission_id, section, itemIndex } });
      });
      bySector.set(r.sector_id, list);
    }
    const sectors = [...bySector.keys()].sort((a, b) => rank(a) - rank(b));
    for (const sectorId of sectors) {
      for (const p of mergeWithSources(bySector.get(sectorId) ?? [])) {
        out.push({ kind: section === 'difficulties' ? 'difficulty' : 'proposal', sectorId, text: p.text, sources: p.sources });
      }
    }
  }
  return out;
}

// ─────────── close the loop (follow-up): last period's unresolved recommendations ───────────

/** A recommendation raised before the conference's period and still open (not settled, not merged). */
export interface UnresolvedRecommendation {
  readonly id: number;
  readonly text: string;
  readonly kind: 'difficulty' | 'proposal' | 'conclusion' | 'directive';
  readonly sectorId: number | null;
  readonly timesRaised: number;
  /** The units that raised it, or those that took over a closed one. */
  readonly unitIds: readonly number[];
}

const UNRESOLVED = 'Kiến nghị chưa giải quyết từ kỳ trước';
const UNRESOLVED_RE = /^Kiến nghị chưa giải quyết từ kỳ trước \(#(\d+)[^)]*\): /u;

/** 'Kiến nghị chưa giải quyết từ kỳ trước (#12, nêu 3 lần): <text>': how a pre-filled item marks an unresolved recommendation. */
export const unresolvedText = (r: Pick<UnresolvedRecommendation, 'id' | 'text' | 'timesRaised'>) =>
  `${UNRESOLVED} (#${r.id}${r.timesRaised > 1 ? `, nêu ${r.timesRaised} lần` : ''}): ${r.text}`;

/** The recommendation an item's text marks as unresolved, and the text without the mark; null for any other item. */
export function parseUnresolved(text: string): { recommendationId: number; text: string } | null {
  const m = UNRESOLVED_RE.exec(text);
  return m ? { recommendationId: Number(m[1]), text: text.slice(m[0].length) } : null;
}

/**
 * Unresolved recommendations as pre-filled discussion items, marked as such (unresolvedText), after the period's own
 * points: difficulties then proposals (a conclusion or directive task is a proposal to discuss), sector by sector in
 * the sectors' order, the most often raised first.
 */
export function unresolvedItems(recs: readonly UnresolvedRecommendation[], sectorOrder: readonly number[]): PrefillItem[] {
  const rank = (id: number | null) => (id === null || sectorOrder.indexOf(id) < 0 ? sectorOrder.length : sectorOrder.indexOf(id));
  const kindOf = (r: UnresolvedRecommendation) => (r.kind === 'difficulty' ? 'difficulty' : 'proposal');
  return [...recs]
    .sort((a, b) => Number(kindOf(a) === 'proposal') - Number(kindOf(b) === 'proposal') || rank(a.sectorId) - rank(b.sectorId) || b.timesRaised - a.timesRaised || a.id - b.id)
    .map((r) => ({
      kind: kindOf(r), sectorId: r.sectorId, text: unresolvedText(r),
      sources: r.unitIds.map((unitId): PointSource => ({ unitId, submissionId: null, section: null, itemIndex: null })),
    }));
}
