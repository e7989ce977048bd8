import type { Db } from '../../platform/db/index.js';

export type AttachmentMeta = { id: number; submission_id: number; filename: string; mime: string; size: number; sha256: string; uploaded_by: number | null; created_at: Date };
export type AttachmentWithContent = AttachmentMeta & { content: Uint8Array; round_id: number; org_unit_id: number };

const META = 'a.id, a.submission_id, a.filename, a.mime, a.size, a.sha256, a.uploaded_by, a.created_at';

export const attachmentsRepo = {
  list: (db: Db, submissionId: number) =>
    db.query<AttachmentMeta>(`SELECT ${META} FROM attachments a WHERE a.submission_id = $1 ORDER BY a.created_at, a.id`, [submissionId]),

  count: async (db: Db, submissionId: number) =>
    (await db.one<{ n: number }>('SELECT count(*) AS n FROM attachments WHERE submission_id = $1', [submissionId])).n,

  /** Meta data and where it belongs (round × unit), without the content. */
  locate: (db: Db, id: number) =>
    db.maybeOne<AttachmentMeta & { round_id: number; org_unit_id: number }>(
      `SELECT ${META}, s.round_id, s.org_unit_id FROM attachments a JOIN submissions s ON s.id = a.submission_id WHERE a.id = $1`,
      [id],
    ),

  content: async (db: Db, id: number) => (await db.maybeOne<{ content: Uint8Array }>('SELECT content FROM attachments WHERE id = $1', [id]))?.content ?? null,

  insert: (
    db: Db,
    a: { submissionId: number; filename: string; mime: string; size: number; sha256: string; content: Buffer; userId: number; now: Date },
  ) =>
    db.one<AttachmentMeta>(
      `INSERT INTO attachments AS a (submission_id, filename, mime, size, sha256, content, uploaded_by, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${META}`,
      [a.submissionId, a.filename, a.mime, a.size, a.sha256, a.content, a.userId, a.now],
    ),

  remove: (db: Db, id: number) => db.query('DELETE FROM attachments WHERE id = $1', [id]),
};
