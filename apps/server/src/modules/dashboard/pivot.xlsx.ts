/**
 * The pivot table as an Excel sheet "Bảng tổng hợp": a title, the filter lines, one header row per column
 * dimension (item names, merged over the columns they span), the row headers, and the figures as numeric cells
 * with number formats ('#,##0', '#,##0.0'…; Excel shows the reader's locale separators). Empty cells stay blank.
 * Panes are frozen below the headers and right of the row headers.
 */
import ExcelJS from 'exceljs';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import { excelNumberFormat } from '../xlsx/number-format.js';
import { DIM_LABELS, type PivotTable } from './pivot.service.js';

export const PIVOT_SHEET = 'Bảng tổng hợp';
export const PIVOT_TITLE = 'BẢNG TỔNG HỢP SỐ LIỆU';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

export async function buildPivotXlsx(t: PivotTable, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhịp';
  wb.created = now;
  const ws = wb.addWorksheet(PIVOT_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const { rows: rowDims, columns: colDims } = t.layout;
  const left = rowDims.length; // row-header columns
  const width = Math.max(1, left + t.colKeys.length);

  const title = ws.addRow([PIVOT_TITLE]);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  ws.mergeCells(title.number, 1, title.number, width);
  for (const note of t.notes) ws.addRow([note]).getCell(1).font = { italic: true };
  ws.addRow([]);

  // header rows: one per column dimension (or one "Giá trị" row when nothing is on the columns)
  const headLevels = Math.max(1, colDims.length);
  const firstHead = ws.rowCount + 1;
  for (let level = 0; level < headLevels; level++) {
    const row = ws.getRow(firstHead + level);
    rowDims.forEach((d, i) => { row.getCell(i + 1).value = level === headLevels - 1 ? DIM_LABELS[d] : null; });
    t.colKeys.forEach((key, j) => {
      row.getCell(left + j + 1).value = colDims.length === 0 ? 'Giá trị' : t.name(key[level]!);
    });
    // merge a name over the columns whose keys agree up to this level
    if (colDims.length > 0) {
      let start = 0;
      for (let j = 1; j <= t.colKeys.length; j++) {
        const same = j < t.colKeys.length && t.colKeys[j]!.slice(0, level + 1).join('|') === t.colKeys[start]!.slice(0, level + 1).join('|');
        if (!same) {
          if (j - 1 > start) ws.mergeCells(row.number, left + start + 1, row.number, left + j);
          start = j;
        }
      }
    }
  }
  if (headLevels > 1) for (let i = 1; i <= left; i++) ws.mergeCells(firstHead, i, firstHead + headLevels - 1, i);
  for (let r = firstHead; r < firstHead + headLevels; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEAD_FILL;
      cell.border = THIN;
    }
  }

  // body: the row headers (an outer name only where it changes), then the figures
  const labelWidth = rowDims.map((d) => DIM_LABELS[d].length);
  t.rowKeys.forEach((key, i) => {
    const prev = t.rowKeys[i - 1];
    const row = ws.addRow([]);
    key.forEach((code, k) => {
      const changed = !prev || prev.slice(0, k + 1).join('|') !== key.slice(0, k + 1).join('|');
      const cell = row.getCell(k + 1);
      cell.value = changed || k === key.length - 1 ? t.name(code) : null;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = THIN;
      labelWidth[k] = Math.max(labelWidth[k]!, t.name(code).length);
    });
    t.colKeys.forEach((colKey, j) => {
      const cell = row.getCell(left + j + 1);
      const v = t.cell(key, colKey);
      cell.border = THIN;
      if (v === null) return;
      cell.value = v.value;
      cell.numFmt = excelNumberFormat(v.value, v.decimals);
    });
  });

  labelWidth.forEach((w, i) => { ws.getColumn(i + 1).width = Math.min(60, Math.max(14, w + 2)); });
  t.colKeys.forEach((key, j) => {
    const longest = Math.max(colDims.length === 0 ? 8 : 0, ...key.map((c) => t.name(c).length));
    ws.getColumn(left + j + 1).width = Math.min(30, Math.max(13, Math.ceil(longest / 2) + 2));
  });
  ws.views = [{ state: 'frozen', xSplit: left, ySplit: firstHead + headLevels - 1 }];
  protectWorkbook(wb); // names, comments and notes that would run as formulas once edited stay text
  return Buffer.from(await wb.xlsx.writeBuffer());
}
