import type { Db } from '../../platform/db/index.js';

export type UserRow = {
  id: number;
  username: string;
  full_name: string;
  email: string | null;
  password_hash: string;
  role: string;
  org_unit_id: number | null;
  org_unit_name?: string | null;
  title: string | null;
  locale: string;
  active: boolean;
  must_change_password: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

const USER_COLS = `u.id, u.username, u.full_name, u.email, u.password_hash, u.role, u.org_unit_id, ou.name AS org_unit_name,
  u.title, u.locale, u.active, u.must_change_password, u.failed_attempts, u.locked_until, u.last_login_at, u.created_at`;

export const usersRepo = {
  byUsername: (db: Db, username: string) =>
    db.maybeOne<UserRow>(
      `SELECT ${USER_COLS} FROM users u LEFT JOIN org_units ou ON ou.id = u.org_unit_id WHERE lower(u.username) = lower($1)`,
      [username],
    ),
  byId: (db: Db, id: number) =>
    db.maybeOne<UserRow>(`SELECT ${USER_COLS} FROM users u LEFT JOIN org_units ou ON ou.id = u.org_unit_id WHERE u.id = $1`, [id]),
  list: (db: Db, f: { q?: string; role?: string; orgUnitId?: number }) =>
    db.query<UserRow>(
      `SELECT ${USER_COLS} FROM users u LEFT JOIN org_units ou ON ou.id = u.org_unit_id
        WHERE ($1::text IS NULL OR vn_fold(u.username || ' ' || u.full_name) LIKE '%' || vn_fold($1) || '%')
          AND ($2::text IS NULL OR u.role = $2) AND ($3::int IS NULL OR u.org_unit_id = $3)
        ORDER BY u.username`,
      [f.q ?? null, f.role ?? null, f.orgUnitId ?? null],
    ),
  insert: (
    db: Db,
    u: { username: string; fullName: string; email?: string | null; passwordHash: string; role: string; orgUnitId: number | null; title?: string | null; mustChange?: boolean },
  ) =>
    db.one<{ id: number }>(
      `INSERT INTO users (username, full_name, email, password_hash, role, org_unit_id, title, must_change_password)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [u.username, u.fullName, u.email ?? null, u.passwordHash, u.role, u.orgUnitId, u.title ?? null, u.mustChange ?? false],
    ),
  update: (db: Db, id: number, f: { fullName?: string; email?: string | null; role?: string; orgUnitId?: number | null; title?: string | null; active?: boolean; locale?: string }) =>
    db.query(
      `UPDATE users SET full_name = coalesce($2, full_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
         role = coalesce($5, role), org_unit_id = CASE WHEN $6::boolean THEN $7 ELSE org_unit_id END,
         title = CASE WHEN $8::boolean THEN $9 ELSE title END, active = coalesce($10, active), locale = coalesce($11, locale)
       WHERE id = $1`,
      [id, f.fullName ?? null, f.email !== undefined, f.email ?? null, f.role ?? null, f.orgUnitId !== undefined, f.orgUnitId ?? null,
        f.title !== undefined, f.title ?? null, f.active ?? null, f.locale ?? null],
    ),
  setPassword: (db: Db, id: number, hash: string, mustChange: boolean) =>
    db.query(
      `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), failed_attempts = 0, locked_until = NULL WHERE id = $1`,
      [id, hash, mustChange],
    ),
  recordFailure: (db: Db, id: number, maxAttempts: number, lockMinutes: number) =>
    db.one<{ failed_attempts: number; locked_until: Date | null }>(
      `UPDATE users SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 RETURNING failed_attempts, locked_until`,
      [id, maxAttempts, lockMinutes],
    ),
  recordSuccess: (db: Db, id: number) =>
    db.query(`UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [id]),
  count: async (db: Db) => (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM users')).n,
};

export type SessionRow = { id_hash: string; user_id: number; created_at: Date; last_seen_at: Date; expires_at: Date };

export const sessionsRepo = {
  insert: (db: Db, s: { idHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null }) =>
    db.query(`INSERT INTO sessions (id_hash, user_id, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5)`, [
      s.idHash, s.userId, s.expiresAt, s.ip, s.userAgent,
    ]),
  get: (db: Db, idHash: string) => db.maybeOne<SessionRow>(`SELECT * FROM sessions WHERE id_hash = $1`, [idHash]),
  touch: (db: Db, idHash: string) => db.query(`UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1`, [idHash]),
  delete: (db: Db, idHash: string) => db.query(`DELETE FROM sessions WHERE id_hash = $1`, [idHash]),
  deleteForUser: (db: Db, userId: number, exceptHash?: string) =>
    db.query(`DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id_hash <> $2)`, [userId, exceptHash ?? null]),
  purgeExpired: (db: Db, idleMinutes: number) =>
    db.query(`DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`, [idleMinutes]),
};

export type TokenRow = {
  id: number; user_id: number; name: string; prefix: string; created_at: Date;
  last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null;
};

export const tokensRepo = {
  insert: (db: Db, t: { userId: number; name: string; hash: string; prefix: string; expiresAt: Date | null }) =>
    db.one<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at) VALUES ($1,$2,$3,$4,$5)
       RETURNING id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at`,
      [t.userId, t.name, t.hash, t.prefix, t.expiresAt],
    ),
  byHash: (db: Db, hash: string) =>
    db.maybeOne<TokenRow>(`SELECT id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at FROM api_tokens WHERE token_hash = $1`, [hash]),
  listForUser: (db: Db, userId: number) =>
    db.query<TokenRow>(
      `SELECT id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`,
      [userId],
    ),
  revoke: (db: Db, id: number, userId: number) =>
    db.query<{ id: number }>(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`, [id, userId]),
  touch: (db: Db, id: number) => db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [id]),
};
