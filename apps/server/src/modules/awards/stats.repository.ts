/** SQL of the awards statistics: the register's records counted by year, unit, title or form, gender and authority. */
import type { Db } from '../../platform/db/index.js';

export type StatsCell = {
  year: number; awardCode: string; subject: 'person' | 'unit'; gender: 'male' | 'female' | null; unitId: number | null; authority: string; n: number;
};

export const statsRepo = {
  /**
   * Records grouped by every dimension at once (the service adds them up per dimension). A person's record counts
   * for the unit they worked in at the end of the award year (or last before it); a collective's for itself.
   * `unitIds` (a unit and its predecessors) keeps only records of those units and of people working there that year.
   */
  async cells(db: Db, f: { yearFrom: number; yearTo: number; awardCode?: string; unitIds?: number[] }): Promise<StatsCell[]> {
    const rows = await db.query<{
      year: number; award_code: string; subject: 'person' | 'unit'; gender: 'male' | 'female' | null; unit_id: number | null; authority: string; n: number;
    }>(
      `WITH r AS (
         SELECT r.year, r.award_code, CASE WHEN r.person_id IS NULL THEN 'unit' ELSE 'person' END AS subject, p.gender, coalesce(r.authority, '') AS authority,
                coalesce(r.org_unit_id, (SELECT pm.org_unit_id FROM person_memberships pm WHERE pm.person_id = r.person_id AND pm.valid_from <= make_date(r.year, 12, 31)
                                           ORDER BY pm.valid_from DESC, pm.id DESC LIMIT 1)) AS unit_id
           FROM award_records r LEFT JOIN people p ON p.id = r.person_id
          WHERE r.year BETWEEN $1 AND $2 AND ($3::text IS NULL OR r.award_code = $3)
       )
       SELECT year, award_code, subject, gender, unit_id, authority, count(*)::int AS n FROM r
        WHERE $4::int[] IS NULL OR unit_id = ANY($4::int[])
        GROUP BY year, award_code, subject, gender, unit_id, authority`,
      [f.yearFrom, f.yearTo, f.awardCode ?? null, f.unitIds ?? null],
    );
    return rows.map((r) => ({ year: r.year, awardCode: r.award_code, subject: r.subject, gender: r.gender, unitId: r.unit_id, authority: r.authority, n: r.n }));
  },

  async units(db: Db, ids: number[]): Promise<Map<number, { id: number; code: string; name: string; type: string }>> {
    if (!ids.length) return new Map();
    const rows = await db.query<{ id: number; code: string; name: string; type: string }>(`SELECT id, code, name, type FROM org_units WHERE id = ANY($1::int[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  },

  /** The unit and every predecessor (merges, renames), for statistics of a unit across 2025. */
  async withPredecessors(db: Db, unitId: number): Promise<number[]> {
    const rows = await db.query<{ id: number }>(
      `WITH RECURSIVE anc(id, depth) AS (SELECT $1::int, 0 UNION SELECT l.predecessor_id, a.depth + 1 FROM anc a JOIN org_unit_lineage l ON l.unit_id = a.id WHERE a.depth < 20)
       SELECT DISTINCT id FROM anc`,
      [unitId],
    );
    return rows.map((r) => r.id);
  },
};
