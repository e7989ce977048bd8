/** Figures are current the moment an approval commits, and leave the moment it is unlocked: no rebuild step. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type UserKey, type World, makeRound, seedWorld, signInAll } from '../submissions/test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey, { cookie: string }>;
let round: number;

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  // the shared fixture inserts units without their materialised path; place them as the org module would
  await s.db.query(
    `WITH RECURSIVE t AS (
       SELECT id, 1 AS level, '/' || id || '/' AS path FROM org_units WHERE parent_id IS NULL
       UNION ALL SELECT c.id, t.level + 1, t.path || c.id || '/' FROM org_units c JOIN t ON c.parent_id = t.id
     ) UPDATE org_units o SET level = t.level, path = t.path FROM t WHERE o.id = t.id`,
  );
  as = await signInAll(s.app);
  round = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
});
afterAll(() => s.close());

const figure = async (who: UserKey, extra = '') => {
  const r = await s.app.inject({ url: `/api/analytics?dimension=dx:BTS&dimension=ou:DH&dimension=pe:THIS_QUARTER;2026${extra}`, headers: as[who] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().rows;
};

it('shows a submission\'s values from the approval on, and no longer after an unlock', async () => {
  const unit = `/api/rounds/${round}/units/${w.units.u1}`;
  expect((await s.app.inject({ method: 'PUT', url: `${unit}/entry`, headers: as.rep1, payload: { values: [{ code: 'BTS', value: '12' }] } })).statusCode).toBe(200);
  expect((await s.app.inject({ method: 'POST', url: `${unit}/submit`, headers: as.rep1, payload: {} })).statusCode).toBe(200);
  expect(await figure('director')).toEqual([]);
  expect(await figure('office', '&includeUnapproved=true')).toEqual([['BTS', 'DH', '2026Q4', '12'], ['BTS', 'DH', '2026', '12']]);

  const approve = await s.app.inject({ method: 'POST', url: `${unit}/approve`, headers: as.revTelecom, payload: { comment: 'Đạt' } });
  expect(approve.statusCode, approve.body).toBe(200);
  expect(await figure('director')).toEqual([['BTS', 'DH', '2026Q4', '12'], ['BTS', 'DH', '2026', '12']]);
  expect(await figure('rep1')).toEqual([['BTS', 'DH', '2026Q4', '12'], ['BTS', 'DH', '2026', '12']]);

  const unlock = await s.app.inject({ method: 'POST', url: `${unit}/unlock`, headers: as.office, payload: { reason: 'Điều chỉnh số liệu' } });
  expect(unlock.statusCode, unlock.body).toBe(200);
  expect(await figure('viewer')).toEqual([]);
});
