/**
 * A small province for conference tests, across the 2025 reforms: the department Sở TT&TT until 28/02/2025 and
 * Sở KH&CN from 01/03/2025; two district offices and a media centre until 30/06/2025, a commune from 01/07/2025;
 * an enterprise and a press agency throughout. A quarterly form is assigned to the district units and the commune,
 * a yearly one to the first district office. People: each department's director and deputy, staff in the units.
 * Users of every role sign in through the API.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { loginAs } from '../../test/server.js';
import { hashPassword } from '../identity/password.js';

export const PASSWORD = 'Mat-khau-hoi-nghi-1';

export const CONF_USERS = {
  office: { role: 'office', unit: 'office' },
  director: { role: 'director', unit: 'deptNew' },
  reviewer: { role: 'reviewer', unit: 'division' },
  viewer: { role: 'viewer', unit: null },
  rep1: { role: 'reporter', unit: 'd1' },
  head1: { role: 'unit_head', unit: 'd1' },
  rep2: { role: 'reporter', unit: 'd2' },
  repE: { role: 'reporter', unit: 'enterprise' },
  repC: { role: 'reporter', unit: 'commune' },
} as const;
export type ConfUserKey = keyof typeof CONF_USERS;

export type ConfWorld = {
  units: Record<'province' | 'deptOld' | 'deptNew' | 'office' | 'division' | 'd1' | 'd2' | 'media' | 'commune' | 'enterprise' | 'press', number>;
  people: Record<'dirOld' | 'deputyOld' | 'dirNew' | 'deputyNew' | 'd1a' | 'd1b' | 'd1c' | 'd2a' | 'ea' | 'commune' | 'moved', number>;
  forms: { quarterly: number; yearly: number };
  users: Record<ConfUserKey, number>;
};

const id = async (db: Db, sql: string, params: unknown[]) => (await db.one<{ id: number }>(`${sql} RETURNING id`, params)).id;

export async function seedConferenceWorld(db: Db): Promise<ConfWorld> {
  const unit = (code: string, name: string, type: string, parent: number | null, from = '2000-01-01', to: string | null = null) =>
    id(db, 'INSERT INTO org_units (code, name, type, parent_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6)', [code, name, type, parent, from, to]);
  const province = await unit('VL', 'Tỉnh Vân Lĩnh', 'province', null);
  const deptOld = await unit('VL-STTTT', 'Sở Thông tin và Truyền thông', 'department', province, '2008-04-01', '2025-02-28');
  const deptNew = await unit('VL-SKHCN', 'Sở Khoa học và Công nghệ', 'department', province, '2025-03-01');
  const office = await unit('VL-VP', 'Văn phòng Sở', 'division', deptNew);
  const division = await unit('VL-BCVT', 'Phòng Bưu chính – Viễn thông', 'division', deptNew);
  const d1 = await unit('VL-H01-VHTT', 'Phòng Văn hóa và Thông tin thành phố Vân Lĩnh', 'district_office', province, '2000-01-01', '2025-06-30');
  const d2 = await unit('VL-H02-VHTT', 'Phòng Văn hóa và Thông tin huyện Khê Thượng', 'district_office', province, '2000-01-01', '2025-06-30');
  const media = await unit('VL-H01-TTVH', 'Trung tâm Văn hóa, Thể thao và Truyền thông thành phố Vân Lĩnh', 'media_centre', province, '2019-01-01', '2025-06-30');
  const commune = await unit('VL-X01', 'Xã Khê Thượng', 'commune', province, '2025-07-01');
  const enterprise = await unit('VL-DN-VTL', 'Viettel Vân Lĩnh', 'enterprise', province);
  const press = await unit('VL-BAO', 'Báo Vân Lĩnh', 'press_agency', province);
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('org.province', '{"name":"Tỉnh Vân Lĩnh","parentBody":"ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH","place":"Vân Lĩnh"}')
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
  );
  await db.query(`INSERT INTO settings (key, value) VALUES ('holidays', '["2024-01-01","2025-01-01"]') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);

  const form = (code: string, name: string, periodType: string) =>
    id(db, `INSERT INTO report_forms (code, name, period_type, kind, division_id) VALUES ($1,$2,$3,'administrative',$4)`, [code, name, periodType, division]);
  const quarterly = await form('BC-Q', 'Báo cáo quý', 'Quarterly');
  const yearly = await form('BC-N', 'Báo cáo năm', 'Yearly');
  for (const u of [d1, d2, media, commune]) await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [quarterly, u]);
  await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [yearly, d1]);

  const person = async (name: string, email: string | null, memberships: [number, string, string, string | null][]) => {
    const pid = await id(db, 'INSERT INTO people (full_name, email) VALUES ($1,$2)', [name, email]);
    for (const [u, position, from, to] of memberships)
      await db.query('INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5)', [pid, u, position, from, to]);
    return pid;
  };
  const people = {
    dirOld: await person('Hoàng Văn Thịnh', null, [[deptOld, 'Giám đốc', '2015-01-01', '2025-02-28']]),
    deputyOld: await person('Lục Quang Tuấn', null, [[deptOld, 'Phó Giám đốc', '2016-01-01', '2025-02-28']]),
    dirNew: await person('Ma Đình Quang', 'giamdoc@vanlinh.example', [[deptNew, 'Giám đốc', '2025-03-01', null]]),
    deputyNew: await person('Nông Thị Hạnh', null, [[deptNew, 'Phó Giám đốc', '2025-03-01', null]]),
    d1a: await person('Triệu Văn An', 'an@vanlinh.example', [[d1, 'Trưởng phòng', '2010-01-01', '2025-06-30']]),
    d1b: await person('Lý Thị Bình', null, [[d1, 'Chuyên viên', '2012-01-01', '2025-06-30']]),
    d1c: await person('Đàm Văn Cường', null, [[d1, 'Chuyên viên', '2014-01-01', '2025-06-30']]),
    d2a: await person('Hà Văn Dũng', 'dung@vanlinh.example', [[d2, 'Trưởng phòng', '2010-01-01', '2025-06-30']]),
    ea: await person('Vi Thị Én', 'en@viettel.example', [[enterprise, 'Giám đốc', '2018-01-01', null]]),
    commune: await person('Bế Văn Giang', null, [[commune, 'Công chức Văn hóa – Xã hội', '2025-07-01', null]]),
    moved: await person('Sầm Văn Hậu', null, [[d2, 'Chuyên viên', '2010-01-01', '2019-12-31'], [d1, 'Chuyên viên', '2020-01-01', '2025-06-30']]),
  };

  const hash = await hashPassword(PASSWORD);
  const units = { province, deptOld, deptNew, office, division, d1, d2, media, commune, enterprise, press };
  const users = {} as Record<ConfUserKey, number>;
  for (const [key, spec] of Object.entries(CONF_USERS) as [ConfUserKey, (typeof CONF_USERS)[ConfUserKey]][]) {
    const unitId = spec.unit ? units[spec.unit] : null;
    users[key] = await id(db, 'INSERT INTO users (username, full_name, email, password_hash, role, org_unit_id) VALUES ($1,$2,$3,$4,$5,$6)', [
      key, `Người dùng ${key}`, `${key.toLowerCase()}@vanlinh.example`, hash, spec.role, unitId,
    ]);
  }
  return { units, people, forms: { quarterly, yearly }, users };
}

/** Signs every user in; a map of cookie headers by user key. */
export async function signInAll(app: FastifyInstance): Promise<Record<ConfUserKey, { cookie: string }>> {
  const out = {} as Record<ConfUserKey, { cookie: string }>;
  for (const key of Object.keys(CONF_USERS) as ConfUserKey[]) out[key] = await loginAs(app, key, PASSWORD);
  return out;
}
