import { AGGREGATION_TYPES, multilineText, SUBMISSION_ACTIONS, SUBMISSION_STATUSES, VALUE_TYPES } from '@nhip/contracts';
import { z } from 'zod';
import { Round } from '../rounds/rounds.schema.js';

export const UnitParams = z.object({ roundId: z.coerce.number().int().positive().max(2_147_483_647), unitId: z.coerce.number().int().positive().max(2_147_483_647) });
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const Issue = z.object({
  kind: z.enum(['type', 'bounds', 'required', 'rule', 'outlier']),
  importance: z.enum(['error', 'warning']),
  dataElementCode: z.string().nullable(),
  ruleCode: z.string().optional(),
  message: z.string(),
  commented: z.boolean(),
  leftValue: z.number().nullable().optional(),
  rightValue: z.number().nullable().optional(),
});

export const ElementDef = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(),
  uom: z.string().nullable(), valueType: z.enum(VALUE_TYPES), aggregationType: z.enum(AGGREGATION_TYPES),
  min: z.number().nullable(), max: z.number().nullable(), required: z.boolean(), sectorId: z.number().nullable(),
});

export const RuleDef = z.object({
  id: z.number(), code: z.string(), name: z.string(), left: z.string(), operator: z.enum(['eq', 'ne', 'gt', 'ge', 'lt', 'le']),
  right: z.string(), importance: z.enum(['error', 'warning']), message: z.string(),
  missingValueStrategy: z.enum(['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP']).optional(),
});

export const Submission = z.object({
  id: z.number(),
  status: z.enum(SUBMISSION_STATUSES),
  version: z.number(),
  results: z.string(),
  difficulties: z.string(),
  proposals: z.string(),
  submittedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  reviewComment: z.string().nullable(),
  late: z.boolean(),
  updatedAt: z.date(),
});

export const Attachment = z.object({ id: z.number(), filename: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), createdAt: z.date() });

const Earlier = z.object({ period: z.string(), periodLabel: z.string(), status: z.enum(SUBMISSION_STATUSES).nullable(), values: z.record(z.string(), z.string()) });

export const Entry = z.object({
  round: Round,
  orgUnit: z.object({ id: z.number(), code: z.string(), name: z.string(), shortName: z.string().nullable(), type: z.string(), sectorId: z.number().nullable(), sectorName: z.string().nullable() }),
  form: z.object({
    id: z.number(), code: z.string(), name: z.string(), narrative: z.boolean(),
    sections: z.array(z.object({ id: z.number(), title: z.string(), titleEn: z.string().nullable(), elements: z.array(ElementDef) })),
  }),
  rules: z.array(RuleDef),
  submission: Submission.nullable(),
  values: z.record(z.string(), z.object({ value: z.string(), comment: z.string().nullable(), updatedAt: z.date() })),
  previous: Earlier.nullable(),
  lastYear: Earlier.nullable(),
  history: z.record(z.string(), z.array(z.number())),
  attachments: z.array(Attachment),
  issues: z.array(Issue),
  abilities: z.object(Object.fromEntries(SUBMISSION_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof SUBMISSION_ACTIONS)[number], z.ZodBoolean>),
});

const Narrative = multilineText().max(200_000, 'quá dài (tối đa 50.000 ký tự)');

export const SaveBody = z.object({
  version: z.number().int().min(0).max(2_147_483_647).optional(),
  values: z
    .array(
      z.object({
        code: z.string().min(1).max(100),
        // A TEXT data element is written in a text area.
        value: z.union([multilineText().max(60_000), z.number(), z.boolean(), z.null()]),
        comment: multilineText().max(10_000).nullable().optional(),
      }),
    )
    .max(5000)
    .optional(),
  results: Narrative.optional(),
  difficulties: Narrative.optional(),
  proposals: Narrative.optional(),
});

export const SaveResponse = z.object({ submission: Submission, issues: z.array(Issue), saved: z.number(), rejected: z.array(z.string()) });
export const TransitionResponse = z.object({ submission: Submission, issues: z.array(Issue) });

/** Comment of a review (required to return: the service says so in Vietnamese, after the authorization check). */
export const CommentBody = z.object({ comment: multilineText().max(10_000).optional() }).optional();
/** Reason of an unlock (required, checked by the service). */
export const ReasonBody = z.object({ reason: multilineText().max(10_000).optional() }).optional();

const Change = { at: z.date(), actorId: z.number().nullable(), actor: z.string().nullable() };
export const History = z.object({
  events: z.array(z.object({ id: z.number(), ...Change, action: z.string(), before: z.unknown(), after: z.unknown() })),
  values: z.record(z.string(), z.array(z.object({ ...Change, action: z.string(), previousValue: z.string().nullable(), value: z.string().nullable(), comment: z.string().nullable() }))),
});
