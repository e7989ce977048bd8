/** SQL of sectors, data elements and indicators. Records come back camelCased. */
import type { AggregationType, ValueType } from '@nhip/contracts';

/** The desirable direction of a figure: more is better ('higher', the default) or less is better ('lower'). */
export type Better = 'higher' | 'lower';
import type { Db } from '../../platform/db/index.js';

export type Sector = { id: number; code: string; name: string; nameEn: string | null; divisionId: number | null; divisionName: string | null; sort: number };
export type SectorWrite = { code: string; name: string; nameEn: string | null; divisionId: number | null; sort: number };

export type DataElement = {
  id: number; code: string; name: string; nameEn: string | null; shortName: string | null; description: string | null; uom: string | null;
  valueType: ValueType; aggregationType: AggregationType; reportLevel: number | null; min: number | null; max: number | null;
  sectorId: number | null; sectorName: string | null; divisionId: number | null; better: Better;
  /** Shown on the public portal's open figures (/so-lieu), down to `publicLevel` (1 province, 2 one level down). */
  public: boolean; publicLevel: number;
  /** The sentence the summary report writes about it (reports/figure-sentences.ts); null → the default of its kind. */
  sentencePattern: string | null;
};
export type DataElementWrite = Omit<DataElement, 'id' | 'sectorName'>;

export type Indicator = {
  id: number; code: string; name: string; nameEn: string | null; numerator: string; denominator: string; factor: number; decimals: number;
  uom: string | null; sectorId: number | null; sectorName: string | null; description: string | null; better: Better;
  public: boolean; publicLevel: number; sentencePattern: string | null;
};
export type IndicatorWrite = Omit<Indicator, 'id' | 'sectorName'>;

const SECTOR = `s.id, s.code, s.name, s.name_en AS "nameEn", s.division_id AS "divisionId", d.name AS "divisionName", s.sort
  FROM sectors s LEFT JOIN org_units d ON d.id = s.division_id`;
const ELEMENT = `e.id, e.code, e.name, e.name_en AS "nameEn", e.short_name AS "shortName", e.description, e.uom, e.value_type AS "valueType",
  e.aggregation_type AS "aggregationType", e.report_level AS "reportLevel", e.min_value AS "min", e.max_value AS "max",
  e.sector_id AS "sectorId", s.name AS "sectorName", e.division_id AS "divisionId", e.better, e.public, e.public_level AS "publicLevel",
  e.sentence_pattern AS "sentencePattern"
  FROM data_elements e LEFT JOIN sectors s ON s.id = e.sector_id`;
const INDICATOR = `i.id, i.code, i.name, i.name_en AS "nameEn", i.numerator, i.denominator, i.factor, i.decimals, i.uom,
  i.sector_id AS "sectorId", s.name AS "sectorName", i.description, i.better, i.public, i.public_level AS "publicLevel",
  i.sentence_pattern AS "sentencePattern"
  FROM indicators i LEFT JOIN sectors s ON s.id = i.sector_id`;

const SEARCH = (alias: string) =>
  `($1::text IS NULL OR vn_fold(${alias}.code || ' ' || ${alias}.name || ' ' || coalesce(${alias}.name_en, '')) LIKE '%' || vn_fold($1) || '%')`;

export const sectorsRepo = {
  list: (db: Db) => db.query<Sector>(`SELECT ${SECTOR} ORDER BY s.sort, s.name, s.id`),
  byId: (db: Db, id: number) => db.maybeOne<Sector>(`SELECT ${SECTOR} WHERE s.id = $1`, [id]),
  byCode: (db: Db, code: string) => db.maybeOne<Sector>(`SELECT ${SECTOR} WHERE s.code = $1`, [code]),
  insert: async (db: Db, w: SectorWrite) =>
    (await db.one<{ id: number }>(`INSERT INTO sectors (code, name, name_en, division_id, sort) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [w.code, w.name, w.nameEn, w.divisionId, w.sort])).id,
  update: (db: Db, id: number, w: SectorWrite) =>
    db.query(`UPDATE sectors SET code = $2, name = $3, name_en = $4, division_id = $5, sort = $6 WHERE id = $1`,
      [id, w.code, w.name, w.nameEn, w.divisionId, w.sort]),
};

export const elementsRepo = {
  list: (db: Db, f: { q?: string; sectorId?: number }) =>
    db.query<DataElement>(
      `SELECT ${ELEMENT} WHERE ${SEARCH('e')} AND ($2::int IS NULL OR e.sector_id = $2) ORDER BY e.code`,
      [f.q ?? null, f.sectorId ?? null],
    ),
  byId: (db: Db, id: number) => db.maybeOne<DataElement>(`SELECT ${ELEMENT} WHERE e.id = $1`, [id]),
  byCode: (db: Db, code: string) => db.maybeOne<DataElement>(`SELECT ${ELEMENT} WHERE e.code = $1`, [code]),
  byIds: (db: Db, ids: number[]) => db.query<DataElement>(`SELECT ${ELEMENT} WHERE e.id = ANY($1::int[])`, [ids]),
  /** Which of these codes exist. */
  existingCodes: async (db: Db, codes: string[]): Promise<Set<string>> =>
    new Set((await db.query<{ code: string }>(`SELECT code FROM data_elements WHERE code = ANY($1::text[])`, [codes])).map((r) => r.code)),
  hasValues: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM data_values WHERE data_element_id = $1 LIMIT 1`, [id])) !== null,
  insert: async (db: Db, w: DataElementWrite) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO data_elements (code, name, name_en, short_name, description, uom, value_type, aggregation_type, report_level,
           min_value, max_value, sector_id, division_id, better, public, public_level, sentence_pattern)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
        [w.code, w.name, w.nameEn, w.shortName, w.description, w.uom, w.valueType, w.aggregationType, w.reportLevel, w.min, w.max, w.sectorId, w.divisionId, w.better, w.public, w.publicLevel,
          w.sentencePattern],
      )
    ).id,
  update: (db: Db, id: number, w: DataElementWrite) =>
    db.query(
      `UPDATE data_elements SET code = $2, name = $3, name_en = $4, short_name = $5, description = $6, uom = $7, value_type = $8,
         aggregation_type = $9, report_level = $10, min_value = $11, max_value = $12, sector_id = $13, division_id = $14, better = $15,
         public = $16, public_level = $17, sentence_pattern = $18 WHERE id = $1`,
      [id, w.code, w.name, w.nameEn, w.shortName, w.description, w.uom, w.valueType, w.aggregationType, w.reportLevel, w.min, w.max, w.sectorId, w.divisionId, w.better, w.public, w.publicLevel,
        w.sentencePattern],
    ),
};

export const indicatorsRepo = {
  list: (db: Db, f: { q?: string; sectorId?: number }) =>
    db.query<Indicator>(`SELECT ${INDICATOR} WHERE ${SEARCH('i')} AND ($2::int IS NULL OR i.sector_id = $2) ORDER BY i.code`, [f.q ?? null, f.sectorId ?? null]),
  all: (db: Db) => db.query<Indicator>(`SELECT ${INDICATOR} ORDER BY i.code`),
  byId: (db: Db, id: number) => db.maybeOne<Indicator>(`SELECT ${INDICATOR} WHERE i.id = $1`, [id]),
  byCode: (db: Db, code: string) => db.maybeOne<Indicator>(`SELECT ${INDICATOR} WHERE i.code = $1`, [code]),
  insert: async (db: Db, w: IndicatorWrite) =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO indicators (code, name, name_en, numerator, denominator, factor, decimals, uom, sector_id, description, better, public, public_level,
           sentence_pattern) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
        [w.code, w.name, w.nameEn, w.numerator, w.denominator, w.factor, w.decimals, w.uom, w.sectorId, w.description, w.better, w.public, w.publicLevel, w.sentencePattern],
      )
    ).id,
  update: (db: Db, id: number, w: IndicatorWrite) =>
    db.query(
      `UPDATE indicators SET code = $2, name = $3, name_en = $4, numerator = $5, denominator = $6, factor = $7, decimals = $8, uom = $9,
         sector_id = $10, description = $11, better = $12, public = $13, public_level = $14,
         sentence_pattern = $15 WHERE id = $1`,
      [id, w.code, w.name, w.nameEn, w.numerator, w.denominator, w.factor, w.decimals, w.uom, w.sectorId, w.description, w.better, w.public, w.publicLevel, w.sentencePattern],
    ),
};

/** Lookups of things the catalog points at but does not own. */
export const refsRepo = {
  sectorExists: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM sectors WHERE id = $1`, [id])) !== null,
  formExists: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM report_forms WHERE id = $1`, [id])) !== null,
};
