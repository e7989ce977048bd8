/**
 * Completeness and timeliness of one round, computed from its board (every assigned unit with its status).
 * completeness = units that submitted (submitted or approved) / units assigned;
 * timeliness   = units that submitted by the deadline / units assigned.
 */
import { type SubmissionStatus, UNIT_TYPES, UNIT_TYPE_LABELS, type UnitType, compareVi } from '@nhip/contracts';

export type BoardUnit = { id: number; code: string; name: string; type: string; sectorId: number | null; sectorCode: string | null; sectorName: string | null };

export type BoardEntry = {
  orgUnit: BoardUnit;
  status: SubmissionStatus;
  submissionId: number | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  late: boolean;
  updatedAt: Date | null;
};

export type Totals = { assigned: number; submitted: number; onTime: number; late: number; completeness: number; timeliness: number };
export type Group = Totals & { key: string; label: string };
export type LateUnit = { orgUnit: BoardUnit; status: SubmissionStatus; submittedAt: Date | null; daysLate: number };
export type Completeness = { total: Totals; byUnitType: Group[]; bySector: (Group & { sectorId: number | null })[]; lateUnits: LateUnit[] };

const DAY_MS = 86_400_000;
export const NO_SECTOR_LABEL = 'Chưa xác định lĩnh vực';

export const hasSubmitted = (status: SubmissionStatus) => status === 'submitted' || status === 'approved';

/** Late: submitted after the deadline, or not (yet) submitted and the deadline has passed. */
export function isLate(status: SubmissionStatus, submittedAt: Date | null, deadline: Date, now: Date): boolean {
  if (hasSubmitted(status)) return !!submittedAt && submittedAt.getTime() > deadline.getTime();
  return now.getTime() > deadline.getTime();
}

/** Whole days past the deadline (a part of a day counts as a day). */
export function daysLate(status: SubmissionStatus, submittedAt: Date | null, deadline: Date, now: Date): number {
  const ref = hasSubmitted(status) && submittedAt ? submittedAt : now;
  return Math.max(0, Math.ceil((ref.getTime() - deadline.getTime()) / DAY_MS));
}

function totals(rows: BoardEntry[]): Totals {
  const assigned = rows.length;
  const submitted = rows.filter((r) => hasSubmitted(r.status)).length;
  const onTime = rows.filter((r) => hasSubmitted(r.status) && !r.late).length;
  const late = rows.filter((r) => r.late).length;
  return {
    assigned, submitted, onTime, late,
    completeness: assigned === 0 ? 0 : submitted / assigned,
    timeliness: assigned === 0 ? 0 : onTime / assigned,
  };
}

function groupBy<K>(rows: BoardEntry[], key: (r: BoardEntry) => K): Map<K, BoardEntry[]> {
  const out = new Map<K, BoardEntry[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function computeCompleteness(rows: BoardEntry[], deadline: Date, now: Date): Completeness {
  const typeOrder = (t: string) => {
    const i = (UNIT_TYPES as readonly string[]).indexOf(t);
    return i < 0 ? UNIT_TYPES.length : i;
  };
  const byUnitType = [...groupBy(rows, (r) => r.orgUnit.type)]
    .sort(([a], [b]) => typeOrder(a) - typeOrder(b))
    .map(([type, list]) => ({ key: type, label: UNIT_TYPE_LABELS[type as UnitType]?.vi ?? type, ...totals(list) }));

  const bySector = [...groupBy(rows, (r) => r.orgUnit.sectorId)]
    .map(([sectorId, list]) => ({
      key: list[0].orgUnit.sectorCode ?? '',
      label: list[0].orgUnit.sectorName ?? NO_SECTOR_LABEL,
      sectorId,
      ...totals(list),
    }))
    .sort((a, b) => (a.sectorId === null ? 1 : 0) - (b.sectorId === null ? 1 : 0) || compareVi(a.label, b.label));

  const lateUnits = rows
    .filter((r) => r.late)
    .map((r) => ({ orgUnit: r.orgUnit, status: r.status, submittedAt: hasSubmitted(r.status) ? r.submittedAt : null, daysLate: daysLate(r.status, r.submittedAt, deadline, now) }))
    .sort((a, b) => b.daysLate - a.daysLate || compareVi(a.orgUnit.name, b.orgUnit.name));

  return { total: totals(rows), byUnitType, bySector, lateUnits };
}
