/** zod schemas of the DHIS2 dialect's requests and answers (they feed /api/openapi.json). */
import { z } from 'zod';

/** A DHIS2-style boolean query flag: true/false (also 1/0). */
export const Flag = z
  .enum(['true', 'false', '1', '0'], { error: 'phải là true hoặc false' })
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

const Many = z.union([z.string().max(200), z.array(z.string().max(200)).max(5000)]);

export const ListQuery = z.object({
  fields: z.string().max(2000).optional(),
  filter: Many.optional(),
  paging: Flag,
  page: z.coerce.number({ error: 'phải là số' }).int().min(1).optional(),
  pageSize: z.coerce.number({ error: 'phải là số' }).int().min(1).max(100_000).optional(),
});

export const ListAnswer = z
  .object({ pager: z.object({ page: z.number(), pageCount: z.number(), total: z.number(), pageSize: z.number() }).optional() })
  .catchall(z.unknown());

export const DryRunQuery = z.object({ dryRun: Flag });

const Stats = z.object({ created: z.number(), updated: z.number(), ignored: z.number(), total: z.number() });
export const MetadataReport = z.object({
  status: z.enum(['OK', 'ERROR']),
  dryRun: z.boolean(),
  stats: Stats,
  typeReports: z.array(z.object({ klass: z.string(), collection: z.string(), stats: Stats })),
  errors: z.array(z.object({ object: z.string(), klass: z.string(), message: z.string() })),
  error: z.string().optional(),
  message: z.string().optional(),
});

export const ImportQuery = z.object({
  dryRun: Flag,
  approve: Flag,
  atomic: Flag,
  format: z.enum(['json', 'csv'], { error: 'phải là json hoặc csv' }).optional(),
});

export const ImportSummary = z.object({
  responseType: z.literal('ImportSummary'),
  status: z.enum(['SUCCESS', 'WARNING', 'ERROR']),
  description: z.string(),
  importOptions: z.object({ dryRun: z.boolean(), approve: z.boolean(), atomic: z.boolean(), format: z.enum(['json', 'csv']) }),
  importCount: z.object({ imported: z.number(), updated: z.number(), ignored: z.number(), deleted: z.number() }),
  created: z.object({ rounds: z.number(), submissions: z.number() }),
  conflicts: z.array(z.object({ object: z.string(), value: z.string(), indexes: z.array(z.number()) })),
  error: z.string().optional(),
  message: z.string().optional(),
});

export const ExportQuery = z.object({
  dataSet: Many,
  period: Many,
  orgUnit: Many.optional(),
  children: Flag,
  format: z.enum(['json', 'csv'], { error: 'phải là json hoặc csv' }).optional(),
});
