import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, loginAs, TEST_ADMIN_PASSWORD, testServer } from './test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(() => s.close());

describe('the platform', () => {
  it('answers health with the database kind', async () => {
    const r = await s.app.inject({ url: '/api/health' });
    expect(r.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('describes every module in OpenAPI 3 and serves the browsable docs', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/org-units', '/api/data-elements', '/api/forms', '/api/rounds', '/api/rounds/{roundId}/units/{unitId}/entry',
      '/api/rounds/{roundId}/units/{unitId}/submit', '/api/rounds/{roundId}/units/{unitId}/template.xlsx', '/api/audit', '/api/dataValueSets', '/api/metadata'])
      expect(Object.keys(doc.paths), p).toContain(p);
    expect((await s.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers unknown API paths, malformed JSON and wrong types in Vietnamese', async () => {
    const unknown = await s.app.inject({ url: '/api/khong-co' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Không tìm thấy địa chỉ API này.');
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    const bad = await s.app.inject({ method: 'PATCH', url: '/api/me', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"locale":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    const wrong = await s.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'abc', fullName: 5, role: 'viewer' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/^Dữ liệu gửi lên không hợp lệ — fullName: .*mong đợi/);
    for (const url of ['/api/org-units/%E0%A4%A', '/tin-tuc/%E0%A4%A', '/%zz']) {
      const malformed = await s.app.inject({ url });
      expect(malformed.statusCode, url).toBe(400);
      expect(malformed.json().message, url).toBe('Địa chỉ yêu cầu có mã ký tự (%) không hợp lệ.');
    }
  });

  it('answers a transaction the database gave up on (deadlock) with 409 and a retry message, having saved nothing', async () => {
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    // the database aborts any change of the admin's language as it would a deadlock victim
    await s.db.exec(`CREATE FUNCTION test_deadlock() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$;
                     CREATE TRIGGER test_deadlock BEFORE UPDATE OF locale ON users FOR EACH ROW EXECUTE FUNCTION test_deadlock();`);
    try {
      const r = await s.app.inject({ method: 'PATCH', url: '/api/me', headers: admin, payload: { locale: 'en' } });
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().message).toMatch(/^Dữ liệu này đang được cập nhật cùng lúc .* Vui lòng thử lại\.$/);
      expect((await s.db.one<{ locale: string }>(`SELECT locale FROM users WHERE username = 'admin'`)).locale).toBe('vi');
    } finally {
      await s.db.exec(`DROP TRIGGER test_deadlock ON users; DROP FUNCTION test_deadlock();`);
    }
  });

  it('answers a unique key lost to a concurrent insert with 409, having saved nothing', async () => {
    const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
    // as if another request had inserted the same key between the service's check and its own insert
    await s.db.exec(`CREATE FUNCTION test_unique() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN RAISE EXCEPTION 'duplicate key value' USING ERRCODE = '23505'; END $$;
                     CREATE TRIGGER test_unique BEFORE UPDATE OF locale ON users FOR EACH ROW EXECUTE FUNCTION test_unique();`);
    try {
      const r = await s.app.inject({ method: 'PATCH', url: '/api/me', headers: admin, payload: { locale: 'en' } });
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().message).toMatch(/^Dữ liệu này vừa được tạo bởi một thao tác khác cùng lúc/);
      expect((await s.db.one<{ locale: string }>(`SELECT locale FROM users WHERE username = 'admin'`)).locale).toBe('vi');
    } finally {
      await s.db.exec(`DROP TRIGGER test_unique ON users; DROP FUNCTION test_unique();`);
    }
  });

  it('sends security headers', async () => {
    const r = await s.app.inject({ url: '/api/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });
});
