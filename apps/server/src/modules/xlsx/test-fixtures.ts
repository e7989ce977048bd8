/**
 * Test world for the Excel template and import: one quarterly form with every value type, two reporting
 * units of the form plus one whose report is approved, earlier-period values, and a tiny ZIP writer to build
 * hostile archives.
 */
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { XLSX_MIME } from '../../platform/http.js';
import { loginAs } from '../../test/server.js';
import { hashPassword } from '../identity/password.js';

export const PASSWORD = 'Mat-khau-rat-dai-1';

const id = async (db: Db, sql: string, params: unknown[]) => (await db.one<{ id: number }>(`${sql} RETURNING id`, params)).id;

export type XlsxWorld = {
  units: { hb: number; ts: number; kl: number; division: number };
  rounds: { q3: number; q2: number; q3Other: number };
  forms: { quarterly: number; other: number };
};

export const ELEMENTS = [
  { code: 'BC_DN', name: 'Số doanh nghiệp bưu chính', uom: 'doanh nghiệp', type: 'INTEGER', min: 0, max: 500, section: 1 },
  { code: 'VT_BTS', name: 'Số vị trí trạm BTS', uom: 'vị trí', type: 'INTEGER', min: 0, max: null, section: 1 },
  { code: 'THON_BR', name: 'Số thôn có Internet băng rộng cáp quang', uom: 'thôn', type: 'INTEGER', min: 0, max: null, section: 1 },
  { code: 'THON', name: 'Tổng số thôn', uom: 'thôn', type: 'INTEGER', min: 0, max: null, section: 1 },
  { code: 'DT_VT', name: 'Doanh thu dịch vụ viễn thông', uom: 'tỷ đồng', type: 'NUMBER', min: 0, max: null, section: 1 },
  { code: 'CDS_TL_HS', name: 'Tỷ lệ hồ sơ thủ tục hành chính trực tuyến', uom: '%', type: 'PERCENTAGE', min: null, max: null, section: 2 },
  { code: 'CDS_KYSO', name: 'Đã triển khai chữ ký số cho cán bộ', uom: null, type: 'BOOLEAN', min: null, max: null, section: 2 },
  { code: 'CDS_GHICHU', name: 'Tên các hệ thống thông tin dùng chung', uom: null, type: 'TEXT', min: null, max: null, section: 2 },
] as const;

export async function seedXlsxWorld(db: Db): Promise<XlsxWorld> {
  const unit = (code: string, name: string, type: string) =>
    id(db, 'INSERT INTO org_units (code, name, type) VALUES ($1,$2,$3)', [code, name, type]);
  const division = await unit('P-CDS', 'Phòng Chuyển đổi số', 'division');
  const hb = await unit('PVHTT-HB', 'Phòng Văn hóa và Thông tin huyện Hòa Bình', 'district_office');
  const ts = await unit('PVHTT-TS', 'Phòng Văn hóa và Thông tin huyện Tiên Sơn', 'district_office');
  const kl = await unit('TT-KL', 'Trung tâm Văn hóa – Thể thao – Truyền thông huyện Kim Long', 'media_centre');

  const quarterly = await id(db, `INSERT INTO report_forms (code, name, period_type, division_id) VALUES ('BC-VHTT-Q', 'Báo cáo kết quả công tác thông tin và truyền thông quý', 'Quarterly', $1)`, [division]);
  const other = await id(db, `INSERT INTO report_forms (code, name, period_type, division_id) VALUES ('BC-KHAC-Q', 'Báo cáo chuyên đề quý', 'Quarterly', $1)`, [division]);
  const s1 = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'I. Bưu chính, viễn thông', 1)`, [quarterly]);
  const s2 = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'II. Chuyển đổi số', 2)`, [quarterly]);
  const so = await id(db, `INSERT INTO form_sections (form_id, title, sort) VALUES ($1, 'Chung', 1)`, [other]);
  let sort = 0;
  for (const e of ELEMENTS) {
    const de = await id(db, 'INSERT INTO data_elements (code, name, uom, value_type, min_value, max_value) VALUES ($1,$2,$3,$4,$5,$6)', [e.code, e.name, e.uom, e.type, e.min, e.max]);
    await db.query('INSERT INTO form_elements (form_id, section_id, data_element_id, sort, required) VALUES ($1,$2,$3,$4,$5)', [quarterly, e.section === 1 ? s1 : s2, de, sort++, e.code === 'BC_DN']);
    if (e.code === 'VT_BTS') await db.query('INSERT INTO form_elements (form_id, section_id, data_element_id, sort) VALUES ($1,$2,$3,0)', [other, so, de]);
  }
  await db.query(
    `INSERT INTO validation_rules (code, name, form_id, left_expr, operator, right_expr, importance, message) VALUES
       ('R_THON', 'Thôn băng rộng ≤ tổng số thôn', $1, '#{THON_BR}', 'le', '#{THON}', 'error', 'Số thôn có băng rộng không được lớn hơn tổng số thôn.')`,
    [quarterly],
  );
  for (const u of [hb, ts, kl]) {
    await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [quarterly, u]);
    await db.query('INSERT INTO form_units (form_id, org_unit_id) VALUES ($1,$2)', [other, u]);
  }
  const round = (form: number, period: string, start: string, end: string, deadline: string) =>
    id(db, `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline)
            VALUES ($1,$2,$3,$4,$3,$4,$5)`, [form, period, start, end, new Date(`${deadline}T17:00:00+07:00`)]);
  const q3 = await round(quarterly, '2026Q3', '2026-07-01', '2026-09-30', '2026-12-15');
  const q2 = await round(quarterly, '2026Q2', '2026-04-01', '2026-06-30', '2026-07-15');
  const q3Other = await round(other, '2026Q3', '2026-07-01', '2026-09-30', '2026-12-15');

  // Earlier periods of Hòa Bình: the previous quarter and the same quarter last year.
  const elementId = async (code: string) => (await db.one<{ id: number }>('SELECT id FROM data_elements WHERE code = $1', [code])).id;
  for (const [period, code, value] of [
    ['2026Q2', 'BC_DN', '12'], ['2026Q2', 'VT_BTS', '1634'], ['2026Q2', 'THON', '120'], ['2026Q2', 'DT_VT', '45.5'], ['2026Q2', 'CDS_TL_HS', '94.3'],
    ['2025Q3', 'BC_DN', '10'], ['2025Q3', 'VT_BTS', '1500'],
  ] as const) {
    await db.query('INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value) VALUES ($1,$2,$3,$4,$5)', [await elementId(code), hb, period, value, Number(value)]);
  }
  // Kim Long's report of Q3 is approved and locked, with one value.
  const sub = await id(db, `INSERT INTO submissions (round_id, org_unit_id, status, results, version) VALUES ($1,$2,'approved','Đã hoàn thành.',3)`, [q3, kl]);
  await db.query('INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value, submission_id) VALUES ($1,$2,$3,$4,$5,$6)', [await elementId('BC_DN'), kl, '2026Q3', '7', 7, sub]);

  const hash = await hashPassword(PASSWORD);
  for (const [username, role, u] of [['bc_hb', 'reporter', hb], ['bc_ts', 'reporter', ts], ['bc_kl', 'reporter', kl], ['vp', 'office', null], ['cds', 'reviewer', division]] as const)
    await db.query('INSERT INTO users (username, full_name, password_hash, role, org_unit_id) VALUES ($1,$2,$3,$4,$5)', [username, `Cán bộ ${username}`, hash, role, u]);
  return { units: { hb, ts, kl, division }, rounds: { q3, q2, q3Other }, forms: { quarterly, other } };
}

export const signIn = (app: FastifyInstance, username: string) => loginAs(app, username, PASSWORD);

/** A multipart/form-data body with one file. */
export function multipart(file: Buffer, filename = 'bao-cao.xlsx', contentType = XLSX_MIME, field = 'file') {
  const boundary = `----nhip${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Everything an import could change, as one comparable string. */
export async function savedState(db: Db): Promise<string> {
  const values = await db.query('SELECT data_element_id, org_unit_id, period, value, comment FROM data_values ORDER BY 1, 2, 3');
  const subs = await db.query('SELECT id, round_id, org_unit_id, status, version, results, difficulties, proposals FROM submissions ORDER BY id');
  const audits = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM value_audit');
  const events = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action NOT LIKE 'auth.%'`);
  return JSON.stringify({ values, subs, audits: audits.n, events: events.n });
}

export type ZipItem = {
  name: string;
  data: Buffer;
  /** Store deflated (default) or as is. */
  deflate?: boolean;
  /** Lie in the directory about the uncompressed size. */
  declaredSize?: number;
  /** Already-deflated bytes to store instead of deflating `data`. */
  raw?: Buffer;
};

/** A minimal ZIP writer (no ZIP64) for hostile test archives. */
export function buildZip(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const deflate = it.deflate ?? true;
    const body = it.raw ?? (deflate ? zlib.deflateRawSync(it.data) : it.data);
    const size = it.declaredSize ?? it.data.length;
    const crc = zlib.crc32(it.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(items.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(items.length, 0xffff), 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The two entries every .xlsx has, so an archive reaches the size checks rather than the type check. */
export const xlsxSkeleton = (): ZipItem[] => [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
];
