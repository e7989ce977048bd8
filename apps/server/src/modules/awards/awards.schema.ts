/** Request and response schemas of the awards API (zod → validation and OpenAPI). */
import {
  AWARD_CATEGORIES, AWARD_SUBJECTS, CRITERION_KINDS, INITIATIVE_SCOPES, multilineText, NOMINATION_ACTIONS, NOMINATION_STATUSES, RATINGS, RECURRENCES, RULE_SOURCES,
} from '@nhip/contracts';
import { z } from 'zod';

import { DateISO as DateISOQuery } from '../org/org.schema.js';

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

// ───────────── eligibility ─────────────

const Year = z.coerce.number({ error: 'năm không hợp lệ' }).int('năm phải là số nguyên').min(2000, 'từ năm 2000').max(2200, 'đến năm 2200');
const QueryId = z.coerce.number({ error: 'mã số không hợp lệ' }).int('mã số không hợp lệ').positive('mã số không hợp lệ').max(2_147_483_647, 'mã số không hợp lệ');
const QueryUnit = z.string().min(1, 'không được để trống').max(50, 'tối đa 50 ký tự');
const QueryDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày không hợp lệ (cần dạng YYYY-MM-DD)');
export { QueryDate, QueryId, QueryUnit, Year };

export const EligibilityQuery = z.object({
  person: QueryId.optional(),
  /** A collective: its unit code. */
  unit: QueryUnit.optional(),
  title: AwardCode,
  year: Year,
  /** The decision date whose rules apply (default 31/12 of the year). */
  date: DateISOQuery.optional(),
});

export const CheckOut = z.object({
  rule: z.string(),
  passed: z.boolean(),
  evidence: z.string(),
  basis: z.string(),
  code: z.string(),
  kind: z.enum([...CRITERION_KINDS, 'rule_in_force']),
  severity: z.enum(['block', 'flag']),
  source: Source,
  conditional: z.boolean(),
  group: z.string().nullable(),
  option: z.string().nullable(),
  initiativeIds: z.array(z.number()),
});

export const SubjectOut = z.object({
  kind: z.enum(['person', 'unit']),
  personId: z.number().nullable(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  name: z.string(),
});

export const EligibilityOut = z.object({
  eligible: z.boolean(),
  /** Some passed check rests on a nomination of the same round not decided yet. */
  conditional: z.boolean(),
  date: z.string(),
  title: z.object({ code: z.string(), name: z.string() }),
  subject: SubjectOut,
  version: z.object({ id: z.number(), name: z.string(), validFrom: z.string(), validTo: z.string().nullable() }).nullable(),
  checks: z.array(CheckOut),
});

// ───────────── records ─────────────

const Ref = z.object({ id: z.number(), code: z.string(), name: z.string() });
const BodyId = z.number({ error: 'phải là mã số nguyên dương' }).int('phải là số nguyên').positive('phải là số dương').max(2_147_483_647, 'mã số quá lớn');
const BodyUnit = z.string({ error: 'phải là mã đơn vị dạng chuỗi' }).min(1, 'không được để trống').max(50, 'tối đa 50 ký tự');
const BodyYear = z.number({ error: 'phải là năm (số)' }).int('năm phải là số nguyên').min(1945, 'từ năm 1945').max(2200, 'đến năm 2200');
const OptText = (max: number) => z.string({ error: 'phải là chuỗi' }).max(max, `tối đa ${max} ký tự`).nullable().optional();
export { BodyId, BodyUnit, BodyYear, OptText, Ref };

export const RecordCreateBody = z.object({
  person: BodyId.optional(),
  /** A collective's award: its unit code (instead of person). */
  unit: BodyUnit.optional(),
  title: AwardCode,
  year: BodyYear,
  /** The decision number ("125/QĐ-SKHCN"). */
  decision: OptText(100),
  decisionDate: DateISOQuery.nullable().optional(),
  authority: OptText(200),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
});

export const RecordOut = z.object({
  id: z.number(),
  person: z.object({ id: z.number(), fullName: z.string(), gender: z.enum(['male', 'female']).nullable() }).nullable(),
  unit: Ref.nullable(),
  homeUnit: Ref.nullable(),
  title: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  decision: z.string().nullable(),
  decisionDate: z.string().nullable(),
  authority: z.string().nullable(),
  source: z.enum(['history', 'decision']),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const RecordQuery = z.object({
  person: QueryId.optional(),
  unit: QueryUnit.optional(),
  title: z.string().max(200, 'tối đa 200 ký tự').optional(),
  year: Year.optional(),
  yearFrom: Year.optional(),
  yearTo: Year.optional(),
  /** Words of a name, a title or a decision number, with or without diacritics. */
  q: z.string().max(200, 'tối đa 200 ký tự').optional(),
  source: z.enum(['history', 'decision'], { error: 'chỉ nhận history hoặc decision' }).optional(),
  page: z.coerce.number({ error: 'phải là số trang' }).int('phải là số nguyên').min(1, 'từ 1 trở lên').max(100_000, 'tối đa 100.000').default(1),
  pageSize: z.coerce.number({ error: 'phải là số dòng' }).int('phải là số nguyên').min(1, 'từ 1 trở lên').max(1000, 'tối đa 1.000').default(50),
});
export const RecordExportQuery = RecordQuery.omit({ page: true, pageSize: true });
export const RecordListOut = z.object({ total: z.number(), items: z.array(RecordOut) });

export const DryRunQuery = z.object({ dryRun: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional() });
const LineErrors = z.array(z.object({ line: z.number(), message: z.string() }));
export const RecordImportOut = z.object({ created: z.number(), existing: z.number(), errors: LineErrors, dryRun: z.boolean(), format: z.enum(['csv', 'xlsx']) });
export const RatingImportOut = z.object({ saved: z.number(), errors: LineErrors, dryRun: z.boolean(), format: z.enum(['csv', 'xlsx']) });

// ───────────── ratings ─────────────

export const RatingBody = z.object({
  person: BodyId.optional(),
  unit: BodyUnit.optional(),
  year: BodyYear,
  rating: z.enum(RATINGS, { error: `xếp loại là một trong ${RATINGS.join(', ')}` }),
  note: OptText(2000),
});
export const RatingOut = z.object({
  id: z.number(), person: z.object({ id: z.number(), fullName: z.string() }).nullable(), unit: Ref.nullable(), year: z.number(), rating: z.enum(RATINGS),
  ratingLabel: z.string(), note: z.string().nullable(), updatedAt: z.string(),
});
export const RatingQuery = z.object({ person: QueryId.optional(), unit: QueryUnit.optional(), year: Year.optional() });
export const RatingListOut = z.object({ items: z.array(RatingOut) });

// ───────────── initiatives ─────────────

export const InitiativeBody = z.object({
  person: BodyId,
  title: z.string({ error: 'bắt buộc, tên sáng kiến' }).min(1, 'không được để trống').max(500, 'tối đa 500 ký tự'),
  year: BodyYear,
  scope: z.enum(INITIATIVE_SCOPES, { error: 'phạm vi là co_so, tinh hoặc toan_quoc' }),
  coAuthors: z.array(BodyId).max(50, 'tối đa 50 đồng tác giả').optional(),
  recognisedBy: OptText(300),
  decisionNumber: OptText(100),
  unit: BodyUnit.nullable().optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
});
export const InitiativePatchBody = InitiativeBody.omit({ person: true, coAuthors: true }).partial().extend({
  /** All authors, the first author first. */
  authors: z.array(BodyId).min(1, 'cần ít nhất một tác giả').max(50, 'tối đa 50 tác giả').optional(),
});
export const InitiativeOut = z.object({
  id: z.number(), title: z.string(), year: z.number(), scope: z.enum(INITIATIVE_SCOPES), recognisedBy: z.string().nullable(), decisionNumber: z.string().nullable(),
  unit: Ref.nullable(), authors: z.array(z.object({ id: z.number(), fullName: z.string() })),
  usedBy: z.object({ nominationId: z.number().nullable(), recordId: z.number().nullable(), title: z.object({ code: z.string(), name: z.string() }), year: z.number(), who: z.string() }).nullable(),
  note: z.string().nullable(), createdAt: z.string(),
});
export const InitiativeQuery = z.object({ person: QueryId.optional(), year: Year.optional(), unused: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional() });
export const InitiativeListOut = z.object({ items: z.array(InitiativeOut) });

// ───────────── registrations ─────────────

export const RegistrationBody = z.object({
  unit: BodyUnit,
  year: BodyYear,
  collectiveTarget: AwardCode.nullable().optional(),
  targets: z.array(z.object({ person: BodyId, title: AwardCode })).max(2000, 'tối đa 2.000 dòng').optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
  /** The version read (omit for a first registration). */
  version: z.number({ error: 'phải là số phiên bản' }).int().min(1).max(2_147_483_647).optional(),
});
export const RegistrationOut = z.object({
  id: z.number(), unit: Ref, year: z.number(), collectiveTarget: z.string().nullable(), note: z.string().nullable(),
  targets: z.array(z.object({ personId: z.number(), fullName: z.string(), title: z.string() })), registeredAt: z.string(), updatedAt: z.string(), version: z.number(),
});
export const RegistrationQuery = z.object({ year: Year.optional(), unit: QueryUnit.optional() });
export const RegistrationListOut = z.object({ items: z.array(RegistrationOut) });

// ───────────── nominations ─────────────

const Claims = z.record(
  z.string().max(40, 'mã tiêu chí tối đa 40 ký tự'),
  multilineText({ error: 'phải là chuỗi' }).max(4000, 'tối đa 4.000 ký tự'),
  { error: 'claims là các cặp "mã tiêu chí": "nội dung"' },
);
export const NominationBody = z.object({
  person: BodyId.optional(),
  unit: BodyUnit.optional(),
  title: AwardCode,
  year: BodyYear,
  kind: z.enum(RECURRENCES, { error: `loại là một trong ${RECURRENCES.join(', ')}` }).optional(),
  /** The office only: the unit that proposes (default: the person's unit, or the collective itself). */
  proposingUnit: BodyUnit.nullable().optional(),
  achievements: multilineText({ error: 'phải là chuỗi' }).max(20_000, 'tối đa 20.000 ký tự').nullable().optional(),
  /** Statements for criteria that need one (thành tích, đề tài …), by criterion code. */
  claims: Claims.optional(),
  /** The initiatives to count (default: chosen by the rules). */
  initiatives: z.array(BodyId).max(20, 'tối đa 20 sáng kiến').nullable().optional(),
});
const Version = z.number({ error: 'bắt buộc, số phiên bản đã đọc' }).int('phải là số nguyên').min(1, 'từ 1 trở lên').max(2_147_483_647, 'quá lớn');
export const NominationPatchBody = z.object({
  version: Version,
  achievements: multilineText({ error: 'phải là chuỗi' }).max(20_000, 'tối đa 20.000 ký tự').nullable().optional(),
  claims: Claims.optional(),
  initiatives: z.array(BodyId).max(20, 'tối đa 20 sáng kiến').nullable().optional(),
});
export const TransitionBody = z.object({ version: Version, reason: multilineText({ error: 'phải là chuỗi' }).max(4000, 'tối đa 4.000 ký tự').nullable().optional() });
export const OverrideBody = z.object({ version: Version, reason: multilineText({ error: 'bắt buộc, lý do bằng văn bản' }).min(1, 'không được để trống').max(4000, 'tối đa 4.000 ký tự') });
export const TransitionParam = z.object({
  id: z.coerce.number({ error: 'mã số không hợp lệ' }).int().positive().max(2_147_483_647),
  action: z.enum(['return', 'resubmit', 'accept', 'reject', 'withdraw', 'approve'], { error: 'thao tác là return, resubmit, accept, reject, withdraw hoặc approve' }),
});
export const NominationQuery = z.object({
  year: Year.optional(),
  status: z.enum(NOMINATION_STATUSES, { error: `trạng thái là một trong ${NOMINATION_STATUSES.join(', ')}` }).optional(),
  title: z.string().max(30, 'tối đa 30 ký tự').optional(),
  proposingUnit: QueryUnit.optional(),
  person: QueryId.optional(),
  unit: QueryUnit.optional(),
});
export const NominationOut = z.object({
  id: z.number(),
  subject: SubjectOut,
  title: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  kind: z.enum(RECURRENCES),
  proposingUnit: Ref,
  status: z.enum(NOMINATION_STATUSES),
  statusReason: z.string().nullable(),
  achievements: z.string().nullable(),
  claims: z.record(z.string(), z.string()),
  eligible: z.boolean(),
  conditional: z.boolean(),
  evaluatedAt: z.string().nullable(),
  /** The rules' date and the checks stored with the nomination. */
  date: z.string().nullable(),
  checks: z.array(CheckOut),
  /** Registered for emulation at the start of the year (null: the title asks no registration). */
  registered: z.boolean().nullable(),
  override: z.object({ reason: z.string(), by: z.number().nullable(), at: z.string() }).nullable(),
  initiatives: z.array(InitiativeOut),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.record(z.enum(NOMINATION_ACTIONS), z.boolean()),
});
export const NominationListOut = z.object({ items: z.array(NominationOut) });

// ───────────── catalog edits ─────────────

const BasisKind = z.enum(['law', 'decree', 'circular', 'decision', 'provincial'], { error: 'loại văn bản là law, decree, circular, decision hoặc provincial' });
export const BasisBody = z.object({
  code: z.string({ error: 'bắt buộc, mã văn bản' }).min(2, 'tối thiểu 2 ký tự').max(40, 'tối đa 40 ký tự'),
  kind: BasisKind,
  number: z.string({ error: 'bắt buộc, số ký hiệu' }).min(1, 'không được để trống').max(100, 'tối đa 100 ký tự'),
  shortName: OptText(200),
  title: OptText(500),
  issuer: OptText(200),
  issuedOn: DateISOQuery.nullable().optional(),
  validFrom: DateISOQuery,
  validTo: DateISOQuery.nullable().optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
});
export const BasisPatchBody = BasisBody.partial();

const Fraction = z.object({
  num: z.number({ error: 'tử số là số nguyên dương' }).int('tử số là số nguyên').min(1, 'tử số từ 1').max(1000, 'tối đa 1.000'),
  den: z.number({ error: 'mẫu số là số nguyên dương' }).int('mẫu số là số nguyên').min(1, 'mẫu số từ 1').max(1000, 'tối đa 1.000'),
});
const Multiple = z.number({ error: 'hệ số là số' }).min(0, 'không âm').max(100, 'tối đa 100');
const NullableId = BodyId.nullable().optional();
export const VersionPatchBody = z.object({
  name: z.string().min(1, 'không được để trống').max(300, 'tối đa 300 ký tự').optional(),
  validTo: DateISOQuery.nullable().optional(),
  basisId: NullableId,
  article: OptText(200),
  vote: Fraction.extend({ basisId: NullableId, article: OptText(200), source: Source.optional() }).nullable().optional(),
  quorum: Fraction.extend({ source: Source.optional() }).nullable().optional(),
  reward: z.object({
    individual: Multiple.nullable().optional(), collective: Multiple.nullable().optional(), max: z.boolean().optional(), basisId: NullableId, article: OptText(200),
    source: Source.optional(),
  }).optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
  /** The department confirms this row's settings. */
  confirm: z.boolean().optional(),
});
export const NewVersionBody = VersionPatchBody.omit({ confirm: true }).extend({ validFrom: DateISOQuery });

export const CriterionBody = z.object({
  code: z.string({ error: 'bắt buộc, mã tiêu chí' }).min(1, 'không được để trống').max(40, 'tối đa 40 ký tự'),
  kind: z.enum(CRITERION_KINDS, { error: `loại tiêu chí là một trong ${CRITERION_KINDS.join(', ')}` }),
  appliesTo: z.enum(['individual', 'collective', 'any'], { error: 'áp dụng cho individual, collective hoặc any' }).optional(),
  label: z.string({ error: 'bắt buộc, nội dung tiêu chí' }).min(1, 'không được để trống').max(500, 'tối đa 500 ký tự'),
  params: z.record(z.string().max(40, 'tên tham số tối đa 40 ký tự'), z.unknown(), { error: 'params là đối tượng JSON' }).optional(),
  altGroup: z.string().max(40, 'tối đa 40 ký tự').nullable().optional(),
  altOption: z.string().max(40, 'tối đa 40 ký tự').nullable().optional(),
  severity: z.enum(['block', 'flag'], { error: 'mức độ là block (chặn) hoặc flag (đánh dấu)' }).optional(),
  basisId: NullableId,
  article: OptText(200),
  quote: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
  source: Source.optional(),
  validFrom: DateISOQuery.optional(),
  validTo: DateISOQuery.nullable().optional(),
  sort: z.number({ error: 'thứ tự là số nguyên' }).int('thứ tự là số nguyên').min(0, 'từ 0').max(100_000, 'tối đa 100.000').optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
});
export const CriterionPatchBody = CriterionBody.partial().extend({ confirm: z.boolean().optional() });

export const SalaryBody = z.object({
  amount: z.number({ error: 'mức lương là số đồng' }).int('mức lương là số nguyên').min(100_000, 'từ 100.000 đ').max(1_000_000_000, 'quá lớn'),
  validFrom: DateISOQuery,
  basisId: NullableId,
  article: OptText(200),
  source: Source.optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
});
export const CreatedOut = z.object({ id: z.number() });
