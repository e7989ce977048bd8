/** SQL of the secretary's live view: agenda items with their timer and notes, the conference's opening and closing. */
import type { Db } from '../../platform/db/index.js';

export type LiveItemRow = {
  id: number;
  position: number;
  kind: string;
  title: string;
  presenter_person_id: number | null;
  presenter_name: string | null;
  presenter_person_name: string | null;
  presenter_unit_id: number | null;
  presenter_unit_name: string | null;
  duration_minutes: number;
  notes: string;
  notes_revision: number;
  notes_updated_by: number | null;
  notes_updated_by_name: string | null;
  notes_updated_at: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
};

const SELECT = `SELECT a.id, a.position, a.kind, a.title, a.presenter_person_id, a.presenter_name, p.full_name AS presenter_person_name,
                       a.presenter_unit_id, u.name AS presenter_unit_name, a.duration_minutes, a.notes, a.notes_revision,
                       a.notes_updated_by, nu.full_name AS notes_updated_by_name, a.notes_updated_at, a.started_at, a.ended_at
                  FROM conference_agenda_items a
                  LEFT JOIN people p ON p.id = a.presenter_person_id
                  LEFT JOIN org_units u ON u.id = a.presenter_unit_id
                  LEFT JOIN users nu ON nu.id = a.notes_updated_by`;

export const liveRepo = {
  items: (db: Db, conferenceId: number) =>
    db.query<LiveItemRow>(`${SELECT} WHERE a.conference_id = $1 ORDER BY a.position, a.id`, [conferenceId]),

  item: (db: Db, conferenceId: number, itemId: number) =>
    db.maybeOne<LiveItemRow>(`${SELECT} WHERE a.conference_id = $1 AND a.id = $2`, [conferenceId, itemId]),

  /** Locks the conference row for a change of the live state (one item running at a time). */
  lockConference: (db: Db, conferenceId: number) =>
    db.maybeOne<{ status: string; started_at: Date | null; ended_at: Date | null }>(
      `SELECT status, started_at, ended_at FROM conferences WHERE id = $1 FOR UPDATE`, [conferenceId],
    ),

  /** Ends whichever item is running, except `exceptId`; returns the ids ended. */
  endRunning: (db: Db, conferenceId: number, at: Date, exceptId: number | null) =>
    db.query<{ id: number }>(
      `UPDATE conference_agenda_items SET ended_at = $2
        WHERE conference_id = $1 AND started_at IS NOT NULL AND ended_at IS NULL AND id IS DISTINCT FROM $3 RETURNING id`,
      [conferenceId, at, exceptId],
    ),

  /** Starts an item (or resumes one that was stopped: its first start is kept). */
  start: (db: Db, conferenceId: number, itemId: number, at: Date) =>
    db.query(
      `UPDATE conference_agenda_items SET started_at = coalesce(started_at, $3), ended_at = NULL WHERE conference_id = $1 AND id = $2`,
      [conferenceId, itemId, at],
    ),

  stop: (db: Db, conferenceId: number, itemId: number, at: Date) =>
    db.maybeOne<{ id: number }>(
      `UPDATE conference_agenda_items SET ended_at = $3
        WHERE conference_id = $1 AND id = $2 AND started_at IS NOT NULL AND ended_at IS NULL RETURNING id`,
      [conferenceId, itemId, at],
    ),

  markOpened: (db: Db, conferenceId: number, at: Date) =>
    db.query(`UPDATE conferences SET started_at = coalesce(started_at, $2), updated_at = now() WHERE id = $1`, [conferenceId, at]),

  markClosed: (db: Db, conferenceId: number, at: Date) =>
    db.query(`UPDATE conferences SET ended_at = $2, updated_at = now() WHERE id = $1`, [conferenceId, at]),

  /**
   * Saves notes only over the revision the editor started from: the row changes only while notes_revision still
   * equals `baseRevision` (a concurrent save waits for the row lock, then finds the revision moved on and changes
   * nothing). Returns the new revision, or null when someone else saved first.
   */
  saveNotes: (db: Db, conferenceId: number, itemId: number, notes: string, baseRevision: number, by: number, at: Date) =>
    db.maybeOne<{ notes_revision: number }>(
      `UPDATE conference_agenda_items SET notes = $3, notes_revision = notes_revision + 1, notes_updated_by = $5, notes_updated_at = $6
        WHERE conference_id = $1 AND id = $2 AND notes_revision = $4 RETURNING notes_revision`,
      [conferenceId, itemId, notes, baseRevision, by, at],
    ),
};
