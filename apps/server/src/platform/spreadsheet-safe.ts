/**
 * Safe exports (OWASP "CSV injection"): a spreadsheet program runs a cell that begins with `=`, `+`, `-`, `@`,
 * tab or carriage return as a formula (`=HYPERLINK(…)`, `-2+3+cmd|' /C calc'!A0`). Every CSV and .xlsx that
 * Nhịp writes goes through this file.
 *
 * - CSV: a text cell that would run gets a leading apostrophe ("'=HYPERLINK(…)"); every CSV reader of Nhịp
 *   removes exactly that apostrophe again (`restoreCsvText`), so an export re-imports to the same values.
 *   A text that itself starts with an apostrophe followed by such a character gets one more, so the two
 *   functions are exact inverses of each other.
 * - A plain negative number ("-5", "-0.25", "-1e3") is left alone: it is a number to every spreadsheet, no
 *   formula can be built from it, and Nhịp's value columns hold numbers as text. "-5+1" or "-abc" is text.
 * - .xlsx: a string cell is never evaluated (formulas live in their own element), so the value is kept exactly;
 *   `protectWorkbook` gives each formula-like string cell the text format '@', so editing the cell in Excel or
 *   LibreOffice keeps it text instead of turning it into a formula. This is what Excel's quotePrefix style does;
 *   exceljs cannot write quotePrefix, and an apostrophe inside the value would show and change the value.
 */
import type ExcelJS from 'exceljs';

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
/** A bare negative number in the forms Nhịp writes (no thousands separators, '.' for decimals). */
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a spreadsheet program would run this text as a formula (or a neutralised one would be ambiguous). */
export function needsNeutralising(text: string): boolean {
  if (text.length === 0) return false;
  const c = text[0];
  if (TRIGGERS.has(c)) return !NEGATIVE_NUMBER.test(text);
  return c === "'" && needsNeutralising(text.slice(1));
}

/** The text as a CSV cell should hold it: a leading apostrophe when it would otherwise run as a formula. */
export function neutraliseText(text: string): string {
  return needsNeutralising(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseText`, for every CSV reader: removes the apostrophe the writer added. */
export function restoreCsvText(text: string): string {
  return text.length > 1 && text[0] === "'" && needsNeutralising(text.slice(1)) ? text.slice(1) : text;
}

/** The inverse for an optional field (a column that may be missing from a row). */
export function restoreOptional<T extends string | undefined | null>(text: T): T {
  return (typeof text === 'string' ? restoreCsvText(text) : text) as T;
}

/**
 * One CSV field: numbers as they are, text neutralised, then quoted (RFC 4180) when it was neutralised (as
 * OWASP advises) or holds a delimiter (comma, semicolon or tab: readers guess among them), a quote or a line break.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = neutraliseText(v);
  return s !== v || /[",;\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** For papaparse's `quotes` option: quote a cell `neutraliseText` changed. */
export const quoteNeutralised = (cell: unknown): boolean => typeof cell === 'string' && cell.length > 1 && restoreCsvText(cell) !== cell;

/** One CSV line (without its line end). */
export const csvLine = (fields: (string | number | null | undefined)[]): string => fields.map(csvField).join(',');

/** The text of a cell value when it is one (plain or rich text), else null. */
function cellText(v: ExcelJS.CellValue): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  return null;
}

/**
 * Run on a workbook just before it is written: every string cell that would run as a formula once edited gets
 * the text number format '@'. Values, numbers, dates and Nhịp's own number formats are untouched.
 * Returns how many cells it marked (tests).
 */
export function protectWorkbook(wb: ExcelJS.Workbook): number {
  let marked = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const text = cellText(cell.value);
        if (text !== null && needsNeutralising(text)) {
          cell.numFmt = '@';
          marked += 1;
        }
      });
    });
  }
  return marked;
}
