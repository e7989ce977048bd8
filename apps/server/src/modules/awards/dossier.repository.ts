/** SQL the dossier and the look-back pages read: a subject's ratings, initiatives and history (a unit's with its predecessors), its unit's head. */
import type { InitiativeScope, Rating } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type HistoryRow = {
  id: number; personId: number | null; unitId: number | null; awardCode: string; awardName: string; category: 'title' | 'form'; year: number;
  decisionNumber: string | null; decisionDate: string | null; authority: string | null; source: 'history' | 'decision'; decisionId: number | null;
  /** A predecessor unit whose record the collective keeps (lineage), its name. */
  via: string | null;
};

const LINEAGE = `WITH RECURSIVE anc(pred_id, depth) AS (
    SELECT predecessor_id, 1 FROM org_unit_lineage WHERE unit_id = $1
    UNION SELECT l.predecessor_id, a.depth + 1 FROM anc a JOIN org_unit_lineage l ON l.unit_id = a.pred_id WHERE a.depth < 20
  )`;

export const dossierRepo = {
  async ratings(db: Db, w: { personId?: number; unitId?: number }, from: number, to: number): Promise<{ year: number; rating: Rating }[]> {
    return db.query<{ year: number; rating: Rating }>(
      `SELECT year, rating FROM award_ratings WHERE ${w.personId !== undefined ? 'person_id' : 'org_unit_id'} = $1 AND year BETWEEN $2 AND $3 ORDER BY year`,
      [w.personId ?? w.unitId, from, to],
    );
  },

  async initiatives(db: Db, personId: number) {
    return db.query<{
      id: number; title: string; year: number; scope: InitiativeScope; recognised_by: string | null; decision_number: string | null; used_for: string | null;
    }>(
      `SELECT i.id, i.title, i.year, i.scope, i.recognised_by, i.decision_number,
              coalesce(nt.name || ' năm ' || n.year, rt.name || ' năm ' || r.year) AS used_for
         FROM award_initiative_authors a JOIN award_initiatives i ON i.id = a.initiative_id
         LEFT JOIN award_nominations n ON n.id = i.used_by_nomination_id LEFT JOIN award_types nt ON nt.code = n.award_code
         LEFT JOIN award_records r ON r.id = i.used_by_record_id LEFT JOIN award_types rt ON rt.code = r.award_code
        WHERE a.person_id = $1 ORDER BY i.year DESC, i.id DESC`,
      [personId],
    );
  },

  /** A person's register, or a unit's with every predecessor's (followed back through merges and renames). */
  async history(db: Db, w: { personId?: number; unitId?: number }): Promise<HistoryRow[]> {
    const rows = w.personId !== undefined
      ? await db.query<RawHistory>(`${HISTORY_SELECT} WHERE r.person_id = $1 ORDER BY r.year DESC, t.sort, r.id`, [w.personId])
      : await db.query<RawHistory>(
        `${LINEAGE} ${HISTORY_SELECT} WHERE r.org_unit_id = $1 OR r.org_unit_id IN (SELECT pred_id FROM anc) ORDER BY r.year DESC, t.sort, r.id`, [w.unitId]);
    return rows.map((r) => ({
      id: r.id, personId: r.person_id, unitId: r.org_unit_id, awardCode: r.award_code, awardName: r.award_name, category: r.category, year: r.year,
      decisionNumber: r.decision_number, decisionDate: r.decision_date, authority: r.authority, source: r.source, decisionId: r.decision_id,
      via: w.unitId !== undefined && r.org_unit_id !== w.unitId ? r.unit_name : null,
    }));
  },

  /** The unit's predecessors, nearest first. */
  async predecessors(db: Db, unitId: number): Promise<{ id: number; code: string; name: string; validTo: string | null }[]> {
    return db.query(
      `${LINEAGE} SELECT u.id, u.code, u.name, u.valid_to AS "validTo" FROM (SELECT pred_id, min(depth) AS depth FROM anc GROUP BY pred_id) a
         JOIN org_units u ON u.id = a.pred_id WHERE u.id <> $1 ORDER BY a.depth, u.name`,
      [unitId],
    );
  },

  /** The head of a unit on a date (Giám đốc, Trưởng …, Chánh Văn phòng, Chủ tịch, Tổng biên tập). */
  async unitHead(db: Db, unitId: number, date: string): Promise<{ fullName: string; position: string } | null> {
    const r = await db.maybeOne<{ full_name: string; position: string }>(
      `SELECT p.full_name, pm.position FROM person_memberships pm JOIN people p ON p.id = pm.person_id
        WHERE pm.org_unit_id = $1 AND pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)
          AND pm.position ~* '^(giám đốc|trưởng|chánh|chủ tịch|tổng biên tập|tổng giám đốc)'
        ORDER BY CASE WHEN pm.position ~* '^(giám đốc|chủ tịch|tổng biên tập|tổng giám đốc)' THEN 0 ELSE 1 END, pm.valid_from DESC LIMIT 1`,
      [unitId, date],
    );
    return r ? { fullName: r.full_name, position: r.position } : null;
  },

  /** A collective's members on its year's last day, and how many hold each title of that year. */
  async memberTitles(db: Db, unitId: number, year: number): Promise<{ members: number; titles: { code: string; name: string; n: number }[] }> {
    const end = `${year}-12-31`;
    const members = await db.one<{ n: number }>(
      `SELECT count(DISTINCT person_id)::int AS n FROM person_memberships WHERE org_unit_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [unitId, end]);
    const titles = await db.query<{ code: string; name: string; n: number }>(
      `SELECT r.award_code AS code, t.name, count(DISTINCT r.person_id)::int AS n FROM award_records r JOIN award_types t ON t.code = r.award_code
         JOIN person_memberships pm ON pm.person_id = r.person_id AND pm.org_unit_id = $1 AND pm.valid_from <= $3::date AND (pm.valid_to IS NULL OR pm.valid_to >= $3::date)
        WHERE r.year = $2 GROUP BY r.award_code, t.name, t.sort ORDER BY t.sort`,
      [unitId, year, end]);
    return { members: members.n, titles };
  },

  /** Live nominations of a title and year (accepted, approved or decided), oldest first. */
  async nominationsOf(db: Db, code: string, year: number): Promise<{ id: number }[]> {
    return db.query(`SELECT id FROM award_nominations WHERE award_code = $1 AND year = $2 AND status IN ('approved','decided') ORDER BY id`, [code, year]);
  },

  /** The council in office on a date (the latest set up), with its chair. */
  async councilOn(db: Db, date: string): Promise<{ id: number; name: string; chair: string | null } | null> {
    return db.maybeOne(
      `SELECT c.id, c.name, (SELECT p.full_name FROM award_council_members m JOIN people p ON p.id = m.person_id
                              WHERE m.council_id = c.id AND m.role = 'chair' AND m.valid_from <= $1::date AND (m.valid_to IS NULL OR m.valid_to >= $1::date) LIMIT 1) AS chair
         FROM award_councils c WHERE c.valid_from <= $1::date AND (c.valid_to IS NULL OR c.valid_to >= $1::date) ORDER BY c.valid_from DESC, c.id DESC LIMIT 1`,
      [date],
    );
  },
};

type RawHistory = {
  id: number; person_id: number | null; org_unit_id: number | null; unit_name: string | null; award_code: string; award_name: string; category: 'title' | 'form';
  year: number; decision_number: string | null; decision_date: string | null; authority: string | null; source: 'history' | 'decision'; decision_id: number | null;
};
const HISTORY_SELECT = `SELECT r.id, r.person_id, r.org_unit_id, u.name AS unit_name, r.award_code, t.name AS award_name, t.category, r.year, r.decision_number,
    r.decision_date, r.authority, r.source, r.decision_id
  FROM award_records r JOIN award_types t ON t.code = r.award_code LEFT JOIN org_units u ON u.id = r.org_unit_id`;
