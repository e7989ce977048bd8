/** SQL of the check-in at the door: the delegate list with search, the one-time stamp, walk-ins, counts by unit type. */
import type { Db } from '../../platform/db/index.js';

export type DelegateRow = {
  id: number;
  conference_id: number;
  invitation_id: number | null;
  org_unit_id: number | null;
  unit_name: string | null;
  unit_type: string | null;
  person_id: number | null;
  full_name: string;
  position: string;
  walk_in: boolean;
  checked_in_at: Date | null;
  checked_in_by: number | null;
};

const SELECT = `SELECT d.id, d.conference_id, d.invitation_id, d.org_unit_id, u.name AS unit_name, u.type AS unit_type, d.person_id,
                       d.full_name, d.position, d.walk_in, d.checked_in_at, d.checked_in_by
                  FROM conference_delegates d LEFT JOIN org_units u ON u.id = d.org_unit_id`;

/** Escapes LIKE's wildcards in a search word. */
const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const checkinRepo = {
  /**
   * The conference's delegates whose name, position or unit contain every word (diacritics ignored on both sides,
   * through vn_fold), unit by unit, names in order; at most `limit`.
   */
  search: (db: Db, conferenceId: number, words: string[], limit: number) =>
    db.query<DelegateRow>(
      `${SELECT}
        WHERE d.conference_id = $1
          AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) w
                           WHERE vn_fold(d.full_name || ' ' || d.position || ' ' || coalesce(u.name, '') || ' ' || coalesce(u.short_name, '')) NOT LIKE vn_fold(w))
        ORDER BY d.checked_in_at IS NOT NULL, u.type NULLS LAST, u.name NULLS LAST, d.full_name, d.id
        LIMIT $3`,
      [conferenceId, words.map(likeWord), limit],
    ),

  byId: (db: Db, conferenceId: number, id: number) =>
    db.maybeOne<DelegateRow>(`${SELECT} WHERE d.conference_id = $1 AND d.id = $2`, [conferenceId, id]),

  byPerson: (db: Db, conferenceId: number, personId: number) =>
    db.maybeOne<DelegateRow>(`${SELECT} WHERE d.conference_id = $1 AND d.person_id = $2`, [conferenceId, personId]),

  byTicket: (db: Db, ticket: string) => db.maybeOne<DelegateRow>(`${SELECT} WHERE d.ticket = $1`, [ticket]),

  /**
   * Stamps the arrival once: the row changes only while checked_in_at is still empty. Under concurrent calls for
   * the same delegate the second UPDATE waits for the first one's row lock, re-reads the row, finds it stamped and
   * changes nothing — so exactly one caller gets the row back.
   */
  stamp: (db: Db, conferenceId: number, id: number, by: number, at: Date) =>
    db.maybeOne<{ id: number }>(
      `UPDATE conference_delegates SET checked_in_at = $4, checked_in_by = $3
        WHERE conference_id = $1 AND id = $2 AND checked_in_at IS NULL RETURNING id`,
      [conferenceId, id, by, at],
    ),

  /**
   * Serialises walk-ins of the same name at one conference (two phones entering the same person at once), until the
   * transaction ends. The key is the conference and the folded name.
   */
  lockWalkInName: (db: Db, conferenceId: number, fullName: string) =>
    db.query(`SELECT pg_advisory_xact_lock(hashtext('conference-walk-in'), hashtext($1::text || ':' || vn_fold($2)))`, [String(conferenceId), fullName]),

  /** Delegates of the conference with this name (diacritics and case ignored), optionally of one unit. */
  sameName: (db: Db, conferenceId: number, fullName: string, unitId: number | null) =>
    db.query<DelegateRow>(
      `${SELECT} WHERE d.conference_id = $1 AND vn_fold(btrim(d.full_name)) = vn_fold(btrim($2))
          AND ($3::int IS NULL OR d.org_unit_id = $3) ORDER BY d.walk_in, d.id`,
      [conferenceId, fullName, unitId],
    ),

  insertWalkIn: (db: Db, w: { conferenceId: number; unitId: number | null; personId: number | null; fullName: string; position: string; ticket: string; by: number; at: Date }) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_delegates (conference_id, invitation_id, org_unit_id, person_id, full_name, position, ticket, walk_in, checked_in_at, checked_in_by)
       VALUES ($1, (SELECT id FROM conference_invitations WHERE conference_id = $1 AND org_unit_id = $2), $2, $3, $4, $5, $6, true, $8, $7)
       RETURNING id`,
      [w.conferenceId, w.unitId, w.personId, w.fullName, w.position, w.ticket, w.by, w.at],
    ),

  /** A unit in being on the date, or null. */
  unitOn: (db: Db, unitId: number, onDate: string) =>
    db.maybeOne<{ id: number; name: string; type: string }>(
      `SELECT id, name, type FROM org_units WHERE id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`,
      [unitId, onDate],
    ),

  /** Per unit type: units invited, invited units with someone checked in, delegates named, checked in, walk-ins. */
  summary: (db: Db, conferenceId: number) =>
    db.query<{ unit_type: string | null; units_invited: number; units_present: number; delegates: number; checked_in: number; walk_ins: number }>(
      `WITH units AS (
         SELECT org_unit_id FROM conference_invitations WHERE conference_id = $1 AND status <> 'declined'
         UNION SELECT org_unit_id FROM conference_delegates WHERE conference_id = $1 AND org_unit_id IS NOT NULL
       ), per_unit AS (
         SELECT un.org_unit_id, u.type,
                EXISTS (SELECT 1 FROM conference_invitations i WHERE i.conference_id = $1 AND i.org_unit_id = un.org_unit_id AND i.status <> 'declined') AS invited,
                EXISTS (SELECT 1 FROM conference_delegates d WHERE d.conference_id = $1 AND d.org_unit_id = un.org_unit_id AND d.checked_in_at IS NOT NULL) AS present
           FROM units un JOIN org_units u ON u.id = un.org_unit_id
       ), d AS (
         SELECT u.type, count(*) FILTER (WHERE NOT d.walk_in)::int AS delegates,
                count(*) FILTER (WHERE d.checked_in_at IS NOT NULL)::int AS checked_in,
                count(*) FILTER (WHERE d.walk_in)::int AS walk_ins
           FROM conference_delegates d LEFT JOIN org_units u ON u.id = d.org_unit_id
          WHERE d.conference_id = $1 GROUP BY u.type
       ), p AS (
         SELECT type, count(*) FILTER (WHERE invited)::int AS units_invited, count(*) FILTER (WHERE invited AND present)::int AS units_present
           FROM per_unit GROUP BY type
       )
       SELECT t.type AS unit_type, coalesce(p.units_invited, 0) AS units_invited, coalesce(p.units_present, 0) AS units_present,
              coalesce(d.delegates, 0) AS delegates, coalesce(d.checked_in, 0) AS checked_in, coalesce(d.walk_ins, 0) AS walk_ins
         FROM (SELECT type FROM p UNION SELECT type FROM d) t
         LEFT JOIN p ON p.type IS NOT DISTINCT FROM t.type
         LEFT JOIN d ON d.type IS NOT DISTINCT FROM t.type
        ORDER BY t.type NULLS LAST`,
      [conferenceId],
    ),
};
