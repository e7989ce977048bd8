/** Request and response schemas of the catalog API (zod → validation and OpenAPI). */
import { AGGREGATION_TYPES, multilineText, OPERATORS, PERIOD_TYPES, VALUE_TYPES } from '@nhip/contracts';
import { z } from 'zod';

export const CODE_RE = /^[A-Za-z0-9_.-]{1,50}$/;
export const FORM_KINDS = ['administrative', 'statistical'] as const;
export const IMPORTANCES = ['error', 'warning'] as const;
export const BETTER_DIRECTIONS = ['higher', 'lower'] as const;
export const MISSING_VALUE_STRATEGIES = ['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP'] as const;

const MAX_INT = 2_147_483_647;
export const IdParam = z.object({ id: z.coerce.number({ error: 'mã số không hợp lệ' }).int().positive().max(MAX_INT) });
const Id = z.number({ error: 'phải là mã số nguyên dương' }).int().positive().max(MAX_INT);
const QueryId = z.coerce.number({ error: 'phải là mã số nguyên dương' }).int().positive().max(MAX_INT);
export const Code = z.string({ error: 'bắt buộc, dạng chuỗi' }).regex(CODE_RE, 'chỉ gồm chữ cái không dấu, chữ số, "_", "." hoặc "-", tối đa 50 ký tự');
const Name = z.string({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(300, 'tối đa 300 ký tự');
const OptText = (max: number) => z.string({ error: 'phải là chuỗi' }).max(max, `tối đa ${max} ký tự`).nullable().optional();
/** Text that may span lines (descriptions, notes, rule messages): tab and line breaks pass the text boundary. */
const OptLines = (max: number) => multilineText({ error: 'phải là chuỗi' }).max(max, `tối đa ${max} ký tự`).nullable().optional();
const Num = z.number({ error: 'phải là số' }).min(-1e15, 'số quá nhỏ').max(1e15, 'số quá lớn');
/** The desirable direction: 'higher' (càng cao càng tốt, default) or 'lower' (càng thấp càng tốt). */
const Better = z.enum(BETTER_DIRECTIONS, { error: 'chiều tốt phải là higher (càng cao càng tốt) hoặc lower (càng thấp càng tốt)' });
/** Open figures: shown on the public portal (/so-lieu), down to publicLevel (1 the province, 2 also one level down). */
const Public = z.boolean({ error: 'phải là true hoặc false' });
/** The sentence the summary report writes about the figure, with named slots ({value}, {uom} …); null or blank → the default. */
const SentencePattern = OptText(500);
const PublicLevel = z.number({ error: 'cấp công khai phải là 1 (toàn tỉnh) hoặc 2 (thêm một cấp đơn vị)' }).int().min(1, 'cấp công khai phải là 1 hoặc 2').max(2, 'cấp công khai phải là 1 hoặc 2');
/** An expression may be written over several lines. */
const Expression = multilineText({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(4000, 'tối đa 4000 ký tự');

// ── sectors ──
export const SectorOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), divisionId: z.number().nullable(),
  divisionName: z.string().nullable(), sort: z.number(),
});
const SectorFields = { code: Code, name: Name, nameEn: OptText(300), divisionId: Id.nullable().optional(), sort: z.number({ error: 'phải là số nguyên' }).int().min(-100000).max(100000).optional() };
export const SectorCreate = z.object(SectorFields);
export const SectorPatch = z.object(SectorFields).partial();

// ── data elements ──
export const DataElementOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), shortName: z.string().nullable(),
  description: z.string().nullable(), uom: z.string().nullable(), valueType: z.enum(VALUE_TYPES), aggregationType: z.enum(AGGREGATION_TYPES),
  reportLevel: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), sectorId: z.number().nullable(),
  sectorName: z.string().nullable(), divisionId: z.number().nullable(), better: z.enum(BETTER_DIRECTIONS), public: z.boolean(), publicLevel: z.number(),
  sentencePattern: z.string().nullable(),
});
const DataElementFields = {
  code: Code, name: Name, nameEn: OptText(300), shortName: OptText(100), description: OptLines(4000), uom: OptText(50),
  valueType: z.enum(VALUE_TYPES, { error: `kiểu dữ liệu phải là một trong ${VALUE_TYPES.join(', ')}` }),
  aggregationType: z.enum(AGGREGATION_TYPES, { error: `cách tổng hợp phải là một trong ${AGGREGATION_TYPES.join(', ')}` }).optional(),
  reportLevel: z.number({ error: 'phải là số nguyên 1–10' }).int().min(1).max(10).nullable().optional(),
  min: Num.nullable().optional(), max: Num.nullable().optional(), sectorId: Id.nullable().optional(), divisionId: Id.nullable().optional(),
  better: Better.optional(), public: Public.optional(), publicLevel: PublicLevel.optional(), sentencePattern: SentencePattern,
};
export const DataElementCreate = z.object(DataElementFields);
export const DataElementPatch = z.object(DataElementFields).partial();
export const DataElementQuery = z.object({ q: z.string().max(100, 'tối đa 100 ký tự').optional(), sectorId: QueryId.optional() });

// ── indicators ──
export const IndicatorOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), numerator: z.string(), denominator: z.string(),
  factor: z.number(), decimals: z.number(), uom: z.string().nullable(), sectorId: z.number().nullable(), sectorName: z.string().nullable(),
  description: z.string().nullable(), better: z.enum(BETTER_DIRECTIONS), public: z.boolean(), publicLevel: z.number(),
  sentencePattern: z.string().nullable(),
});
const IndicatorFields = {
  code: Code, name: Name, nameEn: OptText(300), numerator: Expression, denominator: Expression.optional(),
  factor: z.number({ error: 'hệ số phải là số' }).min(-1e12).max(1e12).optional(),
  decimals: z.number({ error: 'số chữ số thập phân phải là số nguyên 0–6' }).int().min(0).max(6).optional(),
  uom: OptText(50), sectorId: Id.nullable().optional(), description: OptLines(4000), better: Better.optional(),
  public: Public.optional(), publicLevel: PublicLevel.optional(), sentencePattern: SentencePattern,
};
export const IndicatorCreate = z.object(IndicatorFields);
export const IndicatorPatch = z.object(IndicatorFields).partial();
export const IndicatorQuery = z.object({ q: z.string().max(100, 'tối đa 100 ký tự').optional(), sectorId: QueryId.optional() });

// ── report forms ──
const FormElementOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), uom: z.string().nullable(), valueType: z.enum(VALUE_TYPES),
  aggregationType: z.enum(AGGREGATION_TYPES), min: z.number().nullable(), max: z.number().nullable(), required: z.boolean(), sectorId: z.number().nullable(),
});
export const FormSummaryOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), periodType: z.enum(PERIOD_TYPES), kind: z.enum(FORM_KINDS),
  divisionId: z.number().nullable(), divisionName: z.string().nullable(), narrative: z.boolean(), description: z.string().nullable(), active: z.boolean(),
  elementCount: z.number(), unitCount: z.number(),
});
export const FormDetailOut = FormSummaryOut.extend({
  sections: z.array(z.object({ id: z.number(), title: z.string(), titleEn: z.string().nullable(), sort: z.number(), elements: z.array(FormElementOut) })),
  unitIds: z.array(z.number()),
});
const FormFields = {
  code: Code, name: Name, nameEn: OptText(300),
  periodType: z.enum(PERIOD_TYPES, { error: `loại kỳ phải là một trong ${PERIOD_TYPES.join(', ')}` }),
  kind: z.enum(FORM_KINDS, { error: 'loại báo cáo phải là administrative (hành chính) hoặc statistical (thống kê)' }).optional(),
  divisionId: Id.nullable().optional(), narrative: z.boolean({ error: 'phải là true hoặc false' }).optional(), description: OptLines(4000),
  active: z.boolean({ error: 'phải là true hoặc false' }).optional(),
};
export const FormCreate = z.object(FormFields);
export const FormPatch = z.object(FormFields).partial();
export const FormQuery = z.object({ active: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional() });
export const FormStructureBody = z.object({
  sections: z
    .array(
      z.object({
        title: z.string({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(300, 'tối đa 300 ký tự'),
        titleEn: OptText(300),
        elements: z
          .array(z.object({ dataElementId: Id, required: z.boolean({ error: 'phải là true hoặc false' }).optional() }), { error: 'phải là danh sách' })
          .max(1000, 'tối đa 1000 chỉ tiêu mỗi phần'),
      }),
      { error: 'phải là danh sách' },
    )
    .max(100, 'tối đa 100 phần'),
});
export const FormUnitsBody = z.object({ orgUnitIds: z.array(Id, { error: 'phải là danh sách mã số đơn vị' }).max(20000, 'tối đa 20.000 đơn vị') });

// ── validation rules ──
export const RuleOut = z.object({
  id: z.number(), code: z.string(), name: z.string(), formId: z.number().nullable(), left: z.string(), operator: z.enum(OPERATORS),
  right: z.string(), importance: z.enum(IMPORTANCES), missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES), message: z.string(),
  messageEn: z.string().nullable(), active: z.boolean(),
});
const RuleFields = {
  code: Code, name: Name, formId: Id.nullable().optional(), left: Expression,
  operator: z.enum(OPERATORS, { error: `phép so sánh phải là một trong ${OPERATORS.join(', ')}` }), right: Expression,
  importance: z.enum(IMPORTANCES, { error: 'mức độ phải là error (lỗi) hoặc warning (cảnh báo)' }).optional(),
  missingValueStrategy: z.enum(MISSING_VALUE_STRATEGIES, { error: `cách xử lý thiếu số liệu phải là một trong ${MISSING_VALUE_STRATEGIES.join(', ')}` }).optional(),
  message: multilineText({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(1000, 'tối đa 1000 ký tự'),
  messageEn: OptLines(1000), active: z.boolean({ error: 'phải là true hoặc false' }).optional(),
};
export const RuleCreate = z.object(RuleFields);
export const RulePatch = z.object(RuleFields).partial();
export const RuleQuery = z.object({ formId: QueryId.optional() });

// ── targets ──
export const TargetOut = z.object({
  id: z.number(), dataElementId: z.number().nullable(), indicatorId: z.number().nullable(), code: z.string(), name: z.string(),
  orgUnitId: z.number(), orgUnitName: z.string(), year: z.number(), value: z.number(), note: z.string().nullable(),
});
const TargetFields = {
  dataElementId: Id.nullable().optional(), indicatorId: Id.nullable().optional(), orgUnitId: Id,
  year: z.number({ error: 'năm phải là số nguyên 1990–2200' }).int().min(1990, 'năm phải từ 1990').max(2200, 'năm phải đến 2200'),
  value: Num, note: OptLines(2000),
};
export const TargetCreate = z.object(TargetFields);
export const TargetPatch = z.object(TargetFields).partial();
export const TargetQuery = z.object({
  year: z.coerce.number({ error: 'năm phải là số nguyên' }).int().min(1990).max(2200).optional(), orgUnitId: QueryId.optional(),
  dataElementId: QueryId.optional(), indicatorId: QueryId.optional(),
});

export const Ok = z.object({ ok: z.boolean() });
