/**
 * Tables from a spreadsheet for the awards imports: a CSV (UTF-8, `,` or `;`) or an .xlsx (first sheet, first row
 * the header). The .xlsx passes the zip guard before exceljs opens it; every cell passes the text boundary's check,
 * and the error names the line and the column. Formula-like text exported by Nhịp comes back without its
 * apostrophe (CSV), and exports neutralise such cells (platform/spreadsheet-safe).
 */
import { checkText } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, badRequest } from '../../platform/errors.js';
import { neutraliseText, protectWorkbook, quoteNeutralised, restoreCsvText } from '../../platform/spreadsheet-safe.js';
import { csvRecords, decodeCsv } from '../org/org-csv.js';
import { cellText, openWorkbook } from '../xlsx/template-reader.js';
import { guardXlsx, sniff } from '../xlsx/zip-guard.js';

export type SheetRow<C extends string> = { line: number; values: Partial<Record<C, string>> };
export type LineError = { line: number; message: string };

const MAX_ROWS = 50_000;

/** A column: its key, and the header texts it is recognised by (the key itself, or its Vietnamese label). */
export type Column<C extends string> = { key: C; label: string; aliases?: readonly string[] };

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();

function headerIndex<C extends string>(header: string[], columns: readonly Column<C>[], required: readonly C[]) {
  const known = (h: string) => columns.find((c) => [c.key, c.label, ...(c.aliases ?? [])].some((x) => fold(x) === fold(h)));
  const list = columns.map((c) => c.key).join(', ');
  if (!header.some((h) => known(h))) throw badRequest(`Dòng đầu tiên của tệp phải là dòng tiêu đề, gồm các cột: ${list}.`);
  const missing = required.filter((k) => !header.some((h) => known(h)?.key === k));
  if (missing.length) throw badRequest(`Dòng tiêu đề thiếu cột bắt buộc: ${missing.join(', ')}. Các cột có thể dùng: ${list}.`);
  const unknown = header.filter((h) => h.trim() !== '' && !known(h));
  if (unknown.length) throw badRequest(`Dòng tiêu đề có cột không được hỗ trợ: ${unknown.join(', ')}. Các cột có thể dùng: ${list}.`);
  const twice = columns.filter((c) => header.filter((h) => known(h)?.key === c.key).length > 1);
  if (twice.length) throw badRequest(`Dòng tiêu đề có cột lặp lại: ${twice.map((c) => c.key).join(', ')}.`);
  return columns.map((c) => ({ key: c.key, i: header.findIndex((h) => known(h)?.key === c.key) })).filter((x) => x.i >= 0);
}

/** Raw records of the first worksheet of an .xlsx, by row number. */
async function xlsxRecords(buf: Buffer): Promise<{ line: number; fields: string[]; error?: string }[]> {
  guardXlsx(buf);
  const wb = await openWorkbook(buf);
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('Tệp Excel không có trang tính nào.');
  const out: { line: number; fields: string[]; error?: string }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const fields: string[] = [];
    const width = Math.max(row.cellCount, 0);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      fields.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cellText(cell));
    }
    out.push({ line: n, fields });
  });
  return out;
}

/**
 * Reads a table: the header row (by key or Vietnamese label), then the data rows. Throws 400 for a file that is
 * not a table of these columns; returns per-line problems (CSV syntax, too many cells, control characters).
 */
export async function readTable<C extends string>(
  input: Buffer | string, columns: readonly Column<C>[], required: readonly C[],
): Promise<{ rows: SheetRow<C>[]; errors: LineError[]; format: 'csv' | 'xlsx' }> {
  const isXlsx = typeof input !== 'string' && input.length > 0 && sniff(input) !== 'other';
  const format = isXlsx ? 'xlsx' : 'csv';
  const records = isXlsx ? await xlsxRecords(input as Buffer) : csvRecords(decodeCsv(input));
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (nonBlank.length === 0) throw badRequest('Tệp không có dữ liệu.');
  const [head, ...data] = nonBlank;
  const header = head.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  const present = headerIndex(header, columns, required);
  if (data.length === 0) throw badRequest('Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.');
  if (data.length > MAX_ROWS) throw new AppError(413, 'too_large', `Tệp có quá nhiều dòng (tối đa ${MAX_ROWS.toLocaleString('vi-VN')}).`);
  const errors: LineError[] = [];
  const rows: SheetRow<C>[] = [];
  for (const r of data) {
    if (r.error) {
      errors.push({ line: r.line, message: `Sai cú pháp CSV: ${r.error}.` });
      continue;
    }
    if (r.fields.length > header.length && r.fields.slice(header.length).some((f) => f.trim() !== '')) {
      errors.push({ line: r.line, message: `Có ${r.fields.length} cột, nhiều hơn dòng tiêu đề (${header.length} cột).${format === 'csv' ? ' Ô có dấu phẩy phải đặt trong ngoặc kép.' : ''}` });
      continue;
    }
    // The text boundary, cell by cell: every column is a one-line field.
    const bad = present.map(({ key, i }) => ({ key, check: checkText(r.fields[i] ?? '') })).find((x) => !x.check.ok);
    if (bad && !bad.check.ok) {
      errors.push({ line: r.line, message: `Cột "${bad.key}" ${bad.check.reason}.` });
      continue;
    }
    const values: Partial<Record<C, string>> = {};
    for (const { key, i } of present) {
      const raw = (r.fields[i] ?? '').normalize('NFC').trim();
      values[key] = format === 'csv' ? restoreCsvText(raw) : raw;
    }
    rows.push({ line: r.line, values });
  }
  return { rows, errors, format };
}

/** A table as CSV (RFC 4180, CRLF, no BOM); formula-like cells get the apostrophe the import removes. */
export function tableToCsv<C extends string>(columns: readonly Column<C>[], rows: Record<C, string>[]): string {
  return Papa.unparse(
    { fields: columns.map((c) => c.key), data: rows.map((r) => columns.map((c) => neutraliseText(r[c.key]))) },
    { newline: '\r\n', quotes: quoteNeutralised },
  );
}

/** A table as .xlsx: a header of keys (the import reads them back), a second sheet naming the columns in Vietnamese. */
export async function tableToXlsx<C extends string>(sheetName: string, columns: readonly Column<C>[], rows: Record<C, string | number>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(columns.map((c) => c.key));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key]));
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(10, columns[i].label.length + 2));
  });
  const legend = wb.addWorksheet('Chú thích');
  legend.addRow(['Cột', 'Ý nghĩa']);
  for (const c of columns) legend.addRow([c.key, c.label]);
  protectWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
