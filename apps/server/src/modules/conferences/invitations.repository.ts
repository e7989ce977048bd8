import type { InvitationStatus, UnitType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type InvitationRow = {
  id: number;
  conference_id: number;
  org_unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_type: UnitType;
  expected_delegates: number;
  status: InvitationStatus;
  decline_reason: string | null;
  responded_at: Date | null;
  responded_by: number | null;
  responded_by_name: string | null;
  sent_at: Date | null;
  sent_sequence: number | null;
  emailed_at: Date | null;
  email_error: string | null;
  reminded_at: Date | null;
};

export type DelegateRow = {
  id: number;
  conference_id: number;
  invitation_id: number | null;
  org_unit_id: number | null;
  person_id: number | null;
  full_name: string;
  position: string;
  ticket: string;
  walk_in: boolean;
  checked_in_at: Date | null;
  email: string | null;
};

const INV = `i.id, i.conference_id, i.org_unit_id, u.code AS unit_code, u.name AS unit_name, u.type AS unit_type, i.expected_delegates, i.status,
  i.decline_reason, i.responded_at, i.responded_by, ru.full_name AS responded_by_name, i.sent_at, i.sent_sequence, i.emailed_at, i.email_error, i.reminded_at`;
const INV_FROM = 'conference_invitations i JOIN org_units u ON u.id = i.org_unit_id LEFT JOIN users ru ON ru.id = i.responded_by';
const DEL = `d.id, d.conference_id, d.invitation_id, d.org_unit_id, d.person_id, d.full_name, d.position, d.ticket, d.walk_in, d.checked_in_at, p.email`;

export type PlanUnitRow = { id: number; code: string; name: string; short_name: string | null; type: UnitType; valid_from: string; valid_to: string | null; forms: string[] };

export const invitationsRepo = {
  /** Every invitation with its unit, by kind of unit then name. */
  list: (db: Db, conferenceId: number, unitId: number | null = null) =>
    db.query<InvitationRow>(
      `SELECT ${INV} FROM ${INV_FROM} WHERE i.conference_id = $1 AND ($2::int IS NULL OR i.org_unit_id = $2)
        ORDER BY array_position(ARRAY['district_office','media_centre','commune','radio_station','it_centre','enterprise','press_agency']::text[], u.type) NULLS LAST,
                 u.name, u.id`,
      [conferenceId, unitId],
    ),

  byUnit: (db: Db, conferenceId: number, unitId: number, lock = false) =>
    db.maybeOne<InvitationRow>(`SELECT ${INV} FROM ${INV_FROM} WHERE i.conference_id = $1 AND i.org_unit_id = $2${lock ? ' FOR UPDATE OF i' : ''}`, [
      conferenceId, unitId,
    ]),

  upsert: (db: Db, conferenceId: number, unitId: number, expected: number) =>
    db.query(
      `INSERT INTO conference_invitations (conference_id, org_unit_id, expected_delegates) VALUES ($1,$2,$3)
       ON CONFLICT (conference_id, org_unit_id) DO UPDATE SET expected_delegates = EXCLUDED.expected_delegates`,
      [conferenceId, unitId, expected],
    ),

  remove: (db: Db, conferenceId: number, unitIds: number[]) =>
    db.query('DELETE FROM conference_invitations WHERE conference_id = $1 AND org_unit_id = ANY($2::int[])', [conferenceId, unitIds]),

  /** Invitations whose last notice is older than the conference's current sequence (never sent, or sent before a change). */
  unsent: (db: Db, conferenceId: number, sequence: number) =>
    db.query<InvitationRow>(`SELECT ${INV} FROM ${INV_FROM} WHERE i.conference_id = $1 AND (i.sent_sequence IS NULL OR i.sent_sequence < $2) ORDER BY i.id`, [
      conferenceId, sequence,
    ]),

  markSent: (db: Db, id: number, at: Date, sequence: number) =>
    db.query('UPDATE conference_invitations SET sent_at = $2, sent_sequence = $3 WHERE id = $1', [id, at, sequence]),

  /** Records what became of the e-mail: sent (time, no error) or failed (the reason; the time of the last success stays). */
  recordEmail: (db: Db, id: number, at: Date | null, error: string | null) =>
    db.query('UPDATE conference_invitations SET emailed_at = COALESCE($2, emailed_at), email_error = $3 WHERE id = $1', [id, at, error]),

  respond: (db: Db, id: number, r: { status: InvitationStatus; reason: string | null; by: number; at: Date }) =>
    db.query('UPDATE conference_invitations SET status = $2, decline_reason = $3, responded_by = $4, responded_at = $5 WHERE id = $1', [
      id, r.status, r.reason, r.by, r.at,
    ]),

  markReminded: (db: Db, id: number, at: Date) => db.query('UPDATE conference_invitations SET reminded_at = $2 WHERE id = $1', [id, at]),

  /** Addresses of the unit's active accounts, for invitations and reminders. */
  unitEmails: async (db: Db, unitId: number) =>
    (
      await db.query<{ email: string }>(
        `SELECT DISTINCT email FROM users WHERE org_unit_id = $1 AND active AND email IS NOT NULL AND email <> '' ORDER BY email`,
        [unitId],
      )
    ).map((r) => r.email),

  // ───── delegates ─────

  delegates: (db: Db, conferenceId: number, unitId: number | null = null) =>
    db.query<DelegateRow>(
      `SELECT ${DEL} FROM conference_delegates d LEFT JOIN people p ON p.id = d.person_id
        WHERE d.conference_id = $1 AND ($2::int IS NULL OR d.org_unit_id = $2) ORDER BY d.org_unit_id, d.id`,
      [conferenceId, unitId],
    ),

  delegatesOfInvitation: (db: Db, invitationId: number) =>
    db.query<DelegateRow>(`SELECT ${DEL} FROM conference_delegates d LEFT JOIN people p ON p.id = d.person_id WHERE d.invitation_id = $1 ORDER BY d.id`, [
      invitationId,
    ]),

  delegate: (db: Db, conferenceId: number, id: number) =>
    db.maybeOne<DelegateRow>(`SELECT ${DEL} FROM conference_delegates d LEFT JOIN people p ON p.id = d.person_id WHERE d.conference_id = $1 AND d.id = $2`, [
      conferenceId, id,
    ]),

  insertDelegate: (
    db: Db,
    d: { conferenceId: number; invitationId: number; unitId: number; personId: number; fullName: string; position: string; ticket: string; at: Date },
  ) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_delegates (conference_id, invitation_id, org_unit_id, person_id, full_name, position, ticket, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [d.conferenceId, d.invitationId, d.unitId, d.personId, d.fullName, d.position, d.ticket, d.at],
    ),

  removeDelegates: (db: Db, ids: number[]) => db.query('DELETE FROM conference_delegates WHERE id = ANY($1::int[])', [ids]),

  /** Delegates of this conference among these people who came with another invitation (a person is named once per conference). */
  delegatesElsewhere: (db: Db, conferenceId: number, personIds: number[], invitationId: number) =>
    db.query<{ person_id: number; unit_name: string | null }>(
      `SELECT d.person_id, u.name AS unit_name FROM conference_delegates d LEFT JOIN org_units u ON u.id = d.org_unit_id
        WHERE d.conference_id = $1 AND d.person_id = ANY($2::int[]) AND (d.invitation_id IS DISTINCT FROM $3)`,
      [conferenceId, personIds, invitationId],
    ),

  // ───── units for planning ─────

  /** Units valid on the date that are assigned an active form of one of these period types, with those forms' codes. */
  reportingUnits: (db: Db, periodTypes: string[], onDate: string) =>
    db.query<PlanUnitRow>(
      `SELECT u.id, u.code, u.name, u.short_name, u.type, u.valid_from, u.valid_to, array_agg(DISTINCT f.code ORDER BY f.code) AS forms
         FROM form_units fu
         JOIN report_forms f ON f.id = fu.form_id AND f.active AND f.period_type = ANY($1::text[])
         JOIN org_units u ON u.id = fu.org_unit_id
        WHERE u.valid_from <= $2::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date)
          AND u.type NOT IN ('province','department','division')
        GROUP BY u.id ORDER BY u.name, u.id`,
      [periodTypes, onDate],
    ),

  unitsOfTypes: (db: Db, types: string[], onDate: string) =>
    db.query<PlanUnitRow>(
      `SELECT u.id, u.code, u.name, u.short_name, u.type, u.valid_from, u.valid_to, ARRAY[]::text[] AS forms
         FROM org_units u
        WHERE u.type = ANY($1::text[]) AND u.valid_from <= $2::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date)
        ORDER BY u.name, u.id`,
      [types, onDate],
    ),
};
