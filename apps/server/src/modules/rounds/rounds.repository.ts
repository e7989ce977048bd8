import type { Db } from '../../platform/db/index.js';

/** A reporting round joined with the few fields of its form that rounds and submissions need. */
export type RoundRow = {
  id: number;
  form_id: number;
  form_code: string;
  form_name: string;
  form_kind: 'administrative' | 'statistical';
  form_period_type: string;
  form_division_id: number | null;
  form_narrative: boolean;
  period: string;
  period_start: string;
  period_end: string;
  cutoff_start: string;
  cutoff_end: string;
  deadline: Date;
  status: 'open' | 'closed';
  note: string | null;
  created_by: number | null;
  created_at: Date;
};

export type RoundCountsRow = {
  round_id: number;
  assigned: number;
  not_started: number;
  draft: number;
  submitted: number;
  approved: number;
  returned: number;
  late: number;
  on_time: number;
};

/** A form as the rounds module needs it (read-only view of the catalog's table). */
export type FormRow = { id: number; code: string; name: string; period_type: string; kind: 'administrative' | 'statistical'; division_id: number | null; active: boolean };

/** One assigned unit of a round with its submission, if any. */
export type BoardRow = {
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_short_name: string | null;
  unit_type: string;
  sector_id: number | null;
  sector_code: string | null;
  sector_name: string | null;
  submission_id: number | null;
  status: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  updated_at: Date | null;
};

export type UnitRow = { id: number; code: string; name: string; short_name: string | null; type: string; sector_id: number | null; sector_name: string | null };

/** Who sees which rounds: every round, the rounds of forms assigned to a unit, or of forms a division reviews. */
export type RoundScope = { kind: 'all' } | { kind: 'unit'; unitId: number } | { kind: 'division'; divisionId: number };

const ROUND_COLS = `r.id, r.form_id, f.code AS form_code, f.name AS form_name, f.kind AS form_kind, f.period_type AS form_period_type,
  f.division_id AS form_division_id, f.narrative AS form_narrative, r.period, r.period_start, r.period_end, r.cutoff_start,
  r.cutoff_end, r.deadline, r.status, r.note, r.created_by, r.created_at`;

const scopeParams = (s: RoundScope) => [s.kind === 'unit' ? s.unitId : null, s.kind === 'division' ? s.divisionId : null];

/** Units assigned to the round's form and valid at some day of its period. */
const ASSIGNED = `JOIN form_units fu ON fu.form_id = r.form_id
  JOIN org_units u ON u.id = fu.org_unit_id AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start)`;

export const roundsRepo = {
  /** `lock` takes the round's row lock (FOR UPDATE OF r) for an edit. */
  byId: (db: Db, id: number, lock = false) =>
    db.maybeOne<RoundRow>(
      `SELECT ${ROUND_COLS} FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    ),

  list: (db: Db, scope: RoundScope, f: { status?: string; formId?: number; year?: number }) =>
    db.query<RoundRow>(
      `SELECT ${ROUND_COLS} FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id
        WHERE ($1::int IS NULL OR EXISTS (SELECT 1 FROM form_units fu WHERE fu.form_id = r.form_id AND fu.org_unit_id = $1))
          AND ($2::int IS NULL OR f.division_id = $2)
          AND ($3::text IS NULL OR r.status = $3)
          AND ($4::int IS NULL OR r.form_id = $4)
          AND ($5::date IS NULL OR (r.period_start >= $5::date AND r.period_start < ($5::date + interval '1 year')))
        ORDER BY r.period_start DESC, r.period_end, f.code, r.id`,
      [...scopeParams(scope), f.status ?? null, f.formId ?? null, f.year ? `${f.year}-01-01` : null],
    ),

  /** Status counts per round; `unitId` narrows them to one unit (what a unit user may know). */
  counts: (db: Db, roundIds: number[], now: Date, unitId: number | null) =>
    roundIds.length === 0
      ? Promise.resolve([] as RoundCountsRow[])
      : db.query<RoundCountsRow>(
          `SELECT r.id AS round_id, count(*) AS assigned,
                  count(*) FILTER (WHERE s.id IS NULL) AS not_started,
                  count(*) FILTER (WHERE s.status = 'draft') AS draft,
                  count(*) FILTER (WHERE s.status = 'submitted') AS submitted,
                  count(*) FILTER (WHERE s.status = 'approved') AS approved,
                  count(*) FILTER (WHERE s.status = 'returned') AS returned,
                  count(*) FILTER (WHERE (s.status IN ('submitted','approved') AND s.submitted_at > r.deadline)
                                      OR (coalesce(s.status, '') NOT IN ('submitted','approved') AND $2::timestamptz > r.deadline)) AS late,
                  count(*) FILTER (WHERE s.status IN ('submitted','approved') AND s.submitted_at <= r.deadline) AS on_time
             FROM reporting_rounds r ${ASSIGNED}
             LEFT JOIN submissions s ON s.round_id = r.id AND s.org_unit_id = u.id
            WHERE r.id = ANY($1::int[]) AND ($3::int IS NULL OR u.id = $3)
            GROUP BY r.id`,
          [roundIds, now, unitId],
        ),

  exists: (db: Db, formId: number, period: string) =>
    db.maybeOne<{ id: number }>('SELECT id FROM reporting_rounds WHERE form_id = $1 AND period = $2', [formId, period]),

  insert: (
    db: Db,
    r: { formId: number; period: string; periodStart: string; periodEnd: string; cutoffStart: string; cutoffEnd: string; deadline: Date; note: string | null; createdBy: number | null },
  ) =>
    db.maybeOne<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, note, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (form_id, period) DO NOTHING RETURNING id`,
      [r.formId, r.period, r.periodStart, r.periodEnd, r.cutoffStart, r.cutoffEnd, r.deadline, r.note, r.createdBy],
    ),

  update: (db: Db, id: number, r: { cutoffStart: string; cutoffEnd: string; deadline: Date; status: string; note: string | null }) =>
    db.query('UPDATE reporting_rounds SET cutoff_start = $2, cutoff_end = $3, deadline = $4, status = $5, note = $6 WHERE id = $1', [
      id, r.cutoffStart, r.cutoffEnd, r.deadline, r.status, r.note,
    ]),

  /** Every assigned unit of the round with its submission, filtered (q is diacritic-insensitive). */
  board: (db: Db, roundId: number, f: { status?: string; sectorId?: number; unitType?: string; q?: string; unitId?: number }) =>
    db.query<BoardRow>(
      `SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.short_name AS unit_short_name, u.type AS unit_type,
              u.sector_id, sec.code AS sector_code, sec.name AS sector_name,
              s.id AS submission_id, s.status, s.submitted_at, s.reviewed_at, s.updated_at
         FROM reporting_rounds r ${ASSIGNED}
         LEFT JOIN sectors sec ON sec.id = u.sector_id
         LEFT JOIN submissions s ON s.round_id = r.id AND s.org_unit_id = u.id
        WHERE r.id = $1
          AND ($2::text IS NULL OR coalesce(s.status, 'not_started') = $2)
          AND ($3::int IS NULL OR u.sector_id = $3)
          AND ($4::text IS NULL OR u.type = $4)
          AND ($5::text IS NULL OR vn_fold(u.code || ' ' || u.name || ' ' || coalesce(u.short_name, '')) LIKE '%' || vn_fold($5) || '%')
          AND ($6::int IS NULL OR u.id = $6)`,
      [roundId, f.status ?? null, f.sectorId ?? null, f.unitType ?? null, f.q ?? null, f.unitId ?? null],
    ),

  /** The unit if it is assigned to the round's form and valid during the period, or already has a submission in it. */
  unitInRound: (db: Db, roundId: number, unitId: number) =>
    db.maybeOne<UnitRow>(
      `SELECT u.id, u.code, u.name, u.short_name, u.type, u.sector_id, sec.name AS sector_name
         FROM reporting_rounds r JOIN org_units u ON u.id = $2
         LEFT JOIN sectors sec ON sec.id = u.sector_id
        WHERE r.id = $1
          AND ((EXISTS (SELECT 1 FROM form_units fu WHERE fu.form_id = r.form_id AND fu.org_unit_id = u.id)
                AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start))
               OR EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id AND s.org_unit_id = u.id))`,
      [roundId, unitId],
    ),

  /** Is the form assigned to the unit? (round visibility for unit roles) */
  formAssignedTo: async (db: Db, formId: number, unitId: number) =>
    !!(await db.maybeOne('SELECT 1 FROM form_units WHERE form_id = $1 AND org_unit_id = $2', [formId, unitId])),

  form: (db: Db, id: number) =>
    db.maybeOne<FormRow>('SELECT id, code, name, period_type, kind, division_id, active FROM report_forms WHERE id = $1', [id]),

  /** Public holidays (ISO dates) kept in settings under 'holidays'; none when not configured. */
  holidays: async (db: Db): Promise<string[]> => {
    const r = await db.maybeOne<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'holidays'`);
    return Array.isArray(r?.value) ? r.value.filter((d): d is string => typeof d === 'string') : [];
  },
};
