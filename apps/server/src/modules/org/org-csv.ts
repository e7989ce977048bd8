/**
 * The org unit CSV: `code,name,type,parentCode,validFrom,validTo,predecessorCodes` (RFC 4180, UTF-8,
 * predecessor codes separated by ';', dates YYYY-MM-DD; dd/mm/yyyy also read). Pure: text in, rows out.
 */
import { checkText } from '@nhip/contracts';
import Papa from 'papaparse';
import { AppError, badRequest } from '../../platform/errors.js';
import { neutraliseText, quoteNeutralised, restoreCsvText } from '../../platform/spreadsheet-safe.js';

export const CSV_COLUMNS = ['code', 'name', 'type', 'parentCode', 'validFrom', 'validTo', 'predecessorCodes'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRecord = Record<CsvColumn, string>;
export type CsvRow = { line: number; values: CsvRecord };
export type LineError = { line: number; message: string };

/** Largest CSV accepted (a province has a few thousand units; this leaves ample room). */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 50_000;

/**
 * U+FFFD (bytes that were not UTF-8) or more than a few control characters: not CSV text. A few control
 * characters are cells to correct, and the text boundary names each one's line and column (parseCsv).
 */
function hasBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) return true;
    if (((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) && ++controls > 8) return true;
  }
  return false;
}

/**
 * Serialises rows (already in column order) as RFC 4180 CSV with CRLF line ends, without BOM. Spreadsheet
 * programs run cells starting with = + - @ tab or CR as formulas: such a cell gets a leading apostrophe
 * (platform/spreadsheet-safe), which the import removes again.
 */
export function toCsv(rows: CsvRecord[]): string {
  return Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((c) => neutraliseText(r[c]))) },
    { newline: '\r\n', quotes: quoteNeutralised },
  );
}

/**
 * Turns an upload into text: UTF-8 with or without BOM. Refuses empty files, spreadsheets and
 * other binary content with a clear 400 / 415.
 */
export function decodeCsv(input: Buffer | string): string {
  if (typeof input !== 'string') {
    if (input.length === 0) throw badRequest('Tệp CSV trống.');
    if (input.length > MAX_CSV_BYTES) throw new AppError(413, 'too_large', 'Tệp CSV quá lớn (tối đa 10 MB).');
    if (input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04)
      throw new AppError(415, 'unsupported_media_type', 'Đây là tệp nén hoặc tệp Excel, không phải CSV. Trong Excel, hãy chọn "Lưu thành" → "CSV UTF-8".');
    try {
      input = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw badRequest('Tệp không phải văn bản UTF-8. Hãy lưu tệp dưới dạng "CSV UTF-8".');
    }
  }
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.length > MAX_CSV_BYTES) throw new AppError(413, 'too_large', 'Tệp CSV quá lớn (tối đa 10 MB).');
  if (text.startsWith('PK\u0003\u0004'))
    throw new AppError(415, 'unsupported_media_type', 'Đây là tệp nén hoặc tệp Excel, không phải CSV. Trong Excel, hãy chọn "Lưu thành" → "CSV UTF-8".');
  if (hasBinary(text))
    throw badRequest('Tệp không phải văn bản CSV (có ký tự nhị phân hoặc không đúng mã UTF-8). Hãy lưu tệp dưới dạng "CSV UTF-8".');
  text = text.normalize('NFC');
  if (text.trim() === '') throw badRequest('Tệp CSV trống.');
  return text;
}

const QUOTE_ERRORS: Record<string, string> = {
  MissingQuotes: 'dấu ngoặc kép (") chưa được đóng',
  InvalidQuotes: 'dấu ngoặc kép (") đặt sai chỗ; dấu ngoặc kép trong ô phải viết đôi ("")',
};

export type CsvRecordLine = { line: number; fields: string[]; error?: string };

/**
 * The records of decoded CSV text (`,`, or `;` when the first line has no comma), each with the physical line it
 * starts on and its syntax error in Vietnamese; blank lines are records of their own. Every CSV import reads this.
 */
export function csvRecords(text: string): CsvRecordLine[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: CsvRecordLine[] = [];
  let consumed = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (r) => {
      const end = r.meta.cursor;
      // Lines before the first character of this record (blank lines are records of their own).
      let start = consumed;
      while (start < end && (text[start] === '\n' || text[start] === '\r')) {
        if (text[start] === '\n') line += 1;
        start += 1;
      }
      const error = r.errors[0];
      records.push({ line, fields: r.data, error: error ? (QUOTE_ERRORS[error.code] ?? 'dòng không đúng định dạng CSV') : undefined });
      for (let i = start; i < end; i++) if (text[i] === '\n') line += 1;
      consumed = end;
    },
  });
  return records;
}

const clean = (v: string | undefined) => restoreCsvText((v ?? '').trim());

/**
 * Parses decoded CSV text. Throws 400 when there is no proper header or no data row; returns the data
 * rows with the physical line each starts on, plus per-line syntax errors (unclosed quotes, wrong
 * number of fields).
 */
export function parseCsv(text: string): { rows: CsvRow[]; errors: LineError[] } {
  const records = csvRecords(text);
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (nonBlank.length === 0) throw badRequest('Tệp CSV trống.');
  const [head, ...data] = nonBlank;
  const header = head.fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  const missing = CSV_COLUMNS.filter((c) => !header.some((h) => h.toLowerCase() === c.toLowerCase()));
  if (missing.length === CSV_COLUMNS.length)
    throw badRequest(`Dòng đầu tiên của tệp phải là dòng tiêu đề: ${CSV_COLUMNS.join(',')}.`);
  if (missing.length) throw badRequest(`Dòng tiêu đề thiếu cột: ${missing.join(', ')}. Các cột cần có: ${CSV_COLUMNS.join(',')}.`);
  const unknown = header.filter((h) => h !== '' && !CSV_COLUMNS.some((c) => c.toLowerCase() === h.toLowerCase()));
  if (unknown.length) throw badRequest(`Dòng tiêu đề có cột không được hỗ trợ: ${unknown.join(', ')}. Các cột cần có: ${CSV_COLUMNS.join(',')}.`);
  if (data.length === 0) throw badRequest('Tệp CSV chỉ có dòng tiêu đề, không có dòng dữ liệu nào.');
  if (data.length > MAX_ROWS) throw new AppError(413, 'too_large', `Tệp có quá nhiều dòng (tối đa ${MAX_ROWS.toLocaleString('vi-VN')}).`);
  const index = CSV_COLUMNS.map((c) => header.findIndex((h) => h.toLowerCase() === c.toLowerCase()));
  const errors: LineError[] = [];
  const rows: CsvRow[] = [];
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
    const bad = CSV_COLUMNS.map((c, i) => ({ c, check: checkText(r.fields[index[i]] ?? '') })).find((x) => !x.check.ok);
    if (bad && !bad.check.ok) {
      errors.push({ line: r.line, message: `Cột "${bad.c}" ${bad.check.reason}.` });
      continue;
    }
    const values = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, clean(r.fields[index[i]])])) as CsvRecord;
    rows.push({ line: r.line, values });
  }
  return { rows, errors };
}
