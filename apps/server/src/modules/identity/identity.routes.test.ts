import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';

let s: TestServer;
const PW = 'Mat-khau-rat-dai-1';

beforeAll(async () => {
  s = await testServer();
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const unit = await s.db.one<{ id: number }>(`INSERT INTO org_units (code, name, type) VALUES ('T1','Đơn vị thử','district_office') RETURNING id`);
  for (const [username, role, orgUnitId] of [['vanphong', 'office', null], ['baocao', 'reporter', unit.id], ['khoa', 'viewer', null]] as const) {
    const r = await s.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username, fullName: `Người ${username}`, role, orgUnitId, password: PW } });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(() => s.close());

describe('sign in and out', () => {
  it('signs in with an HttpOnly SameSite cookie, answers /api/me, signs out', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'VanPhong', password: PW } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((k) => k.name === 'nhip_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const cookie = `nhip_sid=${c.value}`;
    const me = await s.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'vanphong', role: 'office', abilities: { 'rounds.manage': true, 'users.manage': false } });
    await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await s.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a wrong password in Vietnamese and audits the failure', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khoa', password: 'sai-mat-khau-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const ev = await s.db.query(`SELECT * FROM audit_events WHERE action = 'auth.login_failed' AND actor_name = 'khoa'`);
    expect(ev.length).toBe(1);
  });

  it('locks the account after 5 failed attempts, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'baocao', password: `sai-${i}-abcdefgh` } });
    const res = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'baocao', password: PW } });
    expect(res.statusCode).toBe(423);
    expect(res.json().message).toMatch(/tạm khóa/);
    await s.db.query(`UPDATE users SET locked_until = now() - interval '1 minute' WHERE username = 'baocao'`);
    expect((await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'baocao', password: PW } })).statusCode).toBe(200);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const { cookie } = await loginAs(s.app, 'khoa', PW);
    expect((await s.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    await s.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    expect((await s.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends a session past its absolute timeout', async () => {
    const { cookie } = await loginAs(s.app, 'khoa', PW);
    await s.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await s.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses state-changing requests from another site', async () => {
    const { cookie } = await loginAs(s.app, 'khoa', PW);
    const res = await s.app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie, origin: 'https://evil.example' }, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('passwords', () => {
  it('enforces the policy on change and keeps the old password working after a refusal', async () => {
    const { cookie } = await loginAs(s.app, 'khoa', PW);
    for (const [pw, msg] of [['ngan', /ít nhất 10/], ['khoa-khoa-khoa', /tên đăng nhập/], ['1234567890', /phổ biến/]] as const) {
      const r = await s.app.inject({ method: 'POST', url: '/api/me/password', headers: { cookie }, payload: { currentPassword: PW, newPassword: pw } });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toMatch(msg);
    }
    const wrong = await s.app.inject({ method: 'POST', url: '/api/me/password', headers: { cookie }, payload: { currentPassword: 'khong-dung-1234', newPassword: 'Mot-mat-khau-moi-9' } });
    expect(wrong.json().message).toBe('Mật khẩu hiện tại không đúng.');
    await loginAs(s.app, 'khoa', PW);
  });

  it('lets a user change the password; admin can reset it and the user must change it', async () => {
    const { cookie } = await loginAs(s.app, 'khoa', PW);
    const r = await s.app.inject({ method: 'POST', url: '/api/me/password', headers: { cookie }, payload: { currentPassword: PW, newPassword: 'Đổi-mật-khẩu-2026' } });
    expect(r.statusCode).toBe(200);
    await loginAs(s.app, 'khoa', 'Đổi-mật-khẩu-2026');
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    const id = (await s.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'khoa'`)).id;
    const reset = await s.app.inject({ method: 'POST', url: `/api/users/${id}/reset-password`, headers: admin, payload: {} });
    const fresh = reset.json().password as string;
    const me = await s.app.inject({ url: '/api/me', headers: await loginAs(s.app, 'khoa', fresh) });
    expect(me.json().mustChangePassword).toBe(true);
  });
});

describe('tokens and user administration', () => {
  it('creates a personal access token usable as Bearer, and revokes it', async () => {
    const { cookie } = await loginAs(s.app, 'vanphong', PW);
    const r = await s.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { cookie }, payload: { name: 'script nhập liệu' } });
    const token = r.json().token as string;
    expect(token.startsWith('nhip_')).toBe(true);
    const me = await s.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().username).toBe('vanphong');
    await s.app.inject({ method: 'DELETE', url: `/api/me/tokens/${r.json().info.id}`, headers: { cookie } });
    const after = await s.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/thu hồi/);
  });

  it('lets only admin manage users, and audits role changes with before and after', async () => {
    const office = await loginAs(s.app, 'vanphong', PW);
    expect((await s.app.inject({ url: '/api/users', headers: office })).statusCode).toBe(403);
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    const id = (await s.db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'vanphong'`)).id;
    const r = await s.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { role: 'director' } });
    expect(r.json().role).toBe('director');
    const ev = await s.db.one<{ before: { role: string }; after: { role: string } }>(`SELECT before, after FROM audit_events WHERE action = 'user.role' AND entity_id = $1`, [String(id)]);
    expect(ev.before.role).toBe('office');
    expect(ev.after.role).toBe('director');
    const bad = await s.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { role: 'reporter' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/đơn vị/);
  });

  it('refuses a duplicate username and a weak password with Vietnamese messages', async () => {
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    const dup = await s.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'KHOA', fullName: 'X', role: 'viewer', password: 'Mot-mat-khau-dai-9' } });
    expect(dup.statusCode).toBe(409);
    const weak = await s.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'moi', fullName: 'X', role: 'viewer', password: 'password123' } });
    expect(weak.statusCode).toBe(400);
  });

  it('keeps the audit log append-only', async () => {
    await expect(s.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(s.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});
