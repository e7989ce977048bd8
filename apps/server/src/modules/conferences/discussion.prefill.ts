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
  readonly submissionId: number;
  readonly section: PrefillSection;
  /** Index of the point among the points of that section of that submission (0-based). */
  readonly itemIndex: number;
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
