/** SQL of the draft summary report: approved narratives, the catalog per sector, targets, the root and the signer. */
import type { Db } from '../../platform/db/index.js';

export type NarrativeRow = {
  submission_id: number;
  unit_id: number;
  unit_name: string;
  /** org_units.type: units are counted by type where more than five share a point. */
  unit_type?: string | null;
  period: string;
  period_type: string;
  period_start: string;
  results: string;
  difficulties: string;
  proposals: string;
  /**
   * The unit's sector; else the sector of a unit it was formed from (org_unit_lineage, any kind: a commune of 2025
   * carries on the work of the district office it replaced); else the first sector of the form's reviewing
   * division; null when none of these.
   */
  sector_id: number | null;
};

/** Approved submissions of rounds lying within [start, end], in unit then period order. */
export const approvedNarratives = (db: Db, start: string, end: string) =>
  db.query<NarrativeRow>(
    `SELECT s.id AS submission_id, s.org_unit_id AS unit_id, u.name AS unit_name, u.type AS unit_type, r.period, f.period_type, r.period_start,
            s.results, s.difficulties, s.proposals, COALESCE(u.sector_id, ls.id, ds.id) AS sector_id
       FROM submissions s
       JOIN reporting_rounds r ON r.id = s.round_id
       JOIN report_forms f ON f.id = r.form_id
       JOIN org_units u ON u.id = s.org_unit_id
       LEFT JOIN LATERAL (SELECT sec.id FROM org_unit_lineage l JOIN org_units p ON p.id = l.predecessor_id JOIN sectors sec ON sec.id = p.sector_id
                           WHERE l.unit_id = u.id ORDER BY sec.sort, sec.id LIMIT 1) ls ON u.sector_id IS NULL
       LEFT JOIN LATERAL (SELECT id FROM sectors WHERE division_id = f.division_id ORDER BY sort, id LIMIT 1) ds ON true
      WHERE s.status = 'approved' AND r.period_start >= $1 AND r.period_end <= $2
        AND (btrim(s.results) <> '' OR btrim(s.difficulties) <> '' OR btrim(s.proposals) <> '')
      ORDER BY u.path, u.code, r.period_start, r.period_end DESC, f.code`,
    [start, end],
  );

export type SectorRow = { id: number; code: string; name: string };
export const allSectors = (db: Db) => db.query<SectorRow>(`SELECT id, code, name FROM sectors ORDER BY sort, name, id`);

export type DxRow = { kind: 'de' | 'ind'; id: number; code: string; name: string; uom: string | null; value_type: string | null; decimals: number | null; sector_id: number };

/** Numeric data elements, then indicators, of every sector. */
export const sectorDx = (db: Db) =>
  db.query<DxRow>(
    `SELECT 'de' AS kind, id, code, name, uom, value_type, NULL::int AS decimals, sector_id, 0 AS k
       FROM data_elements WHERE sector_id IS NOT NULL AND value_type IN ('INTEGER','NUMBER','PERCENTAGE')
     UNION ALL
     SELECT 'ind', id, code, name, uom, NULL, decimals, sector_id, 1
       FROM indicators WHERE sector_id IS NOT NULL
     ORDER BY k, code`,
  );

/** Targets for a year at a unit, keyed 'de:<id>' / 'ind:<id>'. */
export async function targetsAt(db: Db, unitId: number, year: number): Promise<Map<string, number>> {
  const rows = await db.query<{ data_element_id: number | null; indicator_id: number | null; value: number }>(
    `SELECT data_element_id, indicator_id, value FROM targets WHERE org_unit_id = $1 AND year = $2`,
    [unitId, year],
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.data_element_id !== null) out.set(`de:${r.data_element_id}`, Number(r.value));
    else if (r.indicator_id !== null) out.set(`ind:${r.indicator_id}`, Number(r.value));
  }
  return out;
}

/** The province root: the level-1 unit (a province-type one first). */
export const provinceRoot = (db: Db) =>
  db.maybeOne<{ id: number; code: string; name: string }>(
    `SELECT id, code, name FROM org_units WHERE level = 1 ORDER BY (type = 'province') DESC, id LIMIT 1`,
  );

/** The active director of the department (else any active director), who signs the report. */
export const directorOf = (db: Db, departmentId: number | null) =>
  db.maybeOne<{ full_name: string; title: string | null }>(
    `SELECT full_name, title FROM users WHERE role = 'director' AND active
      ORDER BY (org_unit_id IS NOT DISTINCT FROM $1) DESC, id LIMIT 1`,
    [departmentId],
  );

/**
 * The follow-up register's recognition of report bullets: for each (submission, section, item index) linked as a
 * source, times_raised of its recommendation (of the point it was merged into, for a merged one).
 */
export const recognisedBullets = (db: Db, submissionIds: readonly number[]) =>
  db.query<{ submission_id: number; section: string; item_index: number; times_raised: number }>(
    `SELECT s.submission_id, s.section, s.item_index, max(COALESCE(m.times_raised, r.times_raised))::int AS times_raised
       FROM recommendation_sources s
       JOIN recommendations r ON r.id = s.recommendation_id
       LEFT JOIN recommendations m ON m.id = r.merged_into_id
      WHERE s.kind = 'report' AND s.submission_id = ANY($1::int[]) AND s.item_index IS NOT NULL AND s.section IS NOT NULL
      GROUP BY s.submission_id, s.section, s.item_index`,
    [[...submissionIds]],
  );
