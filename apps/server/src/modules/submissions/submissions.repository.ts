import type { Db } from '../../platform/db/index.js';

export type SubmissionRow = {
  id: number;
  round_id: number;
  org_unit_id: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  results: string;
  difficulties: string;
  proposals: string;
  version: number;
  submitted_at: Date | null;
  submitted_by: number | null;
  reviewed_at: Date | null;
  reviewed_by: number | null;
  review_comment: string | null;
  created_at: Date;
  updated_at: Date;
  updated_by: number | null;
};

export type StoredValueRow = { data_element_id: number; code: string; value: string; num_value: number | null; comment: string | null; updated_at: Date };

const SUB_COLS = `id, round_id, org_unit_id, status, results, difficulties, proposals, version, submitted_at, submitted_by,
  reviewed_at, reviewed_by, review_comment, created_at, updated_at, updated_by`;

export const submissionsRepo = {
  find: (db: Db, roundId: number, unitId: number, lock = false) =>
    db.maybeOne<SubmissionRow>(
      `SELECT ${SUB_COLS} FROM submissions WHERE round_id = $1 AND org_unit_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [roundId, unitId],
    ),

  byId: (db: Db, id: number) => db.maybeOne<SubmissionRow>(`SELECT ${SUB_COLS} FROM submissions WHERE id = $1`, [id]),

  /**
   * Creates the unit's draft for the round; two first saves racing each other create one row
   * (the loser gets null and reads the winner's row). Version 0 = nothing saved yet.
   */
  insertDraft: (db: Db, roundId: number, unitId: number, userId: number, now: Date) =>
    db.maybeOne<SubmissionRow>(
      `INSERT INTO submissions (round_id, org_unit_id, status, version, created_at, updated_at, updated_by)
       VALUES ($1, $2, 'draft', 0, $3, $3, $4)
       ON CONFLICT (round_id, org_unit_id) DO NOTHING RETURNING ${SUB_COLS}`,
      [roundId, unitId, now, userId],
    ),

  saveNarrative: (db: Db, id: number, n: { results: string; difficulties: string; proposals: string }, userId: number, now: Date) =>
    db.one<SubmissionRow>(
      `UPDATE submissions SET results = $2, difficulties = $3, proposals = $4, version = version + 1, updated_at = $5, updated_by = $6
        WHERE id = $1 RETURNING ${SUB_COLS}`,
      [id, n.results, n.difficulties, n.proposals, now, userId],
    ),

  /** Moves the status only if it is still one of `from` (so two reviewers cannot both win). */
  transition: (
    db: Db,
    id: number,
    from: readonly string[],
    to: string,
    stamps: 'submitted' | 'reviewed' | 'recalled',
    comment: string | null,
    userId: number,
    now: Date,
  ) =>
    db.maybeOne<SubmissionRow>(
      `UPDATE submissions SET status = $3,
              submitted_at = CASE $4::text WHEN 'submitted' THEN $6::timestamptz WHEN 'recalled' THEN NULL ELSE submitted_at END,
              submitted_by = CASE $4::text WHEN 'submitted' THEN $7::int WHEN 'recalled' THEN NULL ELSE submitted_by END,
              reviewed_at = CASE $4::text WHEN 'reviewed' THEN $6::timestamptz ELSE reviewed_at END,
              reviewed_by = CASE $4::text WHEN 'reviewed' THEN $7::int ELSE reviewed_by END,
              review_comment = CASE $4::text WHEN 'reviewed' THEN $5::text ELSE review_comment END,
              version = version + 1, updated_at = $6::timestamptz, updated_by = $7::int
        WHERE id = $1 AND status = ANY($2::text[]) RETURNING ${SUB_COLS}`,
      [id, from, to, stamps, comment, now, userId],
    ),
};

export const valuesRepo = {
  /** The unit's stored values of the given elements for one period. */
  forPeriod: (db: Db, unitId: number, period: string, elementIds: number[]) =>
    db.query<StoredValueRow>(
      `SELECT dv.data_element_id, de.code, dv.value, dv.num_value, dv.comment, dv.updated_at
         FROM data_values dv JOIN data_elements de ON de.id = dv.data_element_id
        WHERE dv.org_unit_id = $1 AND dv.period = $2 AND dv.data_element_id = ANY($3::int[])`,
      [unitId, period, elementIds],
    ),

  /** Numeric values of the given elements over several periods (for the outlier check). */
  numericHistory: (db: Db, unitId: number, periods: string[], elementIds: number[]) =>
    db.query<{ code: string; period: string; num_value: number }>(
      `SELECT de.code, dv.period, dv.num_value
         FROM data_values dv JOIN data_elements de ON de.id = dv.data_element_id
        WHERE dv.org_unit_id = $1 AND dv.period = ANY($2::text[]) AND dv.data_element_id = ANY($3::int[]) AND dv.num_value IS NOT NULL`,
      [unitId, periods, elementIds],
    ),

  /** Writes many values of one unit × period in one statement (a 100-field save is one round trip, not 100). */
  upsertMany: (
    db: Db,
    k: { unitId: number; period: string; submissionId: number; userId: number; now: Date },
    rows: { elementId: number; value: string; num: number | null; comment: string | null }[],
  ) =>
    rows.length === 0
      ? Promise.resolve([])
      : db.query(
          `INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value, comment, submission_id, stored_by, created_at, updated_at)
           SELECT e, $5, $6, v, n, c, $7, $8, $9, $9 FROM unnest($1::int[], $2::text[], $3::numeric[], $4::text[]) AS x(e, v, n, c)
           ON CONFLICT (data_element_id, org_unit_id, period) DO UPDATE
             SET value = EXCLUDED.value, num_value = EXCLUDED.num_value, comment = EXCLUDED.comment,
                 submission_id = EXCLUDED.submission_id, stored_by = EXCLUDED.stored_by, updated_at = EXCLUDED.updated_at`,
          [rows.map((r) => r.elementId), rows.map((r) => r.value), rows.map((r) => r.num), rows.map((r) => r.comment), k.unitId, k.period, k.submissionId, k.userId, k.now],
        ),

  removeMany: (db: Db, unitId: number, period: string, elementIds: number[]) =>
    elementIds.length === 0
      ? Promise.resolve([])
      : db.query('DELETE FROM data_values WHERE org_unit_id = $1 AND period = $2 AND data_element_id = ANY($3::int[])', [unitId, period, elementIds]),

  auditMany: (
    db: Db,
    k: { unitId: number; period: string; submissionId: number; userId: number; now: Date },
    rows: { elementId: number; action: 'create' | 'update' | 'delete'; previous: string | null; value: string | null; comment: string | null }[],
  ) =>
    rows.length === 0
      ? Promise.resolve([])
      : db.query(
          `INSERT INTO value_audit (at, data_element_id, org_unit_id, period, action, previous_value, value, comment, actor_id, submission_id)
           SELECT $6, e, $7, $8, a, p, v, c, $9, $10 FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(e, a, p, v, c, i)
           ORDER BY i`,
          [rows.map((r) => r.elementId), rows.map((r) => r.action), rows.map((r) => r.previous), rows.map((r) => r.value), rows.map((r) => r.comment),
            k.now, k.unitId, k.period, k.userId, k.submissionId],
        ),

  /** Status of the unit's submission for the same form in another period (to label earlier figures). */
  statusInPeriod: async (db: Db, formId: number, period: string, unitId: number) =>
    (
      await db.maybeOne<{ status: string }>(
        `SELECT s.status FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id
          WHERE r.form_id = $1 AND r.period = $2 AND s.org_unit_id = $3`,
        [formId, period, unitId],
      )
    )?.status ?? null,
};
