/**
 * "Phụ lục số liệu" as an Excel workbook: the appendix figure tables of the draft summary report, one sheet with
 * a block per sector, for the office to rework the figures. Every figure is the .docx appendix's figure (the
 * same SummaryReportInput, rounded the same way: at most 2 decimals), stored as a real number with a number
 * format that shows exactly those decimals; Excel shows the separators of the reader's locale (1.634 in
 * Vietnamese, 1,634 in English). Pure: no database, no clock.
 */
import { periodLabel } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import { appendixSubtitle } from './summary-report.content.js';
import type { AppendixCell, SummaryReportInput } from './summary-report.model.js';
import { excelNumberFormat } from '../xlsx/number-format.js';

export const APPENDIX_SHEET = 'Phụ lục số liệu';
export const APPENDIX_TITLE = 'PHỤ LỤC SỐ LIỆU';
const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' },
};

/** The number as the .docx appendix shows it: rounded to at most 2 decimals. */
export function appendixNumber(n: number): number {
  const r = Number(n.toFixed(2));
  return Object.is(r, -0) ? 0 : r;
}


const isNumberColumn = (rows: readonly (readonly AppendixCell[])[], i: number) =>
  rows.some((r) => typeof r[i] === 'number') && rows.every((r) => typeof r[i] !== 'string');

export async function buildAppendixXlsx(input: SummaryReportInput, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhịp';
  wb.created = now;
  wb.title = `${APPENDIX_TITLE} ${periodLabel(input.period, 'vi')}`;
  const ws = wb.addWorksheet(APPENDIX_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    properties: { defaultRowHeight: 18 },
  });
  const width = Math.max(3, ...input.appendix.map((t) => t.columns.length));
  ws.properties.defaultColWidth = 16;
  const style = (cell: ExcelJS.Cell, font: Partial<ExcelJS.Font> = {}) => {
    cell.font = { name: FONT, size: 12, ...font };
  };
  const banner = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    style(row.getCell(1), font);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    return row;
  };
  banner(APPENDIX_TITLE, { bold: true, size: 14 });
  banner(`Kỳ báo cáo: ${periodLabel(input.period, 'vi')}`, { bold: true });
  banner(appendixSubtitle(input), { italic: true });
  if (input.appendix.length === 0) banner('Chưa có số liệu đã phê duyệt trong kỳ.', {});

  const textWidth = new Map<number, number>();
  for (const t of input.appendix) {
    ws.addRow([]);
    const title = ws.addRow([t.title]);
    ws.mergeCells(title.number, 1, title.number, width);
    style(title.getCell(1), { bold: true, size: 13 });
    const head = ws.addRow([...t.columns]);
    head.height = 34;
    head.eachCell((cell) => {
      style(cell, { bold: true });
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    });
    const numeric = t.columns.map((_, i) => isNumberColumn(t.rows, i));
    for (const r of t.rows) {
      const row = ws.addRow(t.columns.map((_, i) => {
        const v = r[i] ?? null;
        return typeof v === 'number' ? (Number.isFinite(v) ? appendixNumber(v) : null) : v;
      }));
      t.columns.forEach((_, i) => {
        const cell = row.getCell(i + 1);
        style(cell);
        cell.border = THIN;
        cell.alignment = { vertical: 'middle', wrapText: !numeric[i], horizontal: numeric[i] ? (t.columns[i] === 'STT' ? 'center' : 'right') : 'left' };
        if (typeof cell.value === 'number') cell.numFmt = excelNumberFormat(cell.value);
        else if (typeof cell.value === 'string') textWidth.set(i, Math.max(textWidth.get(i) ?? 0, cell.value.length));
      });
    }
  }
  // column widths: STT narrow, text columns by their longest text (wrapped past 60), figures 16
  for (let i = 0; i < width; i++) {
    const first = input.appendix.find((t) => t.columns.length > i)?.columns[i];
    ws.getColumn(i + 1).width = first === 'STT' ? 6 : textWidth.has(i) ? Math.min(60, Math.max(12, (textWidth.get(i) ?? 0) + 2)) : 16;
  }
  protectWorkbook(wb); // names, comments and notes that would run as formulas once edited stay text
  return Buffer.from(await wb.xlsx.writeBuffer());
}
