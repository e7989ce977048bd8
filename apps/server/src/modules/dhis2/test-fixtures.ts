/**
 * A small province for DHIS2 dialect tests, described as a metadata file (so loading it also
 * exercises the metadata import), plus one user of each role. Users sign in through the API.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { loginAs } from '../../test/server.js';
import { hashPassword } from '../identity/password.js';

export const PASSWORD = 'Mat-khau-rat-dai-1';

export const PROVINCE = {
  sectors: [
    { code: 'VT', name: 'Viễn thông', nameEn: 'Telecommunications', division: 'P_BCVT', sort: 1 },
    { code: 'CNTT', name: 'Công nghệ thông tin', sort: 2 },
  ],
  organisationUnits: [
    { code: 'TINH', name: 'Tỉnh Hưng Yên', type: 'province', parent: null, openingDate: '2000-01-01' },
    { code: 'SO', name: 'Sở Thông tin và Truyền thông', type: 'department', parent: 'TINH' },
    { code: 'P_BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parent: 'SO', sector: 'VT' },
    { code: 'P_CNTT', name: 'Phòng Công nghệ thông tin', type: 'division', parent: 'SO', sector: 'CNTT' },
    { code: 'DH', name: 'Phòng Văn hóa và Thông tin huyện Đông Hưng', type: 'district_office', parent: 'TINH', shortName: 'Đông Hưng' },
    { code: 'AT', name: 'Phòng Văn hóa và Thông tin huyện Ân Thi', type: 'district_office', parent: 'TINH' },
    { code: 'AT_X1', name: 'Xã Đặng Lễ', type: 'commune', parent: 'AT' },
    { code: 'CU', name: 'Phòng Văn hóa huyện cũ', type: 'district_office', parent: 'TINH', closedDate: '2019-12-31' },
    {
      code: 'MOI',
      name: 'Phòng Văn hóa huyện mới',
      type: 'district_office',
      parent: 'TINH',
      openingDate: '2020-01-01',
      predecessors: ['CU', { code: 'AT_X1', kind: 'transfer' }],
    },
  ],
  dataElements: [
    { code: 'BTS', name: 'Số vị trí trạm BTS', valueType: 'INTEGER', aggregationType: 'LAST', min: 0, sector: 'VT', uom: 'vị trí' },
    { code: 'THON_BR', name: 'Số thôn có Internet băng rộng cáp quang', valueType: 'INTEGER', aggregationType: 'LAST', min: 0, max: 5000 },
    { code: 'THON', name: 'Tổng số thôn', valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'LAST' },
    { code: 'TYLE', name: 'Tỷ lệ dân số được phủ sóng di động', valueType: 'PERCENTAGE', aggregationType: 'AVERAGE' },
    { code: 'DOANHTHU', name: 'Doanh thu dịch vụ viễn thông', valueType: 'NUMBER', aggregationType: 'SUM', uom: 'triệu đồng' },
    { code: 'GHICHU', name: 'Ghi chú khác', valueType: 'TEXT', aggregationType: 'NONE' },
    { code: 'CO_DAI', name: 'Có đài truyền thanh ứng dụng CNTT', valueType: 'BOOLEAN', aggregationType: 'NONE' },
  ],
  indicators: [
    {
      code: 'TL_THON_BR',
      name: 'Tỷ lệ thôn có băng rộng',
      numerator: '#{THON_BR}',
      denominator: '#{THON}',
      factor: 100,
      decimals: 1,
      uom: '%',
    },
  ],
  dataSets: [
    {
      code: 'BC_Q',
      name: 'Báo cáo kết quả hoạt động quý',
      periodType: 'Quarterly',
      division: 'P_BCVT',
      sections: [
        { title: 'Hạ tầng', dataElements: [{ code: 'BTS', required: true }, 'THON_BR', 'THON'] },
        { title: 'Khác', dataElements: ['TYLE', 'DOANHTHU', 'GHICHU', 'CO_DAI'] },
      ],
      organisationUnits: ['DH', 'AT', 'AT_X1', 'CU', 'MOI'],
    },
    {
      code: 'BC_N',
      name: 'Báo cáo thống kê năm',
      periodType: 'Yearly',
      kind: 'statistical',
      division: 'P_CNTT',
      dataElements: ['BTS', 'DOANHTHU'],
      organisationUnits: ['DH'],
    },
  ],
  validationRules: [
    {
      code: 'R_THON',
      name: 'Thôn băng rộng không quá tổng số thôn',
      dataSet: 'BC_Q',
      leftSide: { expression: '#{THON_BR}' },
      operator: 'less_than_or_equal_to',
      rightSide: { expression: '#{THON}' },
      importance: 'HIGH',
      instruction: 'Số thôn có băng rộng không được lớn hơn tổng số thôn.',
    },
  ],
  targets: [{ dataElement: 'BTS', orgUnit: 'DH', year: 2024, value: 120, note: 'Theo kế hoạch năm' }],
};

export const USERS = {
  office: { role: 'office', unit: null },
  director: { role: 'director', unit: null },
  viewer: { role: 'viewer', unit: null },
  revBcvt: { role: 'reviewer', unit: 'P_BCVT' },
  repDH: { role: 'reporter', unit: 'DH' },
  headDH: { role: 'unit_head', unit: 'DH' },
  repAT: { role: 'reporter', unit: 'AT' },
} as const;
export type UserKey = keyof typeof USERS;

/** Inserts one user per role (one password hash for all) and signs each in; returns cookie headers. */
export async function seedUsers(app: FastifyInstance, db: Db): Promise<Record<UserKey, { cookie: string }>> {
  const hash = await hashPassword(PASSWORD);
  const out = {} as Record<UserKey, { cookie: string }>;
  for (const [username, u] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
    await db.query(
      `INSERT INTO users (username, full_name, password_hash, role, org_unit_id) VALUES ($1, $2, $3, $4, (SELECT id FROM org_units WHERE code = $5))`,
      [username.toLowerCase(), `Người ${username}`, hash, u.role, u.unit],
    );
    out[username] = await loginAs(app, username.toLowerCase(), PASSWORD);
  }
  return out;
}

/** Opens a round of a form for a period (rounds belong to another module; tests seed them directly). */
export async function openRound(db: Db, form: string, period: string, start: string, end: string, status: 'open' | 'closed' = 'open') {
  return (
    await db.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ((SELECT id FROM report_forms WHERE code = $1), $2, $3, $4, $3, $4, ($4::date + 10)::timestamptz, $5) RETURNING id`,
      [form, period, start, end, status],
    )
  ).id;
}

/** Sets the status of a unit's submission in a round, creating it when needed. */
export async function setSubmission(db: Db, roundId: number, unit: string, status: 'draft' | 'submitted' | 'approved' | 'returned') {
  return (
    await db.one<{ id: number }>(
      `INSERT INTO submissions (round_id, org_unit_id, status) VALUES ($1, (SELECT id FROM org_units WHERE code = $2), $3)
       ON CONFLICT (round_id, org_unit_id) DO UPDATE SET status = EXCLUDED.status RETURNING id`,
      [roundId, unit, status],
    )
  ).id;
}

/** The stored value of a cell, or null. */
export async function storedValue(db: Db, de: string, ou: string, period: string) {
  return db.maybeOne<{ value: string; comment: string | null; submission_id: number | null }>(
    `SELECT v.value, v.comment, v.submission_id FROM data_values v JOIN data_elements e ON e.id = v.data_element_id
       JOIN org_units o ON o.id = v.org_unit_id WHERE e.code = $1 AND o.code = $2 AND v.period = $3`,
    [de, ou, period],
  );
}

export const count = async (db: Db, sql: string, params: unknown[] = []) =>
  (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
