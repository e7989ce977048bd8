/** Small factories for org and catalog tests: units straight into the database, users through the API. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { loginAs } from '../../test/server.js';

export const USER_PASSWORD = 'Mat-khau-rat-dai-1';

export type UnitSeed = {
  code: string;
  name?: string;
  type?: string;
  parentId?: number | null;
  validFrom?: string;
  validTo?: string | null;
};

/** Inserts a unit with a correct level and path; returns its id. */
export async function makeUnit(db: Db, u: UnitSeed): Promise<number> {
  const parent = u.parentId ? await db.one<{ level: number; path: string }>(`SELECT level, path FROM org_units WHERE id = $1`, [u.parentId]) : null;
  const { id } = await db.one<{ id: number }>(
    `INSERT INTO org_units (code, name, type, parent_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [u.code, u.name ?? `Đơn vị ${u.code}`, u.type ?? 'other', u.parentId ?? null, u.validFrom ?? '2000-01-01', u.validTo ?? null],
  );
  await db.query(`UPDATE org_units SET level = $2, path = $3 WHERE id = $1`, [id, parent ? parent.level + 1 : 1, `${parent?.path ?? '/'}${id}/`]);
  return id;
}

/** Creates a user through the admin API and signs them in; returns the cookie header. */
export async function makeUser(
  app: FastifyInstance,
  admin: { cookie: string },
  u: { username: string; role: string; orgUnitId?: number | null },
): Promise<{ cookie: string }> {
  const r = await app.inject({
    method: 'POST', url: '/api/users', headers: admin,
    payload: { username: u.username, fullName: `Người ${u.username}`, role: u.role, orgUnitId: u.orgUnitId ?? null, password: USER_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(201);
  return loginAs(app, u.username, USER_PASSWORD);
}

export const countRows = async (db: Db, table: string) => (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).n;
