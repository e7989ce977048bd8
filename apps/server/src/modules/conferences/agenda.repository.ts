import type { AgendaKind } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type AgendaRow = {
  id: number;
  conference_id: number;
  position: number;
  kind: AgendaKind;
  title: string;
  presenter_person_id: number | null;
  presenter_unit_id: number | null;
  presenter_name: string | null;
  duration_minutes: number;
  notes: string;
  notes_revision: number;
  started_at: Date | null;
  ended_at: Date | null;
  /** Joined names, for showing the presenter. */
  person_name: string | null;
  unit_name: string | null;
};

export type AgendaWrite = {
  kind: AgendaKind;
  title: string;
  presenterPersonId: number | null;
  presenterUnitId: number | null;
  presenterName: string | null;
  durationMinutes: number;
};

export const agendaRepo = {
  list: (db: Db, conferenceId: number) =>
    db.query<AgendaRow>(
      `SELECT a.id, a.conference_id, a.position, a.kind, a.title, a.presenter_person_id, a.presenter_unit_id, a.presenter_name, a.duration_minutes,
              a.notes, a.notes_revision, a.started_at, a.ended_at, p.full_name AS person_name, u.name AS unit_name
         FROM conference_agenda_items a
         LEFT JOIN people p ON p.id = a.presenter_person_id
         LEFT JOIN org_units u ON u.id = a.presenter_unit_id
        WHERE a.conference_id = $1
        ORDER BY a.position, a.id`,
      [conferenceId],
    ),

  ids: async (db: Db, conferenceId: number) =>
    (await db.query<{ id: number }>('SELECT id FROM conference_agenda_items WHERE conference_id = $1', [conferenceId])).map((r) => r.id),

  insert: (db: Db, conferenceId: number, position: number, w: AgendaWrite) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_agenda_items (conference_id, position, kind, title, presenter_person_id, presenter_unit_id, presenter_name, duration_minutes)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [conferenceId, position, w.kind, w.title, w.presenterPersonId, w.presenterUnitId, w.presenterName, w.durationMinutes],
    ),

  /** Changes an item's place and fields; its notes, their revision and its timer are left as they are. */
  update: (db: Db, id: number, position: number, w: AgendaWrite) =>
    db.query(
      `UPDATE conference_agenda_items SET position = $2, kind = $3, title = $4, presenter_person_id = $5, presenter_unit_id = $6, presenter_name = $7,
              duration_minutes = $8
        WHERE id = $1`,
      [id, position, w.kind, w.title, w.presenterPersonId, w.presenterUnitId, w.presenterName, w.durationMinutes],
    ),

  remove: (db: Db, ids: number[]) => db.query('DELETE FROM conference_agenda_items WHERE id = ANY($1::int[])', [ids]),

  /** The first item of a kind still without a presenter (the directive speech waiting for its guest). */
  setPresenterNameWhereEmpty: (db: Db, conferenceId: number, kind: AgendaKind, name: string) =>
    db.query(
      `UPDATE conference_agenda_items SET presenter_name = $3
        WHERE id = (SELECT id FROM conference_agenda_items WHERE conference_id = $1 AND kind = $2
                       AND presenter_person_id IS NULL AND presenter_unit_id IS NULL AND (presenter_name IS NULL OR presenter_name = '')
                     ORDER BY position LIMIT 1)`,
      [conferenceId, kind, name],
    ),

  /** The item a presentation request takes: its title, the unit and (if named) the presenter. */
  assignPresentation: (db: Db, id: number, title: string, unitId: number, personId: number | null) =>
    db.query('UPDATE conference_agenda_items SET title = $2, presenter_unit_id = $3, presenter_person_id = COALESCE($4, presenter_person_id) WHERE id = $1', [
      id, title, unitId, personId,
    ]),
};
