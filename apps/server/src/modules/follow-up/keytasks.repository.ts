/** SQL of key tasks (nhiệm vụ trọng tâm) of a period and their dated updates. */
import type { KeyTaskSource, KeyTaskState } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type KeyTaskRow = {
  id: number;
  period: string;
  text: string;
  source: KeyTaskSource;
  point_id: number | null;
  point_number: number | null;
  conference_id: number | null;
  conference_title: string | null;
  sector_id: number | null;
  sector_code: string | null;
  sector_name: string | null;
  owner_division_id: number | null;
  owner_code: string | null;
  owner_name: string | null;
  deadline: string | null;
  progress: number;
  state: KeyTaskState;
  result: string | null;
  carried_from_id: number | null;
  carried_from_period: string | null;
  carried_to_id: number | null;
  carried_to_period: string | null;
  closed_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type KeyTaskUpdateRow = { id: number; text: string; progress: number | null; by_user_id: number | null; by_name: string | null; at: Date };

const SELECT = `SELECT k.id, k.period, k.text, k.source, k.point_id, cp.number AS point_number, cf.id AS conference_id, cf.title AS conference_title,
         k.sector_id, s.code AS sector_code, s.name AS sector_name, k.owner_division_id, o.code AS owner_code, o.name AS owner_name, k.deadline,
         k.progress, k.state, k.result, k.carried_from_id, kf.period AS carried_from_period, kt.id AS carried_to_id, kt.period AS carried_to_period,
         k.closed_on, k.version, k.created_at, k.updated_at
    FROM key_tasks k
    LEFT JOIN conference_points cp ON cp.id = k.point_id
    LEFT JOIN conferences cf ON cf.id = cp.conference_id
    LEFT JOIN sectors s ON s.id = k.sector_id
    LEFT JOIN org_units o ON o.id = k.owner_division_id
    LEFT JOIN key_tasks kf ON kf.id = k.carried_from_id
    LEFT JOIN LATERAL (SELECT x.id, x.period FROM key_tasks x WHERE x.carried_from_id = k.id ORDER BY x.id LIMIT 1) kt ON true`;

export type KeyTaskWrite = {
  period: string;
  text: string;
  source: KeyTaskSource;
  pointId: number | null;
  sectorId: number | null;
  ownerDivisionId: number | null;
  deadline: string | null;
  progress: number;
  carriedFromId: number | null;
  createdBy: number | null;
};

const COLUMNS = {
  text: 'text', sectorId: 'sector_id', ownerDivisionId: 'owner_division_id', deadline: 'deadline', progress: 'progress', state: 'state', result: 'result',
  closedOn: 'closed_on',
} as const;
export type KeyTaskPatch = Partial<{ [K in keyof typeof COLUMNS]: unknown }>;

export const keyTasksRepo = {
  list: (db: Db, f: { period?: string; ownerId?: number; state?: KeyTaskState }) => {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.period) where.push(`k.period = $${params.push(f.period)}`);
    if (f.ownerId !== undefined) where.push(`k.owner_division_id = $${params.push(f.ownerId)}`);
    if (f.state) where.push(`k.state = $${params.push(f.state)}`);
    return db.query<KeyTaskRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY k.period DESC, o.name NULLS LAST, k.id LIMIT 2000`,
      params,
    );
  },

  byId: (db: Db, id: number, lock = false) =>
    lock
      ? db.maybeOne<{ id: number }>(`SELECT id FROM key_tasks WHERE id = $1 FOR UPDATE`, [id]).then((r) => (r ? db.maybeOne<KeyTaskRow>(`${SELECT} WHERE k.id = $1`, [id]) : null))
      : db.maybeOne<KeyTaskRow>(`${SELECT} WHERE k.id = $1`, [id]),

  insert: (db: Db, w: KeyTaskWrite, at: Date) =>
    db.one<{ id: number }>(
      `INSERT INTO key_tasks (period, text, source, point_id, sector_id, owner_division_id, deadline, progress, carried_from_id, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [w.period, w.text, w.source, w.pointId, w.sectorId, w.ownerDivisionId, w.deadline, w.progress, w.carriedFromId, w.createdBy, at],
    ),

  /** Sets the columns and the next version if the task is still at `version`; false when it moved on. */
  update: async (db: Db, id: number, version: number, patch: KeyTaskPatch, at: Date): Promise<boolean> => {
    const params: unknown[] = [id, version, at];
    const sets = Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${COLUMNS[k as keyof typeof COLUMNS]} = $${params.push(v)}`);
    const r = await db.maybeOne<{ id: number }>(
      `UPDATE key_tasks SET ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    return r !== null;
  },

  insertUpdate: (db: Db, u: { keyTaskId: number; text: string; progress: number | null; byUserId: number | null; byName: string | null; at: Date }) =>
    db.one<{ id: number }>(
      `INSERT INTO key_task_updates (key_task_id, text, progress, by_user_id, by_name, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [u.keyTaskId, u.text, u.progress, u.byUserId, u.byName, u.at],
    ),

  updates: (db: Db, id: number) =>
    db.query<KeyTaskUpdateRow>(`SELECT id, text, progress, by_user_id, by_name, at FROM key_task_updates WHERE key_task_id = $1 ORDER BY at, id`, [id]),

  /** The conference points that already have a key task. */
  pointsWithTask: async (db: Db, pointIds: number[]) =>
    new Set((await db.query<{ point_id: number }>(`SELECT point_id FROM key_tasks WHERE point_id = ANY($1::int[])`, [pointIds])).map((r) => r.point_id)),

  /** Texts of a period's tasks (to skip what is already there). */
  textsOf: (db: Db, period: string) => db.query<{ text: string }>(`SELECT text FROM key_tasks WHERE period = $1`, [period]),

  unitByCode: (db: Db, code: string) =>
    db.maybeOne<{ id: number; type: string; name: string; valid_from: string; valid_to: string | null }>(
      `SELECT id, type, name, valid_from, valid_to FROM org_units WHERE code = $1`, [code],
    ),

  sectorByCode: (db: Db, code: string) =>
    db.maybeOne<{ id: number; division_id: number | null }>(`SELECT id, division_id FROM sectors WHERE code = $1`, [code]),
};
