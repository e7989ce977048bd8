/**
 * A small reporting world for rounds and submissions tests: a department with two divisions, reporting units,
 * one quarterly form (reviewed by the telecom division) with validation rules, and a user of every role.
 * Seeded straight into the database; users sign in through the API.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { loginAs } from '../../test/server.js';
import { hashPassword } from '../identity/password.js';

export const PASSWORD = 'Mat-khau-rat-dai-1';

export type World = {
  sectors: { telecom: number; it: number };
  units: { department: number; divTelecom: number; divIt: number; u1: number; u2: number; u3: number; closed: number; unassigned: number };
  forms: { quarterly: number; yearly: number; monthly: number };
  elements: Record<'BTS' | 'THON_BR' | 'THON' | 'TYLE' | 'GHICHU', number>;
  users: Record<UserKey, number>;
};

export const USERS = {
  office: { role: 'office', unit: null },
  revTelecom: { role: 'reviewer', unit: 'divTelecom' },
  revIt: { role: 'reviewer', unit: 'divIt' },
  director: { role: 'director', unit: null },
  rep1: { role: 'reporter', unit: 'u1' },
  rep2: { role: 'reporter', unit: 'u2' },
  head1: { role: 'unit_head', unit: 'u1' },
  head2: { role: 'unit_head', unit: 'u2' },
  viewer: { role: 'viewer', unit: null },
} as const;
export type UserKey = keyof typeof USERS;

const id = async (db: Db, sql: string, params: unknown[]) => (await db.one<{ id: number }>(`${sql} RETURNING id`, params)).id;

export async function seedWorld(db: Db): Promise<World> {
  const telecom = await id(db, `INSERT INTO sectors (code, name, sort) VALUES ('VT', 'Viễn thông', 1)`, []);
  const it = await id(db, `INSERT INTO sectors (code, name, sort) VALUES ('CNTT', 'Công nghệ thông tin', 2)`, []);
  const unit = (code: string, name: string, type: string, sector: number | null, parent: number | null, validTo: string | null = null) =>
    id(db, 'INSERT INTO org_units (code, name, type, sector_id, parent_id, valid_to) VALUES ($1,$2,$3,$4,$5,$6)', [code, name, type, sector, parent, validTo]);
  const department = await unit('SO', 'Sở Thông tin và Truyền thông', 'department', null, null);
  const divTelecom = await unit('P-BCVT', 'Phòng Bưu chính – Viễn thông', 'division', telecom, department);
  const divIt = await unit('P-CNTT', 'Phòng Công nghệ thông tin', 'division', it, department);
  const u1 = await unit('DH', 'Phòng Văn hóa và Thông tin huyện Đông Hưng', 'district_office', telecom, null);
  const u2 = await unit('AT', 'Phòng Văn hóa và Thông tin huyện Ân Thi', 'district_office', it, null);
  const u3 = await unit('VTL', 'Viettel chi nhánh tỉnh', 'enterprise', telecom, null);
  const closed = await unit('CU', 'Phòng Văn hóa cũ (đã giải thể)', 'district_office', null, null, '2020-12-31');
  const unassigned = await unit('KX', 'Trung tâm không giao biểu mẫu', 'media_centre', null, null);

  const el = (code: string, name: string, valueType: string, min: number | null = null, max: number | null = null) =>
    id(db, 'INSERT INTO data_elements (code, name, value_type, min_value, max_value, sector_id) VALUES ($1,$2,$3,$4,$5,$6)', [code, name, valueType, min, max, telecom]);
  const elements = {
    BTS: await el('BTS', 'Số vị trí trạm BTS', 'INTEGER', 0, null),
    THON_BR: await el('THON_BR', 'Số thôn có Internet băng rộng cáp quang', 'INTEGER', 0, null),
    THON: await el('THON', 'Tổng số thôn', 'INTEGER', 0, null),
    TYLE: await el('TYLE', 'Tỷ lệ dân số được phủ sóng di động', 'PERCENTAGE'),
    GHICHU: await el('GHICHU', 'Ghi chú khác', 'TEXT'),
  };

  const form = (code: string, name: string, periodType: string, kind: string, division: number) =>
    id(db, 'INSERT INTO report_forms (code, name, period_type, kind, division_id) VALUES ($1,$2,$3,$4,$5)', [code, name, periodType, kind, division]);
  const quarterly = await form('BC-Q', 'Báo cáo kết quả hoạt động quý', 'Quarterly', 'administrative', divTelecom);
  const yearly = await form('BC-N', 'Báo cáo thống kê năm', 'Yearly', 'statistical', divIt);
  const monthly = await form('BC-T', 'Báo cáo tháng', 'Monthly', 'administrative', divTelecom);
  const s1 = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'Viễn thông', 1)`, [quarterly]);
  const s2 = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'Khác', 2)`, [quarterly]);
  let sort = 0;
  for (const [section, element] of [[s1, elements.BTS], [s1, elements.THON_BR], [s1, elements.THON], [s2, elements.TYLE], [s2, elements.GHICHU]])
    await db.query('INSERT INTO form_elements (form_id, section_id, data_element_id, sort) VALUES ($1,$2,$3,$4)', [quarterly, section, element, sort++]);
  const s3 = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'Chung', 1)`, [yearly]);
  await db.query('INSERT INTO form_elements (form_id, section_id, data_element_id, sort, required) VALUES ($1,$2,$3,0,true)', [yearly, s3, elements.BTS]);
  await db.query(
    `INSERT INTO validation_rules (code, name, form_id, left_expr, operator, right_expr, importance, message) VALUES
       ('R_THON', 'Thôn băng rộng ≤ tổng số thôn', $1, '#{THON_BR}', 'le', '#{THON}', 'error', 'Số thôn có băng rộng không được lớn hơn tổng số thôn.'),
       ('R_TYLE', 'Tỷ lệ phủ sóng thấp', $1, '#{TYLE}', 'ge', '50', 'warning', 'Tỷ lệ phủ sóng dưới 50%, đề nghị giải trình.')`,
    [quarterly],
  );
  for (const u of [u1, u2, u3, closed]) await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [quarterly, u]);
  await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [yearly, u1]);
  await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [monthly, u2]);

  const units = { department, divTelecom, divIt, u1, u2, u3, closed, unassigned };
  const hash = await hashPassword(PASSWORD);
  const users = {} as Record<UserKey, number>;
  for (const [username, u] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
    users[username] = await id(db, 'INSERT INTO users (username, full_name, password_hash, role, org_unit_id) VALUES ($1,$2,$3,$4,$5)', [
      username.toLowerCase(), `Cán bộ ${username}`, hash, u.role, u.unit ? units[u.unit] : null,
    ]);
  }
  return { sectors: { telecom, it }, units, forms: { quarterly, yearly, monthly }, elements, users };
}

/** Inserts a round directly (the rounds API has its own tests). Deadline 17:00 Vietnam time. */
export const makeRound = (db: Db, formId: number, period: string, start: string, end: string, deadline: string, status = 'open') =>
  id(db, `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
          VALUES ($1,$2,$3,$4,$3,$4,$5,$6)`, [formId, period, start, end, new Date(`${deadline}T17:00:00+07:00`), status]);

/** Signs every fixture user in once; returns their cookie headers. */
export async function signInAll(app: FastifyInstance): Promise<Record<UserKey, { cookie: string }>> {
  const out = {} as Record<UserKey, { cookie: string }>;
  for (const key of Object.keys(USERS) as UserKey[]) out[key] = await loginAs(app, key.toLowerCase(), PASSWORD);
  return out;
}

export const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
