/** SQL of the results report beyond the summary's: how many units raised the period's points, how many were raised again. */
import type { Db } from '../../platform/db/index.js';
import { type BoardFilter, type BoardScope, boardWhere } from './recommendations.repository.js';

export const reportRepo = {
  /** Distinct units among the sources of the counted points (merged ones left out: their sources were copied to their target). */
  raisingUnits: async (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [];
    const where = boardWhere(scope, { ...f, excludeMerged: true }, params, today);
    return (await db.one<{ n: number }>(
      `SELECT count(DISTINCT s.org_unit_id)::int AS n FROM recommendation_sources s
        WHERE s.org_unit_id IS NOT NULL AND s.recommendation_id IN (SELECT r.id FROM recommendations r ${where})`,
      params,
    )).n;
  },

  recurring: async (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [];
    const where = boardWhere(scope, { ...f, excludeMerged: true, recurring: true }, params, today);
    return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recommendations r ${where}`, params)).n;
  },
};
