import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { makeUnit } from '../org/test-fixtures.js';
import { GENERAL_SECTOR, assembleSummaryReport } from './summary-report.service.js';
import { type World, seedWorld } from './test-fixtures.js';

/**
 * The sector a unit without one is reported under. The report fixture's yearly form has no reviewing division;
 * 'Xã Tân Hòa' (no sector, formed in 2023 from the district office of Hòa An, sector 'Thông tin cơ sở') sends a
 * yearly report, as does 'Xã Đức Long' (no sector, no predecessor).
 */
let s: TestServer;
let w: World;
const TODAY = '2024-01-04';

beforeAll(async () => {
  s = await testServer({ now: `${TODAY}T02:00:00Z` });
  w = await seedWorld(s.db);
  const x3 = await makeUnit(s.db, { code: 'X3', name: 'Xã Tân Hòa', type: 'commune', parentId: w.u.PROV, validFrom: '2023-01-01' });
  await s.db.query(`INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'transfer')`, [x3, w.u.D1]);
  await s.db.query(
    `INSERT INTO submissions (round_id, org_unit_id, status, results) SELECT id, $1, 'approved', $2 FROM reporting_rounds WHERE period = '2023'`,
    [x3, 'Xã Tân Hòa duy trì 18 cụm loa truyền thanh thông minh.'],
  );
}, 60_000);
afterAll(() => s?.close());

describe('sector of a unit without one', () => {
  it('is the sector of the unit it was formed from, before the form\'s reviewing division; else "Công tác chung"', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2023', today: TODAY });
    const units = (name: string) => input.sectors.find((x) => x.name === name)?.narrative.map((b) => b.unitName) ?? [];
    expect(units('Thông tin cơ sở')).toContain('Xã Tân Hòa');
    expect(units(GENERAL_SECTOR)).toEqual(['Xã Đức Long']);
  });

  it('a unit with a sector of its own keeps it, whatever its predecessors', async () => {
    const bcvt = await s.db.one<{ id: number }>(`SELECT id FROM sectors WHERE code = 'BCVT'`);
    await s.db.query(`UPDATE org_units SET sector_id = $1 WHERE code = 'X3'`, [bcvt.id]);
    try {
      const input = await assembleSummaryReport(s.db, { period: '2023', today: TODAY });
      expect(input.sectors.find((x) => x.name === 'Bưu chính, viễn thông')!.narrative.map((b) => b.unitName)).toContain('Xã Tân Hòa');
    } finally {
      await s.db.query(`UPDATE org_units SET sector_id = NULL WHERE code = 'X3'`);
    }
  });
});
