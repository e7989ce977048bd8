/** SQL of the analytics engine: metadata look-ups and the one aggregating statement over data_values. */
import type { AggregationType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type ElementRow = { id: number; code: string; name: string; aggregation_type: AggregationType };
export type IndicatorRow = { id: number; code: string; name: string; numerator: string; denominator: string; factor: number; decimals: number };
export type UnitRow = {
  id: number; code: string; name: string; path: string; level: number; valid_from: string; valid_to: string | null;
  /** Whether the unit has sub-units, so that analytics cells hold its aggregates. */
  has_children: boolean;
};

export const elementsByCode = (db: Db, codes: string[]) =>
  db.query<ElementRow>(`SELECT id, code, name, aggregation_type FROM data_elements WHERE code = ANY($1::text[])`, [codes]);

export const indicatorsByCode = (db: Db, codes: string[]) =>
  db.query<IndicatorRow>(
    `SELECT id, code, name, numerator, denominator, factor, decimals FROM indicators WHERE code = ANY($1::text[])`,
    [codes],
  );

const UNIT_COLS = `id, code, name, path, level, valid_from, valid_to,
  EXISTS (SELECT 1 FROM org_units c WHERE c.parent_id = org_units.id) AS has_children`;

export const unitsByCode = (db: Db, codes: string[]) =>
  db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE code = ANY($1::text[])`, [codes]);

export const unitById = (db: Db, id: number) => db.maybeOne<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE id = $1`, [id]);

export const rootUnits = (db: Db) => db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE parent_id IS NULL ORDER BY code`);

/** Units at `level` whose path lies under one of `paths` (whatever their validity), ordered by code. */
export const unitsAtLevelUnder = (db: Db, level: number, paths: string[]) =>
  db.query<UnitRow>(
    `SELECT ${UNIT_COLS} FROM org_units
      WHERE level = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS p(path) WHERE org_units.path LIKE p.path || '%')
      ORDER BY code`,
    [level, paths],
  );

/** One requested period and one stored period lying within it, with their lengths in days. */
export type PeriodPair = { pe: string; sp: string; spDays: number; peDays: number; spStart: string; spEnd: string; peEnd: string };

export type AggregateRow = {
  de: number;
  tid: number;
  pe: string;
  sum: number;
  min: number;
  max: number;
  avg: number;
  avg_sum_ou: number;
  last: number | null;
  none: number | null;
};

/**
 * Aggregates the numeric values of `elementIds` for every target unit (its whole subtree by path) and
 * requested period (every stored period lying within it), in one statement. Each row carries every
 * aggregate; the engine picks the one the data element's aggregation type asks for.
 */
export async function aggregate(
  db: Db,
  q: { elementIds: number[]; targets: { id: number; path: string; validTo: string | null }[]; pairs: PeriodPair[]; includeUnapproved: boolean },
): Promise<AggregateRow[]> {
  if (q.elementIds.length === 0 || q.targets.length === 0 || q.pairs.length === 0) return [];
  return db.query<AggregateRow>(
    `WITH req AS MATERIALIZED (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $11::text[])
         AS r(pe, sp, sp_days, pe_days, sp_start, sp_end, pe_end)
     ), unit_target AS MATERIALIZED (
       SELECT u.id AS ou, t.tid, u.valid_to::text AS u_to, t.tto
         FROM unnest($7::int[], $8::text[], $12::text[]) AS t(tid, tpath, tto)
         JOIN org_units u ON u.path LIKE t.tpath || '%'
     ), raw AS MATERIALIZED (
       SELECT dv.data_element_id AS de, dv.org_unit_id AS ou, dv.period AS sp, dv.num_value AS val
         FROM data_values dv
         LEFT JOIN submissions s ON s.id = dv.submission_id
        WHERE dv.data_element_id = ANY($9::int[]) AND dv.period = ANY($2::text[]) AND dv.num_value IS NOT NULL
          AND ($10::boolean OR s.status = 'approved')
     ), v AS (
       SELECT raw.de, ut.tid, r.pe, r.sp, r.sp_days, r.pe_days, raw.ou, raw.val,
              -- a stock counts only for units still in being when the period (or the target itself) ends:
              -- at a reorganisation the closed units' stock has passed to their successors
              (ut.u_to IS NULL OR ut.u_to >= least(r.pe_end, coalesce(ut.tto, r.pe_end))) AS at_end,
              row_number() OVER (PARTITION BY raw.de, ut.tid, r.pe, raw.ou ORDER BY r.sp_end DESC, r.sp_start DESC) AS recency
         FROM raw
         JOIN unit_target ut ON ut.ou = raw.ou
         JOIN req r ON r.sp = raw.sp
     )
     SELECT de, tid, pe, sum(val) AS sum, min(val) AS min, max(val) AS max, avg(val) AS avg,
            sum(val * sp_days) / max(pe_days) AS avg_sum_ou,
            sum(val) FILTER (WHERE recency = 1 AND at_end) AS last,
            sum(val) FILTER (WHERE sp = pe AND ou = tid) AS none
       FROM v GROUP BY de, tid, pe`,
    [
      q.pairs.map((p) => p.pe), q.pairs.map((p) => p.sp), q.pairs.map((p) => p.spDays), q.pairs.map((p) => p.peDays),
      q.pairs.map((p) => p.spStart), q.pairs.map((p) => p.spEnd),
      q.targets.map((t) => t.id), q.targets.map((t) => t.path),
      q.elementIds, q.includeUnapproved,
      q.pairs.map((p) => p.peEnd), q.targets.map((t) => t.validTo),
    ],
  );
}

/**
 * The same aggregates as `aggregate`, read from the analytics cells (approved values only) for targets that
 * have sub-units. A cell exists only where at least one value does, as `aggregate` returns no row there.
 */
export async function aggregateFromCells(
  db: Db,
  q: { elementIds: number[]; targetIds: number[]; periods: { id: string; days: number }[] },
): Promise<AggregateRow[]> {
  if (q.elementIds.length === 0 || q.targetIds.length === 0 || q.periods.length === 0) return [];
  return db.query<AggregateRow>(
    `SELECT c.data_element_id AS de, c.org_unit_id AS tid, c.period AS pe, c.value_sum AS sum, c.value_min AS min, c.value_max AS max,
            c.value_sum / c.value_count AS avg, c.days_sum / p.days AS avg_sum_ou,
            CASE WHEN c.last_count > 0 THEN c.last_sum END AS last, c.exact_value AS none
       FROM unnest($3::text[], $4::int[]) AS p(pe, days)
       JOIN analytics_cells c ON c.period = p.pe
      WHERE c.data_element_id = ANY($1::int[]) AND c.org_unit_id = ANY($2::int[])`,
    [q.elementIds, q.targetIds, q.periods.map((p) => p.id), q.periods.map((p) => p.days)],
  );
}
