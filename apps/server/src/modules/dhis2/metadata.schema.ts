/**
 * The metadata file, object by object: what DHIS2 (and Nhịp's own export) may send, read leniently
 * (codes as ids; `"CODE"`, `{"code"}` or `{"id"}` for references; unknown fields ignored) and
 * normalised to NFC. A field left out keeps its stored value on update; null clears it.
 */
import { AGGREGATION_TYPES, multilineText, normalizeText, PERIOD_TYPES, UNIT_TYPES } from '@nhip/contracts';
import { z } from 'zod';

/** Nhịp's own field (DHIS2 has none): the desirable direction; absent → kept (new objects: 'higher'). */
const better = z.enum(['higher', 'lower'], { error: 'phải là higher (càng cao càng tốt) hoặc lower (càng thấp càng tốt)' }).optional();

const MSG = { str: 'phải là chuỗi ký tự', num: 'phải là số', bool: 'phải là true hoặc false', empty: 'không được để trống' };

/** `lines`: the text may span several lines (descriptions, expressions, instructions, notes). */
const text = (max: number, lines = false) =>
  (lines ? multilineText({ error: MSG.str }) : z.string({ error: MSG.str }))
    .transform(normalizeText)
    .pipe(z.string().max(max, `dài quá ${max} ký tự`));
const required = (max: number, lines = false) => text(max, lines).pipe(z.string().min(1, MSG.empty));
/** Optional text: absent → undefined (keep), null or '' → null (clear). */
const optional = (max: number, lines = false) =>
  text(max, lines)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const CODE = z
  .string({ error: MSG.str })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(1, MSG.empty)
      .max(100, 'dài quá 100 ký tự')
      .regex(/^[^\p{Cc}]+$/u, 'chứa ký tự điều khiển'),
  );

/** A reference to another object: "CODE", {"code": "CODE"} or {"id": "CODE"} (ids are codes in Nhịp). */
export const REF = z.union(
  [
    CODE,
    z.object({ code: CODE.optional(), id: CODE.optional() }).transform((o, ctx) => {
      const c = o.code ?? o.id;
      if (!c) ctx.addIssue({ code: 'custom', message: 'tham chiếu cần "code" hoặc "id"' });
      return c ?? '';
    }),
  ],
  { error: 'phải là mã (chuỗi) hoặc {"code": …}' },
);
const optRef = REF.nullable().optional();

const DATE = z
  .string({ error: MSG.str })
  .transform((s) => s.trim().slice(0, 10))
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'phải là ngày dạng YYYY-MM-DD',
  );
const num = z.number({ error: MSG.num }).refine(Number.isFinite, 'phải là số hữu hạn');
const bool = z.boolean({ error: MSG.bool });

const identity = { code: CODE.optional(), id: CODE.optional() };
/** The object's code: `code`, or DHIS2's `id` when it carries no code. */
export const codeOf = (o: { code?: string; id?: string }) => o.code ?? o.id;

export const SectorIn = z.object({
  ...identity,
  name: required(300).optional(),
  nameEn: optional(300),
  division: optRef,
  sort: z.number({ error: MSG.num }).int('phải là số nguyên').optional(),
});

const LINEAGE_KINDS = ['rename', 'merge', 'split', 'transfer'] as const;
export const OrgUnitIn = z.object({
  ...identity,
  name: required(300).optional(),
  shortName: optional(100),
  type: z.enum(UNIT_TYPES, { error: `phải là một trong: ${UNIT_TYPES.join(', ')}` }).optional(),
  parent: optRef,
  openingDate: DATE.optional(),
  closedDate: DATE.nullable().optional(),
  sector: optRef,
  address: optional(500),
  predecessors: z
    .array(
      z.union([z.object({ code: CODE, kind: z.enum(LINEAGE_KINDS, { error: `phải là một trong: ${LINEAGE_KINDS.join(', ')}` }) }), REF]),
    )
    .optional(),
});

/** DHIS2 value types Nhịp reads, with what they become (narrower integer types add a bound). */
export const VALUE_TYPE_MAP: Record<
  string,
  { type: 'INTEGER' | 'NUMBER' | 'PERCENTAGE' | 'BOOLEAN' | 'TEXT'; min?: number; max?: number }
> = {
  INTEGER: { type: 'INTEGER' },
  NUMBER: { type: 'NUMBER' },
  PERCENTAGE: { type: 'PERCENTAGE' },
  BOOLEAN: { type: 'BOOLEAN' },
  TEXT: { type: 'TEXT' },
  INTEGER_POSITIVE: { type: 'INTEGER', min: 1 },
  INTEGER_ZERO_OR_POSITIVE: { type: 'INTEGER', min: 0 },
  INTEGER_NEGATIVE: { type: 'INTEGER', max: -1 },
  TRUE_ONLY: { type: 'BOOLEAN' },
  LONG_TEXT: { type: 'TEXT' },
  UNIT_INTERVAL: { type: 'NUMBER', min: 0, max: 1 },
};
export const DataElementIn = z.object({
  ...identity,
  name: required(300).optional(),
  nameEn: optional(300),
  shortName: optional(100),
  description: optional(4000, true),
  uom: optional(50),
  valueType: z
    .string({ error: MSG.str })
    .refine((v) => v in VALUE_TYPE_MAP, `phải là một trong: ${Object.keys(VALUE_TYPE_MAP).join(', ')}`)
    .optional(),
  aggregationType: z.enum(AGGREGATION_TYPES, { error: `phải là một trong: ${AGGREGATION_TYPES.join(', ')}` }).optional(),
  reportLevel: z.number({ error: MSG.num }).int('phải là số nguyên').min(1).max(10).nullable().optional(),
  min: num.nullable().optional(),
  max: num.nullable().optional(),
  sector: optRef,
  division: optRef,
  better,
});

export const IndicatorIn = z.object({
  ...identity,
  name: required(300).optional(),
  nameEn: optional(300),
  numerator: required(4000, true).optional(),
  denominator: required(4000, true).optional(),
  factor: num.optional(),
  indicatorType: z.object({ factor: num.optional() }).optional(),
  decimals: z.number({ error: MSG.num }).int('phải là số nguyên').min(0).max(6).optional(),
  uom: optional(50),
  sector: optRef,
  description: optional(4000, true),
  better,
});

// The richer shape first: REF would also accept {code} and drop `required`.
const ElementEntry = z.union([z.object({ code: CODE, required: bool }), REF]);
export const DataSetIn = z.object({
  ...identity,
  name: required(300).optional(),
  nameEn: optional(300),
  periodType: z.enum(PERIOD_TYPES, { error: `phải là một trong: ${PERIOD_TYPES.join(', ')}` }).optional(),
  kind: z.enum(['administrative', 'statistical'], { error: 'phải là administrative hoặc statistical' }).optional(),
  division: optRef,
  narrative: bool.optional(),
  description: optional(4000, true),
  active: bool.optional(),
  dataElements: z.array(ElementEntry).optional(),
  /** DHIS2 shape: [{"dataElement": {"id": …}}] */
  dataSetElements: z.array(z.object({ dataElement: REF })).optional(),
  compulsoryDataElements: z.array(REF).optional(),
  sections: z
    .array(
      z.object({
        title: required(300).optional(),
        name: required(300).optional(),
        titleEn: optional(300),
        dataElements: z.array(ElementEntry),
      }),
    )
    .optional(),
  organisationUnits: z.array(REF).optional(),
});

export const OPERATOR_MAP: Record<string, 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'> = {
  equal_to: 'eq',
  not_equal_to: 'ne',
  greater_than: 'gt',
  greater_than_or_equal_to: 'ge',
  less_than: 'lt',
  less_than_or_equal_to: 'le',
};
const STRATEGIES = ['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP'] as const;
const Side = z.object({ expression: required(4000, true), description: optional(500, true), missingValueStrategy: z.enum(STRATEGIES).optional() });
export const ValidationRuleIn = z.object({
  ...identity,
  name: required(300).optional(),
  dataSet: optRef,
  leftSide: Side.optional(),
  rightSide: Side.optional(),
  operator: z
    .string({ error: MSG.str })
    .refine((v) => v in OPERATOR_MAP, `phải là một trong: ${Object.keys(OPERATOR_MAP).join(', ')}`)
    .optional(),
  importance: z.enum(['HIGH', 'MEDIUM', 'LOW'], { error: 'phải là HIGH, MEDIUM hoặc LOW' }).optional(),
  missingValueStrategy: z.enum(STRATEGIES, { error: `phải là một trong: ${STRATEGIES.join(', ')}` }).optional(),
  instruction: optional(1000, true),
  instructionEn: optional(1000, true),
  active: bool.optional(),
});

export const TargetIn = z.object({
  dataElement: REF.nullable().optional(),
  indicator: REF.nullable().optional(),
  orgUnit: REF,
  year: z.number({ error: MSG.num }).int('phải là số nguyên').min(1990, 'từ 1990').max(2200, 'đến 2200'),
  value: num,
  note: optional(1000, true),
});

export type SectorInput = z.infer<typeof SectorIn>;
export type OrgUnitInput = z.infer<typeof OrgUnitIn>;
export type DataElementInput = z.infer<typeof DataElementIn>;
export type IndicatorInput = z.infer<typeof IndicatorIn>;
export type DataSetInput = z.infer<typeof DataSetIn>;
export type ValidationRuleInput = z.infer<typeof ValidationRuleIn>;
export type TargetInput = z.infer<typeof TargetIn>;

/** The collections of a metadata file, in the order they are imported. */
export const COLLECTIONS = [
  'sectors',
  'organisationUnits',
  'dataElements',
  'indicators',
  'dataSets',
  'validationRules',
  'targets',
] as const;
export type Collection = (typeof COLLECTIONS)[number];
export const KLASS: Record<Collection, string> = {
  sectors: 'Sector',
  organisationUnits: 'OrganisationUnit',
  dataElements: 'DataElement',
  indicators: 'Indicator',
  dataSets: 'DataSet',
  validationRules: 'ValidationRule',
  targets: 'Target',
};
export const SCHEMAS = {
  sectors: SectorIn,
  organisationUnits: OrgUnitIn,
  dataElements: DataElementIn,
  indicators: IndicatorIn,
  dataSets: DataSetIn,
  validationRules: ValidationRuleIn,
  targets: TargetIn,
} as const;

/** The whole metadata file, for the text boundary to know its multi-line fields (each object is checked on its own). */
export const MetadataFileText = z.object(Object.fromEntries(COLLECTIONS.map((c) => [c, z.array(SCHEMAS[c])])));

/** zod issues of one object → one Vietnamese sentence. */
export const issuesText = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 4)
    .map((i) => `${i.path.map(String).join('.') || 'đối tượng'}: ${i.message}`)
    .join('; ');
