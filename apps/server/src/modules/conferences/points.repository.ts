/** SQL of the conclusion and directive points: numbered per source, a task's owner division, co-operating units. */
import type { PointKind, PointSource } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type PointRow = {
  id: number;
  conference_id: number;
  source: PointSource;
  number: number;
  kind: PointKind;
  text: string;
  owner_division_id: number | null;
  owner_division_name: string | null;
  deadline: string | null;
  sector_id: number | null;
  sector_name: string | null;
  discussion_item_id: number | null;
  discussion_item_text: string | null;
  co_units: { id: number; name: string; type: string }[];
  created_at: Date;
  updated_at: Date;
};

export type PointWrite = {
  kind: PointKind;
  text: string;
  ownerDivisionId: number | null;
  deadline: string | null;
  sectorId: number | null;
  discussionItemId: number | null;
};

const SELECT = `SELECT p.id, p.conference_id, p.source, p.number, p.kind, p.text, p.owner_division_id, o.name AS owner_division_name,
                       p.deadline, p.sector_id, s.name AS sector_name, p.discussion_item_id, d.text AS discussion_item_text,
                       coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'type', u.type) ORDER BY u.name, u.id)
                                   FROM conference_point_units pu JOIN org_units u ON u.id = pu.org_unit_id WHERE pu.point_id = p.id), '[]'::json) AS co_units,
                       p.created_at, p.updated_at
                  FROM conference_points p
                  LEFT JOIN org_units o ON o.id = p.owner_division_id
                  LEFT JOIN sectors s ON s.id = p.sector_id
                  LEFT JOIN conference_discussion_items d ON d.id = p.discussion_item_id`;

export const pointsRepo = {
  list: (db: Db, conferenceId: number) =>
    db.query<PointRow>(`${SELECT} WHERE p.conference_id = $1 ORDER BY p.source, p.number`, [conferenceId]),

  byId: (db: Db, conferenceId: number, id: number) => db.maybeOne<PointRow>(`${SELECT} WHERE p.conference_id = $1 AND p.id = $2`, [conferenceId, id]),

  nextNumber: async (db: Db, conferenceId: number, source: PointSource) =>
    (await db.one<{ n: number }>(`SELECT coalesce(max(number), 0)::int + 1 AS n FROM conference_points WHERE conference_id = $1 AND source = $2`, [conferenceId, source])).n,

  insert: (db: Db, conferenceId: number, source: PointSource, number: number, w: PointWrite, at: Date) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_points (conference_id, source, number, kind, text, owner_division_id, deadline, sector_id, discussion_item_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [conferenceId, source, number, w.kind, w.text, w.ownerDivisionId, w.deadline, w.sectorId, w.discussionItemId, at],
    ),

  update: (db: Db, id: number, w: PointWrite, at: Date) =>
    db.query(
      `UPDATE conference_points SET kind = $2, text = $3, owner_division_id = $4, deadline = $5, sector_id = $6, discussion_item_id = $7, updated_at = $8
        WHERE id = $1`,
      [id, w.kind, w.text, w.ownerDivisionId, w.deadline, w.sectorId, w.discussionItemId, at],
    ),

  setUnits: async (db: Db, pointId: number, unitIds: number[]) => {
    await db.query(`DELETE FROM conference_point_units WHERE point_id = $1`, [pointId]);
    if (unitIds.length) await db.query(`INSERT INTO conference_point_units (point_id, org_unit_id) SELECT $1::int, unnest($2::int[])`, [pointId, unitIds]);
  },

  delete: (db: Db, ids: number[]) => db.query(`DELETE FROM conference_points WHERE id = ANY($1::int[])`, [ids]),

  ids: async (db: Db, conferenceId: number, source: PointSource) =>
    (await db.query<{ id: number }>(`SELECT id FROM conference_points WHERE conference_id = $1 AND source = $2 ORDER BY number`, [conferenceId, source])).map((r) => r.id),

  /** Moves a source's numbers out of the way (they are unique per source) before they are given again. */
  moveAside: (db: Db, conferenceId: number, source: PointSource) =>
    db.query(`UPDATE conference_points SET number = number + 1000000 WHERE conference_id = $1 AND source = $2`, [conferenceId, source]),

  place: (db: Db, id: number, source: PointSource, number: number) =>
    db.query(`UPDATE conference_points SET source = $2, number = $3 WHERE id = $1`, [id, source, number]),

  /** Numbers the points 1, 2, 3… in the order given. */
  renumber: async (db: Db, conferenceId: number, source: PointSource, ids: number[]) => {
    await pointsRepo.moveAside(db, conferenceId, source);
    await db.query(
      `UPDATE conference_points p SET number = o.ord FROM unnest($3::int[]) WITH ORDINALITY AS o(id, ord)
        WHERE p.id = o.id AND p.conference_id = $1 AND p.source = $2`,
      [conferenceId, source, ids],
    );
  },

  /** A division (phòng chuyên môn) in being on the date, or null. */
  divisionOn: (db: Db, id: number, onDate: string) =>
    db.maybeOne<{ id: number; name: string }>(
      `SELECT id, name FROM org_units WHERE id = $1 AND type = 'division' AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`, [id, onDate],
    ),

  unitsOn: (db: Db, ids: number[], onDate: string) =>
    db.query<{ id: number }>(`SELECT id FROM org_units WHERE id = ANY($1::int[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`, [ids, onDate]),

  sectorExists: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM sectors WHERE id = $1`, [id])) !== null,

  discussionItemOf: async (db: Db, conferenceId: number, id: number) =>
    (await db.maybeOne(`SELECT 1 FROM conference_discussion_items WHERE conference_id = $1 AND id = $2`, [conferenceId, id])) !== null,
};
