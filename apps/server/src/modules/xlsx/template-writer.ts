/**
 * Writes the Excel template of one unit's report for one round: a title block, one row per data element
 * (code in column A, value to fill in D, comment in E, earlier periods in F and G), the three narrative
 * sections, and a hidden sheet saying whom the file belongs to.
 */
import { NARRATIVE_SECTIONS, type ValueType, formatDate, formatDateTime, formatNumber } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import {
  CELL_TEXT_CHUNK, CODE_HEADER, COL, LAST_COL, MAIN_SHEET, META_KEYS, META_SHEET, NARRATIVE_PART, NUM_FMT, UNBOUNDED, identityChecksum,
  narrativeHeading,
} from './template-layout.js';
import type { TemplateElement, TemplateModel } from './template-model.js';

const GREY = 'FF808080';
const FILL_SECTION = 'FFDDEBF7';
const FILL_HEADER = 'FFBDD7EE';
const FILL_INPUT = 'FFFFF9E5';
const THIN = { style: 'thin' as const, color: { argb: 'FFA6A6A6' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Times New Roman';

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const INSTRUCTIONS = [
  'Hướng dẫn: nhập số liệu kỳ này vào cột D và ghi chú (nếu có) vào cột E; nhập nội dung thuyết minh vào các ô ở Phần II.',
  'Không sửa cột A (mã chỉ tiêu) — hệ thống dựa vào mã này để nhận số liệu. Ô để trống: giữ nguyên số liệu đã lưu trên hệ thống (muốn xóa một số liệu, hãy xóa trên Nhịp).',
  'Số thập phân nhập theo cài đặt của Excel trên máy (ví dụ 94,3). Tỷ lệ nhập theo phần trăm (94,3 nghĩa là 94,3%). Chỉ tiêu Có/Không: chọn trong danh sách.',
  'Điền xong, lưu tệp (.xlsx) rồi tải lên tại trang nhập báo cáo trên Nhịp: hệ thống hiển thị bản xem trước và kết quả kiểm tra trước khi ghi.',
].join('\n');

/** A saved canonical value as the cell should hold it: numbers stay numbers. */
export function cellValue(valueType: ValueType, stored: string | null): string | number | null {
  if (stored === null || stored === '') return null;
  if (valueType === 'BOOLEAN') return stored === 'true' ? 'Có' : stored === 'false' ? 'Không' : stored;
  if (valueType === 'TEXT') return stored;
  const n = Number(stored);
  return Number.isFinite(n) ? n : stored;
}

const boundsText = (el: TemplateElement) => {
  if (el.min === null && el.max === null) return '';
  if (el.min !== null && el.max !== null) return ` Giới hạn: từ ${formatNumber(el.min)} đến ${formatNumber(el.max)}.`;
  return el.min !== null ? ` Không nhỏ hơn ${formatNumber(el.min)}.` : ` Không lớn hơn ${formatNumber(el.max)}.`;
};

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Excel's own check of what is typed in column D: type, bounds, and a short input message. */
export function dataValidation(el: TemplateElement): ExcelJS.DataValidation {
  const keep = ' Để trống: giữ nguyên số liệu đã lưu.';
  const base = { allowBlank: true, showInputMessage: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Giá trị không hợp lệ' };
  const prompt = (what: string) => clip(`${clip(el.name, 120)}. ${what}${boundsText(el)}${keep}`, 255);
  const range = (lo: number, hi: number) => ({ operator: 'between' as const, formulae: [lo, hi] });
  switch (el.valueType) {
    case 'INTEGER':
      return { ...base, type: 'whole', ...range(el.min ?? -UNBOUNDED, el.max ?? UNBOUNDED), promptTitle: 'Nhập số nguyên', prompt: prompt('Nhập số nguyên.'), error: clip(`Phải là số nguyên.${boundsText(el)}`, 255) };
    case 'NUMBER':
      return { ...base, type: 'decimal', ...range(el.min ?? -UNBOUNDED, el.max ?? UNBOUNDED), promptTitle: 'Nhập số', prompt: prompt('Nhập số.'), error: clip(`Phải là số.${boundsText(el)}`, 255) };
    case 'PERCENTAGE':
      return {
        ...base, type: 'decimal', ...range(Math.max(0, el.min ?? 0), Math.min(100, el.max ?? 100)), promptTitle: 'Nhập tỷ lệ (%)',
        prompt: prompt('Nhập tỷ lệ phần trăm từ 0 đến 100 (94,3 nghĩa là 94,3%).'), error: 'Tỷ lệ phải là số từ 0 đến 100.',
      };
    case 'BOOLEAN':
      return { ...base, type: 'list', formulae: ['"Có,Không"'], promptTitle: 'Chọn Có hoặc Không', prompt: prompt('Chọn Có hoặc Không.'), error: 'Chỉ chọn Có hoặc Không.' };
    case 'TEXT':
      return { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [CELL_TEXT_CHUNK], promptTitle: 'Nhập nội dung', prompt: prompt('Nhập nội dung.'), error: 'Nội dung quá dài.' };
  }
}

function titleRow(ws: ExcelJS.Worksheet, row: number, text: string, font: Partial<ExcelJS.Font>, height?: number) {
  ws.mergeCells(`A${row}:${LAST_COL}${row}`);
  const cell = ws.getCell(`A${row}`);
  cell.value = text;
  cell.font = { name: FONT, size: 12, ...font };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (height) ws.getRow(row).height = height;
}

function headerRow(ws: ExcelJS.Worksheet, row: number, m: TemplateModel) {
  const labels = [
    CODE_HEADER, 'Chỉ tiêu', 'Đơn vị tính', `Số liệu ${m.identity.periodLabel}`, 'Ghi chú, giải thích',
    m.previousLabel ? `Kỳ trước (${m.previousLabel})` : 'Kỳ trước', m.lastYearLabel ? `Cùng kỳ năm trước (${m.lastYearLabel})` : 'Cùng kỳ năm trước',
  ];
  const r = ws.getRow(row);
  labels.forEach((label, i) => {
    const cell = r.getCell(i + 1);
    cell.value = label;
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.fill = solid(FILL_HEADER);
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  r.height = 36;
}

function sectionRow(ws: ExcelJS.Worksheet, row: number, title: string) {
  ws.mergeCells(`${COL.name}${row}:${LAST_COL}${row}`);
  ws.getCell(`${COL.name}${row}`).value = title;
  for (const col of [COL.code, COL.name]) {
    const cell = ws.getCell(`${col}${row}`);
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.fill = solid(FILL_SECTION);
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
  }
}

function elementRow(ws: ExcelJS.Worksheet, row: number, el: TemplateElement) {
  const r = ws.getRow(row);
  const set = (col: string, value: ExcelJS.CellValue) => {
    const cell = ws.getCell(`${col}${row}`);
    cell.value = value;
    cell.font = { name: FONT, size: 11 };
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', wrapText: true };
    return cell;
  };
  const code = set(COL.code, el.code);
  code.font = { name: FONT, size: 10, color: { argb: GREY } };
  code.numFmt = '@';
  set(COL.name, el.required ? `${el.name} (*)` : el.name);
  set(COL.uom, el.uom ?? '').alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const numeric = el.valueType !== 'TEXT' && el.valueType !== 'BOOLEAN';
  const value = set(COL.value, cellValue(el.valueType, el.value));
  value.numFmt = NUM_FMT[el.valueType];
  value.protection = { locked: false };
  value.fill = solid(FILL_INPUT);
  value.dataValidation = dataValidation(el);
  if (numeric) value.alignment = { horizontal: 'right', vertical: 'middle' };
  const comment = set(COL.comment, el.comment ?? null);
  comment.protection = { locked: false };
  comment.fill = solid(FILL_INPUT);
  for (const [col, stored] of [[COL.previous, el.previous], [COL.lastYear, el.lastYear]] as const) {
    const c = set(col, cellValue(el.valueType, stored));
    c.numFmt = NUM_FMT[el.valueType];
    c.font = { name: FONT, size: 11, color: { argb: 'FF595959' } };
    if (numeric) c.alignment = { horizontal: 'right', vertical: 'middle' };
  }
  r.height = el.name.length > 60 ? 30 : 18;
}

/** Splits a long text at the Excel cell limit; an empty text still gets one (empty) cell to type in. */
export function textChunks(text: string): string[] {
  if (text.length <= CELL_TEXT_CHUNK) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CELL_TEXT_CHUNK) out.push(text.slice(i, i + CELL_TEXT_CHUNK));
  return out;
}

/** Roughly how tall a wrapped narrative cell must be to show its text (Excel caps a row at 409 points). */
function narrativeHeight(text: string): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 130)), 0);
  return Math.min(409, Math.max(110, lines * 15 + 10));
}

function narrativeRows(ws: ExcelJS.Worksheet, start: number, narrative: NonNullable<TemplateModel['narrative']>): number {
  let row = start;
  titleRow(ws, row, NARRATIVE_PART, { bold: true }, 22);
  ws.getCell(`A${row}`).alignment = { horizontal: 'left', vertical: 'middle' };
  row += 1;
  for (const s of NARRATIVE_SECTIONS) {
    titleRow(ws, row, narrativeHeading(s), { bold: true }, 20);
    const head = ws.getCell(`A${row}`);
    head.alignment = { horizontal: 'left', vertical: 'middle' };
    head.fill = solid(FILL_SECTION);
    row += 1;
    for (const chunk of textChunks(narrative[s])) {
      ws.mergeCells(`A${row}:${LAST_COL}${row}`);
      const cell = ws.getCell(`A${row}`);
      cell.value = chunk;
      cell.font = { name: FONT, size: 12 };
      cell.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
      cell.protection = { locked: false };
      cell.fill = solid(FILL_INPUT);
      cell.border = BORDER;
      ws.getRow(row).height = narrativeHeight(chunk);
      row += 1;
    }
  }
  return row;
}

function metaSheet(wb: ExcelJS.Workbook, m: TemplateModel) {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const id = m.identity;
  const values: Record<(typeof META_KEYS)[number], string | number> = {
    version: id.version, roundId: id.roundId, unitId: id.unitId, unitCode: id.unitCode, unitName: id.unitName, formCode: id.formCode,
    formName: id.formName, period: id.period, periodLabel: id.periodLabel, checksum: identityChecksum(id), generatedAt: m.generatedAt.toISOString(),
  };
  for (const key of META_KEYS) ws.addRow([key, values[key]]);
  ws.getColumn(2).numFmt = '@';
}

/** The template as an .xlsx buffer. */
export async function writeTemplate(m: TemplateModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhịp';
  wb.created = m.generatedAt;
  wb.modified = m.generatedAt;
  wb.title = `${m.identity.formName} – ${m.identity.unitName} – ${m.identity.periodLabel}`;
  const ws = wb.addWorksheet(MAIN_SHEET, {
    properties: { defaultRowHeight: 18 },
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  ws.columns = [{ width: 16 }, { width: 54 }, { width: 12 }, { width: 18 }, { width: 30 }, { width: 18 }, { width: 18 }];
  const id = m.identity;
  titleRow(ws, 1, id.formName.toUpperCase(), { bold: true, size: 14 }, 36);
  titleRow(ws, 2, `Đơn vị báo cáo: ${id.unitName}`, { bold: true, size: 12 }, 20);
  const deadline = m.deadline ? ` — Hạn nộp: ${formatDate(m.deadline)}` : '';
  titleRow(ws, 3, `Kỳ báo cáo: ${id.periodLabel}${deadline} — Mã biểu: ${id.formCode}`, { size: 12 }, 20);
  titleRow(ws, 4, INSTRUCTIONS, { italic: true, size: 10 }, 78);
  ws.getCell('A4').alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  titleRow(ws, 5, 'PHẦN I. SỐ LIỆU BÁO CÁO', { bold: true }, 22);
  ws.getCell('A5').alignment = { horizontal: 'left', vertical: 'middle' };
  const header = 6;
  headerRow(ws, header, m);
  let row = header + 1;
  for (const section of m.sections) {
    sectionRow(ws, row, section.title);
    row += 1;
    for (const el of section.elements) {
      elementRow(ws, row, el);
      row += 1;
    }
  }
  row += 1;
  if (m.narrative) row = narrativeRows(ws, row, m.narrative);
  // In column B: column A holds only codes (and headings), so the import never mistakes this line for one.
  const note = ws.getCell(`${COL.name}${row + 1}`);
  note.value = `Tệp tạo từ Nhịp lúc ${formatDateTime(m.generatedAt)}. (*) chỉ tiêu bắt buộc.`;
  note.font = { name: FONT, italic: true, size: 9, color: { argb: GREY } };

  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: header, topLeftCell: `C${header + 1}`, activeCell: `${COL.value}${header + 2}` }];
  ws.pageSetup.printTitlesRow = `${header}:${header}`;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  metaSheet(wb, m);
  protectWorkbook(wb); // names, comments and notes that would run as formulas once edited stay text
  return Buffer.from(await wb.xlsx.writeBuffer());
}
