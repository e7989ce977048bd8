import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, loginAs, TEST_ADMIN_PASSWORD, type TestServer } from '../../test/server.js';

// The demo is the first configuration a department sees: everything it holds must survive our own
// export → import paths unchanged (the 2025 moves included).
let s: TestServer;
let admin: { cookie: string };
beforeAll(async () => {
  s = await demoTestServer({ today: '2026-11-22' });
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(() => s.close());

describe('the demo province round-trips', () => {
  it('through the organisation CSV', async () => {
    const csv = (await s.app.inject({ url: '/api/org-units/export.csv', headers: admin })).body;
    const r = await s.app.inject({ method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('through the metadata file', async () => {
    const meta = (await s.app.inject({ url: '/api/metadata', headers: admin })).json();
    const r = await s.app.inject({ method: 'POST', url: '/api/metadata?dryRun=true', headers: admin, payload: meta });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().stats).toMatchObject({ created: 0, updated: 0 });
  });
});
