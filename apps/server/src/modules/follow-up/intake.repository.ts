/**
 * SQL of intake: what an approved report and a concluded conference bring to the triage queue (the candidates
 * themselves are written by triage.repository.ts).
 */
import type { Db } from '../../platform/db/index.js';

/**
 * An approved submission's narrative, with the sector of its text as the draft summary report and the conference's
 * discussion pre-fill give it (summary-report.repository approvedNarratives): the unit's sector, else the sector of a
 * unit it was formed from, else the first sector of the form's reviewing division.
 */
export type ApprovedNarrative = {
  submission_id: number;
  unit_id: number;
  period: string;
  narrative: boolean;
  difficulties: string;
  proposals: string;
  form_division_id: number | null;
  sector_id: number | null;
  sector_division_id: number | null;
};

export type DiscussionForIntake = {
  id: number;
  kind: 'difficulty' | 'proposal' | 'opinion';
  text: string;
  raised: boolean;
  sector_id: number | null;
  /** The sector's division, else the division of the first unit's sector. */
  division_id: number | null;
  unit_ids: number[];
};

export type PointForIntake = {
  id: number;
  source: 'conclusion' | 'directive';
  number: number;
  kind: 'information' | 'decision' | 'task';
  text: string;
  owner_division_id: number | null;
  deadline: string | null;
  sector_id: number | null;
  /** The owner, else the sector's division. */
  division_id: number | null;
};

export const intakeRepo = {
  approvedNarrative: (db: Db, submissionId: number) =>
    db.maybeOne<ApprovedNarrative>(
      `SELECT s.id AS submission_id, s.org_unit_id AS unit_id, r.period, f.narrative, s.difficulties, s.proposals, f.division_id AS form_division_id,
              sec.id AS sector_id, sec.division_id AS sector_division_id
         FROM submissions s
         JOIN reporting_rounds r ON r.id = s.round_id
         JOIN report_forms f ON f.id = r.form_id
         JOIN org_units u ON u.id = s.org_unit_id
         LEFT JOIN LATERAL (SELECT sc.id FROM org_unit_lineage l JOIN org_units p ON p.id = l.predecessor_id JOIN sectors sc ON sc.id = p.sector_id
                             WHERE l.unit_id = u.id ORDER BY sc.sort, sc.id LIMIT 1) ls ON u.sector_id IS NULL
         LEFT JOIN LATERAL (SELECT id FROM sectors WHERE division_id = f.division_id ORDER BY sort, id LIMIT 1) ds ON true
         LEFT JOIN sectors sec ON sec.id = COALESCE(u.sector_id, ls.id, ds.id)
        WHERE s.id = $1 AND s.status = 'approved'`,
      [submissionId],
    ),

  conference: (db: Db, id: number) =>
    db.maybeOne<{ id: number; period: string; kind: string; status: string; starts_at: Date; title: string }>(
      `SELECT id, period, kind, status, starts_at, title FROM conferences WHERE id = $1`,
      [id],
    ),

  discussion: (db: Db, conferenceId: number) =>
    db.query<DiscussionForIntake>(
      `SELECT d.id, d.kind, d.text, d.raised, d.sector_id, coalesce(sec.division_id, us.division_id) AS division_id,
              ARRAY(SELECT du.org_unit_id FROM conference_discussion_units du JOIN org_units x ON x.id = du.org_unit_id
                     WHERE du.item_id = d.id ORDER BY x.name, x.id) AS unit_ids
         FROM conference_discussion_items d
         LEFT JOIN sectors sec ON sec.id = d.sector_id
         LEFT JOIN LATERAL (SELECT s2.division_id FROM conference_discussion_units du JOIN org_units u ON u.id = du.org_unit_id
                              JOIN sectors s2 ON s2.id = u.sector_id WHERE du.item_id = d.id ORDER BY u.name, u.id LIMIT 1) us ON true
        WHERE d.conference_id = $1
        ORDER BY d.position, d.id`,
      [conferenceId],
    ),

  points: (db: Db, conferenceId: number) =>
    db.query<PointForIntake>(
      `SELECT p.id, p.source, p.number, p.kind, p.text, p.owner_division_id, p.deadline, p.sector_id, coalesce(p.owner_division_id, s.division_id) AS division_id
         FROM conference_points p LEFT JOIN sectors s ON s.id = p.sector_id
        WHERE p.conference_id = $1 ORDER BY p.source, p.number`,
      [conferenceId],
    ),

  /**
   * Open recommendations (not settled, not merged) first raised before `start`, the most often raised first, with the
   * units that raised them, or the units in being on `end` that took over a closed one (org_unit_lineage).
   */
  unresolvedBefore: (db: Db, start: string, end: string, limit: number) =>
    db.query<{ id: number; text: string; kind: 'difficulty' | 'proposal' | 'conclusion' | 'directive'; sector_id: number | null; times_raised: number; unit_ids: number[] }>(
      `WITH open AS (
         SELECT r.id, r.text, r.kind, r.sector_id, r.times_raised, r.deadline FROM recommendations r
          WHERE r.state IN ('new','assigned','in_progress','carried') AND r.raised_on < $1::date
          ORDER BY r.times_raised DESC, r.deadline NULLS LAST, r.id LIMIT $3
       )
       SELECT o.id, o.text, o.kind, o.sector_id, o.times_raised,
              ARRAY(WITH RECURSIVE raisers AS (
                      SELECT DISTINCT s.org_unit_id AS id FROM recommendation_sources s WHERE s.recommendation_id = o.id AND s.org_unit_id IS NOT NULL
                      UNION
                      SELECT l.unit_id FROM org_unit_lineage l JOIN raisers x ON l.predecessor_id = x.id JOIN org_units gone ON gone.id = x.id
                       WHERE gone.valid_to IS NOT NULL AND gone.valid_to < $2::date)
                    SELECT u.id FROM raisers x JOIN org_units u ON u.id = x.id
                     WHERE u.valid_from <= $2::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date) ORDER BY u.id) AS unit_ids
         FROM open o
        ORDER BY o.times_raised DESC, o.deadline NULLS LAST, o.id`,
      [start, end, limit],
    ),
};
