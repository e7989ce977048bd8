/** SQL of the minutes: one row per saved revision; a revision number is taken once (the primary key decides). */
import type { Db } from '../../platform/db/index.js';

export type MinutesRevisionRow = {
  revision: number;
  content: unknown;
  edited_by: number | null;
  edited_by_name: string | null;
  edited_at: Date;
};

const SELECT = `SELECT m.revision, m.content, m.edited_by, u.full_name AS edited_by_name, m.edited_at
                  FROM conference_minutes_revisions m LEFT JOIN users u ON u.id = m.edited_by`;

export const minutesRepo = {
  latest: (db: Db, conferenceId: number) =>
    db.maybeOne<MinutesRevisionRow>(`${SELECT} WHERE m.conference_id = $1 ORDER BY m.revision DESC LIMIT 1`, [conferenceId]),

  byRevision: (db: Db, conferenceId: number, revision: number) =>
    db.maybeOne<MinutesRevisionRow>(`${SELECT} WHERE m.conference_id = $1 AND m.revision = $2`, [conferenceId, revision]),

  list: (db: Db, conferenceId: number) =>
    db.query<Omit<MinutesRevisionRow, 'content'> & { compiled: boolean }>(
      `SELECT m.revision, m.edited_by, u.full_name AS edited_by_name, m.edited_at, coalesce((m.content->>'compiled')::boolean, false) AS compiled
         FROM conference_minutes_revisions m LEFT JOIN users u ON u.id = m.edited_by
        WHERE m.conference_id = $1 ORDER BY m.revision DESC`,
      [conferenceId],
    ),

  /**
   * Writes revision `revision` unless it exists. Two saves made on the same revision both try the same number:
   * the second waits for the first one's insert to commit, finds the key taken and writes nothing (null).
   */
  insert: (db: Db, conferenceId: number, revision: number, content: unknown, by: number, at: Date) =>
    db.maybeOne<{ revision: number }>(
      `INSERT INTO conference_minutes_revisions (conference_id, revision, content, edited_by, edited_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (conference_id, revision) DO NOTHING RETURNING revision`,
      [conferenceId, revision, JSON.stringify(content), by, at],
    ),
};
