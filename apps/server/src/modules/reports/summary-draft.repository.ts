/** SQL of the edited summary reports: one row per period (state, number, signed copy) and its saved versions. */
import type { Db } from '../../platform/db/index.js';

export type SummaryReportRow = {
  id: number;
  period: string;
  state: 'draft' | 'submitted' | 'approved';
  version: number;
  number: string | null;
  number_year: number | null;
  doc_date: string | null;
  returned_comment: string | null;
  returned_by_name: string | null;
  returned_at: Date | null;
  submitted_by_name: string | null;
  submitted_at: Date | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  signed_name: string | null;
  signed_size: number | null;
  signed_by_name: string | null;
  signed_at: Date | null;
  created_by: number | null;
};

export type SummaryVersionRow = {
  version: number;
  kind: 'compile' | 'edit' | 'refresh' | 'submit' | 'return' | 'approve' | 'signed';
  sections: unknown;
  fields: unknown;
  input: unknown;
  figures_at: Date;
  comment: string | null;
  edited_by: number | null;
  edited_by_name: string | null;
  edited_at: Date;
};

const REPORT = `SELECT r.id, r.period, r.state, r.version, r.number, r.number_year, to_char(r.doc_date, 'YYYY-MM-DD') AS doc_date,
                       r.returned_comment, ru.full_name AS returned_by_name, r.returned_at,
                       r.submitted_at, su.full_name AS submitted_by_name, r.approved_at, au.full_name AS approved_by_name,
                       r.signed_name, octet_length(r.signed_pdf) AS signed_size, gu.full_name AS signed_by_name, r.signed_at, r.created_by
                  FROM summary_reports r
                  LEFT JOIN users ru ON ru.id = r.returned_by LEFT JOIN users su ON su.id = r.submitted_by
                  LEFT JOIN users au ON au.id = r.approved_by LEFT JOIN users gu ON gu.id = r.signed_by`;

const VERSION = `SELECT v.version, v.kind, v.sections, v.fields, v.input, v.figures_at, v.comment, v.edited_by, u.full_name AS edited_by_name, v.edited_at
                   FROM summary_report_versions v LEFT JOIN users u ON u.id = v.edited_by`;

export type NewVersion = {
  kind: SummaryVersionRow['kind'];
  sections: unknown;
  fields: unknown;
  input: unknown;
  figuresAt: Date;
  comment?: string | null;
  by: number | null;
  at: Date;
};

export const summaryDraftRepo = {
  list: (db: Db) =>
    db.query<SummaryReportRow & { edited_by_name: string | null; edited_at: Date }>(
      `SELECT x.*, v.edited_at, u.full_name AS edited_by_name
         FROM (${REPORT}) x
         JOIN summary_report_versions v ON v.report_id = x.id AND v.version = x.version
         LEFT JOIN users u ON u.id = v.edited_by
        ORDER BY x.period DESC`,
    ),

  byPeriod: (db: Db, period: string) => db.maybeOne<SummaryReportRow>(`${REPORT} WHERE r.period = $1`, [period]),

  /** The report's row locked for a change (a save, a transition): a second change waits, then sees the new version. */
  lock: (db: Db, period: string) => db.maybeOne<{ id: number; state: SummaryReportRow['state']; version: number }>(
    'SELECT id, state, version FROM summary_reports WHERE period = $1 FOR UPDATE', [period],
  ),

  /** A new report at version 1; null when the period already has one (the unique period decides). */
  create: (db: Db, period: string, by: number | null, at: Date) =>
    db.maybeOne<{ id: number }>(
      `INSERT INTO summary_reports (period, version, created_by, created_at) VALUES ($1, 1, $2, $3)
       ON CONFLICT (period) DO NOTHING RETURNING id`,
      [period, by, at],
    ),

  insertVersion: (db: Db, reportId: number, version: number, v: NewVersion) =>
    db.query(
      `INSERT INTO summary_report_versions (report_id, version, kind, sections, fields, input, figures_at, comment, edited_by, edited_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
      [reportId, version, v.kind, JSON.stringify(v.sections), JSON.stringify(v.fields), JSON.stringify(v.input), v.figuresAt, v.comment ?? null, v.by, v.at],
    ),

  /** Moves the report to `version` (and a state, with who and when). */
  setVersion: (db: Db, id: number, version: number) => db.query('UPDATE summary_reports SET version = $2 WHERE id = $1', [id, version]),

  /** Who submitted the report last (told when it is returned). */
  submitter: async (db: Db, id: number) =>
    (await db.maybeOne<{ submitted_by: number | null }>('SELECT submitted_by FROM summary_reports WHERE id = $1', [id]))?.submitted_by ?? null,

  submitted: (db: Db, id: number, by: number | null, at: Date) =>
    db.query(`UPDATE summary_reports SET state = 'submitted', submitted_by = $2, submitted_at = $3 WHERE id = $1`, [id, by, at]),

  returned: (db: Db, id: number, comment: string, by: number | null, at: Date) =>
    db.query(
      `UPDATE summary_reports SET state = 'draft', returned_comment = $2, returned_by = $3, returned_at = $4 WHERE id = $1`,
      [id, comment, by, at],
    ),

  approved: (db: Db, id: number, number: string, year: number, date: string, by: number | null, at: Date) =>
    db.query(
      `UPDATE summary_reports SET state = 'approved', number = $2, number_year = $3, doc_date = $4::date, approved_by = $5, approved_at = $6 WHERE id = $1`,
      [id, number, year, date, by, at],
    ),

  signed: (db: Db, id: number, pdf: Buffer, name: string, by: number | null, at: Date) =>
    db.query('UPDATE summary_reports SET signed_pdf = $2, signed_name = $3, signed_by = $4, signed_at = $5 WHERE id = $1', [id, pdf, name, by, at]),

  signedFile: (db: Db, period: string) =>
    db.maybeOne<{ signed_pdf: Uint8Array | null; signed_name: string | null }>('SELECT signed_pdf, signed_name FROM summary_reports WHERE period = $1', [period]),

  /** One number per year at a time: taken under this lock until the transaction ends. */
  lockNumbering: (db: Db, year: number) => db.query(`SELECT pg_advisory_xact_lock(hashtext('summary-report-number'), $1::int)`, [year]),

  numbersOfYear: async (db: Db, year: number) =>
    (await db.query<{ number: string }>('SELECT number FROM summary_reports WHERE number_year = $1 AND number IS NOT NULL', [year])).map((r) => r.number),

  version: (db: Db, reportId: number, version: number) =>
    db.maybeOne<SummaryVersionRow>(`${VERSION} WHERE v.report_id = $1 AND v.version = $2`, [reportId, version]),

  versions: (db: Db, reportId: number) =>
    db.query<Omit<SummaryVersionRow, 'sections' | 'fields' | 'input'>>(
      `SELECT v.version, v.kind, v.figures_at, v.comment, v.edited_by, u.full_name AS edited_by_name, v.edited_at
         FROM summary_report_versions v LEFT JOIN users u ON u.id = v.edited_by
        WHERE v.report_id = $1 ORDER BY v.version DESC`,
      [reportId],
    ),

  /** Active accounts of a role (the directors to tell that a report waits for them). */
  usersWithRole: async (db: Db, role: string) =>
    (await db.query<{ id: number }>(`SELECT id FROM users WHERE role = $1 AND active`, [role])).map((r) => r.id),
};
