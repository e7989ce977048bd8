/**
 * Analytics cells (table `analytics_cells`, migration 0003): approved values pre-aggregated for every unit
 * that has sub-units and every period containing a stored period, kept current in the same transaction as the
 * change that makes values count or stop counting — approving or unlocking a report, an approved import.
 *
 * A cell (data element, unit T, period P) holds, over the approved numeric values of T's whole subtree whose
 * stored period lies within P: their count, sum, Σ value × days of the stored period, min and max; for LAST
 * elements, the sum and count of each unit's latest value in P, counting only units still in being when P
 * (or T itself) ends; and T's own value stored at exactly P. From these the engine derives every aggregation
 * type exactly as its query-time path does (see analytics.engine.ts).
 *
 * Keeping them current: `trackCells` reads, for each (unit, data element, period containing the changed
 * stored period), the unit's own contribution before and after the change, and adds the difference to the
 * cells of the unit's ancestors (and its own, when it has sub-units) in one statement. Sums, counts and LAST
 * sums are exact differences in numeric arithmetic. Min and max only grow by addition; a change that may
 * have removed a cell's extreme marks the cell stale and it is recomputed from the raw values before the
 * transaction ends.
 *
 * `rebuildAnalyticsCells` recomputes cells from the raw values (after a seed, a restore, an organisation
 * change that moves or closes units, or an aggregation type change), for everything or for some units or
 * data elements.
 */
import { type Period, parentPeriods, parsePeriod } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { periodPairs } from './analytics.query.js';

/** One changed value's key: its unit, data element and stored period. */
export type CellScope = { unitId: number; deId: number; period: string };

/** The keys of a submission's values. */
export const valueScopes = (db: Db, submissionId: number) =>
  db.query<CellScope>(
    `SELECT org_unit_id AS "unitId", data_element_id AS "deId", period FROM data_values WHERE submission_id = $1 AND num_value IS NOT NULL`,
    [submissionId],
  );

/** Every period a value stored at `period` counts in: itself and each coarser period containing it. */
export function enclosingPeriods(period: string): Period[] {
  const p = parsePeriod(period);
  if (!p) return [];
  return [p, ...parentPeriods(p)];
}

/** The (containing period, stored period within it) pairs of `periods` as the columns the SQL unnests. */
function periodMap(periods: Iterable<Period>) {
  const pairs = periodPairs([...periods]);
  return {
    pe: pairs.map((x) => x.pe), sp: pairs.map((x) => x.sp), spDays: pairs.map((x) => x.spDays),
    spStart: pairs.map((x) => x.spStart), spEnd: pairs.map((x) => x.spEnd), peEnd: pairs.map((x) => x.peEnd),
  };
}

type Own = { ou: number; de: number; pe: string; cnt: number; sum: string; days: string; min: string; max: string; last: string | null; exact: string | null };

const ownKey = (ou: number, de: number, pe: string) => `${ou}|${de}|${pe}`;

/** Each scope's unit's own contribution to every period containing its stored period, from approved values. */
async function ownContributions(db: Db, scopes: CellScope[]): Promise<Map<string, Own>> {
  const keys = new Map<string, [number, number, string]>();
  const periods = new Map<string, Period>();
  for (const s of scopes) {
    for (const p of enclosingPeriods(s.period)) {
      keys.set(ownKey(s.unitId, s.deId, p.id), [s.unitId, s.deId, p.id]);
      periods.set(p.id, p);
    }
  }
  if (keys.size === 0) return new Map();
  const m = periodMap(periods.values());
  const k = [...keys.values()];
  const rows = await db.query<Own>(
    `WITH k AS (SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) AS k(ou, de, pe)),
          m AS (SELECT * FROM unnest($4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) AS m(pe, sp, sp_days, sp_start, sp_end))
     SELECT k.ou, k.de, k.pe, count(*)::int AS cnt, sum(dv.num_value)::text AS sum,
            sum(dv.num_value * m.sp_days)::text AS days, min(dv.num_value)::text AS min, max(dv.num_value)::text AS max,
            CASE WHEN de.aggregation_type = 'LAST'
                 THEN ((array_agg(dv.num_value ORDER BY m.sp_end DESC, m.sp_start DESC))[1])::text END AS last,
            (sum(dv.num_value) FILTER (WHERE m.sp = k.pe))::text AS exact
       FROM k
       JOIN m ON m.pe = k.pe
       JOIN data_values dv ON dv.data_element_id = k.de AND dv.org_unit_id = k.ou AND dv.period = m.sp AND dv.num_value IS NOT NULL
       JOIN submissions s ON s.id = dv.submission_id AND s.status = 'approved'
       JOIN data_elements de ON de.id = k.de
      GROUP BY k.ou, k.de, k.pe, de.aggregation_type`,
    [k.map((x) => x[0]), k.map((x) => x[1]), k.map((x) => x[2]), m.pe, m.sp, m.spDays, m.spStart, m.spEnd],
  );
  return new Map(rows.map((r) => [ownKey(r.ou, r.de, r.pe), r]));
}

/** Above this many changed values, a change rebuilds the touched data elements' cells instead of adding differences. */
export const REBUILD_THRESHOLD = 50_000;

/**
 * Runs `mutate` (which makes the values of `scopes` count or stop counting, or changes them) and brings the
 * analytics cells up to date in the same transaction. `scopes` may be a function, evaluated before `mutate`.
 * Call it with the caller's transaction, and have `mutate` write through that same transaction.
 */
export async function trackCells<T>(db: Db, scopes: CellScope[] | (() => Promise<CellScope[]>), mutate: () => Promise<T>): Promise<T> {
  return db.tx(async (tx) => {
    const list = typeof scopes === 'function' ? await scopes() : scopes;
    if (list.length > REBUILD_THRESHOLD) {
      const result = await mutate();
      await rebuildAnalyticsCells(tx, { deIds: [...new Set(list.map((s) => s.deId))] });
      return result;
    }
    await lockUnits(tx, list);
    const before = await ownContributions(tx, list);
    const result = await mutate();
    const after = await ownContributions(tx, list);
    await applyDifferences(tx, before, after);
    return result;
  });
}

/** Approved batches up to this many values update analytics cells by difference; larger ones rebuild them once. */
export const INCREMENTAL_CELLS_LIMIT = 5_000;

/**
 * Analytics cells for a stream of approved writes (an approved import): a batch of a few reports by
 * difference; a bulk load deferred to one rebuild of the touched data elements in `finish` — adding up
 * differences costs about 0.3 ms a value, a rebuild about 0.02 ms. Use with the stream's transaction.
 */
export class ApprovedWrites {
  private readonly deferred = new Set<number>();
  constructor(
    private readonly db: Db,
    private readonly limit = INCREMENTAL_CELLS_LIMIT,
  ) {}

  async write<T>(scopes: CellScope[], mutate: () => Promise<T>): Promise<T> {
    if (scopes.length <= this.limit && this.deferred.size === 0) return trackCells(this.db, scopes, mutate);
    for (const s of scopes) this.deferred.add(s.deId);
    return mutate();
  }

  async finish(): Promise<void> {
    if (this.deferred.size) await rebuildAnalyticsCells(this.db, { deIds: [...this.deferred] });
    this.deferred.clear();
  }
}

/** Advisory lock class of the units whose contributions a transaction is changing. */
const UNIT_LOCK_CLASS = 7_310_043;

/**
 * Concurrent changes to the same unit's values would each read the unit's contribution without the other's
 * (a unit's latest value in a period is not additive): they take the unit's lock first, in id order.
 */
async function lockUnits(db: Db, scopes: CellScope[]): Promise<void> {
  if (db.kind !== 'postgresql') return; // the embedded database runs one transaction at a time
  const units = [...new Set(scopes.map((s) => s.unitId))].sort((a, b) => a - b);
  if (units.length === 0) return;
  await db.query(`SELECT pg_advisory_xact_lock(${UNIT_LOCK_CLASS}, u) FROM (SELECT u FROM unnest($1::int[]) AS u ORDER BY u) AS sorted`, [units]);
}

const NUMERIC_FIELDS = ['sum', 'days', 'min', 'max', 'last', 'exact'] as const;

async function applyDifferences(db: Db, before: Map<string, Own>, after: Map<string, Own>): Promise<void> {
  const d = {
    ou: [] as number[], de: [] as number[], pe: [] as string[], peEnd: [] as string[], cnt: [] as number[],
    bsum: [] as (string | null)[], asum: [] as (string | null)[], bdays: [] as (string | null)[], adays: [] as (string | null)[],
    bmin: [] as (string | null)[], amin: [] as (string | null)[], bmax: [] as (string | null)[], amax: [] as (string | null)[],
    blast: [] as (string | null)[], alast: [] as (string | null)[], aexact: [] as (string | null)[],
  };
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    if (b && a && b.cnt === a.cnt && NUMERIC_FIELDS.every((f) => b[f] === a[f])) continue;
    const [ou, de, pe] = key.split('|');
    d.ou.push(Number(ou));
    d.de.push(Number(de));
    d.pe.push(pe!);
    d.peEnd.push(parsePeriod(pe!)!.end);
    d.cnt.push((a?.cnt ?? 0) - (b?.cnt ?? 0));
    d.bsum.push(b?.sum ?? null);
    d.asum.push(a?.sum ?? null);
    d.bdays.push(b?.days ?? null);
    d.adays.push(a?.days ?? null);
    d.bmin.push(b?.min ?? null);
    d.amin.push(a?.min ?? null);
    d.bmax.push(b?.max ?? null);
    d.amax.push(a?.max ?? null);
    d.blast.push(b?.last ?? null);
    d.alast.push(a?.last ?? null);
    d.aexact.push(a?.exact ?? null);
  }
  if (d.ou.length === 0) return;
  const params = [d.ou, d.de, d.pe, d.peEnd, d.cnt, d.bsum, d.asum, d.bdays, d.adays, d.bmin, d.amin, d.bmax, d.amax, d.blast, d.alast, d.aexact];
  const unnest = `unnest($1::int[], $2::int[], $3::text[], $4::date[], $5::int[], $6::numeric[], $7::numeric[], $8::numeric[],
                         $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[])
                  AS d(ou, de, pe, pe_end, cnt, bsum, asum, bdays, adays, bmin, amin, bmax, amax, blast, alast, aexact)`;
  // The differences, added to the cells of the unit's ancestors and its own (units with sub-units only).
  const emptied = await db.query<{ de: number; ou: number; pe: string }>(
    `WITH d AS (SELECT * FROM ${unnest}),
          t AS (
            SELECT d.*, anc.id AS tid, anc.valid_to AS tto, u.valid_to AS uto
              FROM d
              JOIN org_units u ON u.id = d.ou
              CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) AS a(id)
              JOIN org_units anc ON anc.id = a.id
             WHERE EXISTS (SELECT 1 FROM org_units c WHERE c.parent_id = anc.id)
          ),
          g AS (
            SELECT tid, de, pe, sum(cnt)::int AS cnt,
                   sum(coalesce(asum, 0) - coalesce(bsum, 0)) AS dsum, sum(coalesce(adays, 0) - coalesce(bdays, 0)) AS ddays,
                   min(amin) AS amin, max(amax) AS amax,
                   bool_or((bmin IS NOT NULL AND (amin IS NULL OR amin > bmin)) OR (bmax IS NOT NULL AND (amax IS NULL OR amax < bmax))) AS stale,
                   sum(CASE WHEN counts THEN (alast IS NOT NULL)::int - (blast IS NOT NULL)::int ELSE 0 END)::int AS dlast_cnt,
                   sum(CASE WHEN counts THEN coalesce(alast, 0) - coalesce(blast, 0) ELSE 0 END) AS dlast_sum
              FROM t, LATERAL (SELECT (t.uto IS NULL OR t.uto >= least(t.pe_end, coalesce(t.tto, t.pe_end))) AS counts) AS x
             GROUP BY tid, de, pe
          )
     INSERT INTO analytics_cells AS c (data_element_id, org_unit_id, period, value_count, value_sum, days_sum, value_min, value_max, last_count, last_sum, stale)
     -- rows in key order, so that concurrent approvals lock shared ancestor cells in the same order (no deadlock)
     SELECT de, tid, pe, cnt, dsum, ddays, amin, amax, dlast_cnt, dlast_sum, stale FROM g ORDER BY de, tid, pe
     ON CONFLICT (data_element_id, org_unit_id, period) DO UPDATE SET
       value_count = c.value_count + EXCLUDED.value_count,
       value_sum = c.value_sum + EXCLUDED.value_sum,
       days_sum = c.days_sum + EXCLUDED.days_sum,
       value_min = least(c.value_min, EXCLUDED.value_min),
       value_max = greatest(c.value_max, EXCLUDED.value_max),
       last_count = c.last_count + EXCLUDED.last_count,
       last_sum = c.last_sum + EXCLUDED.last_sum,
       stale = c.stale OR EXCLUDED.stale
     RETURNING CASE WHEN value_count <= 0 THEN data_element_id END AS de, org_unit_id AS ou, period AS pe`,
    params,
  );
  // A unit with sub-units: its own value stored at exactly the period (NONE).
  await db.query(
    `WITH d AS (SELECT * FROM ${unnest})
     UPDATE analytics_cells c SET exact_value = d.aexact
       FROM d
      WHERE c.data_element_id = d.de AND c.org_unit_id = d.ou AND c.period = d.pe
        AND c.exact_value IS DISTINCT FROM d.aexact`,
    params,
  );
  const gone = emptied.filter((r) => r.de !== null);
  if (gone.length) {
    await db.query(
      `DELETE FROM analytics_cells c USING unnest($1::int[], $2::int[], $3::text[]) AS g(de, ou, pe)
        WHERE c.data_element_id = g.de AND c.org_unit_id = g.ou AND c.period = g.pe`,
      [gone.map((r) => r.de), gone.map((r) => r.ou), gone.map((r) => r.pe)],
    );
  }
  await recomputeStale(db);
}

/** Recomputes min and max of the cells marked stale, from the raw approved values. */
async function recomputeStale(db: Db): Promise<void> {
  const stale = await db.query<{ pe: string }>(`SELECT DISTINCT period AS pe FROM analytics_cells WHERE stale`);
  if (stale.length === 0) return;
  const m = periodMap(stale.map((r) => parsePeriod(r.pe)!));
  await db.query(
    `WITH m AS (SELECT * FROM unnest($1::text[], $2::text[]) AS m(pe, sp)),
          x AS (
            SELECT c.data_element_id, c.org_unit_id, c.period, min(dv.num_value) AS mn, max(dv.num_value) AS mx
              FROM analytics_cells c
              JOIN org_units t ON t.id = c.org_unit_id
              JOIN m ON m.pe = c.period
              JOIN data_values dv ON dv.data_element_id = c.data_element_id AND dv.period = m.sp AND dv.num_value IS NOT NULL
              JOIN org_units u ON u.id = dv.org_unit_id AND u.path LIKE t.path || '%'
              JOIN submissions s ON s.id = dv.submission_id AND s.status = 'approved'
             WHERE c.stale
             GROUP BY c.data_element_id, c.org_unit_id, c.period
          )
     UPDATE analytics_cells c SET value_min = x.mn, value_max = x.mx, stale = false
       FROM x WHERE c.data_element_id = x.data_element_id AND c.org_unit_id = x.org_unit_id AND c.period = x.period`,
    [m.pe, m.sp],
  );
  // A stale cell without any raw value left was emptied and deleted above; nothing else can stay stale.
  await db.query(`UPDATE analytics_cells SET stale = false WHERE stale`);
}

/**
 * Recomputes cells from the raw approved values: all of them, or only the cells of `unitIds` (as aggregate
 * targets) and/or of `deIds`. Returns the number of cells written.
 */
export async function rebuildAnalyticsCells(db: Db, opts: { unitIds?: number[]; deIds?: number[] } = {}): Promise<{ cells: number }> {
  return db.tx(async (tx) => {
    const units = opts.unitIds ?? null;
    const des = opts.deIds ?? null;
    await tx.query(
      `DELETE FROM analytics_cells WHERE ($1::int[] IS NULL OR org_unit_id = ANY($1::int[])) AND ($2::int[] IS NULL OR data_element_id = ANY($2::int[]))`,
      [units, des],
    );
    const stored = await tx.query<{ period: string }>(
      `SELECT DISTINCT period FROM data_values WHERE num_value IS NOT NULL AND ($1::int[] IS NULL OR data_element_id = ANY($1::int[]))`,
      [des],
    );
    const containing = new Map<string, Period>();
    for (const { period } of stored) for (const p of enclosingPeriods(period)) containing.set(p.id, p);
    if (containing.size === 0) return { cells: 0 };
    const m = periodMap(containing.values());
    const targets = `SELECT t.id, t.valid_to FROM org_units t
                      WHERE EXISTS (SELECT 1 FROM org_units c WHERE c.parent_id = t.id) AND ($7::int[] IS NULL OR t.id = ANY($7::int[]))`;
    // Raw approved values, of the targets' subtrees when only some targets are rebuilt.
    const raw = `SELECT dv.data_element_id AS de, dv.org_unit_id AS ou, dv.period AS sp, dv.num_value AS val, u.path, u.valid_to AS uto
                   FROM data_values dv
                   JOIN submissions s ON s.id = dv.submission_id AND s.status = 'approved'
                   JOIN org_units u ON u.id = dv.org_unit_id
                  WHERE dv.num_value IS NOT NULL AND ($8::int[] IS NULL OR dv.data_element_id = ANY($8::int[]))
                    AND ($7::int[] IS NULL OR EXISTS (SELECT 1 FROM org_units t WHERE t.id = ANY($7::int[]) AND u.path LIKE t.path || '%'))`;
    const params = [m.pe, m.sp, m.spDays, m.spStart, m.spEnd, m.peEnd, units, des];
    const mapCte = `m AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::date[]) AS m(pe, sp, sp_days, sp_start, sp_end, pe_end))`;
    const written = await tx.query<{ n: number }>(
      `WITH ${mapCte}, t AS (${targets}), raw AS MATERIALIZED (${raw}),
            by_sp AS (
              SELECT t.id AS tid, raw.de, raw.sp, count(*) AS cnt, sum(raw.val) AS s, min(raw.val) AS mn, max(raw.val) AS mx,
                     sum(raw.val) FILTER (WHERE raw.ou = t.id) AS own
                FROM raw
                CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from raw.path), '/')::int[]) AS a(id)
                JOIN t ON t.id = a.id
               GROUP BY t.id, raw.de, raw.sp
            ),
            ins AS (
              INSERT INTO analytics_cells (data_element_id, org_unit_id, period, value_count, value_sum, days_sum, value_min, value_max, exact_value)
              SELECT b.de, b.tid, m.pe, sum(b.cnt), sum(b.s), sum(b.s * m.sp_days), min(b.mn), max(b.mx), max(b.own) FILTER (WHERE m.sp = m.pe)
                FROM by_sp b JOIN m ON m.sp = b.sp
               GROUP BY b.de, b.tid, m.pe
              RETURNING 1
            )
       SELECT count(*)::int AS n FROM ins`,
      params,
    );
    // LAST elements: each unit's latest value in the period, summed over the units that count for the target.
    await tx.query(
      `WITH ${mapCte}, t AS (${targets}), raw AS (${raw}),
            own AS (
              SELECT raw.de, raw.ou, raw.path, raw.uto, m.pe, m.pe_end,
                     (array_agg(raw.val ORDER BY m.sp_end DESC, m.sp_start DESC))[1] AS last
                FROM raw
                JOIN data_elements de ON de.id = raw.de AND de.aggregation_type = 'LAST'
                JOIN m ON m.sp = raw.sp
               GROUP BY raw.de, raw.ou, raw.path, raw.uto, m.pe, m.pe_end
            ),
            agg AS (
              SELECT t.id AS tid, own.de, own.pe, count(*) AS n, sum(own.last) AS s
                FROM own
                CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from own.path), '/')::int[]) AS a(id)
                JOIN t ON t.id = a.id
               WHERE own.uto IS NULL OR own.uto >= least(own.pe_end, coalesce(t.valid_to, own.pe_end))
               GROUP BY t.id, own.de, own.pe
            )
       UPDATE analytics_cells c SET last_count = agg.n, last_sum = agg.s
         FROM agg WHERE c.data_element_id = agg.de AND c.org_unit_id = agg.tid AND c.period = agg.pe`,
      params,
    );
    return { cells: written[0]?.n ?? 0 };
  });
}

/**
 * After an organisation change: rebuilds the cells of every unit whose path is a prefix of one of `paths`
 * (the changed units' old and new places: their ancestors and themselves); a unit that no longer has sub-units
 * loses its cells.
 */
export async function refreshCellsForPaths(db: Db, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await db.tx(async (tx) => {
    // The rebuild deletes these units' cells and writes them again only for units that still have sub-units.
    const ids = await tx.query<{ id: number }>(
      `SELECT u.id FROM org_units u WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS p(path) WHERE p.path LIKE u.path || '%')`,
      [paths],
    );
    if (ids.length) await rebuildAnalyticsCells(tx, { unitIds: ids.map((r) => r.id) });
  });
}
