/** SQL the conference's documents read beyond the other repositories: people with phone and unit on a date, invited units. */
import type { Db } from '../../platform/db/index.js';

export type InvitedUnitRow = { id: number; name: string; short_name: string | null; type: string; status: 'pending' | 'accepted' | 'declined'; expected_delegates: number };

export const documentsRepo = {
  /** The people among these ids with the unit and position held on the date (null when none), and their phone. */
  peopleOn: (db: Db, ids: number[], onDate: string) =>
    db.query<{ id: number; full_name: string; phone: string | null; org_unit_id: number | null; unit_name: string | null; position: string | null }>(
      `SELECT p.id, p.full_name, p.phone, m.org_unit_id, u.name AS unit_name, m.position
         FROM people p
         LEFT JOIN LATERAL (
           SELECT pm.org_unit_id, pm.position FROM person_memberships pm
            WHERE pm.person_id = p.id AND pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)
            ORDER BY pm.valid_from DESC LIMIT 1
         ) m ON true
         LEFT JOIN org_units u ON u.id = m.org_unit_id
        WHERE p.id = ANY($1::int[])`,
      [ids, onDate],
    ),

  /** The invited units, by type then name. */
  invitedUnits: (db: Db, conferenceId: number) =>
    db.query<InvitedUnitRow>(
      `SELECT u.id, u.name, u.short_name, u.type, i.status, i.expected_delegates
         FROM conference_invitations i JOIN org_units u ON u.id = i.org_unit_id
        WHERE i.conference_id = $1 ORDER BY u.type, u.name, u.id`,
      [conferenceId],
    ),

  /** How many units of each type were in being on the date. */
  unitsOfTypes: (db: Db, types: string[], onDate: string) =>
    db.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM org_units
        WHERE type = ANY($1::text[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2) GROUP BY type`,
      [types, onDate],
    ),
};
