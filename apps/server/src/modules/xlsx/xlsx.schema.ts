import { z } from 'zod';
import { Issue } from '../submissions/submissions.schema.js';

export { UnitParams } from '../submissions/submissions.schema.js';

export const ImportQuery = z.object({
  /** Default true: a preview unless the caller says otherwise. */
  dryRun: z.enum(['true', 'false']).default('true'),
  /** The report version the preview was made against; a later save by someone else → 409. */
  version: z.coerce.number().int().min(0).optional(),
});

export const ImportValue = z.object({
  code: z.string(),
  name: z.string(),
  value: z.string().nullable(),
  previous: z.string().nullable(),
  comment: z.string().nullable(),
  saved: z.string().nullable(),
  changed: z.boolean(),
  cell: z.string().nullable(),
});

export const ImportResult = z.object({
  values: z.array(ImportValue),
  narrative: z.object({ results: z.string(), difficulties: z.string(), proposals: z.string() }),
  narrativeChanged: z.array(z.enum(['results', 'difficulties', 'proposals'])),
  issues: z.array(Issue),
  errors: z.array(z.object({ cell: z.string(), message: z.string() })),
  applied: z.boolean(),
  changes: z.number(),
  version: z.number().nullable(),
  message: z.string(),
});
