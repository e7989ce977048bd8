/**
 * Analytics cells kept current by differences (trackCells) must equal cells rebuilt from scratch, whatever
 * sequence of approvals, unlocks, value changes in approved reports and reorganisations led there.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AGGREGATION_TYPES } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { makeUnit } from '../org/test-fixtures.js';
import { rebuildAnalyticsCells, refreshCellsForPaths, trackCells, valueScopes } from './analytics.cells.js';
import { runAnalytics } from './analytics.engine.js';
import { parseDimensions } from './analytics.query.js';
import { makeElement, putValues } from './test-fixtures.js';

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await testDb()));
afterAll(() => close());

type Cell = Record<string, unknown>;
const snapshot = (on: Db = db): Promise<Cell[]> =>
  on.query<Cell>(
    `SELECT data_element_id, org_unit_id, period, value_count, value_sum, days_sum, value_min, value_max, last_count, last_sum, exact_value, stale
       FROM analytics_cells ORDER BY 1, 2, 3`,
  );

/** The cells a rebuild from scratch would write, without keeping them (the rebuild is rolled back). */
async function rebuiltCells(): Promise<Cell[]> {
  let rebuilt: Cell[] = [];
  const rollback = new Error('rollback');
  try {
    await db.tx(async (t) => {
      await rebuildAnalyticsCells(t);
      rebuilt = await snapshot(t);
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return rebuilt;
}

const PERIODS = ['202401', '202402', '202404', '2024Q1', '2024Q2', '2024Q3', '2024S2', '2024', '2025Q1'];
const ENDS = [null, null, '2024-03-31', '2024-05-20', '2024-09-30'];

const op = fc.oneof(
  fc.record({ kind: fc.constant('approve' as const), sub: fc.nat() }),
  fc.record({ kind: fc.constant('unlock' as const), sub: fc.nat() }),
  fc.record({ kind: fc.constant('revalue' as const), sub: fc.nat(), value: fc.integer({ min: -50, max: 900 }) }),
  fc.record({ kind: fc.constant('close' as const), unit: fc.nat(), end: fc.constantFrom(...ENDS) }),
  fc.record({ kind: fc.constant('move' as const), unit: fc.nat(), parent: fc.nat() }),
);

it('cells kept by differences equal cells rebuilt from the raw values', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      aggs: fc.array(fc.constantFrom(...AGGREGATION_TYPES), { minLength: 3, maxLength: 3 }),
      values: fc.array(fc.record({
        unit: fc.nat(6), de: fc.nat(2), period: fc.constantFrom(...PERIODS), value: fc.integer({ min: -10, max: 500 }),
        approved: fc.boolean(),
      }), { minLength: 5, maxLength: 40 }),
      ops: fc.array(op, { minLength: 1, maxLength: 12 }),
    }),
    async (w) => {
      await db.exec(`DELETE FROM analytics_cells; DELETE FROM data_values; DELETE FROM submissions; DELETE FROM reporting_rounds;
                     DELETE FROM report_forms; DELETE FROM data_elements; DELETE FROM org_units;`);
      // root ─ A ─ A1, A2 ; root ─ B ─ B1 ; plus C (a district with no sub-units yet)
      const root = await makeUnit(db, { code: 'R', parentId: null, validFrom: '2000-01-01' });
      const a = await makeUnit(db, { code: 'A', parentId: root, validFrom: '2000-01-01' });
      const b = await makeUnit(db, { code: 'B', parentId: root, validFrom: '2000-01-01' });
      const units = [root, a, b,
        await makeUnit(db, { code: 'A1', parentId: a, validFrom: '2000-01-01' }),
        await makeUnit(db, { code: 'A2', parentId: a, validFrom: '2000-01-01' }),
        await makeUnit(db, { code: 'B1', parentId: b, validFrom: '2000-01-01' }),
        await makeUnit(db, { code: 'C', parentId: root, validFrom: '2000-01-01' })];
      const des = await Promise.all(w.aggs.map((agg, i) => makeElement(db, `E${i}`, agg)));
      await putValues(db, w.values.map((v) => ({
        deId: des[v.de]!, unitId: units[v.unit]!, period: v.period, value: v.value, status: v.approved ? 'approved' : 'submitted',
      })));
      const subs = (await db.query<{ id: number }>(`SELECT id FROM submissions ORDER BY id`)).map((r) => r.id);
      expect(await snapshot(), 'after the initial rebuild').toEqual(await rebuiltCells());

      for (const o of w.ops) {
        if (o.kind === 'approve' || o.kind === 'unlock' || o.kind === 'revalue') {
          const id = subs[o.sub % subs.length]!;
          await db.tx((t) => trackCells(t, () => valueScopes(t, id), async () => {
            if (o.kind === 'revalue') {
              await t.query(`UPDATE data_values SET num_value = $2::numeric, value = $3 WHERE submission_id = $1`, [id, o.value, String(o.value)]);
            } else {
              await t.query(`UPDATE submissions SET status = $2 WHERE id = $1`, [id, o.kind === 'approve' ? 'approved' : 'returned']);
            }
          }));
        } else if (o.kind === 'close') {
          // leaves only (a parent's validity must contain its children's)
          const leaf = units[3 + (o.unit % 3)]!;
          const { path } = await db.one<{ path: string }>(`SELECT path FROM org_units WHERE id = $1`, [leaf]);
          await db.query(`UPDATE org_units SET valid_to = $2 WHERE id = $1`, [leaf, o.end]);
          await refreshCellsForPaths(db, [path]);
        } else {
          // move a leaf under another district (C gains its first sub-unit, A or B may lose its last)
          const leaf = units[3 + (o.unit % 3)]!;
          const parent = [a, b, units[6]!][o.parent % 3]!;
          const before = await db.one<{ path: string }>(`SELECT path FROM org_units WHERE id = $1`, [leaf]);
          const p = await db.one<{ path: string; level: number }>(`SELECT path, level FROM org_units WHERE id = $1`, [parent]);
          await db.query(`UPDATE org_units SET parent_id = $2, path = $3, level = $4 WHERE id = $1`, [leaf, parent, `${p.path}${leaf}/`, p.level + 1]);
          await refreshCellsForPaths(db, [before.path, `${p.path}${leaf}/`]);
        }
        // compared after every step, never reset: differences must not drift over a sequence
        expect(await snapshot(), `after ${JSON.stringify(o)}`).toEqual(await rebuiltCells());
      }
      // and the engine's answers from the cells equal its answers from the raw values
      const dims = ['dx:E0;E1;E2', 'ou:R;A;B;C', `pe:${PERIODS.join(';')}`];
      const fromCells = await runAnalytics(db, parseDimensions(dims), { today: '2026-11-22', scopeUnitId: null });
      const fromRaw = await runAnalytics(db, parseDimensions(dims), { today: '2026-11-22', scopeUnitId: null, cells: false });
      expect(fromCells.rows).toEqual(fromRaw.rows);
    },
  ), { numRuns: 40 });
}, 180_000);

it('a change that removes nothing of the extremes keeps min and max without recomputing; one that does recomputes them', async () => {
  await db.exec(`DELETE FROM analytics_cells; DELETE FROM data_values; DELETE FROM submissions; DELETE FROM reporting_rounds;
                 DELETE FROM report_forms; DELETE FROM data_elements; DELETE FROM org_units;`);
  const root = await makeUnit(db, { code: 'R', parentId: null, validFrom: '2000-01-01' });
  const x = await makeUnit(db, { code: 'X', parentId: root, validFrom: '2000-01-01' });
  const y = await makeUnit(db, { code: 'Y', parentId: root, validFrom: '2000-01-01' });
  const de = await makeElement(db, 'M', 'MIN');
  await putValues(db, [
    { deId: de, unitId: x, period: '2024Q1', value: 5, status: 'approved' },
    { deId: de, unitId: y, period: '2024Q1', value: 9, status: 'approved' },
  ]);
  const min = async () => (await db.one<{ value_min: number }>(`SELECT value_min FROM analytics_cells WHERE org_unit_id = $1 AND period = '2024'`, [root])).value_min;
  expect(await min()).toBe(5);
  const [sx] = await db.query<{ id: number }>(`SELECT id FROM submissions WHERE org_unit_id = $1`, [x]);
  // unlocking X's report removes the minimum: the cell's min becomes Y's 9
  await db.tx((t) => trackCells(t, () => valueScopes(t, sx!.id), () => t.query(`UPDATE submissions SET status = 'returned' WHERE id = $1`, [sx!.id])));
  expect(await min()).toBe(9);
  expect((await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_cells WHERE stale`)).n).toBe(0);
});

it('approvals committed at the same time, touching the same ancestors, all succeed and leave the cells exact', async () => {
  await db.exec(`DELETE FROM analytics_cells; DELETE FROM data_values; DELETE FROM submissions; DELETE FROM reporting_rounds;
                 DELETE FROM report_forms; DELETE FROM data_elements; DELETE FROM org_units;`);
  const root = await makeUnit(db, { code: 'R', parentId: null, validFrom: '2000-01-01' });
  const district = await makeUnit(db, { code: 'D', parentId: root, validFrom: '2000-01-01' });
  const communes = await Promise.all(Array.from({ length: 12 }, (_, i) => makeUnit(db, { code: `X${i}`, parentId: district, validFrom: '2000-01-01' })));
  const des = [await makeElement(db, 'S', 'SUM'), await makeElement(db, 'L', 'LAST'), await makeElement(db, 'M', 'MAX')];
  // each commune: a quarterly and a monthly report of the same elements, both submitted
  await putValues(db, communes.flatMap((u, i) => des.flatMap((deId, j) => [
    { deId, unitId: u, period: '2024Q2', value: 10 * i + j, status: 'submitted' as const },
    { deId, unitId: u, period: '202406', value: 5 * i + j + 1, status: 'submitted' as const },
  ])));
  const subs = (await db.query<{ id: number }>(`SELECT id FROM submissions ORDER BY id`)).map((r) => r.id);
  const approve = (id: number) => db.tx((t) => trackCells(t, () => valueScopes(t, id), () => t.query(`UPDATE submissions SET status = 'approved' WHERE id = $1`, [id])));
  const results = await Promise.allSettled(subs.map(approve));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(await snapshot()).toEqual(await rebuiltCells());
  expect((await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_cells WHERE org_unit_id = $1 AND period = '2024'`, [root])).n).toBe(3);
});
