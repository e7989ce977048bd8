/** Shapes of the rounds and completeness endpoints (docs/api-plan.md, "Rounds and submissions"). */
import type { PeriodType, ReportKind, SubmissionStatus, UnitType } from '@nhip/contracts';

export type RoundCounts = {
  assigned: number;
  notStarted: number;
  draft: number;
  submitted: number;
  approved: number;
  returned: number;
  late: number;
  onTime: number;
};

export type Round = {
  id: number;
  formId: number;
  formCode: string;
  formName: string;
  period: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  cutoffStart: string;
  cutoffEnd: string;
  /** ISO timestamp. */
  deadline: string;
  status: 'open' | 'closed';
  note?: string | null;
  counts: RoundCounts;
};

export type MySubmission = { id: number; status: SubmissionStatus; submittedAt: string | null; late: boolean };

/** GET /api/my/rounds: the round's fields plus the unit's own submission. */
export type MyRound = Round & { submission: MySubmission | null };

export type BoardUnit = { id: number; code: string; name: string; type: UnitType; sectorId: number | null; sectorName: string | null };

export type BoardRow = {
  orgUnit: BoardUnit;
  status: SubmissionStatus;
  submissionId: number | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  late: boolean;
  updatedAt: string | null;
};

export type Board = { round: Round; rows: BoardRow[] };

export type CompletenessStats = {
  assigned: number;
  submitted: number;
  onTime: number;
  late: number;
  completeness: number;
  timeliness: number;
};

export type CompletenessGroup = CompletenessStats & { key: string; label: string };

export type LateUnit = { orgUnit: BoardUnit; status: SubmissionStatus; submittedAt: string | null; daysLate: number };

export type Completeness = {
  round: Round;
  total: CompletenessStats;
  byUnitType: CompletenessGroup[];
  bySector: CompletenessGroup[];
  lateUnits: LateUnit[];
};

export type FormSummary = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  periodType: PeriodType;
  kind: ReportKind;
  divisionId: number | null;
  divisionName: string | null;
  narrative: boolean;
  active: boolean;
  elementCount: number;
  unitCount: number;
};

export type Sector = { id: number; code: string; name: string; nameEn: string | null; divisionId: number | null; sort: number };

export type RoundDefaults = { cutoffStart: string; cutoffEnd: string; deadline: string };

export type Notification = { id: number; kind: string; title: string; body: string; link: string | null; createdAt: string; read: boolean };
