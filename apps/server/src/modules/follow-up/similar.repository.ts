/**
 * SQL of recognising a point raised again, on the register: the stored match terms of the recommendations, the
 * identity of the matching state kept in memory (settings 'followup.matching'), who may see a match, and "nêu lại lần
 * thứ N" (times_raised).
 */
import type { Db } from '../../platform/db/index.js';
import type { MatchSource } from './matching/index.js';

/** The register as the matching library reads it: a merged recommendation lives on in the one it was merged into. */
export const RECOMMENDATION_SOURCE: MatchSource = { table: 'recommendations', id: 'id', text: 'text', terms: 'match_terms', where: "t.state <> 'merged'" };

export const MATCHING_SETTING = 'followup.matching';

/** What the policy needs to decide whether the actor may see a recommendation (canSeeRecommendation). */
export type VisibilityRow = { id: number; state: string; owner_division_id: number | null; cooperating: number[]; raised_by: number[] };

/**
 * "Nêu lại lần thứ N" of each recommendation in `ids`: the number of distinct periods in which it was raised, by
 * anyone — the source's period, or the quarter of its day when it has none (a point typed in by hand). How many units
 * raised it is told apart ("29 đơn vị"), so a point twenty communes raise in one quarter is raised once, not twenty
 * times; a commune raising in 2025 what the district office it took over raised in 2024 is the same point raised a
 * second time (the lineage matters for who sees it and for the matching, not for the count).
 */
const TIMES_RAISED = `WITH counted AS (
    SELECT s.recommendation_id AS rec, count(DISTINCT coalesce(s.period, to_char(s.raised_on, 'YYYY"Q"Q')))::int AS n
      FROM recommendation_sources s WHERE s.recommendation_id = ANY($1::int[])
     GROUP BY s.recommendation_id
  )`;

export const similarRepo = {
  /** The epoch of the matching state kept in memory (changes with the lexicon), created the first time. */
  epoch: async (db: Db, fresh: () => string): Promise<string> => {
    const r = await db.maybeOne<{ value: { epoch?: string } }>(`SELECT value FROM settings WHERE key = $1`, [MATCHING_SETTING]);
    if (r?.value?.epoch) return r.value.epoch;
    await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING`, [MATCHING_SETTING, JSON.stringify({ epoch: fresh() })]);
    return (await db.one<{ value: { epoch: string } }>(`SELECT value FROM settings WHERE key = $1`, [MATCHING_SETTING])).value.epoch;
  },

  setEpoch: (db: Db, epoch: string, lexiconVersion: string) =>
    db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [MATCHING_SETTING, JSON.stringify({ epoch, lexiconVersion })],
    ),

  /** Recommendations stored without their terms (written by a path that did not compute them). */
  withoutTerms: (db: Db, limit: number) =>
    db.query<{ id: number; text: string }>(`SELECT id, text FROM recommendations WHERE match_terms = '{}' ORDER BY id LIMIT $1`, [limit]),

  /** Every recommendation's text, in id order, a page at a time (rebuilding the terms). */
  textsAfter: (db: Db, afterId: number, limit: number) =>
    db.query<{ id: number; text: string }>(`SELECT id, text FROM recommendations WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit]),

  /** Stores terms (one list per id). */
  setTerms: (db: Db, ids: number[], terms: string[][]) =>
    db.query(
      `UPDATE recommendations r SET match_terms = ARRAY(SELECT json_array_elements_text(u.terms))
         FROM unnest($1::int[], $2::json[]) AS u(id, terms) WHERE r.id = u.id`,
      [ids, terms.map((t) => JSON.stringify(t))],
    ),

  texts: (db: Db, ids: number[]) =>
    db.query<{ id: number; text: string; state: string; owner_code: string | null; owner_name: string | null }>(
      `SELECT r.id, r.text, r.state, o.code AS owner_code, o.name AS owner_name FROM recommendations r LEFT JOIN org_units o ON o.id = r.owner_division_id
        WHERE r.id = ANY($1::int[])`,
      [ids],
    ),

  visibility: (db: Db, ids: number[]) =>
    db.query<VisibilityRow>(
      `SELECT r.id, r.state, r.owner_division_id,
              ARRAY(SELECT c.org_unit_id FROM recommendation_cooperating_units c WHERE c.recommendation_id = r.id) AS cooperating,
              ARRAY(SELECT DISTINCT s.org_unit_id FROM recommendation_sources s WHERE s.recommendation_id = r.id AND s.org_unit_id IS NOT NULL) AS raised_by
         FROM recommendations r WHERE r.id = ANY($1::int[])`,
      [ids],
    ),

  /** A unit and every unit it took over, directly or through others. */
  unitWithPredecessors: async (db: Db, unitId: number) =>
    (await db.query<{ id: number }>(
      `WITH RECURSIVE lin AS (SELECT $1::int AS id UNION SELECT l.predecessor_id FROM org_unit_lineage l JOIN lin ON l.unit_id = lin.id) SELECT id FROM lin`,
      [unitId],
    )).map((r) => r.id),

  /** Recommendations a person said are a different matter from a candidate's text (kept so they are not proposed again). */
  rejectedFor: async (db: Db, candidateId: number) =>
    (await db.query<{ id: number }>(
      `SELECT recommendation_id AS id FROM recommendation_match_decisions WHERE candidate_id = $1 AND NOT same`,
      [candidateId],
    )).map((r) => r.id),

  /** times_raised of the recommendations in `ids` (see TIMES_RAISED); returns the new counts. */
  refreshTimesRaised: (db: Db, ids: number[]) =>
    db.query<{ id: number; times_raised: number }>(
      `${TIMES_RAISED}
       UPDATE recommendations r SET times_raised = coalesce((SELECT n FROM counted c WHERE c.rec = r.id), 0)
        WHERE r.id = ANY($1::int[]) RETURNING r.id, r.times_raised`,
      [ids],
    ),

  /** The same count, read without storing it. */
  timesRaised: (db: Db, ids: number[]) =>
    db.query<{ rec: number; n: number }>(`${TIMES_RAISED} SELECT rec, n FROM counted`, [ids]),
};
