/**
 * A small province for the register's tests: the department with three divisions (one closed), two sectors with
 * their deputy directors in charge, a district culture office that the commune Khê Thượng took over on 01/07/2025
 * (org_unit_lineage), another commune, an enterprise, and signed-in users of every role that matters.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { loginAs, TEST_ADMIN_PASSWORD } from '../../test/server.js';

export type RegisterWorld = { u: Record<string, number>; p: Record<string, number>; s: Record<string, number> };

export async function seedRegister(db: Db): Promise<RegisterWorld> {
  const u: Record<string, number> = {};
  u.PROV = await makeUnit(db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  u.DEP = await makeUnit(db, { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: u.PROV });
  u.VP = await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở', type: 'division', parentId: u.DEP });
  u.BCVT = await makeUnit(db, { code: 'P-BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: u.DEP });
  u.TTCS = await makeUnit(db, { code: 'P-TTCS', name: 'Phòng Thông tin cơ sở', type: 'division', parentId: u.DEP });
  u.OLDDIV = await makeUnit(db, { code: 'P-CU', name: 'Phòng Báo chí (cũ)', type: 'division', parentId: u.DEP, validTo: '2024-12-31' });
  u.D1 = await makeUnit(db, { code: 'VL-H01-VH', name: 'Phòng Văn hóa và Thông tin huyện Hòa An', type: 'district_office', parentId: u.PROV, validTo: '2025-06-30' });
  u.C1 = await makeUnit(db, { code: 'VL-X03', name: 'Xã Khê Thượng', type: 'commune', parentId: u.PROV, validFrom: '2025-07-01' });
  u.C2 = await makeUnit(db, { code: 'VL-X05', name: 'Xã Bình Minh', type: 'commune', parentId: u.PROV, validFrom: '2025-07-01' });
  u.T1 = await makeUnit(db, { code: 'VTL', name: 'Viễn thông Vân Lĩnh', type: 'enterprise', parentId: u.PROV });
  await db.query(`INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'merge')`, [u.C1, u.D1]);

  const s: Record<string, number> = {};
  s.BCVT = (await db.one<{ id: number }>(`INSERT INTO sectors (code, name, division_id, sort) VALUES ('BCVT', 'Bưu chính, viễn thông', $1, 1) RETURNING id`, [u.BCVT])).id;
  s.TTCS = (await db.one<{ id: number }>(`INSERT INTO sectors (code, name, division_id, sort) VALUES ('TTCS', 'Thông tin cơ sở', $1, 2) RETURNING id`, [u.TTCS])).id;

  const person = async (name: string) => (await db.one<{ id: number }>(`INSERT INTO people (full_name) VALUES ($1) RETURNING id`, [name])).id;
  const p: Record<string, number> = {};
  p.deputyA = await person('Lô Quang Tuấn');
  p.deputyB = await person('Hoàng Thị Mai');
  await db.query(`INSERT INTO sector_leads (sector_id, person_id, valid_from) VALUES ($1, $2, '2020-01-01'), ($3, $4, '2020-01-01')`, [s.BCVT, p.deputyA, s.TTCS, p.deputyB]);
  return { u, p, s };
}

export async function registerUsers(app: FastifyInstance, u: Record<string, number>) {
  const admin = await loginAs(app, 'admin', TEST_ADMIN_PASSWORD);
  return {
    admin,
    office: await makeUser(app, admin, { username: 'vanphong', role: 'office', orgUnitId: u.VP }),
    director: await makeUser(app, admin, { username: 'giamdoc', role: 'director', orgUnitId: u.DEP }),
    viewer: await makeUser(app, admin, { username: 'khach', role: 'viewer', orgUnitId: u.PROV }),
    bcvt: await makeUser(app, admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: u.BCVT }),
    ttcs: await makeUser(app, admin, { username: 'thamdinh.ttcs', role: 'reviewer', orgUnitId: u.TTCS }),
    commune: await makeUser(app, admin, { username: 'baocao', role: 'reporter', orgUnitId: u.C1 }),
    other: await makeUser(app, admin, { username: 'baocao.x05', role: 'unit_head', orgUnitId: u.C2 }),
    enterprise: await makeUser(app, admin, { username: 'baocao.dn', role: 'reporter', orgUnitId: u.T1 }),
  };
}
