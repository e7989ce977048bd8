import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role, UNIT_ROLES } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { sessionsRepo, tokensRepo, type UserRow, usersRepo } from './identity.repository.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
export const TOKEN_PREFIX = 'nhip_';

/** The signed-in person as the rest of the server sees them. */
export type CurrentUser = {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  orgUnitId: number | null;
  orgUnitName: string | null;
  title: string | null;
  locale: 'vi' | 'en';
  mustChangePassword: boolean;
  via: 'session' | 'token';
};

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function toCurrentUser(u: UserRow, via: CurrentUser['via']): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role as Role,
    orgUnitId: u.org_unit_id,
    orgUnitName: u.org_unit_name ?? null,
    title: u.title,
    locale: u.locale === 'en' ? 'en' : 'vi',
    mustChangePassword: u.must_change_password,
    via,
  };
}

let dummyHash: Promise<string> | null = null;

export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  policy: SessionPolicy,
): Promise<{ user: CurrentUser; cookie: string; expiresAt: Date }> {
  const username = input.username.normalize('NFC').trim();
  const user = await usersRepo.byUsername(db, username);
  const fail = new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  if (!user) {
    // Same work as a real check, so timing does not tell which usernames exist.
    dummyHash ??= hashPassword('nhip-timing-equaliser');
    await verifyPassword(await dummyHash, input.password);
    await audit(db, { id: null, name: username.slice(0, 100), ip: input.ip }, { action: 'auth.login_failed', entityType: 'user', after: { reason: 'unknown_user' } });
    throw fail;
  }
  const actor: AuditActor = { id: user.id, name: user.username, ip: input.ip };
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await audit(db, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'locked' } });
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    throw new AppError(423, 'account_locked', `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`);
  }
  if (!user.active) {
    await audit(db, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'inactive' } });
    throw new AppError(403, 'account_inactive', 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị hệ thống.');
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const r = await usersRepo.recordFailure(db, user.id, MAX_FAILED_ATTEMPTS, LOCK_MINUTES);
    await audit(db, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'bad_password', attempts: r.failed_attempts } });
    if (r.locked_until) {
      await audit(db, actor, { action: 'auth.locked', entityType: 'user', entityId: user.id, after: { until: r.locked_until } });
      throw new AppError(423, 'account_locked', `Nhập sai mật khẩu ${MAX_FAILED_ATTEMPTS} lần: tài khoản bị tạm khóa ${LOCK_MINUTES} phút.`);
    }
    throw fail;
  }
  const cookie = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.absoluteHours * 3600_000);
  await db.tx(async (t) => {
    await usersRepo.recordSuccess(t, user.id);
    await sessionsRepo.insert(t, { idHash: sha256(cookie), userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null });
    await audit(t, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { user: toCurrentUser(user, 'session'), cookie, expiresAt };
}

/** Resolves a session cookie, enforcing idle and absolute timeouts. */
export async function userFromSession(db: Db, cookie: string, policy: SessionPolicy): Promise<CurrentUser | null> {
  const idHash = sha256(cookie);
  const s = await sessionsRepo.get(db, idHash);
  if (!s) return null;
  const now = Date.now();
  if (s.expires_at.getTime() <= now || s.last_seen_at.getTime() + policy.idleMinutes * 60_000 <= now) {
    await sessionsRepo.delete(db, idHash);
    return null;
  }
  const user = await usersRepo.byId(db, s.user_id);
  if (!user || !user.active) return null;
  if (now - s.last_seen_at.getTime() > 30_000) await sessionsRepo.touch(db, idHash);
  return toCurrentUser(user, 'session');
}

export async function logout(db: Db, cookie: string, user: CurrentUser | null, ip: string | null) {
  await db.tx(async (t) => {
    await sessionsRepo.delete(t, sha256(cookie));
    if (user) await audit(t, { id: user.id, name: user.username, ip }, { action: 'auth.logout', entityType: 'user', entityId: user.id });
  });
}

export async function userFromToken(db: Db, token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await tokensRepo.byHash(db, sha256(token));
  if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= Date.now())) return null;
  const user = await usersRepo.byId(db, row.user_id);
  if (!user || !user.active) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await tokensRepo.touch(db, row.id);
  return toCurrentUser(user, 'token');
}

export async function createToken(db: Db, actor: AuditActor, userId: number, name: string, expiresAt: Date | null) {
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const cleanName = name.normalize('NFC').trim() || 'Token';
  const row = await db.tx(async (t) => {
    const r = await tokensRepo.insert(t, { userId, name: cleanName.slice(0, 100), hash: sha256(secret), prefix: secret.slice(0, 12), expiresAt });
    await audit(t, actor, { action: 'token.create', entityType: 'api_token', entityId: r.id, after: { userId, name: r.name, expiresAt } });
    return r;
  });
  return { token: secret, row };
}

export async function revokeToken(db: Db, actor: AuditActor, userId: number, tokenId: number) {
  await db.tx(async (t) => {
    const r = await tokensRepo.revoke(t, tokenId, userId);
    if (r.length === 0) throw notFound('Không tìm thấy mã truy cập.');
    await audit(t, actor, { action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}

export async function changePassword(db: Db, user: CurrentUser, current: string, next: string, keepSessionCookie: string | null, ip: string | null) {
  const row = await usersRepo.byId(db, user.id);
  if (!row) throw unauthorized();
  if (!(await verifyPassword(row.password_hash, current))) throw badRequest('Mật khẩu hiện tại không đúng.');
  const problem = passwordProblem(next, row.username);
  if (problem) throw badRequest(problem);
  if (await verifyPassword(row.password_hash, next)) throw badRequest('Mật khẩu mới phải khác mật khẩu hiện tại.');
  const hash = await hashPassword(next);
  await db.tx(async (t) => {
    await usersRepo.setPassword(t, user.id, hash, false);
    await sessionsRepo.deleteForUser(t, user.id, keepSessionCookie ? sha256(keepSessionCookie) : undefined);
    await audit(t, { id: user.id, name: user.username, ip }, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
}

function checkRoleUnit(role: Role, orgUnitId: number | null) {
  if (!ROLES.includes(role)) throw badRequest('Vai trò không hợp lệ.');
  if ((UNIT_ROLES.includes(role) || role === 'reviewer') && !orgUnitId)
    throw badRequest(role === 'reviewer' ? 'Người thẩm định phải thuộc một phòng chuyên môn.' : 'Tài khoản của đơn vị phải gắn với một đơn vị báo cáo.');
}

export async function createUser(
  db: Db,
  actor: AuditActor,
  input: { username: string; fullName: string; email?: string | null; role: Role; orgUnitId: number | null; title?: string | null; password?: string },
): Promise<{ id: number; password: string; generated: boolean }> {
  const username = input.username.normalize('NFC').trim();
  if (!/^[a-zA-Z0-9._-]{3,64}$/.test(username))
    throw badRequest('Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–64 ký tự).');
  checkRoleUnit(input.role, input.orgUnitId);
  if (input.orgUnitId && !(await db.maybeOne('SELECT 1 FROM org_units WHERE id = $1', [input.orgUnitId])))
    throw badRequest('Đơn vị không tồn tại.');
  const generated = !input.password;
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password, username);
  if (problem) throw badRequest(problem);
  if (await usersRepo.byUsername(db, username)) throw conflict(`Tên đăng nhập "${username}" đã tồn tại.`);
  const passwordHash = await hashPassword(password);
  const { id } = await db.tx(async (t) => {
    const r = await usersRepo.insert(t, { ...input, username, fullName: input.fullName.normalize('NFC').trim(), passwordHash, mustChange: generated });
    await audit(t, actor, { action: 'user.create', entityType: 'user', entityId: r.id, after: { username, role: input.role, orgUnitId: input.orgUnitId } });
    return r;
  });
  return { id, password, generated };
}

export async function updateUser(
  db: Db,
  actor: AuditActor,
  id: number,
  patch: { fullName?: string; email?: string | null; role?: Role; orgUnitId?: number | null; title?: string | null; active?: boolean },
) {
  await db.tx(async (t) => {
    const before = await usersRepo.byId(t, id);
    if (!before) throw notFound('Không tìm thấy người dùng.');
    const role = patch.role ?? (before.role as Role);
    const unit = patch.orgUnitId !== undefined ? patch.orgUnitId : before.org_unit_id;
    checkRoleUnit(role, unit);
    if (patch.orgUnitId && !(await t.maybeOne('SELECT 1 FROM org_units WHERE id = $1', [patch.orgUnitId]))) throw badRequest('Đơn vị không tồn tại.');
    if (before.role === 'admin' && (role !== 'admin' || patch.active === false)) {
      const admins = await t.one<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active AND id <> $1`, [id]);
      if (admins.n === 0) throw conflict('Không thể bỏ quyền của quản trị viên cuối cùng.');
    }
    await usersRepo.update(t, id, { ...patch, fullName: patch.fullName?.normalize('NFC').trim() });
    if (patch.active === false) await sessionsRepo.deleteForUser(t, id);
    const after = await usersRepo.byId(t, id);
    const pick = (u: UserRow) => ({ role: u.role, orgUnitId: u.org_unit_id, active: u.active, fullName: u.full_name, title: u.title, email: u.email });
    const action = before.role !== after!.role || before.org_unit_id !== after!.org_unit_id ? 'user.role' : 'user.update';
    await audit(t, actor, { action, entityType: 'user', entityId: id, before: pick(before), after: pick(after!) });
  });
}

export async function resetPassword(db: Db, actor: AuditActor, id: number, password?: string) {
  const user = await usersRepo.byId(db, id);
  if (!user) throw notFound('Không tìm thấy người dùng.');
  const next = password ?? generatePassword();
  const problem = passwordProblem(next, user.username);
  if (problem) throw badRequest(problem);
  const hash = await hashPassword(next);
  await db.tx(async (t) => {
    await usersRepo.setPassword(t, id, hash, true);
    await sessionsRepo.deleteForUser(t, id);
    await audit(t, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  return next;
}

/** Creates `admin` on a database without users. Returns the password when it was generated here. */
export async function ensureAdmin(db: Db, passwordFromEnv?: string): Promise<{ created: boolean; password?: string; generated?: boolean }> {
  if (await usersRepo.byUsername(db, 'admin')) return { created: false };
  const generated = !passwordFromEnv;
  const password = passwordFromEnv ?? generatePassword();
  const problem = passwordProblem(password, 'admin');
  if (problem) throw new Error(`NHIP_ADMIN_PASSWORD không đạt yêu cầu: ${problem}`);
  const hash = await hashPassword(password);
  await db.tx(async (t) => {
    if (await usersRepo.byUsername(t, 'admin')) return;
    const r = await usersRepo.insert(t, { username: 'admin', fullName: 'Quản trị hệ thống', passwordHash: hash, role: 'admin', orgUnitId: null, mustChange: false });
    await audit(t, { id: null, name: 'system' }, { action: 'user.create', entityType: 'user', entityId: r.id, after: { username: 'admin', role: 'admin' } });
  });
  return { created: true, password, generated };
}
