/** SQL of the discussion list: items with the units that raised them (and where in their reports), edits, order. */
import type { Db } from '../../platform/db/index.js';

export type DiscussionUnitRow = {
  org_unit_id: number;
  name: string;
  type: string;
  submission_id: number | null;
  section: 'results' | 'difficulties' | 'proposals' | null;
  item_index: number | null;
};

export type DiscussionRow = {
  id: number;
  conference_id: number;
  agenda_item_id: number | null;
  agenda_item_title: string | null;
  kind: 'difficulty' | 'proposal' | 'opinion';
  sector_id: number | null;
  sector_name: string | null;
  speaker_person_id: number | null;
  speaker_person_name: string | null;
  speaker_name: string | null;
  text: string;
  source: 'report' | 'floor';
  raised: boolean;
  position: number;
  created_at: Date;
  units: DiscussionUnitRow[];
  /** Conclusion or directive points that answer this item. */
  point_count: number;
};

export type DiscussionWrite = {
  kind: DiscussionRow['kind'];
  text: string;
  sectorId: number | null;
  speakerPersonId: number | null;
  speakerName: string | null;
  agendaItemId: number | null;
  raised: boolean;
};

export type UnitSource = { unitId: number; submissionId: number | null; section: DiscussionUnitRow['section']; itemIndex: number | null };

const SELECT = `SELECT i.id, i.conference_id, i.agenda_item_id, a.title AS agenda_item_title, i.kind, i.sector_id, s.name AS sector_name,
                       i.speaker_person_id, p.full_name AS speaker_person_name, i.speaker_name, i.text, i.source, i.raised, i.position, i.created_at,
                       coalesce((SELECT json_agg(json_build_object('org_unit_id', du.org_unit_id, 'name', u.name, 'type', u.type,
                                                                   'submission_id', du.submission_id, 'section', du.section, 'item_index', du.item_index)
                                             ORDER BY u.type, u.name, u.id)
                                   FROM conference_discussion_units du JOIN org_units u ON u.id = du.org_unit_id WHERE du.item_id = i.id), '[]'::json) AS units,
                       (SELECT count(*)::int FROM conference_points cp WHERE cp.discussion_item_id = i.id) AS point_count
                  FROM conference_discussion_items i
                  LEFT JOIN conference_agenda_items a ON a.id = i.agenda_item_id
                  LEFT JOIN sectors s ON s.id = i.sector_id
                  LEFT JOIN people p ON p.id = i.speaker_person_id`;

export const discussionRepo = {
  list: (db: Db, conferenceId: number) =>
    db.query<DiscussionRow>(`${SELECT} WHERE i.conference_id = $1 ORDER BY i.position, i.id`, [conferenceId]),

  byId: (db: Db, conferenceId: number, id: number) =>
    db.maybeOne<DiscussionRow>(`${SELECT} WHERE i.conference_id = $1 AND i.id = $2`, [conferenceId, id]),

  nextPosition: async (db: Db, conferenceId: number) =>
    (await db.one<{ n: number }>(`SELECT coalesce(max(position), 0)::int + 1 AS n FROM conference_discussion_items WHERE conference_id = $1`, [conferenceId])).n,

  insert: (db: Db, conferenceId: number, w: DiscussionWrite, source: 'report' | 'floor', position: number, by: number, at: Date) =>
    db.one<{ id: number }>(
      `INSERT INTO conference_discussion_items (conference_id, agenda_item_id, kind, sector_id, speaker_person_id, speaker_name, text, source, raised, position, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [conferenceId, w.agendaItemId, w.kind, w.sectorId, w.speakerPersonId, w.speakerName, w.text, source, w.raised, position, by, at],
    ),

  update: (db: Db, id: number, w: DiscussionWrite) =>
    db.query(
      `UPDATE conference_discussion_items SET agenda_item_id = $2, kind = $3, sector_id = $4, speaker_person_id = $5, speaker_name = $6, text = $7, raised = $8
        WHERE id = $1`,
      [id, w.agendaItemId, w.kind, w.sectorId, w.speakerPersonId, w.speakerName, w.text, w.raised],
    ),

  /** Replaces the units of an item (a report item keeps where each unit raised it). */
  setUnits: async (db: Db, itemId: number, units: UnitSource[]) => {
    await db.query(`DELETE FROM conference_discussion_units WHERE item_id = $1`, [itemId]);
    if (!units.length) return;
    await db.query(
      `INSERT INTO conference_discussion_units (item_id, org_unit_id, submission_id, section, item_index)
       SELECT $1::int, * FROM unnest($2::int[], $3::int[], $4::text[], $5::int[])`,
      [itemId, units.map((u) => u.unitId), units.map((u) => u.submissionId), units.map((u) => u.section), units.map((u) => u.itemIndex)],
    );
  },

  delete: (db: Db, id: number) => db.query(`DELETE FROM conference_discussion_items WHERE id = $1`, [id]),

  /** Report items nobody has ticked or answered yet: a new pre-fill replaces them. */
  untouchedReportItems: (db: Db, conferenceId: number) =>
    db.query<{ id: number }>(
      `SELECT i.id FROM conference_discussion_items i
        WHERE i.conference_id = $1 AND i.source = 'report' AND NOT i.raised
          AND NOT EXISTS (SELECT 1 FROM conference_points cp WHERE cp.discussion_item_id = i.id)`,
      [conferenceId],
    ),

  deleteMany: (db: Db, ids: number[]) => db.query(`DELETE FROM conference_discussion_items WHERE id = ANY($1::int[])`, [ids]),

  setPositions: (db: Db, conferenceId: number, ids: number[]) =>
    db.query(
      `UPDATE conference_discussion_items i SET position = o.ord FROM unnest($2::int[]) WITH ORDINALITY AS o(id, ord)
        WHERE i.id = o.id AND i.conference_id = $1`,
      [conferenceId, ids],
    ),

  ids: async (db: Db, conferenceId: number) =>
    (await db.query<{ id: number }>(`SELECT id FROM conference_discussion_items WHERE conference_id = $1 ORDER BY position, id`, [conferenceId])).map((r) => r.id),

  sectorOrder: async (db: Db) => (await db.query<{ id: number }>(`SELECT id FROM sectors ORDER BY sort, name, id`)).map((r) => r.id),

  sectorExists: async (db: Db, id: number) => (await db.maybeOne(`SELECT 1 FROM sectors WHERE id = $1`, [id])) !== null,

  agendaItemOf: async (db: Db, conferenceId: number, id: number) =>
    (await db.maybeOne(`SELECT 1 FROM conference_agenda_items WHERE conference_id = $1 AND id = $2`, [conferenceId, id])) !== null,

  /** Those of the units in being at some time from `from` to `to` (the period), or on `onDate` (the conference day). */
  unitsInBeing: (db: Db, ids: number[], from: string, to: string, onDate: string) =>
    db.query<{ id: number }>(
      `SELECT id FROM org_units WHERE id = ANY($1::int[])
          AND ((valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2)) OR (valid_from <= $4 AND (valid_to IS NULL OR valid_to >= $4)))`,
      [ids, from, to, onDate],
    ),
};
