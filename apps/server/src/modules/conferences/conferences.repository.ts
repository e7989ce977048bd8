/** SQL of the conference itself: the row, its list, its invited units, its counts, its guests, and the few reads of
 * units and people the planning needs. Invitations, agenda and presentations have repositories of their own. */
import type { ConferenceKind, ConferenceStatus } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type ConferenceRow = {
  id: number;
  period: string;
  kind: ConferenceKind;
  title: string;
  status: ConferenceStatus;
  starts_at: Date;
  place: string;
  department_id: number | null;
  chair_person_id: number | null;
  secretary_person_id: number | null;
  theme: string | null;
  rsvp_deadline: Date | null;
  invitation_number: string | null;
  invitation_issued_at: Date | null;
  ics_sequence: number;
  started_at: Date | null;
  ended_at: Date | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
};

const COLS = `c.id, c.period, c.kind, c.title, c.status, c.starts_at, c.place, c.department_id, c.chair_person_id, c.secretary_person_id,
  c.theme, c.rsvp_deadline, c.invitation_number, c.invitation_issued_at, c.ics_sequence, c.started_at, c.ended_at, c.created_by,
  c.created_at, c.updated_at`;

export type ConferenceListFilter = { period?: string; status?: ConferenceStatus; invitedUnitId?: number | null; hideDrafts: boolean };

export type ConferenceCountsRow = {
  invited: number;
  accepted: number;
  declined: number;
  pending: number;
  delegates: number;
  checked_in: number;
  walk_ins: number;
  presentations_requested: number;
  presentations_uploaded: number;
};

export type GuestRow = { id: number; conference_id: number; full_name: string; position: string; body: string; gives_directive: boolean; sort: number };
export type GuestWrite = { fullName: string; position: string; body: string; givesDirective: boolean; sort: number };

export type UnitRow = { id: number; code: string; name: string; short_name: string | null; type: string; valid_from: string; valid_to: string | null };
export type PersonOnDate = {
  id: number;
  full_name: string;
  email: string | null;
  user_id: number | null;
  /** The unit and position the person holds on the date asked for (null: none then). */
  org_unit_id: number | null;
  position: string | null;
};

export type ConferenceWrite = {
  period: string;
  kind: ConferenceKind;
  title: string;
  startsAt: Date;
  place: string;
  departmentId: number | null;
  chairPersonId: number | null;
  secretaryPersonId: number | null;
  theme: string | null;
  rsvpDeadline: Date | null;
};

export const conferencesRepo = {
  byId: (db: Db, id: number, lock = false) =>
    db.maybeOne<ConferenceRow>(`SELECT ${COLS} FROM conferences c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]),

  /** Newest first. A unit sees only the conferences its unit is invited to; drafts are hidden from those who may not see them. */
  list: (db: Db, f: ConferenceListFilter) =>
    db.query<ConferenceRow & { invited: number }>(
      `SELECT ${COLS}, (SELECT count(*) FROM conference_invitations i WHERE i.conference_id = c.id)::int AS invited
         FROM conferences c
        WHERE ($1::text IS NULL OR c.period = $1) AND ($2::text IS NULL OR c.status = $2)
          AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM conference_invitations i WHERE i.conference_id = c.id AND i.org_unit_id = $3))
          AND (NOT $4::boolean OR c.status <> 'draft')
        ORDER BY c.starts_at DESC, c.id DESC`,
      [f.period ?? null, f.status ?? null, f.invitedUnitId ?? null, f.hideDrafts],
    ),

  invitedUnitIds: async (db: Db, id: number) =>
    (await db.query<{ org_unit_id: number }>('SELECT org_unit_id FROM conference_invitations WHERE conference_id = $1 ORDER BY org_unit_id', [id])).map(
      (r) => r.org_unit_id,
    ),

  samePeriod: (db: Db, period: string, exceptId: number | null) =>
    db.query<{ id: number; title: string; status: ConferenceStatus; starts_at: Date }>(
      'SELECT id, title, status, starts_at FROM conferences WHERE period = $1 AND ($2::int IS NULL OR id <> $2) ORDER BY starts_at, id',
      [period, exceptId],
    ),

  counts: (db: Db, id: number) =>
    db.one<ConferenceCountsRow>(
      `SELECT
         (SELECT count(*) FROM conference_invitations WHERE conference_id = $1)::int AS invited,
         (SELECT count(*) FROM conference_invitations WHERE conference_id = $1 AND status = 'accepted')::int AS accepted,
         (SELECT count(*) FROM conference_invitations WHERE conference_id = $1 AND status = 'declined')::int AS declined,
         (SELECT count(*) FROM conference_invitations WHERE conference_id = $1 AND status = 'pending')::int AS pending,
         (SELECT count(*) FROM conference_delegates WHERE conference_id = $1)::int AS delegates,
         (SELECT count(*) FROM conference_delegates WHERE conference_id = $1 AND checked_in_at IS NOT NULL)::int AS checked_in,
         (SELECT count(*) FROM conference_delegates WHERE conference_id = $1 AND walk_in)::int AS walk_ins,
         (SELECT count(*) FROM conference_presentations WHERE conference_id = $1)::int AS presentations_requested,
         (SELECT count(*) FROM conference_presentations WHERE conference_id = $1 AND file_name IS NOT NULL)::int AS presentations_uploaded`,
      [id],
    ),

  insert: (db: Db, w: ConferenceWrite, createdBy: number | null, now: Date) =>
    db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, starts_at, place, department_id, chair_person_id, secretary_person_id, theme, rsvp_deadline,
                                created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12) RETURNING id`,
      [w.period, w.kind, w.title, w.startsAt, w.place, w.departmentId, w.chairPersonId, w.secretaryPersonId, w.theme, w.rsvpDeadline, createdBy, now],
    ),

  update: (db: Db, id: number, w: Omit<ConferenceWrite, 'period' | 'kind'> & { icsSequence: number }, now: Date) =>
    db.query(
      `UPDATE conferences SET title = $2, starts_at = $3, place = $4, department_id = $5, chair_person_id = $6, secretary_person_id = $7,
              theme = $8, rsvp_deadline = $9, ics_sequence = $10, updated_at = $11
        WHERE id = $1`,
      [id, w.title, w.startsAt, w.place, w.departmentId, w.chairPersonId, w.secretaryPersonId, w.theme, w.rsvpDeadline, w.icsSequence, now],
    ),

  setStatus: (db: Db, id: number, status: ConferenceStatus, now: Date) =>
    db.query('UPDATE conferences SET status = $2, updated_at = $3 WHERE id = $1', [id, status, now]),

  /** The move to 'invited': status, the Giấy mời number when given, and when it was issued. */
  markInvited: (db: Db, id: number, number: string | null, now: Date) =>
    db.query(
      `UPDATE conferences SET status = 'invited', invitation_number = COALESCE($2, invitation_number), invitation_issued_at = $3, updated_at = $3
        WHERE id = $1`,
      [id, number, now],
    ),

  /** Total minutes of the agenda (0 without one). */
  agendaMinutes: async (db: Db, id: number) =>
    (await db.one<{ n: number }>('SELECT COALESCE(sum(duration_minutes), 0)::int AS n FROM conference_agenda_items WHERE conference_id = $1', [id])).n,

  /** A unit's invitation to the conference, or null. */
  invitationOf: (db: Db, id: number, unitId: number) =>
    db.maybeOne<{ org_unit_id: number; status: 'pending' | 'accepted' | 'declined'; expected_delegates: number; responded_at: Date | null; decline_reason: string | null }>(
      `SELECT org_unit_id, status, expected_delegates, responded_at, decline_reason FROM conference_invitations WHERE conference_id = $1 AND org_unit_id = $2`,
      [id, unitId],
    ),

  // ───── guests ─────

  guests: (db: Db, conferenceId: number) =>
    db.query<GuestRow>('SELECT * FROM conference_guests WHERE conference_id = $1 ORDER BY sort, id', [conferenceId]),

  guest: (db: Db, conferenceId: number, id: number) =>
    db.maybeOne<GuestRow>('SELECT * FROM conference_guests WHERE conference_id = $1 AND id = $2', [conferenceId, id]),

  insertGuest: (db: Db, conferenceId: number, g: GuestWrite) =>
    db.one<GuestRow>(
      'INSERT INTO conference_guests (conference_id, full_name, position, body, gives_directive, sort) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *',
      [conferenceId, g.fullName, g.position, g.body, g.givesDirective, g.sort],
    ),

  updateGuest: (db: Db, id: number, g: GuestWrite) =>
    db.one<GuestRow>(
      'UPDATE conference_guests SET full_name = $2, position = $3, body = $4, gives_directive = $5, sort = $6 WHERE id = $1 RETURNING *',
      [id, g.fullName, g.position, g.body, g.givesDirective, g.sort],
    ),

  deleteGuest: (db: Db, id: number) => db.query('DELETE FROM conference_guests WHERE id = $1', [id]),

  nextGuestSort: async (db: Db, conferenceId: number) =>
    (await db.one<{ n: number }>('SELECT COALESCE(max(sort), 0)::int + 1 AS n FROM conference_guests WHERE conference_id = $1', [conferenceId])).n,

  // ───── units and people, as planning reads them ─────

  unit: (db: Db, id: number) =>
    db.maybeOne<UnitRow>('SELECT id, code, name, short_name, type, valid_from, valid_to FROM org_units WHERE id = $1', [id]),

  units: (db: Db, ids: number[]) =>
    db.query<UnitRow>('SELECT id, code, name, short_name, type, valid_from, valid_to FROM org_units WHERE id = ANY($1::int[])', [ids]),

  /** The people among these ids, each with the unit and position held on the date. */
  peopleOn: (db: Db, ids: number[], onDate: string) =>
    db.query<PersonOnDate>(
      `SELECT p.id, p.full_name, p.email, p.user_id, m.org_unit_id, m.position
         FROM people p
         LEFT JOIN LATERAL (
           SELECT pm.org_unit_id, pm.position FROM person_memberships pm
            WHERE pm.person_id = p.id AND pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)
            ORDER BY pm.valid_from DESC LIMIT 1
         ) m ON true
        WHERE p.id = ANY($1::int[])`,
      [ids, onDate],
    ),

  /** Staff of the department's directorate on a date: people whose membership is in the department unit itself. */
  directorate: (db: Db, departmentId: number, onDate: string) =>
    db.query<{ id: number; full_name: string; position: string }>(
      `SELECT p.id, p.full_name, pm.position
         FROM person_memberships pm JOIN people p ON p.id = pm.person_id
        WHERE pm.org_unit_id = $1 AND pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)
        ORDER BY pm.position, p.full_name, p.id`,
      [departmentId, onDate],
    ),

  /** Public holidays (ISO dates) kept in settings under 'holidays', as the rounds read them. */
  holidays: async (db: Db): Promise<string[]> => {
    const r = await db.maybeOne<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'holidays'`);
    return Array.isArray(r?.value) ? r.value.filter((d): d is string => typeof d === 'string') : [];
  },
};
