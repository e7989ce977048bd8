import type { UnitType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { LineageKind, OrgUnit } from './org-rules.js';

type UnitRow = {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: number | null;
  level: number;
  path: string;
  valid_from: string;
  valid_to: string | null;
  sector_id: number | null;
};

const COLS = `u.id, u.code, u.name, u.short_name, u.type, u.parent_id, u.level, u.path, u.valid_from, u.valid_to, u.sector_id`;

const toUnit = (r: UnitRow): OrgUnit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  type: r.type as UnitType,
  parentId: r.parent_id,
  level: r.level,
  path: r.path,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  sectorId: r.sector_id,
});

export type LineageLink = {
  unitId: number;
  predecessorId: number;
  kind: LineageKind;
  unitCode: string;
  unitName: string;
  predecessorCode: string;
  predecessorName: string;
};

export type UnitFilter = {
  /** Only units in force on this date. */
  asOf?: string;
  /** Only units not closed before this date (validTo null or ≥ it). */
  openOn?: string;
  q?: string;
  type?: string;
  /** Only these ids (null = no restriction). */
  ids?: number[] | null;
};

export type UnitWrite = {
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  sectorId: number | null;
};

export const orgRepo = {
  list: async (db: Db, f: UnitFilter): Promise<OrgUnit[]> =>
    (
      await db.query<UnitRow>(
        `SELECT ${COLS} FROM org_units u
          WHERE ($1::date IS NULL OR (u.valid_from <= $1::date AND (u.valid_to IS NULL OR u.valid_to >= $1::date)))
            AND ($2::date IS NULL OR u.valid_to IS NULL OR u.valid_to >= $2::date)
            AND ($3::text IS NULL OR vn_fold(u.name || ' ' || u.code || ' ' || coalesce(u.short_name, '')) LIKE '%' || vn_fold($3) || '%')
            AND ($4::text IS NULL OR u.type = $4)
            AND ($5::int[] IS NULL OR u.id = ANY($5::int[]))
          ORDER BY u.level, u.name, u.id`,
        [f.asOf ?? null, f.openOn ?? null, f.q ?? null, f.type ?? null, f.ids ?? null],
      )
    ).map(toUnit),

  all: async (db: Db): Promise<OrgUnit[]> => (await db.query<UnitRow>(`SELECT ${COLS} FROM org_units u ORDER BY u.level, u.code`)).map(toUnit),

  byId: async (db: Db, id: number): Promise<OrgUnit | null> => {
    const r = await db.maybeOne<UnitRow>(`SELECT ${COLS} FROM org_units u WHERE u.id = $1`, [id]);
    return r ? toUnit(r) : null;
  },

  byIds: async (db: Db, ids: number[]): Promise<OrgUnit[]> =>
    ids.length === 0 ? [] : (await db.query<UnitRow>(`SELECT ${COLS} FROM org_units u WHERE u.id = ANY($1::int[])`, [ids])).map(toUnit),

  byCode: async (db: Db, code: string): Promise<OrgUnit | null> => {
    const r = await db.maybeOne<UnitRow>(`SELECT ${COLS} FROM org_units u WHERE u.code = $1`, [code]);
    return r ? toUnit(r) : null;
  },

  children: async (db: Db, id: number): Promise<OrgUnit[]> =>
    (await db.query<UnitRow>(`SELECT ${COLS} FROM org_units u WHERE u.parent_id = $1 ORDER BY u.name, u.id`, [id])).map(toUnit),

  userCount: async (db: Db, id: number): Promise<number> =>
    (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE org_unit_id = $1`, [id])).n,

  sectorExists: async (db: Db, id: number): Promise<boolean> =>
    (await db.maybeOne(`SELECT 1 FROM sectors WHERE id = $1`, [id])) !== null,

  /** How many catalog records name this unit as their specialised division. */
  divisionReferences: async (db: Db, id: number): Promise<number> =>
    (
      await db.one<{ n: number }>(
        `SELECT (SELECT count(*) FROM sectors WHERE division_id = $1) + (SELECT count(*) FROM data_elements WHERE division_id = $1)
              + (SELECT count(*) FROM report_forms WHERE division_id = $1) AS n`,
        [id],
      )
    ).n,

  /** Serialises changes to the tree on PostgreSQL so two concurrent moves cannot build a cycle. */
  lockTree: async (db: Db): Promise<void> => {
    if (db.kind === 'postgresql') await db.query('SELECT pg_advisory_xact_lock($1)', [7_310_101]);
  },

  insert: async (db: Db, u: UnitWrite): Promise<number> => {
    const r = await db.one<{ id: number }>(
      `INSERT INTO org_units (code, name, short_name, type, parent_id, valid_from, valid_to, sector_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [u.code, u.name, u.shortName, u.type, u.parentId, u.validFrom, u.validTo, u.sectorId],
    );
    return r.id;
  },

  /** Inserts many units at once; returns code → id. */
  insertMany: async (db: Db, units: UnitWrite[]): Promise<Map<string, number>> => {
    if (units.length === 0) return new Map();
    const rows = await db.query<{ id: number; code: string }>(
      `INSERT INTO org_units (code, name, short_name, type, parent_id, valid_from, valid_to, sector_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::date[], $7::date[], $8::int[])
       RETURNING id, code`,
      [units.map((u) => u.code), units.map((u) => u.name), units.map((u) => u.shortName), units.map((u) => u.type), units.map((u) => u.parentId),
        units.map((u) => u.validFrom), units.map((u) => u.validTo), units.map((u) => u.sectorId)],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  },

  /** Updates many units at once. */
  updateMany: async (db: Db, units: (UnitWrite & { id: number })[]): Promise<void> => {
    if (units.length === 0) return;
    await db.query(
      `UPDATE org_units u SET code = v.code, name = v.name, short_name = v.short_name, type = v.type, parent_id = v.parent_id,
              valid_from = v.valid_from, valid_to = v.valid_to, sector_id = v.sector_id, updated_at = now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::date[], $8::date[], $9::int[])
              AS v(id, code, name, short_name, type, parent_id, valid_from, valid_to, sector_id)
        WHERE u.id = v.id`,
      [units.map((u) => u.id), units.map((u) => u.code), units.map((u) => u.name), units.map((u) => u.shortName), units.map((u) => u.type),
        units.map((u) => u.parentId), units.map((u) => u.validFrom), units.map((u) => u.validTo), units.map((u) => u.sectorId)],
    );
  },

  update: (db: Db, id: number, u: UnitWrite) =>
    db.query(
      `UPDATE org_units SET code = $2, name = $3, short_name = $4, type = $5, parent_id = $6, valid_from = $7, valid_to = $8,
              sector_id = $9, updated_at = now() WHERE id = $1`,
      [id, u.code, u.name, u.shortName, u.type, u.parentId, u.validFrom, u.validTo, u.sectorId],
    ),

  setPlace: (db: Db, id: number, level: number, path: string) =>
    db.query(`UPDATE org_units SET level = $2, path = $3 WHERE id = $1`, [id, level, path]),

  /** Moves a whole subtree: every path starting with oldPath is re-rooted at newPath and its level shifted. */
  moveSubtree: async (db: Db, oldPath: string, newPath: string, levelDelta: number): Promise<number> => {
    const rows = await db.query(
      `UPDATE org_units SET path = $2 || substr(path, length($1) + 1), level = level + $3, updated_at = now()
        WHERE path LIKE $1 || '%' RETURNING id`,
      [oldPath, newPath, levelDelta],
    );
    return rows.length;
  },

  /** Sets level and path of many units at once (the import recomputes them in memory). */
  setPlaces: async (db: Db, places: { id: number; level: number; path: string }[]) => {
    if (places.length === 0) return;
    await db.query(
      `UPDATE org_units u SET level = v.level, path = v.path
         FROM unnest($1::int[], $2::int[], $3::text[]) AS v(id, level, path) WHERE u.id = v.id`,
      [places.map((p) => p.id), places.map((p) => p.level), places.map((p) => p.path)],
    );
  },

  /** Lineage links touching any of the ids (as unit or as predecessor); all links when ids is null. */
  lineage: async (db: Db, ids: number[] | null): Promise<LineageLink[]> =>
    db.query<LineageLink>(
      `SELECT l.unit_id AS "unitId", l.predecessor_id AS "predecessorId", l.kind,
              u.code AS "unitCode", u.name AS "unitName", p.code AS "predecessorCode", p.name AS "predecessorName"
         FROM org_unit_lineage l JOIN org_units u ON u.id = l.unit_id JOIN org_units p ON p.id = l.predecessor_id
        WHERE $1::int[] IS NULL OR l.unit_id = ANY($1::int[]) OR l.predecessor_id = ANY($1::int[])
        ORDER BY p.code, u.code`,
      [ids],
    ),

  replacePredecessors: async (db: Db, unitId: number, preds: { id: number; kind: LineageKind }[]) => {
    await db.query(`DELETE FROM org_unit_lineage WHERE unit_id = $1`, [unitId]);
    if (preds.length === 0) return;
    await db.query(
      `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) SELECT $1, p, k FROM unnest($2::int[], $3::text[]) AS v(p, k)`,
      [unitId, preds.map((p) => p.id), preds.map((p) => p.kind)],
    );
  },

  /** Replaces the predecessor links of many units at once. */
  replaceManyPredecessors: async (db: Db, unitIds: number[], links: { unitId: number; predecessorId: number; kind: LineageKind }[]) => {
    if (unitIds.length > 0) await db.query(`DELETE FROM org_unit_lineage WHERE unit_id = ANY($1::int[])`, [unitIds]);
    if (links.length === 0) return;
    await db.query(
      `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])`,
      [links.map((l) => l.unitId), links.map((l) => l.predecessorId), links.map((l) => l.kind)],
    );
  },

  /** Is `unitId` already among the (transitive) predecessors of `candidateId`? Then linking would loop. */
  isEarlierInLineage: async (db: Db, unitId: number, candidateId: number): Promise<boolean> =>
    (await db.maybeOne(
      `WITH RECURSIVE chain(id) AS (
         SELECT predecessor_id FROM org_unit_lineage WHERE unit_id = $2
         UNION SELECT l.predecessor_id FROM org_unit_lineage l JOIN chain c ON l.unit_id = c.id)
       SELECT 1 FROM chain WHERE id = $1 LIMIT 1`,
      [unitId, candidateId],
    )) !== null,

  /** Units assigned to a form whose validity overlaps [start, end]. */
  assignedToForm: async (db: Db, formId: number, start: string, end: string): Promise<OrgUnit[]> =>
    (
      await db.query<UnitRow>(
        `SELECT ${COLS} FROM org_units u JOIN form_units fu ON fu.org_unit_id = u.id
          WHERE fu.form_id = $1 AND u.valid_from <= $3::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date)
          ORDER BY u.path`,
        [formId, start, end],
      )
    ).map(toUnit),
};
