/** SQL of the dashboard: the unit asked for, its ancestors, its children during a period, its subtree. */
import type { Db } from '../../platform/db/index.js';

export type DashboardUnitRow = {
  id: number;
  code: string;
  name: string;
  type: string;
  level: number;
  path: string;
  valid_from: string;
  valid_to: string | null;
};

const COLS = `id, code, name, type, level, path, valid_from, valid_to`;

export const unitByCode = (db: Db, code: string) =>
  db.maybeOne<DashboardUnitRow>(`SELECT ${COLS} FROM org_units WHERE code = $1`, [code]);

export const unitsByIds = (db: Db, ids: number[]) =>
  db.query<DashboardUnitRow>(`SELECT ${COLS} FROM org_units WHERE id = ANY($1::int[])`, [ids]);

/** The unit's children valid at some day of [start, end]. */
export const childrenDuring = (db: Db, parentId: number, start: string, end: string) =>
  db.query<DashboardUnitRow>(
    `SELECT ${COLS} FROM org_units WHERE parent_id = $1 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2)`,
    [parentId, start, end],
  );

/** Ids of the unit and every unit below it (materialised path), whatever their validity. */
export async function subtreeIds(db: Db, path: string): Promise<Set<number>> {
  const rows = await db.query<{ id: number }>(`SELECT id FROM org_units WHERE path LIKE $1 || '%'`, [path]);
  return new Set(rows.map((r) => r.id));
}
