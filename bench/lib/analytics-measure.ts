/**
 * The analytics benchmark's queries and fixtures: the yardstick request, the same answer by a plain
 * GROUP BY over the raw approved values, their comparison, and the open round of 100-value reports that
 * the approval measurements approve or return.
 */
import type { AnalyticsRequest } from '../../apps/server/src/modules/analytics/analytics.query.js';
import type { Db } from '../../apps/server/src/platform/db/index.js';
import { FORMS, OPEN_QUARTER, valueSql, YARDSTICK_ELEMENTS, YARDSTICK_YEARS } from './national-plan.js';
import { quantile } from './stats.js';

export { quantile };

/** 27 SUM data elements × a province and its districts (`ou:PROV;LEVEL-3`) × the ten years 2016–2025. */
export const yardstickRequest = (province: string): AnalyticsRequest => ({
  dx: YARDSTICK_ELEMENTS,
  ou: [
    { kind: 'unit', code: province },
    { kind: 'level', level: 3 },
  ],
  pe: YARDSTICK_YEARS,
  includeUnapproved: false,
});

export type Cell = { dx: string; ou: string; pe: string; value: number };

/**
 * The yardstick's answer written the plain way: approved raw values joined to their unit, every target
 * unit whose path is a prefix of the value's unit path (a unit stands for its subtree), grouped by data
 * element, target and year. Targets: the named province, and its level-3 units in the years they existed
 * (as LEVEL-n does). A year holds every stored period whose id starts with it (all of the set's are quarters).
 */
export async function plainGroupBy(db: Db, province: string, level: number): Promise<Cell[]> {
  const first = YARDSTICK_YEARS[0];
  const after = String(Number(YARDSTICK_YEARS.at(-1)) + 1);
  return db.query<Cell>(
    `WITH target AS (
       SELECT t.id, t.code, t.path, t.id = p.id AS named, t.valid_from, t.valid_to
         FROM org_units p JOIN org_units t ON t.id = p.id OR (t.level = $3 AND t.path LIKE p.path || '%')
        WHERE p.code = $2
     )
     SELECT de.code AS dx, t.code AS ou, left(dv.period, 4) AS pe, sum(dv.num_value) AS value
       FROM data_values dv
       JOIN submissions s ON s.id = dv.submission_id AND s.status = 'approved'
       JOIN data_elements de ON de.id = dv.data_element_id
       JOIN org_units u ON u.id = dv.org_unit_id
       JOIN target t ON u.path LIKE t.path || '%'
      WHERE de.code = ANY($1::text[]) AND dv.period >= $4 AND dv.period < $5 AND dv.num_value IS NOT NULL
        AND (t.named OR (t.valid_from <= (left(dv.period, 4) || '-12-31')::date
                         AND (t.valid_to IS NULL OR t.valid_to >= (left(dv.period, 4) || '-01-01')::date)))
      GROUP BY de.code, t.code, left(dv.period, 4)`,
    [YARDSTICK_ELEMENTS, province, level, first, after],
  );
}

export type Comparison = { cells: number; missing: string[]; extra: string[]; differ: string[] };

/** Cell by cell: both sides must hold the same cells with exactly the same values. */
export function compareAnswers(engine: Cell[], plain: Cell[]): Comparison {
  const key = (c: Cell) => `${c.dx} ${c.ou} ${c.pe}`;
  const mine = new Map(engine.map((c) => [key(c), c.value]));
  const theirs = new Map(plain.map((c) => [key(c), Number(c.value)]));
  const out: Comparison = { cells: plain.length, missing: [], extra: [], differ: [] };
  for (const [k, v] of theirs) {
    if (!mine.has(k)) out.missing.push(`${k} (plain ${v})`);
    else if (mine.get(k) !== v) out.differ.push(`${k}: analytics ${mine.get(k)}, plain ${v}`);
  }
  for (const [k, v] of mine) if (!theirs.has(k)) out.extra.push(`${k} (analytics ${v})`);
  return out;
}

const APPROVAL_FORM = FORMS.find((f) => !f.history)!;

/** Removes what an earlier run's approval measurements left (its open round, reports and values). */
export async function clearApprovals(db: Db): Promise<number> {
  return db.tx(async (tx) => {
    const round = await tx.maybeOne<{ id: number }>(
      `SELECT r.id FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id WHERE f.code = $1 AND r.period = $2`,
      [APPROVAL_FORM.code, OPEN_QUARTER.id],
    );
    if (!round) return 0;
    const gone = await tx.query(
      `DELETE FROM data_values WHERE submission_id IN (SELECT id FROM submissions WHERE round_id = $1) RETURNING 1`,
      [round.id],
    );
    await tx.query(`DELETE FROM submissions WHERE round_id = $1`, [round.id]);
    await tx.query(`DELETE FROM reporting_rounds WHERE id = $1`, [round.id]);
    return gone.length;
  });
}

export type ApprovalFixture = { roundId: number; units: { id: number; code: string }[]; figures: number };

/**
 * Opens the 2026Q4 round of the 100-figure form and gives `count` communes, spread over the country, a
 * submitted report of 100 figures — as saving and submitting would leave them: the values with their
 * submission and their value-log rows.
 */
export async function prepareApprovals(db: Db, count: number): Promise<ApprovalFixture> {
  return db.tx(async (tx) => {
    const form = await tx.one<{ id: number }>(`SELECT id FROM report_forms WHERE code = $1`, [APPROVAL_FORM.code]);
    const round = await tx.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ($1, $2, $3, $4, $3, $4, '2027-01-15 17:00:00+07', 'open') RETURNING id`,
      [form.id, OPEN_QUARTER.id, OPEN_QUARTER.start, OPEN_QUARTER.end],
    );
    const all = await tx.query<{ id: number; code: string }>(
      `SELECT u.id, u.code FROM form_units fu JOIN org_units u ON u.id = fu.org_unit_id WHERE fu.form_id = $1 ORDER BY u.code`,
      [form.id],
    );
    if (all.length < count) throw new Error(`the approval form has ${all.length} units, ${count} needed`);
    const units = Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
    await tx.query(
      `INSERT INTO submissions (round_id, org_unit_id, status, version, submitted_at, created_at, updated_at)
       SELECT $1, id, 'submitted', 2, now(), now(), now() FROM unnest($2::int[]) AS id`,
      [round.id, units.map((u) => u.id)],
    );
    const values = await tx.query(
      `INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value, submission_id)
       SELECT fe.data_element_id, s.org_unit_id, $3, h.v::text, h.v, s.id
         FROM submissions s JOIN form_elements fe ON fe.form_id = $2
         CROSS JOIN LATERAL (SELECT ${valueSql('fe.data_element_id', 's.org_unit_id', '$4')} AS v) h
        WHERE s.round_id = $1
       RETURNING 1`,
      [round.id, form.id, OPEN_QUARTER.id, OPEN_QUARTER.index],
    );
    await tx.query(
      `INSERT INTO value_audit (data_element_id, org_unit_id, period, action, value, submission_id)
       SELECT dv.data_element_id, dv.org_unit_id, dv.period, 'create', dv.value, dv.submission_id
         FROM data_values dv JOIN submissions s ON s.id = dv.submission_id WHERE s.round_id = $1`,
      [round.id],
    );
    return { roundId: round.id, units, figures: values.length };
  });
}

/** The stored figure of one unit's report for one element in the open round. */
export async function storedFigure(db: Db, unitId: number, element: string): Promise<number> {
  const row = await db.one<{ v: number }>(
    `SELECT dv.num_value AS v FROM data_values dv JOIN data_elements de ON de.id = dv.data_element_id
      WHERE de.code = $1 AND dv.org_unit_id = $2 AND dv.period = $3`,
    [element, unitId, OPEN_QUARTER.id],
  );
  return row.v;
}


export const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
