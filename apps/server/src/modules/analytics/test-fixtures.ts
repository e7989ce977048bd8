/** Small factories for analytics tests: catalog items and values with their submissions, straight into the database. */
import { type AggregationType, parsePeriod } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { rebuildAnalyticsCells } from './analytics.cells.js';

export type Status = 'draft' | 'submitted' | 'approved' | 'returned';

export async function makeElement(db: Db, code: string, aggregationType: AggregationType, name = `Chỉ tiêu ${code}`): Promise<number> {
  const { id } = await db.one<{ id: number }>(
    `INSERT INTO data_elements (code, name, value_type, aggregation_type) VALUES ($1, $2, 'NUMBER', $3) RETURNING id`,
    [code, name, aggregationType],
  );
  return id;
}

export async function makeIndicator(
  db: Db,
  i: { code: string; name?: string; numerator: string; denominator?: string; factor?: number; decimals?: number },
): Promise<number> {
  const { id } = await db.one<{ id: number }>(
    `INSERT INTO indicators (code, name, numerator, denominator, factor, decimals) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [i.code, i.name ?? `Chỉ số ${i.code}`, i.numerator, i.denominator ?? '1', i.factor ?? 1, i.decimals ?? 1],
  );
  return id;
}

export type ValueSeed = { deId: number; unitId: number; period: string; value: number; status: Status };

/**
 * Stores values as a unit's report would: one form per period type, one round per period, one submission
 * per (round, unit) carrying `status` (the last status given for a unit and period wins). Statuses are written
 * directly, not through approvals, so the analytics cells are rebuilt at the end.
 */
export async function putValues(db: Db, values: ValueSeed[]): Promise<void> {
  const rounds = new Map<string, number>();
  const submissions = new Map<string, number>();
  for (const v of values) {
    const p = parsePeriod(v.period);
    if (!p) throw new Error(`bad period ${v.period}`);
    let roundId = rounds.get(p.id);
    if (roundId === undefined) {
      const form = await db.one<{ id: number }>(
        `INSERT INTO report_forms (code, name, period_type) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [`AN-${p.type}`, `Biểu ${p.type}`, p.type],
      );
      const round = await db.one<{ id: number }>(
        `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline)
         VALUES ($1, $2, $3, $4, $3, $4, ($4::date + 15)::timestamptz)
         ON CONFLICT (form_id, period) DO UPDATE SET note = reporting_rounds.note RETURNING id`,
        [form.id, p.id, p.start, p.end],
      );
      roundId = round.id;
      rounds.set(p.id, roundId);
    }
    const key = `${roundId}|${v.unitId}`;
    let submissionId = submissions.get(key);
    if (submissionId === undefined) {
      const s = await db.one<{ id: number }>(
        `INSERT INTO submissions (round_id, org_unit_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (round_id, org_unit_id) DO UPDATE SET status = EXCLUDED.status RETURNING id`,
        [roundId, v.unitId, v.status],
      );
      submissionId = s.id;
      submissions.set(key, submissionId);
    } else {
      await db.query(`UPDATE submissions SET status = $2 WHERE id = $1`, [submissionId, v.status]);
    }
    await db.query(
      `INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value, submission_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (data_element_id, org_unit_id, period) DO UPDATE SET value = EXCLUDED.value, num_value = EXCLUDED.num_value, submission_id = EXCLUDED.submission_id`,
      [v.deId, v.unitId, p.id, String(v.value), v.value, submissionId],
    );
  }
  await rebuildAnalyticsCells(db);
}
