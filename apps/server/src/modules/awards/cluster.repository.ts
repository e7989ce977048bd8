/** SQL of emulation clusters (khối / cụm thi đua): the cluster, its member units, its weighted criteria and the scores. */
import type { Db } from '../../platform/db/index.js';

const iso = (t: Date | string | null) => (t === null ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());

export type ClusterRow = {
  id: number; name: string; kind: 'khoi' | 'cum'; year: number; publishedAt: string | null; publishedBy: number | null; note: string | null; version: number;
  createdAt: string; updatedAt: string;
};
export type ClusterMemberRow = { clusterId: number; unitId: number; code: string; name: string; type: string };
export type ClusterCriterionRow = {
  id: number; clusterId: number; name: string; weight: number; maxScore: number; source: 'manual' | 'computed'; params: Record<string, unknown>; sort: number;
};
export type ClusterScoreRow = { criterionId: number; unitId: number; score: number; note: string | null; computed: boolean; enteredAt: string };

export type CriterionWrite = { id?: number; name: string; weight: number; maxScore: number; source: 'manual' | 'computed'; params: Record<string, unknown> };

type ClusterDbRow = {
  id: number; name: string; kind: 'khoi' | 'cum'; year: number; published_at: Date | string | null; published_by: number | null; note: string | null; version: number;
  created_at: Date | string; updated_at: Date | string;
};
const toCluster = (r: ClusterDbRow): ClusterRow => ({
  id: r.id, name: r.name, kind: r.kind, year: r.year, publishedAt: iso(r.published_at), publishedBy: r.published_by, note: r.note, version: r.version,
  createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
});

export const clusterRepo = {
  async insert(db: Db, w: { name: string; kind: 'khoi' | 'cum'; year: number; note: string | null }): Promise<number> {
    return (await db.one<{ id: number }>(`INSERT INTO award_clusters (name, kind, year, note) VALUES ($1,$2,$3,$4) RETURNING id`, [w.name, w.kind, w.year, w.note])).id;
  },

  async update(db: Db, id: number, w: { name: string; kind: 'khoi' | 'cum'; note: string | null }): Promise<void> {
    await db.query(`UPDATE award_clusters SET name = $2, kind = $3, note = $4, version = version + 1, updated_at = now() WHERE id = $1`, [id, w.name, w.kind, w.note]);
  },

  async bump(db: Db, id: number): Promise<void> {
    await db.query(`UPDATE award_clusters SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  },

  async setPublished(db: Db, id: number, by: number | null, published: boolean): Promise<void> {
    await db.query(
      `UPDATE award_clusters SET published_at = CASE WHEN $3 THEN now() ELSE NULL END, published_by = CASE WHEN $3 THEN $2::int ELSE NULL END,
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, by, published],
    );
  },

  async cluster(db: Db, id: number, lock = false): Promise<ClusterRow | null> {
    const r = await db.maybeOne<ClusterDbRow>(`SELECT * FROM award_clusters WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toCluster(r) : null;
  },

  async list(db: Db, f: { year?: number }): Promise<ClusterRow[]> {
    return (await db.query<ClusterDbRow>(`SELECT * FROM award_clusters WHERE ($1::int IS NULL OR year = $1) ORDER BY year DESC, name, id LIMIT 1000`, [f.year ?? null])).map(toCluster);
  },

  async members(db: Db, clusterIds: number[]): Promise<ClusterMemberRow[]> {
    if (!clusterIds.length) return [];
    return db.query<ClusterMemberRow>(
      `SELECT m.cluster_id AS "clusterId", u.id AS "unitId", u.code, u.name, u.type FROM award_cluster_members m JOIN org_units u ON u.id = m.org_unit_id
        WHERE m.cluster_id = ANY($1::int[]) ORDER BY m.cluster_id, u.name, u.id`,
      [clusterIds],
    );
  },

  async replaceMembers(db: Db, clusterId: number, unitIds: number[]): Promise<void> {
    await db.query(`DELETE FROM award_cluster_scores s USING award_cluster_criteria c WHERE c.id = s.criterion_id AND c.cluster_id = $1 AND NOT (s.org_unit_id = ANY($2::int[]))`,
      [clusterId, unitIds]);
    await db.query(`DELETE FROM award_cluster_members WHERE cluster_id = $1 AND NOT (org_unit_id = ANY($2::int[]))`, [clusterId, unitIds]);
    await db.query(`INSERT INTO award_cluster_members (cluster_id, org_unit_id) SELECT $1, u FROM unnest($2::int[]) AS x(u) ON CONFLICT DO NOTHING`, [clusterId, unitIds]);
  },

  async criteria(db: Db, clusterIds: number[]): Promise<ClusterCriterionRow[]> {
    if (!clusterIds.length) return [];
    const rows = await db.query<{
      id: number; cluster_id: number; name: string; weight: number | string; max_score: number | string; source: 'manual' | 'computed'; params: Record<string, unknown>; sort: number;
    }>(`SELECT * FROM award_cluster_criteria WHERE cluster_id = ANY($1::int[]) ORDER BY cluster_id, sort, id`, [clusterIds]);
    return rows.map((r) => ({
      id: r.id, clusterId: r.cluster_id, name: r.name, weight: Number(r.weight), maxScore: Number(r.max_score), source: r.source, params: r.params ?? {}, sort: r.sort,
    }));
  },

  /** Replaces the criteria: rows named by id are updated (their scores kept), the others inserted, the missing deleted with their scores. */
  async replaceCriteria(db: Db, clusterId: number, rows: CriterionWrite[]): Promise<void> {
    const keep = rows.flatMap((r) => (r.id !== undefined ? [r.id] : []));
    await db.query(`DELETE FROM award_cluster_criteria WHERE cluster_id = $1 AND NOT (id = ANY($2::int[]))`, [clusterId, keep]);
    for (const [i, r] of rows.entries()) {
      if (r.id !== undefined)
        await db.query(`UPDATE award_cluster_criteria SET name = $3, weight = $4, max_score = $5, source = $6, params = $7, sort = $8 WHERE id = $1 AND cluster_id = $2`,
          [r.id, clusterId, r.name, r.weight, r.maxScore, r.source, JSON.stringify(r.params), i + 1]);
      else
        await db.query(`INSERT INTO award_cluster_criteria (cluster_id, name, weight, max_score, source, params, sort) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [clusterId, r.name, r.weight, r.maxScore, r.source, JSON.stringify(r.params), i + 1]);
    }
  },

  async scores(db: Db, clusterIds: number[]): Promise<(ClusterScoreRow & { clusterId: number })[]> {
    if (!clusterIds.length) return [];
    const rows = await db.query<{ cluster_id: number; criterion_id: number; org_unit_id: number; score: number | string; note: string | null; computed: boolean; entered_at: Date | string }>(
      `SELECT c.cluster_id, s.criterion_id, s.org_unit_id, s.score, s.note, s.computed, s.entered_at
         FROM award_cluster_scores s JOIN award_cluster_criteria c ON c.id = s.criterion_id WHERE c.cluster_id = ANY($1::int[])`,
      [clusterIds],
    );
    return rows.map((r) => ({
      clusterId: r.cluster_id, criterionId: r.criterion_id, unitId: r.org_unit_id, score: Number(r.score), note: r.note, computed: r.computed, enteredAt: iso(r.entered_at)!,
    }));
  },

  async upsertScores(db: Db, rows: { criterionId: number; unitId: number; score: number; note: string | null; computed: boolean; by: number | null }[]): Promise<void> {
    if (!rows.length) return;
    await db.query(
      `INSERT INTO award_cluster_scores (criterion_id, org_unit_id, score, note, computed, entered_by, entered_at)
       SELECT c, u, s, n, k, $6, now() FROM unnest($1::int[], $2::int[], $3::numeric[], $4::text[], $5::boolean[]) AS x(c, u, s, n, k)
       ON CONFLICT (criterion_id, org_unit_id) DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note, computed = EXCLUDED.computed,
         entered_by = EXCLUDED.entered_by, entered_at = now()`,
      [rows.map((r) => r.criterionId), rows.map((r) => r.unitId), rows.map((r) => r.score), rows.map((r) => r.note), rows.map((r) => r.computed), rows[0]!.by],
    );
  },

  async unitsByCodes(db: Db, codes: string[]): Promise<Map<string, { id: number; code: string; name: string }>> {
    if (!codes.length) return new Map();
    const rows = await db.query<{ id: number; code: string; name: string }>(`SELECT id, code, name FROM org_units WHERE lower(code) = ANY($1::text[])`, [codes.map((c) => c.toLowerCase())]);
    return new Map(rows.map((r) => [r.code.toLowerCase(), r]));
  },

  /** Clusters a unit belongs to (for a unit's people). */
  async clusterIdsOfUnit(db: Db, unitId: number): Promise<number[]> {
    return (await db.query<{ cluster_id: number }>(`SELECT cluster_id FROM award_cluster_members WHERE org_unit_id = $1`, [unitId])).map((r) => r.cluster_id);
  },

  async formByCode(db: Db, code: string): Promise<{ id: number; code: string; name: string } | null> {
    return db.maybeOne(`SELECT id, code, name FROM report_forms WHERE lower(code) = lower($1)`, [code]);
  },
};
