/**
 * A small province for dashboard and pivot tests, business date 10/11/2024 (default period 2024Q3):
 * PROV ─ DEP (department) ─ DIV (division owning both sectors)
 *      ─ U1, U2, U3 (communes; U3 never reports) ─ OLD (closed 30/06/2024)
 * Sector BCVT: ten data elements E01…E10 (values only for E09, E10) to show the cap of eight, values first.
 * Sector CDS: HS (SUM, INTEGER), HS_DH (SUM), indicator TL = HS_DH ÷ HS × 100; targets for 2024 at PROV.
 * Sector BCHI: nothing in it (left out of the dashboard).
 * The quarterly form 'AN-Quarterly' is reviewed by DIV and assigned to U1, U2, U3; its 2024Q3 round is open,
 * the earlier ones closed.
 */
import type { Db } from '../../platform/db/index.js';
import { type ValueSeed, makeElement, makeIndicator, putValues } from '../analytics/test-fixtures.js';
import { makeUnit } from '../org/test-fixtures.js';

export type World = { u: Record<string, number>; de: Record<string, number>; sector: Record<string, number> };

export const FIXTURE_NOW = '2024-11-10T02:00:00Z';

export async function seedDashboardWorld(db: Db): Promise<World> {
  const u: Record<string, number> = {};
  u.PROV = await makeUnit(db, { code: 'PROV', name: 'Tỉnh Mẫu', type: 'province' });
  u.DEP = await makeUnit(db, { code: 'DEP', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: u.PROV });
  u.DIV = await makeUnit(db, { code: 'DIV', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: u.DEP });
  u.U1 = await makeUnit(db, { code: 'U1', name: 'Xã An Lạc', type: 'commune', parentId: u.PROV });
  u.U2 = await makeUnit(db, { code: 'U2', name: 'Xã Đông Hà', type: 'commune', parentId: u.PROV });
  u.U3 = await makeUnit(db, { code: 'U3', name: 'Xã Bảo Yên', type: 'commune', parentId: u.PROV });
  u.OLD = await makeUnit(db, { code: 'OLD', name: 'Xã Cũ', type: 'commune', parentId: u.PROV, validTo: '2024-06-30' });

  const sector: Record<string, number> = {};
  for (const [code, name, sort] of [['BCVT', 'Bưu chính, viễn thông', 1], ['CDS', 'Chuyển đổi số', 2], ['BCHI', 'Báo chí', 3]] as const) {
    sector[code] = (await db.one<{ id: number }>(`INSERT INTO sectors (code, name, sort, division_id) VALUES ($1, $2, $3, $4) RETURNING id`, [code, name, sort, u.DIV])).id;
  }

  const de: Record<string, number> = {};
  for (let i = 1; i <= 10; i++) {
    const code = `E${String(i).padStart(2, '0')}`;
    de[code] = await makeElement(db, code, 'SUM', `Chỉ tiêu viễn thông ${i}`);
  }
  de.HS = await makeElement(db, 'HS', 'SUM', 'Số hồ sơ tiếp nhận');
  de.HS_DH = await makeElement(db, 'HS_DH', 'SUM', 'Số hồ sơ đúng hạn');
  const tl = await makeIndicator(db, { code: 'TL', name: 'Tỷ lệ hồ sơ đúng hạn', numerator: '#{HS_DH}', denominator: '#{HS}', factor: 100, decimals: 1 });
  await db.query(`UPDATE data_elements SET sector_id = $1, uom = 'trạm' WHERE code LIKE 'E%'`, [sector.BCVT]);
  await db.query(`UPDATE data_elements SET sector_id = $1, uom = 'hồ sơ' WHERE code IN ('HS', 'HS_DH')`, [sector.CDS]);
  await db.query(`UPDATE data_elements SET value_type = 'INTEGER' WHERE code = 'HS'`);
  await db.query(`UPDATE indicators SET sector_id = $1, uom = '%' WHERE id = $2`, [sector.CDS, tl]);
  await db.query(`INSERT INTO targets (data_element_id, org_unit_id, year, value) VALUES ($1, $2, 2024, 800)`, [de.HS, u.PROV]);
  await db.query(`INSERT INTO targets (indicator_id, org_unit_id, year, value) VALUES ($1, $2, 2024, 90)`, [tl, u.PROV]);

  const v = (code: string, unit: string, period: string, value: number, status: ValueSeed['status'] = 'approved'): ValueSeed =>
    ({ deId: de[code]!, unitId: u[unit]!, period, value, status });
  await putValues(db, [
    v('HS', 'U1', '2023Q3', 100), v('HS', 'U2', '2023Q3', 60), v('HS_DH', 'U1', '2023Q3', 80), v('HS_DH', 'U2', '2023Q3', 30),
    v('HS', 'U1', '2024Q2', 110), v('HS', 'U2', '2024Q2', 70), v('HS_DH', 'U1', '2024Q2', 99), v('HS_DH', 'U2', '2024Q2', 56),
    v('HS', 'U1', '2024Q3', 130), v('HS', 'U2', '2024Q3', 90), v('HS_DH', 'U1', '2024Q3', 120), v('HS_DH', 'U2', '2024Q3', 81),
    v('HS', 'OLD', '2023Q3', 40), v('HS_DH', 'OLD', '2023Q3', 20),
    v('E09', 'U1', '2024Q3', 999_999_999), v('E10', 'U2', '2024Q3', 12.5), v('E10', 'U2', '2024Q2', 10),
    v('HS', 'U3', '2024Q3', 5, 'draft'),
  ]);
  await db.query(`UPDATE report_forms SET name = 'Báo cáo quý của cấp xã', division_id = $1 WHERE code = 'AN-Quarterly'`, [u.DIV]);
  await db.query(
    `INSERT INTO form_units (form_id, org_unit_id) SELECT f.id, x.id FROM report_forms f, org_units x
      WHERE f.code = 'AN-Quarterly' AND x.code IN ('U1', 'U2', 'U3', 'OLD')`,
  );
  await db.query(`UPDATE reporting_rounds SET status = CASE WHEN period = '2024Q3' THEN 'open' ELSE 'closed' END`);
  await db.query(`UPDATE submissions SET submitted_at = r.deadline - interval '1 day' FROM reporting_rounds r WHERE r.id = submissions.round_id AND submissions.status = 'approved'`);
  return { u, de, sector };
}
