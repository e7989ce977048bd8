/** The completeness of one round as an Excel workbook, Vietnamese headings, for the office to print or forward. */
import { STATUS_LABELS, UNIT_TYPE_LABELS, type UnitType, formatDateTime, parsePeriod, periodLabel } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import type { Completeness, Totals } from './completeness.js';
import type { RoundRow } from './rounds.repository.js';

export const SHEETS = { summary: 'Tổng hợp', byType: 'Theo loại đơn vị', bySector: 'Theo lĩnh vực', late: 'Đơn vị nộp muộn' } as const;

const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';
const TZ_OFFSET_MS = 7 * 3600_000;

/** Excel has no time zones: write the Vietnam wall-clock time so the cell shows the Vietnamese date. */
const excelDate = (d: Date) => new Date(d.getTime() + TZ_OFFSET_MS);

function header(ws: ExcelJS.Worksheet, columns: { header: string; width: number }[]) {
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 32;
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const GROUP_COLUMNS = (first: string) => [
  { header: first, width: 36 },
  { header: 'Số đơn vị phải nộp', width: 14 },
  { header: 'Đã nộp', width: 10 },
  { header: 'Nộp đúng hạn', width: 12 },
  { header: 'Nộp muộn / quá hạn', width: 14 },
  { header: 'Tỷ lệ nộp báo cáo', width: 14 },
  { header: 'Tỷ lệ nộp đúng hạn', width: 14 },
];

function groupRow(ws: ExcelJS.Worksheet, label: string, t: Totals) {
  const row = ws.addRow([label, t.assigned, t.submitted, t.onTime, t.late, t.completeness, t.timeliness]);
  row.getCell(6).numFmt = PERCENT;
  row.getCell(7).numFmt = PERCENT;
  return row;
}

export async function completenessWorkbook(round: RoundRow, c: Completeness, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhịp';
  wb.created = now;
  const p = parsePeriod(round.period);
  const label = p ? periodLabel(p, 'vi') : round.period;

  const sum = wb.addWorksheet(SHEETS.summary);
  header(sum, [{ header: 'Nội dung', width: 42 }, { header: 'Giá trị', width: 40 }]);
  sum.addRow(['Biểu mẫu báo cáo', `${round.form_code} – ${round.form_name}`]);
  sum.addRow(['Kỳ báo cáo', label]);
  sum.addRow(['Thời gian chốt số liệu', `${formatDay(round.cutoff_start)} – ${formatDay(round.cutoff_end)}`]);
  const dl = sum.addRow(['Hạn nộp', excelDate(round.deadline)]);
  dl.getCell(2).numFmt = DATE;
  sum.addRow(['Số đơn vị phải nộp', c.total.assigned]);
  sum.addRow(['Số đơn vị đã nộp', c.total.submitted]);
  sum.addRow(['Số đơn vị nộp đúng hạn', c.total.onTime]);
  sum.addRow(['Số đơn vị nộp muộn hoặc quá hạn chưa nộp', c.total.late]);
  sum.addRow(['Tỷ lệ nộp báo cáo', c.total.completeness]).getCell(2).numFmt = PERCENT;
  sum.addRow(['Tỷ lệ nộp đúng hạn', c.total.timeliness]).getCell(2).numFmt = PERCENT;
  sum.addRow(['Số liệu tính đến', formatDateTime(now)]);
  sum.getColumn(2).alignment = { horizontal: 'left' };

  const byType = wb.addWorksheet(SHEETS.byType);
  header(byType, GROUP_COLUMNS('Loại đơn vị'));
  for (const g of c.byUnitType) groupRow(byType, UNIT_TYPE_LABELS[g.key as UnitType]?.vi ?? g.label, g);
  groupRow(byType, 'Tổng cộng', c.total).font = { bold: true };

  const bySector = wb.addWorksheet(SHEETS.bySector);
  header(bySector, GROUP_COLUMNS('Lĩnh vực'));
  for (const g of c.bySector) groupRow(bySector, g.label, g);
  groupRow(bySector, 'Tổng cộng', c.total).font = { bold: true };

  const late = wb.addWorksheet(SHEETS.late);
  header(late, [
    { header: 'STT', width: 6 },
    { header: 'Mã đơn vị', width: 14 },
    { header: 'Tên đơn vị', width: 44 },
    { header: 'Loại đơn vị', width: 28 },
    { header: 'Trạng thái', width: 14 },
    { header: 'Ngày nộp', width: 13 },
    { header: 'Số ngày muộn', width: 13 },
  ]);
  c.lateUnits.forEach((l, i) => {
    const row = late.addRow([
      i + 1, l.orgUnit.code, l.orgUnit.name, UNIT_TYPE_LABELS[l.orgUnit.type as UnitType]?.vi ?? l.orgUnit.type,
      STATUS_LABELS[l.status].vi, l.submittedAt ? excelDate(l.submittedAt) : 'Chưa nộp', l.daysLate,
    ]);
    if (l.submittedAt) row.getCell(6).numFmt = DATE;
  });

  protectWorkbook(wb); // names, comments and notes that would run as formulas once edited stay text
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const formatDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
