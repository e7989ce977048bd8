import { ROLES, globalAbilities } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../app.js';
import { auditActor, requireAbility, requireUser } from '../../platform/http.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { tokensRepo, type TokenRow, type UserRow, usersRepo } from './identity.repository.js';
import {
  type CurrentUser, changePassword, createToken, createUser, login, logout, resetPassword, revokeToken, updateUser,
} from './identity.service.js';

const Me = z.object({
  id: z.number(), username: z.string(), fullName: z.string(), role: z.enum(ROLES), orgUnitId: z.number().nullable(),
  orgUnitName: z.string().nullable(), title: z.string().nullable(), locale: z.enum(['vi', 'en']), mustChangePassword: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});
const presentMe = (u: CurrentUser) => ({
  id: u.id, username: u.username, fullName: u.fullName, role: u.role, orgUnitId: u.orgUnitId, orgUnitName: u.orgUnitName,
  title: u.title, locale: u.locale, mustChangePassword: u.mustChangePassword, abilities: globalAbilities(u),
});
const User = z.object({
  id: z.number(), username: z.string(), fullName: z.string(), email: z.string().nullable(), role: z.enum(ROLES),
  orgUnitId: z.number().nullable(), orgUnitName: z.string().nullable(), title: z.string().nullable(), active: z.boolean(),
  locked: z.boolean(), mustChangePassword: z.boolean(), lastLoginAt: z.date().nullable(), createdAt: z.date(),
});
const presentUser = (u: UserRow): z.infer<typeof User> => ({
  id: u.id, username: u.username, fullName: u.full_name, email: u.email, role: u.role as never, orgUnitId: u.org_unit_id,
  orgUnitName: u.org_unit_name ?? null, title: u.title, active: u.active, locked: !!u.locked_until && u.locked_until.getTime() > Date.now(),
  mustChangePassword: u.must_change_password, lastLoginAt: u.last_login_at, createdAt: u.created_at,
});
const Token = z.object({ id: z.number(), name: z.string(), prefix: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable(), expiresAt: z.date().nullable(), revoked: z.boolean() });
const presentToken = (t: TokenRow): z.infer<typeof Token> => ({
  id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at, expiresAt: t.expires_at, revoked: !!t.revoked_at,
});
const Id = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const Password = z.string().min(1, 'không được để trống').max(256);

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const policy = { idleMinutes: app.config.sessionIdleMinutes, absoluteHours: app.config.sessionAbsoluteHours };

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Đăng nhập', body: z.object({ username: z.string().min(1).max(100), password: Password }), response: { 200: Me } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const r = await login(app.db, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, policy);
    reply.setCookie(SESSION_COOKIE, r.cookie, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https', expires: r.expiresAt,
    });
    return presentMe(r.user);
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Đăng xuất' } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await logout(app.db, sid, req.user, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: Me } } }, async (req) => presentMe(requireUser(req)));

  app.patch('/api/me', {
    schema: { tags: ['auth'], summary: 'Đổi ngôn ngữ giao diện', body: z.object({ locale: z.enum(['vi', 'en']) }) },
  }, async (req) => {
    const u = requireUser(req);
    await usersRepo.update(app.db, u.id, { locale: req.body.locale });
    return { ok: true };
  });

  app.post('/api/me/password', {
    schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: z.object({ currentPassword: Password, newPassword: Password }) },
  }, async (req) => {
    const u = requireUser(req);
    await changePassword(app.db, u, req.body.currentPassword, req.body.newPassword, req.cookies[SESSION_COOKIE] ?? null, req.ip);
    return { ok: true };
  });

  app.get('/api/me/tokens', { schema: { tags: ['auth'], summary: 'Mã truy cập cá nhân', response: { 200: z.array(Token) } } }, async (req) => {
    const u = requireAbility(req, 'tokens.own');
    return (await tokensRepo.listForUser(app.db, u.id)).map(presentToken);
  });

  app.post('/api/me/tokens', {
    schema: {
      tags: ['auth'], summary: 'Tạo mã truy cập cá nhân (hiển thị một lần)',
      body: z.object({ name: z.string().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() }),
      response: { 200: z.object({ token: z.string(), info: Token }) },
    },
  }, async (req) => {
    const u = requireAbility(req, 'tokens.own');
    if (u.via === 'token') throw forbidden('Không thể tạo mã truy cập bằng một mã truy cập khác.');
    const exp = req.body.expiresInDays ? new Date(Date.now() + req.body.expiresInDays * 86_400_000) : null;
    const r = await createToken(app.db, auditActor(req), u.id, req.body.name, exp);
    return { token: r.token, info: presentToken(r.row) };
  });

  app.delete('/api/me/tokens/:id', { schema: { tags: ['auth'], summary: 'Thu hồi mã truy cập', params: Id } }, async (req) => {
    const u = requireAbility(req, 'tokens.own');
    await revokeToken(app.db, auditActor(req), u.id, req.params.id);
    return { ok: true };
  });

  // ── user administration ──
  app.get('/api/users', {
    schema: {
      tags: ['users'], summary: 'Danh sách người dùng',
      querystring: z.object({ q: z.string().max(100).optional(), role: z.enum(ROLES).optional(), orgUnitId: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
      response: { 200: z.array(User) },
    },
  }, async (req) => {
    requireAbility(req, 'users.manage');
    return (await usersRepo.list(app.db, req.query)).map(presentUser);
  });

  app.post('/api/users', {
    schema: {
      tags: ['users'], summary: 'Tạo người dùng',
      body: z.object({
        username: z.string().min(3).max(64), fullName: z.string().min(1).max(200), email: z.string().email().nullable().optional(),
        role: z.enum(ROLES), orgUnitId: z.number().int().positive().max(2_147_483_647).nullable().default(null), title: z.string().max(200).nullable().optional(),
        password: z.string().max(256).optional(),
      }),
      response: { 201: z.object({ user: User, password: z.string().nullable() }) },
    },
  }, async (req, reply) => {
    requireAbility(req, 'users.manage');
    const r = await createUser(app.db, auditActor(req), req.body);
    const user = await usersRepo.byId(app.db, r.id);
    return reply.status(201).send({ user: presentUser(user!), password: r.generated ? r.password : null });
  });

  app.patch('/api/users/:id', {
    schema: {
      tags: ['users'], summary: 'Sửa người dùng, đổi vai trò, khóa/mở',
      params: Id,
      body: z.object({
        fullName: z.string().min(1).max(200).optional(), email: z.string().email().nullable().optional(), role: z.enum(ROLES).optional(),
        orgUnitId: z.number().int().positive().max(2_147_483_647).nullable().optional(), title: z.string().max(200).nullable().optional(), active: z.boolean().optional(),
      }),
      response: { 200: User },
    },
  }, async (req) => {
    requireAbility(req, 'users.manage');
    await updateUser(app.db, auditActor(req), req.params.id, req.body);
    return presentUser((await usersRepo.byId(app.db, req.params.id))!);
  });

  app.post('/api/users/:id/reset-password', {
    schema: {
      tags: ['users'], summary: 'Đặt lại mật khẩu (người dùng phải đổi khi đăng nhập)', params: Id,
      body: z.object({ password: z.string().max(256).optional() }).optional(),
      response: { 200: z.object({ password: z.string() }) },
    },
  }, async (req) => {
    requireAbility(req, 'users.manage');
    if (!(await usersRepo.byId(app.db, req.params.id))) throw notFound('Không tìm thấy người dùng.');
    return { password: await resetPassword(app.db, auditActor(req), req.params.id, req.body?.password) };
  });
};
