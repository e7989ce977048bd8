/** SQL of the results report beyond the summary's: how many units raised the period's points, how many were raised again. */
import type { Db } from '../../platform/db/index.js';
import { type BoardFilter, type BoardScope, boardWhere } from './recommendations.repository.js';

const FROM = `FROM recommendations r
  LEFT JOIN recommendations t ON t.id = r.merged_into_id
  CROSS JOIN LATERAL (SELECT CASE WHEN t.id IS NULL THEN r.state ELSE t.state END AS state,
                             CASE WHEN t.id IS NULL THEN r.deadline ELSE t.deadline END AS deadline,
                             CASE WHEN t.id IS NULL THEN r.closed_on ELSE t.closed_on END AS closed_on) e`;

export const reportRepo = {
  /** Distinct units among the sources of the counted points (merged ones left out: their sources were copied to their target). */
  raisingUnits: async (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [today];
    const where = boardWhere(scope, { ...f, excludeMerged: true }, params);
    return (await db.one<{ n: number }>(
      `SELECT count(DISTINCT s.org_unit_id)::int AS n FROM recommendation_sources s
        WHERE s.org_unit_id IS NOT NULL AND s.recommendation_id IN (SELECT r.id ${FROM} ${where} AND $1::date IS NOT NULL)`,
      params,
    )).n;
  },

  recurring: async (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [today];
    const where = boardWhere(scope, { ...f, excludeMerged: true, recurring: true }, params);
    return (await db.one<{ n: number }>(`SELECT count(*)::int AS n ${FROM} ${where} AND $1::date IS NOT NULL`, params)).n;
  },
};
