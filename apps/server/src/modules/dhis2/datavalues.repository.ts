/** SQL of the data value import and export. Bulk statements take parallel arrays through unnest(). */
import type { Db } from '../../platform/db/index.js';

export type ElementRow = {
  id: number;
  code: string;
  name: string;
  value_type: string;
  min_value: number | null;
  max_value: number | null;
  report_level: number | null;
};
export type UnitRow = { id: number; code: string; name: string; level: number; path: string; valid_from: string; valid_to: string | null };
export type FormRow = {
  id: number;
  code: string;
  name: string;
  period_type: string;
  kind: string;
  division_id: number | null;
  active: boolean;
};
export type RoundRow = { id: number; form_id: number; period: string; status: string };
export type SubmissionRow = { id: number; round_id: number; org_unit_id: number; status: string };
export type ValueChunk = {
  de: number[];
  ou: number[];
  pe: string[];
  val: string[];
  num: (number | null)[];
  cmt: (string | null)[];
  sub: number[];
};
export type NewRound = {
  formId: number;
  period: string;
  start: string;
  end: string;
  cutoffStart: string;
  cutoffEnd: string;
  deadline: string;
  status: 'open' | 'closed';
};

export const dataValuesRepo = {
  elements: (db: Db) => db.query<ElementRow>('SELECT id, code, name, value_type, min_value, max_value, report_level FROM data_elements'),

  units: (db: Db, onlyId?: number) =>
    db.query<UnitRow>(
      `SELECT id, code, name, level, path, valid_from, valid_to FROM org_units ${onlyId === undefined ? '' : 'WHERE id = $1'}`,
      onlyId === undefined ? [] : [onlyId],
    ),

  forms: (db: Db) => db.query<FormRow>('SELECT id, code, name, period_type, kind, division_id, active FROM report_forms ORDER BY id'),
  formElements: (db: Db) => db.query<{ form_id: number; data_element_id: number }>('SELECT form_id, data_element_id FROM form_elements'),
  formUnits: (db: Db) => db.query<{ form_id: number; org_unit_id: number }>('SELECT form_id, org_unit_id FROM form_units'),
  rounds: (db: Db) => db.query<RoundRow>('SELECT id, form_id, period, status FROM reporting_rounds'),

  submissions: (db: Db, roundIds: number[], unitIds: number[]) =>
    db.query<SubmissionRow>(
      `SELECT s.id, s.round_id, s.org_unit_id, s.status
         FROM unnest($1::int[], $2::int[]) AS k(round_id, org_unit_id)
         JOIN submissions s ON s.round_id = k.round_id AND s.org_unit_id = k.org_unit_id`,
      [roundIds, unitIds],
    ),

  insertRounds: (db: Db, rows: NewRound[], actorId: number | null, note: string) =>
    db.query<{ id: number; form_id: number; period: string; status: string }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status, note, created_by)
       SELECT f, p, ps, pe, cs, ce, dl, st, $9, $10
         FROM unnest($1::int[], $2::text[], $3::date[], $4::date[], $5::date[], $6::date[], $7::timestamptz[], $8::text[])
              AS t(f, p, ps, pe, cs, ce, dl, st)
       ON CONFLICT (form_id, period) DO NOTHING
       RETURNING id, form_id, period, status`,
      [
        rows.map((r) => r.formId),
        rows.map((r) => r.period),
        rows.map((r) => r.start),
        rows.map((r) => r.end),
        rows.map((r) => r.cutoffStart),
        rows.map((r) => r.cutoffEnd),
        rows.map((r) => r.deadline),
        rows.map((r) => r.status),
        note,
        actorId,
      ],
    ),

  /** Creates submissions (draft, or approved for historical loads); existing ones are left alone. */
  insertSubmissions: (
    db: Db,
    roundIds: number[],
    unitIds: number[],
    status: 'draft' | 'approved',
    actorId: number | null,
    now: Date,
    reviewComment: string | null,
  ) =>
    db.query<SubmissionRow>(
      `INSERT INTO submissions (round_id, org_unit_id, status, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, created_at, updated_at, updated_by)
       SELECT r, u, $3, CASE WHEN $3 = 'approved' THEN $5::timestamptz END, CASE WHEN $3 = 'approved' THEN $4::int END,
              CASE WHEN $3 = 'approved' THEN $5::timestamptz END, CASE WHEN $3 = 'approved' THEN $4::int END, $6, $5, $5, $4
         FROM unnest($1::int[], $2::int[]) AS t(r, u)
       ON CONFLICT (round_id, org_unit_id) DO NOTHING
       RETURNING id, round_id, org_unit_id, status`,
      [roundIds, unitIds, status, actorId, now, reviewComment],
    ),

  /**
   * Takes the row locks of the draft/returned submissions an import writes into, so a concurrent
   * submit or approve waits for the import; bumps their version so a stale entry form gets a 409.
   * Returns the ids still editable.
   */
  touchSubmissions: (db: Db, ids: number[], actorId: number | null, now: Date) =>
    db.query<{ id: number }>(
      `UPDATE submissions SET version = version + 1, updated_at = $3, updated_by = $2
        WHERE id = ANY($1::int[]) AND status IN ('draft', 'returned') RETURNING id`,
      [ids, actorId, now],
    ),

  /**
   * Inserts or updates a chunk of values (each key once; an unchanged value is left alone) and writes
   * one value_audit row per change, with the previous value the import read beforehand (`prev`).
   * No lookup of the table by the whole chunk: the conflict arbiter (the primary key) does the work.
   */
  upsertValues: (
    db: Db,
    c: ValueChunk & { prev: (string | null)[] },
    actorId: number | null,
    now: Date,
    auditAction: 'approve_import' | null,
  ) =>
    db.one<{ imported: number; updated: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::int[], $8::text[])
                AS t(de, ou, pe, val, num, cmt, sub, prev)
       ), up AS (
         INSERT INTO data_values AS d (data_element_id, org_unit_id, period, value, num_value, comment, submission_id, stored_by, created_at, updated_at)
         SELECT de, ou, pe, val, num, cmt, sub, $9, $10, $10 FROM input
         ON CONFLICT (data_element_id, org_unit_id, period) DO UPDATE
            SET value = EXCLUDED.value, num_value = EXCLUDED.num_value, comment = COALESCE(EXCLUDED.comment, d.comment),
                submission_id = EXCLUDED.submission_id, stored_by = EXCLUDED.stored_by, updated_at = EXCLUDED.updated_at
          WHERE d.value IS DISTINCT FROM EXCLUDED.value
             OR (EXCLUDED.comment IS NOT NULL AND d.comment IS DISTINCT FROM EXCLUDED.comment)
         RETURNING d.data_element_id, d.org_unit_id, d.period, d.value, d.comment, d.submission_id, (d.xmax = 0) AS inserted
       ), aud AS (
         INSERT INTO value_audit (at, data_element_id, org_unit_id, period, action, previous_value, value, comment, actor_id, submission_id)
         SELECT $10, up.data_element_id, up.org_unit_id, up.period,
                COALESCE($11::text, CASE WHEN up.inserted THEN 'create' ELSE 'update' END),
                CASE WHEN up.inserted THEN NULL ELSE i.prev END, up.value, up.comment, $9, up.submission_id
           FROM up JOIN input i ON i.de = up.data_element_id AND i.ou = up.org_unit_id AND i.pe = up.period
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS imported, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
      [c.de, c.ou, c.pe, c.val, c.num, c.cmt, c.sub, c.prev, actorId, now, auditAction],
    ),

  /**
   * Stored value and comment of each key, by 1-based position in the arrays (absent keys are not
   * returned). The LATERAL subquery with OFFSET 0 keeps one primary-key lookup per key: a plain join
   * could be planned as a scan of the whole table for every chunk, which grows with the table.
   */
  stored: (db: Db, de: number[], ou: number[], pe: string[]) =>
    db.query<{ idx: number; value: string; comment: string | null }>(
      `SELECT k.idx::int AS idx, o.value, o.comment
         FROM unnest($1::int[], $2::int[], $3::text[]) WITH ORDINALITY AS k(de, ou, pe, idx)
         JOIN LATERAL (
           SELECT d.value, d.comment FROM data_values d
            WHERE d.data_element_id = k.de AND d.org_unit_id = k.ou AND d.period = k.pe OFFSET 0
         ) o ON true`,
      [de, ou, pe],
    ),

  // ── export ──
  formByCode: (db: Db, code: string) =>
    db.maybeOne<FormRow>('SELECT id, code, name, period_type, kind, division_id, active FROM report_forms WHERE code = $1', [code]),
  unitByCode: (db: Db, code: string) =>
    db.maybeOne<UnitRow>('SELECT id, code, name, level, path, valid_from, valid_to FROM org_units WHERE code = $1', [code]),
  formUnitIds: async (db: Db, formIds: number[]) =>
    (await db.query<{ org_unit_id: number }>('SELECT DISTINCT org_unit_id FROM form_units WHERE form_id = ANY($1::int[])', [formIds])).map(
      (r) => r.org_unit_id,
    ),
  formElementIds: async (db: Db, formIds: number[]) =>
    (
      await db.query<{ data_element_id: number }>('SELECT DISTINCT data_element_id FROM form_elements WHERE form_id = ANY($1::int[])', [
        formIds,
      ])
    ).map((r) => r.data_element_id),

  /** One page of exported values after the key `after`, in key order. */
  exportPage: (
    db: Db,
    q: {
      elementIds: number[];
      periods: string[];
      allUnits: boolean;
      unitIds: number[];
      paths: string[];
      onlyUnitIds: number[] | null;
      approvedOnly: boolean;
    },
    after: [number, number, string],
    limit: number,
  ) =>
    db.query<{
      de_id: number;
      ou_id: number;
      period: string;
      de: string;
      ou: string;
      value: string;
      comment: string | null;
      stored_by: string | null;
      updated_at: Date;
      created_at: Date;
    }>(
      `SELECT v.data_element_id AS de_id, v.org_unit_id AS ou_id, v.period, e.code AS de, o.code AS ou, v.value, v.comment,
              u.username AS stored_by, v.updated_at, v.created_at
         FROM data_values v
         JOIN data_elements e ON e.id = v.data_element_id
         JOIN org_units o ON o.id = v.org_unit_id
         LEFT JOIN users u ON u.id = v.stored_by
         ${q.approvedOnly ? "JOIN submissions s ON s.id = v.submission_id AND s.status = 'approved'" : ''}
        WHERE v.data_element_id = ANY($1::int[]) AND v.period = ANY($2::text[])
          AND ($10::boolean OR v.org_unit_id = ANY($3::int[]) OR o.path LIKE ANY($4::text[]))
          AND ($5::int[] IS NULL OR v.org_unit_id = ANY($5::int[]))
          AND (v.data_element_id, v.org_unit_id, v.period) > ($6::int, $7::int, $8::text)
        ORDER BY v.data_element_id, v.org_unit_id, v.period
        LIMIT $9`,
      [q.elementIds, q.periods, q.unitIds, q.paths, q.onlyUnitIds, after[0], after[1], after[2], limit, q.allUnits],
    ),
};
