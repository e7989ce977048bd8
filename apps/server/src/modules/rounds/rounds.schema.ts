import { multilineText, SUBMISSION_STATUSES, UNIT_TYPES } from '@nhip/contracts';
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'phải có dạng YYYY-MM-DD');

export const Round = z.object({
  id: z.number(),
  formId: z.number(),
  formCode: z.string(),
  formName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cutoffStart: z.string(),
  cutoffEnd: z.string(),
  deadline: z.date(),
  status: z.enum(['open', 'closed']),
  note: z.string().nullable(),
});

export const Counts = z.object({
  assigned: z.number(), notStarted: z.number(), draft: z.number(), submitted: z.number(), approved: z.number(),
  returned: z.number(), late: z.number(), onTime: z.number(),
});

export const RoundWithCounts = Round.extend({ counts: Counts });

export const RoundId = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const ListQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  formId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
});

export const DefaultsQuery = z.object({ formId: z.coerce.number().int().positive().max(2_147_483_647), period: z.string().min(1).max(20) });
export const Defaults = z.object({ cutoffStart: z.string(), cutoffEnd: z.string(), deadline: z.date() });

export const CreateBody = z.object({
  formId: z.number().int().positive().max(2_147_483_647),
  period: z.string().min(1).max(20),
  cutoffStart: IsoDate.optional(),
  cutoffEnd: IsoDate.optional(),
  deadline: z.string().min(10).max(40).optional(),
  note: multilineText().max(2000).nullable().optional(),
});

export const UpdateBody = z.object({
  cutoffStart: IsoDate.optional(),
  cutoffEnd: IsoDate.optional(),
  deadline: z.string().min(10).max(40).optional(),
  status: z.enum(['open', 'closed']).optional(),
  note: multilineText().max(2000).nullable().optional(),
});

export const MySubmission = z.object({ id: z.number(), status: z.enum(SUBMISSION_STATUSES), submittedAt: z.date().nullable(), late: z.boolean() });
export const MyRound = RoundWithCounts.extend({ submission: MySubmission.nullable(), late: z.boolean() });

export const BoardUnit = z.object({
  id: z.number(), code: z.string(), name: z.string(), type: z.string(), sectorId: z.number().nullable(), sectorName: z.string().nullable(),
});

export const BoardQuery = z.object({
  status: z.enum(SUBMISSION_STATUSES).optional(),
  sectorId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  unitType: z.enum(UNIT_TYPES).optional(),
  q: z.string().max(200).optional(),
  late: z.enum(['true', 'false']).optional(),
});

export const BoardRowSchema = z.object({
  orgUnit: BoardUnit,
  status: z.enum(SUBMISSION_STATUSES),
  submissionId: z.number().nullable(),
  submittedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  late: z.boolean(),
  updatedAt: z.date().nullable(),
});
export const Board = z.object({ round: RoundWithCounts, rows: z.array(BoardRowSchema) });

export const Totals = z.object({
  assigned: z.number(), submitted: z.number(), onTime: z.number(), late: z.number(), completeness: z.number(), timeliness: z.number(),
});
const Group = Totals.extend({ key: z.string(), label: z.string() });

export const CompletenessSchema = z.object({
  round: Round,
  total: Totals,
  byUnitType: z.array(Group),
  bySector: z.array(Group.extend({ sectorId: z.number().nullable() })),
  lateUnits: z.array(z.object({ orgUnit: BoardUnit, status: z.enum(SUBMISSION_STATUSES), submittedAt: z.date().nullable(), daysLate: z.number() })),
});

export const YearQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  formId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export const YearCompleteness = z.object({ year: z.number(), items: z.array(z.object({ round: Round, total: Totals })) });
