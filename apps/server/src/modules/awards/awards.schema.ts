/** Request and response schemas of the awards API (zod → validation and OpenAPI). */
import { AWARD_CATEGORIES, AWARD_SUBJECTS, CRITERION_KINDS, RECURRENCES, RULE_SOURCES } from '@nhip/contracts';
import { z } from 'zod';

export { DateISO, IdParam } from '../org/org.schema.js';

export const AwardCode = z.string({ error: 'bắt buộc, mã danh hiệu hoặc hình thức khen thưởng' }).min(1, 'không được để trống').max(30, 'tối đa 30 ký tự');
export const CodeParam = z.object({ code: AwardCode });

const Source = z.enum(RULE_SOURCES);

export const BasisOut = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(['law', 'decree', 'circular', 'decision', 'provincial']),
  number: z.string(),
  shortName: z.string(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
  /** "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022": the decision's "Căn cứ" line. */
  line: z.string(),
});

export const CriterionOut = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(CRITERION_KINDS),
  appliesTo: z.enum(['individual', 'collective', 'any']),
  label: z.string(),
  params: z.record(z.string(), z.unknown()),
  altGroup: z.string().nullable(),
  altOption: z.string().nullable(),
  severity: z.enum(['block', 'flag']),
  basisId: z.number().nullable(),
  article: z.string().nullable(),
  quote: z.string().nullable(),
  source: Source,
  /** The citation as the eligibility checks give it. */
  basis: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  sort: z.number(),
  note: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});

export const VersionOut = z.object({
  id: z.number(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  basisId: z.number().nullable(),
  article: z.string().nullable(),
  basis: z.string(),
  vote: z.object({ num: z.number(), den: z.number(), basisId: z.number().nullable(), article: z.string().nullable(), source: Source, basis: z.string() }).nullable(),
  quorum: z.object({ num: z.number(), den: z.number(), source: Source }).nullable(),
  reward: z.object({
    individual: z.number().nullable(), collective: z.number().nullable(), max: z.boolean(), basisId: z.number().nullable(), article: z.string().nullable(), source: Source,
    basis: z.string(),
  }),
  note: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  criteria: z.array(CriterionOut),
});

export const AuthorityOut = z.object({
  id: z.number(),
  unitTypes: z.array(z.string()).nullable(),
  level: z.enum(['department', 'commune', 'district', 'province', 'ministry']),
  authority: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  basis: z.string(),
  source: Source,
  note: z.string().nullable(),
});

export const AwardTypeOut = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(AWARD_CATEGORIES),
  subject: z.enum(AWARD_SUBJECTS),
  recurrences: z.array(z.enum(RECURRENCES)),
  sort: z.number(),
  active: z.boolean(),
  /** The version in force on the date asked for (default today), or null. */
  current: z.number().nullable(),
  versions: z.array(VersionOut),
  authorities: z.array(AuthorityOut),
});

export const CatalogQuery = z.object({
  /** The date whose rows are marked current (default today). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày không hợp lệ (cần dạng YYYY-MM-DD)').optional(),
});

export const AwardTypeListOut = z.object({ items: z.array(AwardTypeOut) });
export const BasisListOut = z.object({ items: z.array(BasisOut) });
export const SalaryOut = z.object({
  id: z.number(), amount: z.number(), validFrom: z.string(), validTo: z.string().nullable(), basis: z.string(), source: Source, note: z.string().nullable(),
});
export const SalaryListOut = z.object({ items: z.array(SalaryOut) });
