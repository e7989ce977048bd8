import { periodLabel } from '@nhip/contracts';
import type { z } from 'zod';
import type { CompareItem } from '../analytics/compare.service.js';
import type { DashboardUnitRow } from './dashboard.repository.js';
import type * as S from './dashboard.schema.js';
import type { Dashboard, DashboardFigure, RoundProgress } from './dashboard.service.js';

const ref = (u: DashboardUnitRow) => ({ code: u.code, name: u.name });

const comparison = (c: CompareItem['previous']) => ({
  pe: c.pe, peName: c.peName, value: c.value, basis: c.basis, ...(c.predecessors ? { predecessors: c.predecessors.map((p) => ({ code: p.code, name: p.name })) } : {}),
});

export const presentFigure = (f: DashboardFigure): z.infer<typeof S.Figure> => ({
  dx: f.dx,
  dxName: f.dxName,
  better: f.better,
  ou: f.ou,
  ouName: f.ouName,
  pe: f.pe,
  peName: f.peName,
  value: f.value,
  previous: comparison(f.previous),
  lastYear: comparison(f.lastYear),
  changePrevPct: f.changePrevPct,
  changeLastYearPct: f.changeLastYearPct,
  target: f.target && { year: f.target.year, value: f.target.value, periodValue: f.target.periodValue, proRata: f.target.proRata },
  achievementPct: f.achievementPct,
  achievement: f.achievement,
  uom: f.uom,
  decimals: f.decimals,
  kind: f.kind,
});

export const presentRoundProgress = (r: RoundProgress): z.infer<typeof S.RoundProgress> => ({
  roundId: r.roundId,
  formCode: r.formCode,
  formName: r.formName,
  period: r.period,
  periodName: r.periodName,
  deadline: r.deadline,
  expected: r.expected,
  submitted: r.submitted,
  approved: r.approved,
  late: r.late,
  submittedPct: r.submittedPct,
  approvedPct: r.approvedPct,
});

export const presentDashboard = (d: Dashboard): z.infer<typeof S.Dashboard> => ({
  period: { id: d.period.id, name: periodLabel(d.period, 'vi') },
  unit: {
    code: d.unit.code,
    name: d.unit.name,
    type: d.unit.type,
    level: d.unit.level,
    path: d.path.map(ref),
    children: d.children.map((c) => ({ ...ref(c), type: c.type })),
  },
  sectors: d.sectors.map((s) => ({ code: s.code, name: s.name, figures: s.figures.map(presentFigure) })),
  completeness: d.completeness.map(presentRoundProgress),
});
