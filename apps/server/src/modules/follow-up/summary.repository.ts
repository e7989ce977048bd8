/** SQL of the register's summary (boards, the director's dashboard card, the results report): counts over the board's filter. */
import type { RecommendationState, Timeliness } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { type BoardFilter, type BoardScope, boardWhere, ownCellSql } from './recommendations.repository.js';

/** Counted rows only (the summaries leave the merged ones out), so a row's own cell is its cell; `$1` is today. */
const FROM = `FROM recommendations r CROSS JOIN LATERAL (SELECT ${ownCellSql('$1')} AS tl) g`;

export type CellCount = { timeliness: Timeliness; n: number };
export type GroupCount = { id: number | null; code: string | null; name: string | null; timeliness: Timeliness; n: number };

/** The board's filter without the merged ones (a merged point is counted once, in the point it was merged into). */
const counted = (scope: BoardScope, f: BoardFilter, params: unknown[], today: string) => boardWhere(scope, { ...f, excludeMerged: true }, params, today);

export const summaryRepo = {
  byState: (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [];
    const where = boardWhere(scope, f, params, today);
    return db.query<{ state: RecommendationState; n: number }>(`SELECT r.state, count(*)::int AS n FROM recommendations r ${where} GROUP BY r.state`, params);
  },

  /** Counts per owner division and cell of the grid. */
  byDivision: (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [today];
    const where = counted(scope, f, params, today);
    return db.query<GroupCount>(
      `SELECT o.id, o.code, o.name, g.tl AS timeliness, count(*)::int AS n
         ${FROM}
         LEFT JOIN org_units o ON o.id = r.owner_division_id
         ${where} GROUP BY o.id, o.code, o.name, g.tl`,
      params,
    );
  },

  /** Counts per sector and cell of the grid. */
  bySector: (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [today];
    const where = counted(scope, f, params, today);
    return db.query<GroupCount>(
      `SELECT s.id, s.code, s.name, g.tl AS timeliness, count(*)::int AS n
         ${FROM}
         LEFT JOIN sectors s ON s.id = r.sector_id
         ${where} GROUP BY s.id, s.code, s.name, g.tl`,
      params,
    );
  },

  /** Counts per kind and cell of the grid. */
  byKind: (db: Db, scope: BoardScope, f: BoardFilter, today: string) => {
    const params: unknown[] = [today];
    const where = counted(scope, f, params, today);
    return db.query<{ kind: string; timeliness: Timeliness; n: number }>(
      `SELECT r.kind, g.tl AS timeliness, count(*)::int AS n ${FROM} ${where} GROUP BY r.kind, g.tl`,
      params,
    );
  },

  /** The points raised in the most periods (at least twice), most first. */
  topRecurring: (db: Db, scope: BoardScope, f: BoardFilter, today: string, limit: number) => {
    const params: unknown[] = [today];
    const where = counted(scope, { ...f, recurring: true }, params, today);
    return db.query<{ id: number }>(`SELECT r.id ${FROM} ${where} ORDER BY r.times_raised DESC, r.raised_on, r.id LIMIT ${Number(limit)}`, params);
  },

  /** Open points escalated to the deputy director in charge, longest overdue first. */
  escalated: (db: Db, scope: BoardScope, f: BoardFilter, today: string, limit: number) => {
    const params: unknown[] = [today];
    const where = counted(scope, { ...f, escalated: true, states: ['new', 'assigned', 'in_progress', 'carried'] }, params, today);
    return db.query<{ id: number }>(`SELECT r.id ${FROM} ${where} ORDER BY r.deadline NULLS LAST, r.id LIMIT ${Number(limit)}`, params);
  },

  /** Ids of the counted points of the filter in an order given by the caller (a constant), for the report's lists. */
  ids: (db: Db, scope: BoardScope, f: BoardFilter, today: string, order: string, limit: number) => {
    const params: unknown[] = [today];
    const where = counted(scope, f, params, today);
    return db.query<{ id: number }>(`SELECT r.id ${FROM} ${where} ORDER BY ${order} LIMIT ${Number(limit)}`, params);
  },
};
