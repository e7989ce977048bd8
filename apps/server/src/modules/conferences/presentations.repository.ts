import type { Db } from '../../platform/db/index.js';

export type PresentationRow = {
  id: number;
  conference_id: number;
  org_unit_id: number;
  unit_name: string;
  unit_code: string;
  topic: string;
  due_at: Date;
  agenda_item_id: number | null;
  presenter_person_id: number | null;
  presenter_name: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  file_sha256: string | null;
  uploaded_by: number | null;
  uploaded_at: Date | null;
  reminded_at: Date | null;
};

const COLS = `p.id, p.conference_id, p.org_unit_id, u.name AS unit_name, u.code AS unit_code, p.topic, p.due_at, p.agenda_item_id, p.presenter_person_id,
  pp.full_name AS presenter_name, p.file_name, p.file_mime, p.file_size, p.file_sha256, p.uploaded_by, p.uploaded_at, p.reminded_at`;
const FROM = `conference_presentations p JOIN org_units u ON u.id = p.org_unit_id LEFT JOIN people pp ON pp.id = p.presenter_person_id`;

export type PresentationWrite = { unitId: number; topic: string; dueAt: Date; presenterPersonId: number | null; agendaItemId: number | null };

export const presentationsRepo = {
  /** In agenda order, then by the order they were asked. */
  list: (db: Db, conferenceId: number) =>
    db.query<PresentationRow>(
      `SELECT ${COLS} FROM ${FROM} LEFT JOIN conference_agenda_items a ON a.id = p.agenda_item_id
        WHERE p.conference_id = $1 ORDER BY a.position NULLS LAST, p.id`,
      [conferenceId],
    ),

  byId: (db: Db, conferenceId: number, id: number, lock = false) =>
    db.maybeOne<PresentationRow>(`SELECT ${COLS} FROM ${FROM} WHERE p.conference_id = $1 AND p.id = $2${lock ? ' FOR UPDATE OF p' : ''}`, [conferenceId, id]),

  ofUnit: (db: Db, conferenceId: number, unitId: number) =>
    db.maybeOne<PresentationRow>(`SELECT ${COLS} FROM ${FROM} WHERE p.conference_id = $1 AND p.org_unit_id = $2`, [conferenceId, unitId]),

  content: async (db: Db, id: number) =>
    (await db.maybeOne<{ file_content: Uint8Array | null }>('SELECT file_content FROM conference_presentations WHERE id = $1', [id]))?.file_content ?? null,

  insert: (db: Db, conferenceId: number, w: PresentationWrite) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_presentations (conference_id, org_unit_id, topic, due_at, presenter_person_id, agenda_item_id)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [conferenceId, w.unitId, w.topic, w.dueAt, w.presenterPersonId, w.agendaItemId],
    ),

  update: (db: Db, id: number, w: { topic: string; dueAt: Date; presenterPersonId: number | null }) =>
    db.query('UPDATE conference_presentations SET topic = $2, due_at = $3, presenter_person_id = $4 WHERE id = $1', [id, w.topic, w.dueAt, w.presenterPersonId]),

  remove: (db: Db, id: number) => db.query('DELETE FROM conference_presentations WHERE id = $1', [id]),

  storeFile: (db: Db, id: number, f: { name: string; mime: string; size: number; sha256: string; content: Buffer; userId: number; at: Date }) =>
    db.query(
      `UPDATE conference_presentations SET file_name = $2, file_mime = $3, file_size = $4, file_sha256 = $5, file_content = $6, uploaded_by = $7, uploaded_at = $8
        WHERE id = $1`,
      [id, f.name, f.mime, f.size, f.sha256, f.content, f.userId, f.at],
    ),

  /** The first 'presentation' item of the agenda that no presentation is linked to yet. */
  freeAgendaItem: async (db: Db, conferenceId: number) =>
    (
      await db.maybeOne<{ id: number }>(
        `SELECT a.id FROM conference_agenda_items a
          WHERE a.conference_id = $1 AND a.kind = 'presentation'
            AND NOT EXISTS (SELECT 1 FROM conference_presentations p WHERE p.agenda_item_id = a.id)
          ORDER BY a.position, a.id LIMIT 1`,
        [conferenceId],
      )
    )?.id ?? null,

  /** Presentations without a file whose deadline falls within `withinHours` of now (and not yet past), of conferences still invited. */
  dueSoon: (db: Db, now: Date, withinHours: number) =>
    db.query<PresentationRow & { conference_title: string }>(
      `SELECT ${COLS}, c.title AS conference_title FROM ${FROM} JOIN conferences c ON c.id = p.conference_id
        WHERE c.status = 'invited' AND p.file_name IS NULL AND p.due_at > $1 AND p.due_at <= $1::timestamptz + make_interval(hours => $2)`,
      [now, withinHours],
    ),

  markReminded: (db: Db, id: number, at: Date) => db.query('UPDATE conference_presentations SET reminded_at = $2 WHERE id = $1', [id, at]),

  /** The reminder's notification went out by e-mail too. */
  markNotificationEmailed: (db: Db, notificationId: number) => db.query('UPDATE notifications SET emailed_at = now() WHERE id = $1', [notificationId]),
};
