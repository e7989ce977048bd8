/**
 * The people CSV: `id,fullName,unitCode,position,gender,birthDate,phone,email,username,validFrom` (RFC 4180,
 * UTF-8, dates YYYY-MM-DD; dd/mm/yyyy also read; `,` or `;` between cells). fullName and unitCode are
 * required; any other column may be left out, and then the import keeps what is stored for it. Pure: text in,
 * rows out. Decoding (BOM, UTF-8, size, binary files) is the units CSV's (org-csv decodeCsv).
 */
import { checkText } from '@nhip/contracts';
import Papa from 'papaparse';
import { AppError, badRequest } from '../../platform/errors.js';
import { neutraliseText, quoteNeutralised, restoreCsvText } from '../../platform/spreadsheet-safe.js';
import { csvRecords } from '../org/org-csv.js';

export const PEOPLE_COLUMNS = ['id', 'fullName', 'unitCode', 'position', 'gender', 'birthDate', 'phone', 'email', 'username', 'validFrom'] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly PeopleColumn[] = ['fullName', 'unitCode'];

/** A data row: the cells of the columns the file has (absent columns are absent keys). */
export type PeopleRecord = Partial<Record<PeopleColumn, string>>;
export type PeopleRow = { line: number; values: PeopleRecord };
export type LineError = { line: number; message: string };

const MAX_ROWS = 50_000;

/** Serialises rows as RFC 4180 CSV with CRLF line ends, without BOM; formula-like cells get the apostrophe. */
export function peopleToCsv(rows: Record<PeopleColumn, string>[]): string {
  return Papa.unparse(
    { fields: [...PEOPLE_COLUMNS], data: rows.map((r) => PEOPLE_COLUMNS.map((c) => neutraliseText(r[c]))) },
    { newline: '\r\n', quotes: quoteNeutralised },
  );
}

/**
 * Parses decoded CSV text. Throws 400 when there is no proper header or no data row; returns the data rows
 * with the physical line each starts on, plus per-line errors (CSV syntax, too many cells, control characters).
 */
export function parsePeopleCsv(text: string): { rows: PeopleRow[]; errors: LineError[] } {
  const records = csvRecords(text);
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (nonBlank.length === 0) throw badRequest('Tệp CSV trống.');
  const [head, ...data] = nonBlank;
  const header = head.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  const known = (h: string) => PEOPLE_COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase());
  const list = PEOPLE_COLUMNS.join(',');
  if (!header.some((h) => known(h))) throw badRequest(`Dòng đầu tiên của tệp phải là dòng tiêu đề, ví dụ: ${list}.`);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.some((h) => known(h) === c));
  if (missing.length) throw badRequest(`Dòng tiêu đề thiếu cột bắt buộc: ${missing.join(', ')}. Các cột có thể dùng: ${list}.`);
  const unknown = header.filter((h) => h !== '' && !known(h));
  if (unknown.length) throw badRequest(`Dòng tiêu đề có cột không được hỗ trợ: ${unknown.join(', ')}. Các cột có thể dùng: ${list}.`);
  const twice = PEOPLE_COLUMNS.filter((c) => header.filter((h) => known(h) === c).length > 1);
  if (twice.length) throw badRequest(`Dòng tiêu đề có cột lặp lại: ${twice.join(', ')}.`);
  if (data.length === 0) throw badRequest('Tệp CSV chỉ có dòng tiêu đề, không có dòng dữ liệu nào.');
  if (data.length > MAX_ROWS) throw new AppError(413, 'too_large', `Tệp có quá nhiều dòng (tối đa ${MAX_ROWS.toLocaleString('vi-VN')}).`);
  const present = PEOPLE_COLUMNS.map((c) => ({ c, i: header.findIndex((h) => known(h) === c) })).filter((x) => x.i >= 0);
  const errors: LineError[] = [];
  const rows: PeopleRow[] = [];
  for (const r of data) {
    if (r.error) {
      errors.push({ line: r.line, message: `Sai cú pháp CSV: ${r.error}.` });
      continue;
    }
    if (r.fields.length > header.length && r.fields.slice(header.length).some((f) => f.trim() !== '')) {
      errors.push({ line: r.line, message: `Có ${r.fields.length} cột, nhiều hơn dòng tiêu đề (${header.length} cột). Ô có dấu phẩy phải đặt trong ngoặc kép.` });
      continue;
    }
    // The text boundary, cell by cell: every column of the file is a one-line field.
    const bad = present.map(({ c, i }) => ({ c, check: checkText(r.fields[i] ?? '') })).find((x) => !x.check.ok);
    if (bad && !bad.check.ok) {
      errors.push({ line: r.line, message: `Cột "${bad.c}" ${bad.check.reason}.` });
      continue;
    }
    const values: PeopleRecord = {};
    for (const { c, i } of present) values[c] = restoreCsvText((r.fields[i] ?? '').normalize('NFC').trim());
    rows.push({ line: r.line, values });
  }
  return { rows, errors };
}

/** Gender as the file may write it: male/female, Nam/Nữ (with or without diacritics). Undefined: not a gender. */
export function parseGender(s: string): 'male' | 'female' | null | undefined {
  const t = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  if (t === '') return null;
  if (t === 'male' || t === 'nam' || t === 'm') return 'male';
  if (t === 'female' || t === 'nu' || t === 'f') return 'female';
  return undefined;
}

export const genderCell = (g: 'male' | 'female' | null) => (g === 'male' ? 'Nam' : g === 'female' ? 'Nữ' : '');
