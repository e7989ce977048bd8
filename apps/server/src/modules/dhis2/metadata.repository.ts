/** SQL of the metadata exchange: read the whole configuration by code, and write it back by code. */
import type { Db } from '../../platform/db/index.js';
import type { Config, ElementRec, FormRec, IndicatorRec, Kind, RuleRec, SectorRec, TargetRec, UnitRec } from './metadata.model.js';

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const idOf = (table: string, param: string) => `(SELECT id FROM ${table} WHERE code = ${param})`;

export const metadataRepo = {
  async loadAll(db: Db): Promise<Config> {
    // One after the other: inside a transaction the queries share one connection.
    const sectors = await db.query<SectorRec>(`SELECT s.code, s.name, s.name_en AS "nameEn", d.code AS division, s.sort
                             FROM sectors s LEFT JOIN org_units d ON d.id = s.division_id ORDER BY s.sort, s.code`);
    const units = await db.query<Omit<UnitRec, 'predecessors'> & { level: number; id: number }>(
      `SELECT o.id, o.code, o.name, o.short_name AS "shortName", o.type, p.code AS parent, o.valid_from AS "openingDate",
                o.valid_to AS "closedDate", s.code AS sector, o.address, o.level
           FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id LEFT JOIN sectors s ON s.id = o.sector_id
          ORDER BY o.level, o.code`,
    );
    const lineage = await db.query<{ unit: string; code: string; kind: Kind }>(
      `SELECT u.code AS unit, p.code, l.kind FROM org_unit_lineage l JOIN org_units u ON u.id = l.unit_id
           JOIN org_units p ON p.id = l.predecessor_id ORDER BY u.code, p.code`,
    );
    const elements = await db.query<ElementRec>(
      `SELECT e.code, e.name, e.name_en AS "nameEn", e.short_name AS "shortName", e.description, e.uom, e.value_type AS "valueType",
                e.aggregation_type AS "aggregationType", e.report_level AS "reportLevel", e.min_value AS min, e.max_value AS max,
                s.code AS sector, d.code AS division, e.better
           FROM data_elements e LEFT JOIN sectors s ON s.id = e.sector_id LEFT JOIN org_units d ON d.id = e.division_id ORDER BY e.code`,
    );
    const indicators = await db.query<IndicatorRec>(
      `SELECT i.code, i.name, i.name_en AS "nameEn", i.numerator, i.denominator, i.factor, i.decimals, i.uom, s.code AS sector, i.description, i.better
           FROM indicators i LEFT JOIN sectors s ON s.id = i.sector_id ORDER BY i.code`,
    );
    const forms = await db.query<Omit<FormRec, 'sections' | 'units'> & { id: number }>(
      `SELECT f.id, f.code, f.name, f.name_en AS "nameEn", f.period_type AS "periodType", f.kind, d.code AS division, f.narrative,
                f.description, f.active
           FROM report_forms f LEFT JOIN org_units d ON d.id = f.division_id ORDER BY f.code`,
    );
    const sections = await db.query<{ id: number; form_id: number; title: string; title_en: string | null }>(
      'SELECT id, form_id, title, title_en FROM form_sections ORDER BY form_id, sort, id',
    );
    const fe = await db.query<{ section_id: number; code: string; required: boolean }>(
      `SELECT fe.section_id, e.code, fe.required FROM form_elements fe JOIN data_elements e ON e.id = fe.data_element_id
          ORDER BY fe.section_id, fe.sort, e.code`,
    );
    const fu = await db.query<{ form_id: number; code: string }>(
      'SELECT fu.form_id, o.code FROM form_units fu JOIN org_units o ON o.id = fu.org_unit_id ORDER BY o.code',
    );
    const rules = await db.query<RuleRec>(
      `SELECT r.code, r.name, f.code AS "dataSet", r.left_expr AS left, r.operator, r.right_expr AS right, r.importance,
                r.missing_value_strategy AS "missingValueStrategy", r.message, r.message_en AS "messageEn", r.active
           FROM validation_rules r LEFT JOIN report_forms f ON f.id = r.form_id ORDER BY r.code`,
    );
    const targets = await db.query<TargetRec>(
      `SELECT e.code AS "dataElement", i.code AS indicator, o.code AS "orgUnit", t.year, t.value, t.note
           FROM targets t LEFT JOIN data_elements e ON e.id = t.data_element_id LEFT JOIN indicators i ON i.id = t.indicator_id
           JOIN org_units o ON o.id = t.org_unit_id
          ORDER BY t.year, o.code, coalesce(e.code, i.code)`,
    );
    // Order is settled here, not by the database collation, so exports are identical everywhere.
    const byCode = <T extends { code: string }>(a: T, b: T) => cmp(a.code, b.code);
    sectors.sort((a, b) => a.sort - b.sort || byCode(a, b));
    units.sort((a, b) => a.level - b.level || byCode(a, b));
    lineage.sort((a, b) => cmp(a.unit, b.unit) || byCode(a, b));
    elements.sort(byCode);
    indicators.sort(byCode);
    forms.sort(byCode);
    fu.sort(byCode);
    rules.sort(byCode);
    targets.sort(
      (a, b) => a.year - b.year || cmp(a.orgUnit, b.orgUnit) || cmp(a.dataElement ?? a.indicator ?? '', b.dataElement ?? b.indicator ?? ''),
    );
    const preds = new Map<string, { code: string; kind: Kind }[]>();
    for (const l of lineage) {
      const list = preds.get(l.unit) ?? [];
      list.push({ code: l.code, kind: l.kind });
      preds.set(l.unit, list);
    }
    const bySection = new Map<number, { code: string; required: boolean }[]>();
    for (const e of fe) {
      const list = bySection.get(e.section_id) ?? [];
      list.push({ code: e.code, required: e.required });
      bySection.set(e.section_id, list);
    }
    return {
      sectors,
      units: units.map(({ id: _id, ...u }) => ({ ...u, predecessors: preds.get(u.code) ?? [] })),
      elements,
      indicators,
      forms: forms.map(({ id, ...f }) => ({
        ...f,
        sections: sections
          .filter((s) => s.form_id === id)
          .map((s) => ({ title: s.title, titleEn: s.title_en, elements: bySection.get(s.id) ?? [] })),
        units: fu.filter((u) => u.form_id === id).map((u) => u.code),
      })),
      rules,
      targets,
    };
  },

  unitCodeById: async (db: Db, id: number) =>
    (await db.maybeOne<{ code: string }>('SELECT code FROM org_units WHERE id = $1', [id]))?.code ?? null,

  upsertSector: (db: Db, s: SectorRec) =>
    db.query(
      `INSERT INTO sectors (code, name, name_en, sort) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, sort = EXCLUDED.sort`,
      [s.code, s.name, s.nameEn, s.sort],
    ),
  setSectorDivision: (db: Db, code: string, division: string | null) =>
    db.query(`UPDATE sectors SET division_id = ${idOf('org_units', '$2')} WHERE code = $1`, [code, division]),

  /** Inserts or updates a unit; its parent is set afterwards (it may come later in the file). */
  upsertUnit: (db: Db, u: UnitRec, now: Date) =>
    db.query(
      `INSERT INTO org_units (code, name, short_name, type, valid_from, valid_to, sector_id, address, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, ${idOf('sectors', '$7')}, $8, $9)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, type = EXCLUDED.type,
         valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, sector_id = EXCLUDED.sector_id, address = EXCLUDED.address,
         updated_at = EXCLUDED.updated_at`,
      [u.code, u.name, u.shortName, u.type, u.openingDate, u.closedDate, u.sector, u.address, now],
    ),
  setUnitParent: (db: Db, code: string, parent: string | null) =>
    db.query(
      `UPDATE org_units SET parent_id = ${idOf('org_units', '$2')} WHERE code = $1 AND parent_id IS DISTINCT FROM ${idOf('org_units', '$2')}`,
      [code, parent],
    ),
  replaceLineage: async (db: Db, code: string, preds: { code: string; kind: Kind }[]) => {
    await db.query(`DELETE FROM org_unit_lineage WHERE unit_id = ${idOf('org_units', '$1')}`, [code]);
    if (preds.length)
      await db.query(
        `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind)
         SELECT ${idOf('org_units', '$1')}, o.id, p.kind FROM unnest($2::text[], $3::text[]) AS p(code, kind) JOIN org_units o ON o.code = p.code`,
        [code, preds.map((p) => p.code), preds.map((p) => p.kind)],
      );
  },
  /** Recomputes every unit's level and materialised path ('/1/5/12/') from the parent links. */
  recomputeTree: (db: Db) =>
    db.query(
      `WITH RECURSIVE t AS (
         SELECT id, 1 AS level, '/' || id || '/' AS path FROM org_units WHERE parent_id IS NULL
         UNION ALL
         SELECT c.id, t.level + 1, t.path || c.id || '/' FROM org_units c JOIN t ON c.parent_id = t.id
       )
       UPDATE org_units o SET level = t.level, path = t.path FROM t WHERE o.id = t.id AND (o.level <> t.level OR o.path <> t.path)`,
    ),

  upsertElement: (db: Db, e: ElementRec) =>
    db.query(
      `INSERT INTO data_elements (code, name, name_en, short_name, description, uom, value_type, aggregation_type, report_level, min_value, max_value, sector_id, division_id, better)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${idOf('sectors', '$12')}, ${idOf('org_units', '$13')}, $14)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, short_name = EXCLUDED.short_name,
         description = EXCLUDED.description, uom = EXCLUDED.uom, value_type = EXCLUDED.value_type, aggregation_type = EXCLUDED.aggregation_type,
         report_level = EXCLUDED.report_level, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
         sector_id = EXCLUDED.sector_id, division_id = EXCLUDED.division_id, better = EXCLUDED.better`,
      [
        e.code,
        e.name,
        e.nameEn,
        e.shortName,
        e.description,
        e.uom,
        e.valueType,
        e.aggregationType,
        e.reportLevel,
        e.min,
        e.max,
        e.sector,
        e.division,
        e.better,
      ],
    ),
  elementHasValues: async (db: Db, code: string) =>
    !!(await db.maybeOne(`SELECT 1 FROM data_values WHERE data_element_id = ${idOf('data_elements', '$1')} LIMIT 1`, [code])),

  upsertIndicator: (db: Db, i: IndicatorRec) =>
    db.query(
      `INSERT INTO indicators (code, name, name_en, numerator, denominator, factor, decimals, uom, sector_id, description, better)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${idOf('sectors', '$9')}, $10, $11)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, numerator = EXCLUDED.numerator,
         denominator = EXCLUDED.denominator, factor = EXCLUDED.factor, decimals = EXCLUDED.decimals, uom = EXCLUDED.uom,
         sector_id = EXCLUDED.sector_id, description = EXCLUDED.description, better = EXCLUDED.better`,
      [i.code, i.name, i.nameEn, i.numerator, i.denominator, i.factor, i.decimals, i.uom, i.sector, i.description, i.better],
    ),

  upsertForm: async (db: Db, f: FormRec) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO report_forms (code, name, name_en, period_type, kind, division_id, narrative, description, active)
         VALUES ($1, $2, $3, $4, $5, ${idOf('org_units', '$6')}, $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, period_type = EXCLUDED.period_type,
           kind = EXCLUDED.kind, division_id = EXCLUDED.division_id, narrative = EXCLUDED.narrative, description = EXCLUDED.description,
           active = EXCLUDED.active
         RETURNING id`,
        [f.code, f.name, f.nameEn, f.periodType, f.kind, f.division, f.narrative, f.description, f.active],
      )
    ).id,
  formHasRounds: async (db: Db, code: string) =>
    !!(await db.maybeOne(`SELECT 1 FROM reporting_rounds WHERE form_id = ${idOf('report_forms', '$1')} LIMIT 1`, [code])),
  /** Replaces the form's sections and their elements (sections and order as given). */
  replaceStructure: async (db: Db, formId: number, sections: FormRec['sections']) => {
    await db.query('DELETE FROM form_sections WHERE form_id = $1', [formId]);
    let sort = 0;
    for (const [i, s] of sections.entries()) {
      const { id } = await db.one<{ id: number }>(
        'INSERT INTO form_sections (form_id, title, title_en, sort) VALUES ($1, $2, $3, $4) RETURNING id',
        [formId, s.title, s.titleEn, i + 1],
      );
      if (!s.elements.length) continue;
      const sorts = s.elements.map(() => ++sort);
      await db.query(
        `INSERT INTO form_elements (form_id, section_id, data_element_id, sort, required)
         SELECT $1, $2, e.id, x.sort, x.required FROM unnest($3::text[], $4::int[], $5::boolean[]) AS x(code, sort, required)
           JOIN data_elements e ON e.code = x.code`,
        [formId, id, s.elements.map((e) => e.code), sorts, s.elements.map((e) => e.required)],
      );
    }
  },
  replaceFormUnits: async (db: Db, formId: number, units: string[]) => {
    await db.query('DELETE FROM form_units WHERE form_id = $1', [formId]);
    if (units.length)
      await db.query('INSERT INTO form_units (form_id, org_unit_id) SELECT $1, o.id FROM org_units o WHERE o.code = ANY($2::text[])', [
        formId,
        units,
      ]);
  },

  upsertRule: (db: Db, r: RuleRec) =>
    db.query(
      `INSERT INTO validation_rules (code, name, form_id, left_expr, operator, right_expr, importance, missing_value_strategy, message, message_en, active)
       VALUES ($1, $2, ${idOf('report_forms', '$3')}, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, form_id = EXCLUDED.form_id, left_expr = EXCLUDED.left_expr,
         operator = EXCLUDED.operator, right_expr = EXCLUDED.right_expr, importance = EXCLUDED.importance,
         missing_value_strategy = EXCLUDED.missing_value_strategy, message = EXCLUDED.message, message_en = EXCLUDED.message_en, active = EXCLUDED.active`,
      [r.code, r.name, r.dataSet, r.left, r.operator, r.right, r.importance, r.missingValueStrategy, r.message, r.messageEn, r.active],
    ),

  /** Targets have no code: they are keyed by (element or indicator, unit, year). */
  upsertTarget: async (db: Db, t: TargetRec) => {
    const params = [t.dataElement ?? t.indicator, t.orgUnit, t.year, t.value, t.note];
    const col = t.dataElement ? 'data_element_id' : 'indicator_id';
    const ref = t.dataElement ? idOf('data_elements', '$1') : idOf('indicators', '$1');
    const updated = await db.query(
      `UPDATE targets SET value = $4, note = $5 WHERE ${col} = ${ref} AND org_unit_id = ${idOf('org_units', '$2')} AND year = $3 RETURNING id`,
      params,
    );
    if (!updated.length)
      await db.query(
        `INSERT INTO targets (${col}, org_unit_id, year, value, note) VALUES (${ref}, ${idOf('org_units', '$2')}, $3, $4, $5)`,
        params,
      );
  },
};
