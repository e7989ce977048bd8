/** SQL of report forms (with their structure and assigned units), validation rules and targets. */
import type { AggregationType, Operator, PeriodType, ValueType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type FormKind = 'administrative' | 'statistical';
export type Form = {
  id: number; code: string; name: string; nameEn: string | null; periodType: PeriodType; kind: FormKind; divisionId: number | null;
  divisionName: string | null; narrative: boolean; description: string | null; active: boolean; elementCount: number; unitCount: number;
};
export type FormWrite = {
  code: string; name: string; nameEn: string | null; periodType: PeriodType; kind: FormKind; divisionId: number | null; narrative: boolean;
  description: string | null; active: boolean;
};
export type SectionRow = { id: number; title: string; titleEn: string | null; sort: number };
export type FormElementRow = {
  sectionId: number; id: number; code: string; name: string; nameEn: string | null; uom: string | null; valueType: ValueType;
  aggregationType: AggregationType; min: number | null; max: number | null; required: boolean; sectorId: number | null;
};

export type Rule = {
  id: number; code: string; name: string; formId: number | null; left: string; operator: Operator; right: string; importance: 'error' | 'warning';
  missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP'; message: string; messageEn: string | null; active: boolean;
};
export type RuleWrite = Omit<Rule, 'id'>;

export type Target = {
  id: number; dataElementId: number | null; indicatorId: number | null; code: string; name: string; orgUnitId: number; orgUnitName: string;
  year: number; value: number; note: string | null;
};
export type TargetWrite = { dataElementId: number | null; indicatorId: number | null; orgUnitId: number; year: number; value: number; note: string | null };

const FORM = `f.id, f.code, f.name, f.name_en AS "nameEn", f.period_type AS "periodType", f.kind, f.division_id AS "divisionId",
  d.name AS "divisionName", f.narrative, f.description, f.active,
  (SELECT count(*)::int FROM form_elements fe WHERE fe.form_id = f.id) AS "elementCount",
  (SELECT count(*)::int FROM form_units fu WHERE fu.form_id = f.id) AS "unitCount"
  FROM report_forms f LEFT JOIN org_units d ON d.id = f.division_id`;
const RULE = `r.id, r.code, r.name, r.form_id AS "formId", r.left_expr AS "left", r.operator, r.right_expr AS "right", r.importance,
  r.missing_value_strategy AS "missingValueStrategy", r.message, r.message_en AS "messageEn", r.active FROM validation_rules r`;
const TARGET = `t.id, t.data_element_id AS "dataElementId", t.indicator_id AS "indicatorId", coalesce(e.code, i.code) AS code,
  coalesce(e.name, i.name) AS name, t.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", t.year, t.value, t.note
  FROM targets t JOIN org_units u ON u.id = t.org_unit_id LEFT JOIN data_elements e ON e.id = t.data_element_id
  LEFT JOIN indicators i ON i.id = t.indicator_id`;

export const formsRepo = {
  list: (db: Db, f: { active?: boolean }) =>
    db.query<Form>(`SELECT ${FORM} WHERE ($1::boolean IS NULL OR f.active = $1) ORDER BY f.code`, [f.active ?? null]),
  byId: (db: Db, id: number) => db.maybeOne<Form>(`SELECT ${FORM} WHERE f.id = $1`, [id]),
  byCode: (db: Db, code: string) => db.maybeOne<Form>(`SELECT ${FORM} WHERE f.code = $1`, [code]),
  hasRounds: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM reporting_rounds WHERE form_id = $1 LIMIT 1`, [id])) !== null,
  insert: async (db: Db, w: FormWrite) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO report_forms (code, name, name_en, period_type, kind, division_id, narrative, description, active)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [w.code, w.name, w.nameEn, w.periodType, w.kind, w.divisionId, w.narrative, w.description, w.active],
      )
    ).id,
  update: (db: Db, id: number, w: FormWrite) =>
    db.query(
      `UPDATE report_forms SET code = $2, name = $3, name_en = $4, period_type = $5, kind = $6, division_id = $7, narrative = $8,
         description = $9, active = $10 WHERE id = $1`,
      [id, w.code, w.name, w.nameEn, w.periodType, w.kind, w.divisionId, w.narrative, w.description, w.active],
    ),
  sections: (db: Db, formId: number) =>
    db.query<SectionRow>(`SELECT id, title, title_en AS "titleEn", sort FROM form_sections WHERE form_id = $1 ORDER BY sort, id`, [formId]),
  elements: (db: Db, formId: number) =>
    db.query<FormElementRow>(
      `SELECT fe.section_id AS "sectionId", e.id, e.code, e.name, e.name_en AS "nameEn", e.uom, e.value_type AS "valueType",
              e.aggregation_type AS "aggregationType", e.min_value AS "min", e.max_value AS "max", fe.required, e.sector_id AS "sectorId"
         FROM form_elements fe JOIN data_elements e ON e.id = fe.data_element_id
        WHERE fe.form_id = $1 ORDER BY fe.sort, e.code`,
      [formId],
    ),
  unitIds: async (db: Db, formId: number) =>
    (await db.query<{ id: number }>(`SELECT org_unit_id AS id FROM form_units WHERE form_id = $1 ORDER BY org_unit_id`, [formId])).map((r) => r.id),
  replaceStructure: async (db: Db, formId: number, sections: { title: string; titleEn: string | null; elements: { dataElementId: number; required: boolean }[] }[]) => {
    await db.query(`DELETE FROM form_sections WHERE form_id = $1`, [formId]);
    let sort = 0;
    for (const [i, s] of sections.entries()) {
      const { id } = await db.one<{ id: number }>(
        `INSERT INTO form_sections (form_id, title, title_en, sort) VALUES ($1,$2,$3,$4) RETURNING id`, [formId, s.title, s.titleEn, i + 1]);
      if (s.elements.length === 0) continue;
      await db.query(
        `INSERT INTO form_elements (form_id, section_id, data_element_id, sort, required)
         SELECT $1, $2, v.e, v.s, v.r FROM unnest($3::int[], $4::int[], $5::boolean[]) AS v(e, s, r)`,
        [formId, id, s.elements.map((e) => e.dataElementId), s.elements.map(() => ++sort), s.elements.map((e) => e.required)],
      );
    }
  },
  replaceUnits: async (db: Db, formId: number, unitIds: number[]) => {
    await db.query(`DELETE FROM form_units WHERE form_id = $1`, [formId]);
    if (unitIds.length) await db.query(`INSERT INTO form_units (form_id, org_unit_id) SELECT $1, unnest($2::int[])`, [formId, unitIds]);
  },
};

export const rulesRepo = {
  list: (db: Db, f: { formId?: number }) => db.query<Rule>(`SELECT ${RULE} WHERE ($1::int IS NULL OR r.form_id = $1) ORDER BY r.code`, [f.formId ?? null]),
  all: (db: Db) => db.query<Rule>(`SELECT ${RULE} ORDER BY r.code`),
  /** Active rules of the form, and active rules bound to no form. */
  candidatesForForm: (db: Db, formId: number) =>
    db.query<Rule>(`SELECT ${RULE} WHERE r.active AND (r.form_id = $1 OR r.form_id IS NULL) ORDER BY r.code`, [formId]),
  byId: (db: Db, id: number) => db.maybeOne<Rule>(`SELECT ${RULE} WHERE r.id = $1`, [id]),
  byCode: (db: Db, code: string) => db.maybeOne<Rule>(`SELECT ${RULE} WHERE r.code = $1`, [code]),
  insert: async (db: Db, w: RuleWrite) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO validation_rules (code, name, form_id, left_expr, operator, right_expr, importance, missing_value_strategy, message, message_en, active)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
        [w.code, w.name, w.formId, w.left, w.operator, w.right, w.importance, w.missingValueStrategy, w.message, w.messageEn, w.active],
      )
    ).id,
  update: (db: Db, id: number, w: RuleWrite) =>
    db.query(
      `UPDATE validation_rules SET code = $2, name = $3, form_id = $4, left_expr = $5, operator = $6, right_expr = $7, importance = $8,
         missing_value_strategy = $9, message = $10, message_en = $11, active = $12 WHERE id = $1`,
      [id, w.code, w.name, w.formId, w.left, w.operator, w.right, w.importance, w.missingValueStrategy, w.message, w.messageEn, w.active],
    ),
  delete: (db: Db, id: number) => db.query(`DELETE FROM validation_rules WHERE id = $1`, [id]),
};

export const targetsRepo = {
  list: (db: Db, f: { year?: number; orgUnitId?: number; dataElementId?: number; indicatorId?: number; unitIds: number[] | null }) =>
    db.query<Target>(
      `SELECT ${TARGET} WHERE ($1::int IS NULL OR t.year = $1) AND ($2::int IS NULL OR t.org_unit_id = $2)
          AND ($3::int IS NULL OR t.data_element_id = $3) AND ($4::int IS NULL OR t.indicator_id = $4)
          AND ($5::int[] IS NULL OR t.org_unit_id = ANY($5::int[]))
        ORDER BY t.year DESC, u.name, code`,
      [f.year ?? null, f.orgUnitId ?? null, f.dataElementId ?? null, f.indicatorId ?? null, f.unitIds],
    ),
  byId: (db: Db, id: number) => db.maybeOne<Target>(`SELECT ${TARGET} WHERE t.id = $1`, [id]),
  /** Another target for the same subject, unit and year. */
  duplicate: (db: Db, w: TargetWrite, selfId: number | null) =>
    db.maybeOne<{ id: number }>(
      `SELECT id FROM targets WHERE org_unit_id = $1 AND year = $2 AND ($3::int IS NULL OR id <> $3)
          AND (data_element_id = $4 OR indicator_id = $5)`,
      [w.orgUnitId, w.year, selfId, w.dataElementId, w.indicatorId],
    ),
  insert: async (db: Db, w: TargetWrite) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO targets (data_element_id, indicator_id, org_unit_id, year, value, note) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [w.dataElementId, w.indicatorId, w.orgUnitId, w.year, w.value, w.note],
      )
    ).id,
  update: (db: Db, id: number, w: TargetWrite) =>
    db.query(`UPDATE targets SET data_element_id = $2, indicator_id = $3, org_unit_id = $4, year = $5, value = $6, note = $7 WHERE id = $1`,
      [id, w.dataElementId, w.indicatorId, w.orgUnitId, w.year, w.value, w.note]),
  delete: (db: Db, id: number) => db.query(`DELETE FROM targets WHERE id = $1`, [id]),
};
