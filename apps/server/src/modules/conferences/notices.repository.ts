/** SQL of the issued conclusion notices: append-only (the table refuses UPDATE), numbered versions per conference. */
import type { Db } from '../../platform/db/index.js';

export type NoticeRow = {
  id: number;
  conference_id: number;
  version: number;
  number: string;
  issued_at: Date;
  issued_by: number | null;
  issued_by_name: string | null;
  reason: string | null;
};

const SELECT = `SELECT n.id, n.conference_id, n.version, n.number, n.issued_at, n.issued_by, u.full_name AS issued_by_name, n.reason
                  FROM conference_notices n LEFT JOIN users u ON u.id = n.issued_by`;

export const noticesRepo = {
  list: (db: Db, conferenceId: number) => db.query<NoticeRow>(`${SELECT} WHERE n.conference_id = $1 ORDER BY n.version DESC`, [conferenceId]),

  latest: (db: Db, conferenceId: number) =>
    db.maybeOne<NoticeRow & { content: unknown }>(
      `SELECT n.id, n.conference_id, n.version, n.number, n.issued_at, n.issued_by, u.full_name AS issued_by_name, n.reason, n.content
         FROM conference_notices n LEFT JOIN users u ON u.id = n.issued_by WHERE n.conference_id = $1 ORDER BY n.version DESC LIMIT 1`,
      [conferenceId],
    ),

  file: (db: Db, conferenceId: number, version: number) =>
    db.maybeOne<{ number: string; version: number; docx: Buffer | Uint8Array; content: unknown }>(
      `SELECT number, version, docx, content FROM conference_notices WHERE conference_id = $1 AND version = $2`, [conferenceId, version],
    ),

  insert: (db: Db, n: { conferenceId: number; version: number; number: string; issuedAt: Date; issuedBy: number; reason: string | null; content: unknown; docx: Buffer }) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_notices (conference_id, version, number, issued_at, issued_by, reason, content, docx)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING id`,
      [n.conferenceId, n.version, n.number, n.issuedAt, n.issuedBy, n.reason, JSON.stringify(n.content), n.docx],
    ),

  /**
   * Serialises the numbering of TB notices within a year (two directors issuing at once get consecutive numbers),
   * until the transaction ends.
   */
  lockNumbering: (db: Db, year: number) => db.query(`SELECT pg_advisory_xact_lock(hashtext('conference-notice-number'), $1::int)`, [year]),

  /** The numbers of the TB notices issued in a year (Vietnam time), for the next one. */
  numbersOfYear: async (db: Db, year: number) =>
    (await db.query<{ number: string }>(
      `SELECT number FROM conference_notices WHERE extract(year FROM (issued_at AT TIME ZONE 'UTC') + interval '7 hours') = $1`, [year],
    )).map((r) => r.number),
};
