import { parsePeriod, periodLabel } from '@nhip/contracts';
import type { z } from 'zod';
import type { BoardEntry, BoardUnit, Completeness, Totals } from './completeness.js';
import type { RoundCountsRow, RoundRow } from './rounds.repository.js';
import type * as S from './rounds.schema.js';

export function presentRound(r: RoundRow): z.infer<typeof S.Round> {
  const p = parsePeriod(r.period);
  return {
    id: r.id,
    formId: r.form_id,
    formCode: r.form_code,
    formName: r.form_name,
    period: r.period,
    periodLabel: p ? periodLabel(p, 'vi') : r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    cutoffStart: r.cutoff_start,
    cutoffEnd: r.cutoff_end,
    deadline: r.deadline,
    status: r.status,
    note: r.note,
  };
}

export function presentCounts(c: RoundCountsRow): z.infer<typeof S.Counts> {
  return {
    assigned: c.assigned, notStarted: c.not_started, draft: c.draft, submitted: c.submitted, approved: c.approved,
    returned: c.returned, late: c.late, onTime: c.on_time,
  };
}

export const presentRoundWithCounts = (x: { round: RoundRow; counts: RoundCountsRow }): z.infer<typeof S.RoundWithCounts> => ({
  ...presentRound(x.round),
  counts: presentCounts(x.counts),
});

export const presentBoardUnit = (u: BoardUnit): z.infer<typeof S.BoardUnit> => ({
  id: u.id, code: u.code, name: u.name, type: u.type, sectorId: u.sectorId, sectorName: u.sectorName,
});

export const presentBoardEntry = (e: BoardEntry): z.infer<typeof S.BoardRowSchema> => ({
  orgUnit: presentBoardUnit(e.orgUnit),
  status: e.status,
  submissionId: e.submissionId,
  submittedAt: e.submittedAt,
  reviewedAt: e.reviewedAt,
  late: e.late,
  updatedAt: e.updatedAt,
});

export const presentTotals = (t: Totals): z.infer<typeof S.Totals> => ({
  assigned: t.assigned, submitted: t.submitted, onTime: t.onTime, late: t.late, completeness: t.completeness, timeliness: t.timeliness,
});

export const presentCompleteness = (round: RoundRow, c: Completeness): z.infer<typeof S.CompletenessSchema> => ({
  round: presentRound(round),
  total: presentTotals(c.total),
  byUnitType: c.byUnitType.map((g) => ({ key: g.key, label: g.label, ...presentTotals(g) })),
  bySector: c.bySector.map((g) => ({ key: g.key, label: g.label, sectorId: g.sectorId, ...presentTotals(g) })),
  lateUnits: c.lateUnits.map((l) => ({ orgUnit: presentBoardUnit(l.orgUnit), status: l.status, submittedAt: l.submittedAt, daysLate: l.daysLate })),
});
