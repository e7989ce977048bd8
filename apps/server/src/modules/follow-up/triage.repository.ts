/**
 * SQL of the triage queue (recommendation_candidates): intake writes candidates once per source (source_key unique),
 * a reviewer links, creates or dismisses each one, and the decisions on proposed links are kept.
 */
import type { RecommendationKind } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export const CANDIDATE_STATUSES = ['pending', 'linked', 'created', 'no_action'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export type CandidateSourceKind = 'report' | 'discussion' | 'point';

/** A proposed link computed at intake: a recommendation and how alike it is (matching library). */
export type Suggestion = { id: number; score: number; recurring: boolean };

export type CandidateWrite = {
  sourceKind: CandidateSourceKind;
  sourceKey: string;
  text: string;
  kind: RecommendationKind;
  orgUnitId: number | null;
  period: string | null;
  raisedOn: string;
  sectorId: number | null;
  divisionId: number | null;
  submissionId: number | null;
  section: 'difficulties' | 'proposals' | null;
  itemIndex: number | null;
  discussionItemId: number | null;
  pointId: number | null;
  suggestions: Suggestion[];
};

export type CandidateRow = {
  id: number;
  source_kind: CandidateSourceKind;
  source_key: string;
  text: string;
  kind: RecommendationKind;
  org_unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  period: string | null;
  raised_on: string;
  sector_id: number | null;
  sector_code: string | null;
  sector_name: string | null;
  division_id: number | null;
  division_code: string | null;
  division_name: string | null;
  submission_id: number | null;
  round_id: number | null;
  section: 'difficulties' | 'proposals' | null;
  item_index: number | null;
  discussion_item_id: number | null;
  point_id: number | null;
  point_source: 'conclusion' | 'directive' | null;
  point_number: number | null;
  point_owner_division_id: number | null;
  point_deadline: string | null;
  conference_id: number | null;
  conference_title: string | null;
  suggestions: Suggestion[];
  status: CandidateStatus;
  reason: string | null;
  recommendation_id: number | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  version: number;
  created_at: Date;
};

const SELECT = `SELECT c.id, c.source_kind, c.source_key, c.text, c.kind, c.org_unit_id, u.code AS unit_code, u.name AS unit_name, c.period, c.raised_on,
         c.sector_id, s.code AS sector_code, s.name AS sector_name, c.division_id, dv.code AS division_code, dv.name AS division_name,
         c.submission_id, sub.round_id, c.section, c.item_index, c.discussion_item_id, c.point_id, cp.source AS point_source, cp.number AS point_number,
         cp.owner_division_id AS point_owner_division_id, cp.deadline AS point_deadline, cf.id AS conference_id, cf.title AS conference_title,
         c.suggestions, c.status, c.reason, c.recommendation_id, c.decided_by, coalesce(nullif(du.full_name, ''), du.username) AS decided_by_name, c.decided_at,
         c.version, c.created_at
    FROM recommendation_candidates c
    LEFT JOIN org_units u ON u.id = c.org_unit_id
    LEFT JOIN sectors s ON s.id = c.sector_id
    LEFT JOIN org_units dv ON dv.id = c.division_id
    LEFT JOIN submissions sub ON sub.id = c.submission_id
    LEFT JOIN conference_discussion_items di ON di.id = c.discussion_item_id
    LEFT JOIN conference_points cp ON cp.id = c.point_id
    LEFT JOIN conferences cf ON cf.id = coalesce(di.conference_id, cp.conference_id)
    LEFT JOIN users du ON du.id = c.decided_by`;

export type QueueFilter = {
  /** Whose queue: a division's id, 'none' for candidates no division owns (the office's), or every queue. */
  division?: number | 'none';
  status?: CandidateStatus;
  sourceKind?: CandidateSourceKind;
  kind?: RecommendationKind;
  period?: string;
  unitId?: number;
  conferenceId?: number;
  q?: string;
};

function queueWhere(f: QueueFilter, params: unknown[], withStatus: boolean): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.division === 'none') where.push('c.division_id IS NULL');
  else if (f.division !== undefined) where.push(`c.division_id = ${p(f.division)}`);
  if (withStatus && f.status) where.push(`c.status = ${p(f.status)}`);
  if (f.sourceKind) where.push(`c.source_kind = ${p(f.sourceKind)}`);
  if (f.kind) where.push(`c.kind = ${p(f.kind)}`);
  if (f.period) where.push(`c.period = ${p(f.period)}`);
  if (f.unitId !== undefined) where.push(`c.org_unit_id = ${p(f.unitId)}`);
  if (f.conferenceId !== undefined) {
    const c = p(f.conferenceId);
    where.push(`(EXISTS (SELECT 1 FROM conference_discussion_items x WHERE x.id = c.discussion_item_id AND x.conference_id = ${c})
              OR EXISTS (SELECT 1 FROM conference_points x WHERE x.id = c.point_id AND x.conference_id = ${c}))`);
  }
  if (f.q?.trim()) where.push(`vn_fold(c.text) LIKE '%' || replace(replace(replace(vn_fold(${p(f.q.trim())}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export const triageRepo = {
  /** Existing candidates by source key (intake skips those decided or unchanged). */
  byKeys: (db: Db, keys: string[]) =>
    db.query<{ id: number; source_key: string; status: CandidateStatus; text: string; suggestions: Suggestion[] }>(
      `SELECT id, source_key, status, text, suggestions FROM recommendation_candidates WHERE source_key = ANY($1::text[])`,
      [keys],
    ),

  /**
   * Writes candidates: new ones are inserted; a pending one whose text, queue or suggestions changed is brought up to
   * date (version + 1); a decided one is never touched. Returns the ids of the rows written.
   */
  upsert: (db: Db, rows: CandidateWrite[]) =>
    rows.length === 0
      ? Promise.resolve([] as { id: number; inserted: boolean }[])
      : db.query<{ id: number; inserted: boolean }>(
          `INSERT INTO recommendation_candidates AS c (source_kind, source_key, text, kind, org_unit_id, period, raised_on, sector_id, division_id,
                                                       submission_id, section, item_index, discussion_item_id, point_id, suggestions)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::date[], $8::int[], $9::int[],
                                $10::int[], $11::text[], $12::int[], $13::int[], $14::int[], $15::jsonb[])
           ON CONFLICT (source_key) DO UPDATE
              SET text = EXCLUDED.text, kind = EXCLUDED.kind, org_unit_id = EXCLUDED.org_unit_id, period = EXCLUDED.period, sector_id = EXCLUDED.sector_id,
                  division_id = EXCLUDED.division_id, section = EXCLUDED.section, item_index = EXCLUDED.item_index, suggestions = EXCLUDED.suggestions,
                  version = c.version + 1
            WHERE c.status = 'pending'
              AND (c.text, c.kind, c.org_unit_id, c.period, c.sector_id, c.division_id, c.suggestions)
                  IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.kind, EXCLUDED.org_unit_id, EXCLUDED.period, EXCLUDED.sector_id, EXCLUDED.division_id, EXCLUDED.suggestions)
           RETURNING c.id, (xmax = 0) AS inserted`,
          [
            rows.map((r) => r.sourceKind), rows.map((r) => r.sourceKey), rows.map((r) => r.text), rows.map((r) => r.kind), rows.map((r) => r.orgUnitId),
            rows.map((r) => r.period), rows.map((r) => r.raisedOn), rows.map((r) => r.sectorId), rows.map((r) => r.divisionId),
            rows.map((r) => r.submissionId), rows.map((r) => r.section), rows.map((r) => r.itemIndex), rows.map((r) => r.discussionItemId),
            rows.map((r) => r.pointId), rows.map((r) => JSON.stringify(r.suggestions)),
          ],
        ),

  /** Pending candidates of a submission's report that are no longer in it (a bullet removed before re-approval). */
  deleteStaleReport: (db: Db, submissionId: number, keep: string[]) =>
    db.query<{ id: number }>(
      `DELETE FROM recommendation_candidates WHERE source_kind = 'report' AND submission_id = $1 AND status = 'pending' AND source_key <> ALL($2::text[]) RETURNING id`,
      [submissionId, keep],
    ),

  /**
   * Pending candidates of a conference that are no longer to be triaged (an item unticked or made an opinion, a point
   * no longer a task), and pending ones whose discussion item or point was deleted.
   */
  deleteStaleConference: (db: Db, conferenceId: number, keep: string[]) =>
    db.query<{ id: number }>(
      `DELETE FROM recommendation_candidates c
        WHERE c.status = 'pending' AND c.source_kind IN ('discussion','point') AND c.source_key <> ALL($2::text[])
          AND (EXISTS (SELECT 1 FROM conference_discussion_items x WHERE x.id = c.discussion_item_id AND x.conference_id = $1)
               OR EXISTS (SELECT 1 FROM conference_points x WHERE x.id = c.point_id AND x.conference_id = $1)
               OR (c.source_kind = 'discussion' AND c.discussion_item_id IS NULL) OR (c.source_kind = 'point' AND c.point_id IS NULL))
        RETURNING c.id`,
      [conferenceId, keep],
    ),

  byId: (db: Db, id: number, lock = false) =>
    lock
      ? db.maybeOne<{ id: number }>(`SELECT id FROM recommendation_candidates WHERE id = $1 FOR UPDATE`, [id]).then((r) =>
          r ? db.maybeOne<CandidateRow>(`${SELECT} WHERE c.id = $1`, [id]) : null)
      : db.maybeOne<CandidateRow>(`${SELECT} WHERE c.id = $1`, [id]),

  list: async (db: Db, f: QueueFilter, limit: number, offset: number) => {
    const params: unknown[] = [];
    const where = queueWhere(f, params, true);
    const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recommendation_candidates c ${where}`, params);
    const rows = await db.query<CandidateRow>(
      // the queue oldest first (what waits longest); what was decided, the latest decision first (the one just made on top)
      `${SELECT} ${where} ORDER BY (c.status = 'pending') DESC, CASE WHEN c.status = 'pending' THEN c.raised_on END, c.decided_at DESC NULLS LAST, c.raised_on, c.id
        LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      params,
    );
    return { rows, total: total.n };
  },

  /** How many candidates of the queue are in each status (the filter without its status). */
  counts: async (db: Db, f: QueueFilter) => {
    const params: unknown[] = [];
    const where = queueWhere(f, params, false);
    const rows = await db.query<{ status: CandidateStatus; n: number }>(
      `SELECT c.status, count(*)::int AS n FROM recommendation_candidates c ${where} GROUP BY c.status`,
      params,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<CandidateStatus, number>>;
  },

  /** Takes a decision if the candidate is still pending at `version`; false when someone else moved it on. */
  decide: async (db: Db, id: number, version: number, d: { status: Exclude<CandidateStatus, 'pending'>; reason?: string | null; recommendationId?: number | null; by: number; at: Date }) =>
    (await db.maybeOne<{ id: number }>(
      `UPDATE recommendation_candidates SET status = $3, reason = $4, recommendation_id = $5, decided_by = $6, decided_at = $7, version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'pending' RETURNING id`,
      [id, version, d.status, d.reason ?? null, d.recommendationId ?? null, d.by, d.at],
    )) !== null,

  /** Records a person's decision on a proposed link (same point or a different matter); the latest decision stands. */
  recordDecision: (db: Db, d: { recommendationId: number; candidateId: number; same: boolean; score: number | null; by: number; at: Date }) =>
    db.query(
      `INSERT INTO recommendation_match_decisions (recommendation_id, candidate_id, same, score, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (recommendation_id, candidate_id) WHERE candidate_id IS NOT NULL
       DO UPDATE SET same = EXCLUDED.same, score = EXCLUDED.score, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
      [d.recommendationId, d.candidateId, d.same, d.score, d.by, d.at],
    ),

  /** The recommendations a person said are a different matter from each candidate. */
  rejected: (db: Db, candidateIds: number[]) =>
    db.query<{ candidate_id: number; recommendation_id: number }>(
      `SELECT candidate_id, recommendation_id FROM recommendation_match_decisions WHERE candidate_id = ANY($1::int[]) AND NOT same`,
      [candidateIds],
    ),

  /** What the suggestions of a page show: text, state, owner, recurrence. */
  suggested: (db: Db, ids: number[]) =>
    db.query<{ id: number; text: string; state: string; owner_code: string | null; owner_name: string | null; deadline: string | null; times_raised: number; merged_into_id: number | null }>(
      `SELECT r.id, r.text, r.state, o.code AS owner_code, o.name AS owner_name, r.deadline, r.times_raised, r.merged_into_id
         FROM recommendations r LEFT JOIN org_units o ON o.id = r.owner_division_id WHERE r.id = ANY($1::int[])`,
      [ids],
    ),

  /** The units of a discussion item (one merged point may come from several units), with where in their report. */
  discussionUnits: (db: Db, itemId: number) =>
    db.query<{ org_unit_id: number; code: string; name: string; submission_id: number | null; section: 'results' | 'difficulties' | 'proposals' | null; item_index: number | null }>(
      `SELECT du.org_unit_id, u.code, u.name, du.submission_id, du.section, du.item_index
         FROM conference_discussion_units du JOIN org_units u ON u.id = du.org_unit_id WHERE du.item_id = $1 ORDER BY u.name, u.id`,
      [itemId],
    ),

  /** The co-operating units of a conference point. */
  pointUnits: (db: Db, pointId: number) =>
    db.query<{ id: number; code: string; name: string }>(
      `SELECT u.id, u.code, u.name FROM conference_point_units pu JOIN org_units u ON u.id = pu.org_unit_id WHERE pu.point_id = $1 ORDER BY u.name, u.id`,
      [pointId],
    ),

  divisionByCode: (db: Db, code: string) =>
    db.maybeOne<{ id: number; type: string }>(`SELECT id, type FROM org_units WHERE code = $1`, [code]),
};
