/**
 * SQL of the register of recommendations (kiến nghị): one recommendation with its sources, co-operating units and
 * timeline; the board's filter (visibility, filters, timeliness in the government's grid) shared by the list, the
 * summary, the export and the results report; inserts and version-checked updates.
 *
 * A merged recommendation takes the grid cell of the one it was merged into (`timelinessSql`), and is never counted
 * itself; merges are kept one level deep (merging B into C re-points what was merged into B).
 */
import type { RecommendationKind, RecommendationState, Timeliness } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { similarRepo } from './similar.repository.js';

export type RecommendationRow = {
  id: number;
  text: string;
  kind: RecommendationKind;
  sector_id: number | null;
  sector_code: string | null;
  sector_name: string | null;
  sector_division_id: number | null;
  first_period: string | null;
  raised_on: string;
  owner_division_id: number | null;
  owner_code: string | null;
  owner_name: string | null;
  deputy_person_id: number | null;
  deputy_name: string | null;
  deadline: string | null;
  state: RecommendationState;
  state_reason: string | null;
  progress: number;
  merged_into_id: number | null;
  merged_into_text: string | null;
  carried_to_period: string | null;
  answer: string | null;
  answer_published_at: Date | null;
  closing_evidence: string | null;
  closed_on: string | null;
  escalated_at: Date | null;
  times_raised: number;
  version: number;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
  /** The cell of the grid (a merged one takes its target's). */
  timeliness: Timeliness;
};

export type SourceRow = {
  id: number;
  recommendation_id: number;
  kind: 'report' | 'discussion' | 'point' | 'manual';
  org_unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  period: string | null;
  raised_on: string;
  text: string;
  submission_id: number | null;
  round_id: number | null;
  section: 'results' | 'difficulties' | 'proposals' | null;
  item_index: number | null;
  discussion_item_id: number | null;
  point_id: number | null;
  point_number: number | null;
  point_source: 'conclusion' | 'directive' | null;
  conference_id: number | null;
  conference_title: string | null;
  linked_at: Date;
};

export type UnitRef = { id: number; code: string; name: string; type: string };

export type UpdateRow = {
  id: number;
  recommendation_id: number;
  kind: 'progress' | 'note' | 'state' | 'answer' | 'escalation' | 'reminder' | 'link';
  text: string;
  progress: number | null;
  state_from: string | null;
  state_to: string | null;
  by_user_id: number | null;
  by_name: string | null;
  at: Date;
  files: { id: number; filename: string; mime: string; size: number }[];
};

export type RecommendationWrite = {
  text: string;
  kind: RecommendationKind;
  sectorId: number | null;
  firstPeriod: string | null;
  raisedOn: string;
  ownerDivisionId: number | null;
  deputyPersonId: number | null;
  deadline: string | null;
  state: RecommendationState;
  matchTerms: string[];
  createdBy: number | null;
};

export type SourceWrite = {
  kind: SourceRow['kind'];
  orgUnitId: number | null;
  period: string | null;
  raisedOn: string;
  text: string;
  submissionId?: number | null;
  section?: SourceRow['section'];
  itemIndex?: number | null;
  discussionItemId?: number | null;
  pointId?: number | null;
  linkedBy: number | null;
  at: Date;
};

/** The columns a version-checked update may set, by their names in the service. */
const COLUMNS = {
  text: 'text', kind: 'kind', sectorId: 'sector_id', ownerDivisionId: 'owner_division_id', deputyPersonId: 'deputy_person_id', deadline: 'deadline',
  state: 'state', stateReason: 'state_reason', progress: 'progress', mergedIntoId: 'merged_into_id', carriedToPeriod: 'carried_to_period',
  answer: 'answer', answerPublishedAt: 'answer_published_at', closingEvidence: 'closing_evidence', closedOn: 'closed_on', escalatedAt: 'escalated_at',
  matchTerms: 'match_terms', firstPeriod: 'first_period',
} as const;
export type RecommendationPatch = { -readonly [K in keyof typeof COLUMNS]?: unknown };

/** The cell of the grid of one row (alias `a`) on the day held by the parameter `today` ('$3'): timelinessOf in SQL. */
const cellOf = (a: string, today: string) => `(CASE WHEN ${a}.state IN ('done','cannot_do')
    THEN CASE WHEN ${a}.deadline IS NULL OR coalesce(${a}.closed_on, ${today}::date) <= ${a}.deadline THEN 'done_on_time' ELSE 'done_late' END
    ELSE CASE WHEN ${a}.deadline IS NULL OR ${today}::date <= ${a}.deadline THEN 'open_within_deadline' ELSE 'open_overdue' END END)`;

/** A recommendation's own cell (alias r): what the counts use, since a merged one is never counted itself. */
export const ownCellSql = (today: string) => cellOf('r', today);

/** The cell shown for r: its own, or for a merged one its target's (looked up only for the few merged rows). */
export const timelinessSql = (today: string) =>
  `(CASE WHEN r.merged_into_id IS NULL THEN ${cellOf('r', today)} ELSE (SELECT ${cellOf('t', today)} FROM recommendations t WHERE t.id = r.merged_into_id) END)`;

const SELECT = (today: string) => `SELECT r.id, r.text, r.kind, r.sector_id, s.code AS sector_code, s.name AS sector_name, s.division_id AS sector_division_id,
         r.first_period, r.raised_on, r.owner_division_id, o.code AS owner_code, o.name AS owner_name, r.deputy_person_id, dp.full_name AS deputy_name,
         r.deadline, r.state, r.state_reason, r.progress, r.merged_into_id, mt.text AS merged_into_text, r.carried_to_period, r.answer, r.answer_published_at,
         r.closing_evidence, r.closed_on, r.escalated_at, r.times_raised, r.version, r.created_by, r.created_at, r.updated_at,
         ${timelinessSql(today)} AS timeliness
    FROM recommendations r
    LEFT JOIN recommendations mt ON mt.id = r.merged_into_id
    LEFT JOIN sectors s ON s.id = r.sector_id
    LEFT JOIN org_units o ON o.id = r.owner_division_id
    LEFT JOIN people dp ON dp.id = r.deputy_person_id`;

/** Who the actor is for the board's visibility (policy canSeeRecommendation, in SQL). */
export type BoardScope =
  | { kind: 'all' }
  | { kind: 'division'; unitId: number }
  /** A unit: what it or a unit it took over raised (`unitIds`: itself and its predecessors), and what it co-operates on. */
  | { kind: 'unit'; unitId: number; unitIds: number[] };

export type BoardFilter = {
  conferenceId?: number;
  /** Periods contained in the period asked for ('2025' → 2025, 2025Q1…, 2025S1…, 202501…). */
  periods?: string[];
  ownerId?: number;
  /** Raised by one of these units (a unit and its predecessors). */
  unitIds?: number[];
  sectorId?: number;
  states?: RecommendationState[];
  timeliness?: Timeliness[];
  sourceKind?: SourceRow['kind'];
  recurring?: boolean;
  q?: string;
  ids?: number[];
  escalated?: boolean;
  /** Leave out the merged ones (the counts never include them). */
  excludeMerged?: boolean;
};

export const BOARD_SORTS = ['deadline', 'recurrence', 'updated', 'raised'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** Orders that the indexes of migration 0012 serve as they are (deadline, id), (times_raised DESC, id), (updated_at DESC, id). */
const ORDER: Record<BoardSort, string> = {
  deadline: 'r.deadline ASC NULLS LAST, r.id',
  recurrence: 'r.times_raised DESC, r.id',
  updated: 'r.updated_at DESC, r.id',
  raised: 'r.raised_on DESC, r.id DESC',
};

/**
 * WHERE of the board (alias r). Conditions on sources and co-operating units are `r.id IN (…)` semi-joins, which
 * PostgreSQL runs once as a hash rather than once per row. `today` is added to `params` only when a timeliness filter
 * needs it.
 */
export function boardWhere(scope: BoardScope, f: BoardFilter, params: unknown[], today: string): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const sources = (cond: string) => `r.id IN (SELECT rs.recommendation_id FROM recommendation_sources rs WHERE ${cond})`;
  const where: string[] = [];
  if (scope.kind === 'division') {
    const u = p(scope.unitId);
    where.push(`(r.owner_division_id = ${u} OR r.id IN (SELECT cu.recommendation_id FROM recommendation_cooperating_units cu WHERE cu.org_unit_id = ${u}))`);
  } else if (scope.kind === 'unit') {
    where.push(`(${sources(`rs.org_unit_id = ANY(${p(scope.unitIds)}::int[])`)}
              OR r.id IN (SELECT cu.recommendation_id FROM recommendation_cooperating_units cu WHERE cu.org_unit_id = ${p(scope.unitId)}))`);
  }
  if (f.conferenceId !== undefined) {
    const c = p(f.conferenceId);
    where.push(`r.id IN (SELECT rs.recommendation_id FROM recommendation_sources rs JOIN conference_discussion_items di ON di.id = rs.discussion_item_id WHERE di.conference_id = ${c}
                         UNION SELECT rs.recommendation_id FROM recommendation_sources rs JOIN conference_points cp ON cp.id = rs.point_id WHERE cp.conference_id = ${c})`);
  }
  // Every recommendation's first raising is among its sources, so the sources' periods cover first_period.
  if (f.periods?.length) where.push(sources(`rs.period = ANY(${p(f.periods)}::text[])`));
  if (f.ownerId !== undefined) where.push(`r.owner_division_id = ${p(f.ownerId)}`);
  if (f.unitIds?.length) where.push(sources(`rs.org_unit_id = ANY(${p(f.unitIds)}::int[])`));
  if (f.sectorId !== undefined) where.push(`r.sector_id = ${p(f.sectorId)}`);
  if (f.states?.length) where.push(`r.state = ANY(${p(f.states)}::text[])`);
  if (f.excludeMerged) where.push(`r.state <> 'merged'`);
  if (f.timeliness?.length) {
    // A merged one is in its target's cell: those few are found once through the partial index on merged_into_id, so
    // the plan never prices a lookup per row (which made PostgreSQL compile the query with JIT, 0.4 s).
    const [t, cells] = [p(today), p(f.timeliness)];
    const own = `${ownCellSql(t)} = ANY(${cells}::text[])`;
    where.push(f.excludeMerged ? own : `((r.merged_into_id IS NULL AND ${own})
      OR r.id IN (SELECT m.id FROM recommendations m JOIN recommendations tr ON tr.id = m.merged_into_id
                   WHERE m.merged_into_id IS NOT NULL AND ${cellOf('tr', t)} = ANY(${cells}::text[])))`);
  }
  if (f.sourceKind) where.push(sources(`rs.kind = ${p(f.sourceKind)}`));
  if (f.recurring !== undefined) where.push(f.recurring ? 'r.times_raised >= 2' : 'r.times_raised < 2');
  if (f.escalated !== undefined) where.push(f.escalated ? 'r.escalated_at IS NOT NULL' : 'r.escalated_at IS NULL');
  if (f.ids) where.push(`r.id = ANY(${p(f.ids)}::int[])`);
  if (f.q) {
    const q = f.q.trim();
    if (/^#?\d{1,9}$/.test(q)) where.push(`r.id = ${p(Number(q.replace('#', '')))}`);
    else where.push(`vn_fold(r.text) LIKE '%' || replace(replace(replace(vn_fold(${p(q)}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export type GridCounts = Record<Timeliness, number> & { total: number };

export const recommendationsRepo = {
  byId: (db: Db, id: number, today: string, lock = false) =>
    lock
      ? db.maybeOne<{ id: number }>(`SELECT id FROM recommendations WHERE id = $1 FOR UPDATE`, [id]).then((r) =>
          r ? db.maybeOne<RecommendationRow>(`${SELECT('$1')} WHERE r.id = $2`, [today, id]) : null)
      : db.maybeOne<RecommendationRow>(`${SELECT('$1')} WHERE r.id = $2`, [today, id]),

  byIds: (db: Db, ids: number[], today: string) =>
    db.query<RecommendationRow>(`${SELECT('$1')} WHERE r.id = ANY($2::int[]) ORDER BY r.id`, [today, ids]),

  /**
   * One page of the board, with the total and the grid's counts (merged ones left out of the counts), in one
   * statement: the filter runs once into a small materialised set (id, the sort keys, the row's own cell), which is
   * counted and from which the page is cut; then the page's rows are read in full. (Letting the planner walk a
   * sort index with LIMIT looked cheap and was not: a period or a unit is a semi-join whose rows lie late in
   * deadline order, and the walk probed tens of thousands of rows first.)
   */
  board: async (db: Db, scope: BoardScope, f: BoardFilter, today: string, sort: BoardSort, limit: number, offset: number) => {
    const params: unknown[] = [today];
    const where = boardWhere(scope, f, params, today);
    const r = await db.one<GridCounts & { ids: number[] }>(
      `WITH m AS MATERIALIZED (
         SELECT r.id, r.state, r.deadline, r.times_raised, r.updated_at, r.raised_on, ${ownCellSql('$1')} AS tl FROM recommendations r ${where})
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE m.state <> 'merged' AND m.tl = 'done_on_time')::int AS done_on_time,
              count(*) FILTER (WHERE m.state <> 'merged' AND m.tl = 'done_late')::int AS done_late,
              count(*) FILTER (WHERE m.state <> 'merged' AND m.tl = 'open_within_deadline')::int AS open_within_deadline,
              count(*) FILTER (WHERE m.state <> 'merged' AND m.tl = 'open_overdue')::int AS open_overdue,
              ARRAY(SELECT r.id FROM m r ORDER BY ${ORDER[sort]} LIMIT ${Number(limit)} OFFSET ${Number(offset)}) AS ids
         FROM m`,
      params,
    );
    const { ids, ...counts } = r;
    const byId = new Map((ids.length ? await recommendationsRepo.byIds(db, ids, today) : []).map((row) => [row.id, row]));
    return { rows: ids.map((id) => byId.get(id)).filter((row): row is RecommendationRow => row !== undefined), counts };
  },

  /** Every row of the board's filter in its order (the export), up to `limit`. */
  all: (db: Db, scope: BoardScope, f: BoardFilter, today: string, sort: BoardSort, limit: number) => {
    const params: unknown[] = [today];
    const where = boardWhere(scope, f, params, today);
    return db.query<RecommendationRow>(`${SELECT('$1')} ${where} ORDER BY ${ORDER[sort]} LIMIT ${Number(limit)}`, params);
  },

  /** The units that raised each recommendation, for a page of the board. */
  raisersOf: (db: Db, ids: number[]) =>
    db.query<{ recommendation_id: number; id: number; code: string; name: string; type: string }>(
      `SELECT DISTINCT s.recommendation_id, u.id, u.code, u.name, u.type
         FROM recommendation_sources s JOIN org_units u ON u.id = s.org_unit_id
        WHERE s.recommendation_id = ANY($1::int[]) ORDER BY s.recommendation_id, u.name, u.id`,
      [ids],
    ),

  sources: (db: Db, id: number) =>
    db.query<SourceRow>(
      `SELECT s.id, s.recommendation_id, s.kind, s.org_unit_id, u.code AS unit_code, u.name AS unit_name, s.period, s.raised_on, s.text,
              s.submission_id, sub.round_id, s.section, s.item_index, s.discussion_item_id, s.point_id, cp.number AS point_number,
              cp.source AS point_source, c.id AS conference_id, c.title AS conference_title, s.linked_at
         FROM recommendation_sources s
         LEFT JOIN org_units u ON u.id = s.org_unit_id
         LEFT JOIN submissions sub ON sub.id = s.submission_id
         LEFT JOIN conference_discussion_items di ON di.id = s.discussion_item_id
         LEFT JOIN conference_points cp ON cp.id = s.point_id
         LEFT JOIN conferences c ON c.id = coalesce(di.conference_id, cp.conference_id)
        WHERE s.recommendation_id = $1
        ORDER BY s.raised_on, s.id`,
      [id],
    ),

  cooperating: (db: Db, id: number) =>
    db.query<UnitRef>(
      `SELECT u.id, u.code, u.name, u.type FROM recommendation_cooperating_units cu JOIN org_units u ON u.id = cu.org_unit_id
        WHERE cu.recommendation_id = $1 ORDER BY u.name, u.id`,
      [id],
    ),

  /** The units that raised it, and every unit that took one of them over (org_unit_lineage, followed forward). */
  raisersWithSuccessors: async (db: Db, id: number) =>
    (await db.query<{ id: number }>(
      `WITH RECURSIVE raisers AS (
         SELECT DISTINCT org_unit_id AS id FROM recommendation_sources WHERE recommendation_id = $1 AND org_unit_id IS NOT NULL
         UNION
         SELECT l.unit_id FROM org_unit_lineage l JOIN raisers r ON l.predecessor_id = r.id)
       SELECT id FROM raisers`,
      [id],
    )).map((r) => r.id),

  /** A unit and every unit it took over, directly or through others (org_unit_lineage, followed backward). */
  unitWithPredecessors: async (db: Db, unitId: number) =>
    (await db.query<{ id: number }>(
      `WITH RECURSIVE lin AS (SELECT $1::int AS id UNION SELECT l.predecessor_id FROM org_unit_lineage l JOIN lin ON l.unit_id = lin.id) SELECT id FROM lin`,
      [unitId],
    )).map((r) => r.id),

  timeline: (db: Db, id: number) =>
    db.query<UpdateRow>(
      `SELECT u.id, u.recommendation_id, u.kind, u.text, u.progress, u.state_from, u.state_to, u.by_user_id, u.by_name, u.at,
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'filename', f.filename, 'mime', f.mime, 'size', f.size) ORDER BY f.id)
                          FROM recommendation_update_files f WHERE f.update_id = u.id), '[]'::json) AS files
         FROM recommendation_updates u WHERE u.recommendation_id = $1 ORDER BY u.at, u.id`,
      [id],
    ),

  insert: (db: Db, w: RecommendationWrite, at: Date) =>
    db.one<{ id: number }>(
      `INSERT INTO recommendations (text, kind, sector_id, first_period, raised_on, owner_division_id, deputy_person_id, deadline, state, match_terms,
                                    created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
      [w.text, w.kind, w.sectorId, w.firstPeriod, w.raisedOn, w.ownerDivisionId, w.deputyPersonId, w.deadline, w.state, w.matchTerms, w.createdBy, at],
    ),

  /** Sets the given columns and the next version, if the row is still at `version`; the new version, or null when it moved on. */
  update: async (db: Db, id: number, version: number, patch: RecommendationPatch, at: Date): Promise<number | null> => {
    const params: unknown[] = [id, version, at];
    const sets = Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        params.push(v);
        return `${COLUMNS[k as keyof typeof COLUMNS]} = $${params.length}`;
      });
    const r = await db.maybeOne<{ version: number }>(
      `UPDATE recommendations SET ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
      params,
    );
    return r?.version ?? null;
  },

  setCooperating: async (db: Db, id: number, unitIds: number[]) => {
    await db.query(`DELETE FROM recommendation_cooperating_units WHERE recommendation_id = $1`, [id]);
    if (unitIds.length) await db.query(`INSERT INTO recommendation_cooperating_units (recommendation_id, org_unit_id) SELECT $1::int, unnest($2::int[])`, [id, unitIds]);
  },

  insertSource: (db: Db, recommendationId: number, s: SourceWrite) =>
    db.one<{ id: number }>(
      `INSERT INTO recommendation_sources (recommendation_id, kind, org_unit_id, period, raised_on, text, submission_id, section, item_index,
                                           discussion_item_id, point_id, linked_by, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [recommendationId, s.kind, s.orgUnitId, s.period, s.raisedOn, s.text, s.submissionId ?? null, s.section ?? null, s.itemIndex ?? null,
        s.discussionItemId ?? null, s.pointId ?? null, s.linkedBy, s.at],
    ),

  /** Copies the sources of `fromId` to `toId` (a merge: the target was raised by those units too). */
  copySources: (db: Db, fromId: number, toId: number, by: number | null, at: Date) =>
    db.query(
      `INSERT INTO recommendation_sources (recommendation_id, kind, org_unit_id, period, raised_on, text, submission_id, section, item_index,
                                           discussion_item_id, point_id, linked_by, linked_at)
       SELECT $2, kind, org_unit_id, period, raised_on, text, submission_id, section, item_index, discussion_item_id, point_id, $3, $4
         FROM recommendation_sources WHERE recommendation_id = $1`,
      [fromId, toId, by, at],
    ),

  /**
   * "Nêu lại lần thứ N": the number of distinct periods among the sources, kept in times_raised
   * (the query and its rules are in similar.repository.ts).
   */
  refreshTimesRaised: (db: Db, ids: number[]) => similarRepo.refreshTimesRaised(db, ids),

  /** Points merged into `id` (one level: merges are kept flat). */
  mergedInto: (db: Db, id: number) =>
    db.query<{ id: number }>(`SELECT id FROM recommendations WHERE merged_into_id = $1 ORDER BY id`, [id]),

  /** Re-points what was merged into `fromId` to `toId` (flat merges). */
  repointMerged: (db: Db, fromId: number, toId: number) =>
    db.query<{ id: number }>(`UPDATE recommendations SET merged_into_id = $2, version = version + 1 WHERE merged_into_id = $1 RETURNING id`, [fromId, toId]),

  /** The chain of merged_into from `id` (at most `max` steps). */
  mergeChain: async (db: Db, id: number, max = 100) => {
    const rows = await db.query<{ id: number; merged_into_id: number | null; depth: number }>(
      `WITH RECURSIVE chain AS (
         SELECT id, merged_into_id, 0 AS depth FROM recommendations WHERE id = $1
         UNION ALL
         SELECT r.id, r.merged_into_id, c.depth + 1 FROM recommendations r JOIN chain c ON r.id = c.merged_into_id WHERE c.depth < $2)
       SELECT id, merged_into_id, depth FROM chain ORDER BY depth`,
      [id, max],
    );
    return rows.map((r) => r.id);
  },

  insertUpdate: (db: Db, u: { recommendationId: number; kind: UpdateRow['kind']; text: string; progress?: number | null; stateFrom?: string | null;
    stateTo?: string | null; byUserId: number | null; byName: string | null; at: Date }) =>
    db.one<{ id: number }>(
      `INSERT INTO recommendation_updates (recommendation_id, kind, text, progress, state_from, state_to, by_user_id, by_name, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [u.recommendationId, u.kind, u.text, u.progress ?? null, u.stateFrom ?? null, u.stateTo ?? null, u.byUserId, u.byName, u.at],
    ),

  insertFile: (db: Db, updateId: number, f: { filename: string; mime: string; size: number; sha256: string; content: Buffer }) =>
    db.one<{ id: number; filename: string; mime: string; size: number }>(
      `INSERT INTO recommendation_update_files (update_id, filename, mime, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, filename, mime, size`,
      [updateId, f.filename, f.mime, f.size, f.sha256, f.content],
    ),

  file: (db: Db, recommendationId: number, updateId: number, fileId: number) =>
    db.maybeOne<{ filename: string; mime: string; content: Uint8Array }>(
      `SELECT f.filename, f.mime, f.content FROM recommendation_update_files f JOIN recommendation_updates u ON u.id = f.update_id
        WHERE f.id = $3 AND f.update_id = $2 AND u.recommendation_id = $1`,
      [recommendationId, updateId, fileId],
    ),

  unitByCode: (db: Db, code: string) =>
    db.maybeOne<UnitRef & { valid_from: string; valid_to: string | null }>(
      `SELECT id, code, name, type, valid_from, valid_to FROM org_units WHERE code = $1`, [code],
    ),

  unitsByIds: (db: Db, ids: number[]) =>
    db.query<UnitRef & { valid_from: string; valid_to: string | null }>(
      `SELECT id, code, name, type, valid_from, valid_to FROM org_units WHERE id = ANY($1::int[]) ORDER BY name, id`, [ids],
    ),

  sectorByCode: (db: Db, code: string) =>
    db.maybeOne<{ id: number; code: string; name: string; division_id: number | null }>(`SELECT id, code, name, division_id FROM sectors WHERE code = $1`, [code]),

  sectorById: (db: Db, id: number) =>
    db.maybeOne<{ id: number; code: string; name: string; division_id: number | null }>(`SELECT id, code, name, division_id FROM sectors WHERE id = $1`, [id]),

  /** The deputy director in charge of a sector on a date (sector_leads). */
  sectorLeadOn: (db: Db, sectorId: number, onDate: string) =>
    db.maybeOne<{ id: number; full_name: string }>(
      `SELECT p.id, p.full_name FROM sector_leads l JOIN people p ON p.id = l.person_id
        WHERE l.sector_id = $1 AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to >= $2) ORDER BY l.valid_from DESC LIMIT 1`,
      [sectorId, onDate],
    ),

  /** The unit and period of a unit's report (a source in it). */
  submissionUnit: (db: Db, submissionId: number) =>
    db.maybeOne<{ org_unit_id: number; period: string }>(
      `SELECT s.org_unit_id, r.period FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id WHERE s.id = $1`, [submissionId],
    ),

  person: (db: Db, id: number) => db.maybeOne<{ id: number; full_name: string }>(`SELECT id, full_name FROM people WHERE id = $1`, [id]),

  /** Units in being on a date that are to hear about a published answer: the raisers, or those that took over a closed raiser. */
  answerAudience: async (db: Db, id: number, onDate: string) =>
    (await db.query<{ id: number }>(
      `WITH RECURSIVE raisers AS (
         SELECT DISTINCT org_unit_id AS id FROM recommendation_sources WHERE recommendation_id = $1 AND org_unit_id IS NOT NULL
         UNION
         SELECT l.unit_id FROM org_unit_lineage l JOIN raisers r ON l.predecessor_id = r.id JOIN org_units gone ON gone.id = r.id
          WHERE gone.valid_to IS NOT NULL AND gone.valid_to < $2)
       SELECT u.id FROM raisers r JOIN org_units u ON u.id = r.id WHERE u.valid_from <= $2 AND (u.valid_to IS NULL OR u.valid_to >= $2) ORDER BY u.id`,
      [id, onDate],
    )).map((r) => r.id),
};
