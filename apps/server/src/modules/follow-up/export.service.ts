/**
 * The register as an Excel workbook (the board's filter): one sheet "Sổ theo dõi kiến nghị" with a row per
 * recommendation — its text, kind, sector, the units that raised it and how many periods, the owner division and
 * co-operating units, deadline, state, cell of the grid, progress, closing day, the answer and the reason — and a
 * sheet "Tổng hợp" with the grid's counts by owner division. Text cells that a spreadsheet would run as a formula
 * keep their exact value and get the text format (platform/spreadsheet-safe.ts). Dates are real dates (dd/mm/yyyy).
 */
import { type Actor, formatDate, periodLabel, parsePeriod, RECOMMENDATION_KIND_LABELS, RECOMMENDATION_STATE_LABELS, TIMELINESS, TIMELINESS_LABELS } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/index.js';
import { protectWorkbook } from '../../platform/spreadsheet-safe.js';
import { type BoardScope, type BoardSort, type BoardFilter, recommendationsRepo } from './recommendations.repository.js';
import { type BoardQuery, boardScope, raisersByRecommendation, resolveBoardFilter } from './recommendations.service.js';
import { summaryFor } from './summary.service.js';

/** At most this many rows in one workbook (the whole demo register is a few hundred; 100,000 takes about a minute). */
export const MAX_EXPORT_ROWS = 100_000;
export const EXPORT_SHEET = 'Sổ theo dõi kiến nghị';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

const COLUMNS: { header: string; width: number }[] = [
  { header: 'STT', width: 6 }, { header: 'Số hiệu', width: 9 }, { header: 'Nội dung kiến nghị', width: 60 }, { header: 'Loại', width: 18 },
  { header: 'Lĩnh vực', width: 22 }, { header: 'Đơn vị nêu', width: 32 }, { header: 'Số lần nêu', width: 9 }, { header: 'Kỳ nêu lần đầu', width: 14 },
  { header: 'Ngày nêu', width: 12 }, { header: 'Phòng chủ trì', width: 28 }, { header: 'Đơn vị phối hợp', width: 28 }, { header: 'Hạn giải quyết', width: 12 },
  { header: 'Trạng thái', width: 18 }, { header: 'Kết quả theo QĐ 42/2014', width: 24 }, { header: 'Tiến độ (%)', width: 9 },
  { header: 'Ngày kết thúc', width: 12 }, { header: 'Trả lời đơn vị', width: 50 }, { header: 'Ghi chú', width: 36 },
];

const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function filterLine(q: BoardQuery): string {
  const parts: string[] = [];
  if (q.period) parts.push(`kỳ ${parsePeriod(q.period) ? periodLabel(q.period) : q.period}`);
  if (q.owner) parts.push(`phòng chủ trì ${q.owner}`);
  if (q.unit) parts.push(`đơn vị nêu ${q.unit}`);
  if (q.sector) parts.push(`lĩnh vực ${q.sector}`);
  if (q.conference) parts.push(`hội nghị số ${q.conference}`);
  if (q.timeliness?.length) parts.push(q.timeliness.map((t) => TIMELINESS_LABELS[t].vi.toLowerCase()).join(', '));
  if (q.state?.length) parts.push(q.state.map((s) => RECOMMENDATION_STATE_LABELS[s].vi.toLowerCase()).join(', '));
  if (q.recurring) parts.push('nêu từ hai lần trở lên');
  if (q.q) parts.push(`có "${q.q}"`);
  return parts.length ? `Lọc: ${parts.join('; ')}.` : 'Toàn bộ sổ theo dõi.';
}

export async function buildRegisterXlsx(
  db: Db, scope: BoardScope, filter: BoardFilter, q: BoardQuery, day: string, now: Date, sort: BoardSort = 'deadline',
): Promise<{ buffer: Buffer; rows: number; truncated: boolean }> {
  const rows = await recommendationsRepo.all(db, scope, filter, day, sort, MAX_EXPORT_ROWS + 1);
  const truncated = rows.length > MAX_EXPORT_ROWS;
  if (truncated) rows.length = MAX_EXPORT_ROWS;
  const raisers = new Map<number, string[]>();
  const coop = new Map<number, string[]>();
  for (let i = 0; i < rows.length; i += 5000) {
    const ids = rows.slice(i, i + 5000).map((r) => r.id);
    for (const [id, units] of await raisersByRecommendation(db, ids)) raisers.set(id, units.map((u) => u.name));
    for (const c of await db.query<{ recommendation_id: number; name: string }>(
      `SELECT cu.recommendation_id, u.name FROM recommendation_cooperating_units cu JOIN org_units u ON u.id = cu.org_unit_id
        WHERE cu.recommendation_id = ANY($1::int[]) ORDER BY cu.recommendation_id, u.name`, [ids],
    )) coop.set(c.recommendation_id, [...(coop.get(c.recommendation_id) ?? []), c.name]);
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhịp';
  wb.created = now;
  const ws = wb.addWorksheet(EXPORT_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const title = ws.addRow(['SỔ THEO DÕI KIẾN NGHỊ, ĐỀ XUẤT VÀ NHIỆM VỤ']);
  title.getCell(1).font = { bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, COLUMNS.length);
  title.getCell(1).alignment = { horizontal: 'center' };
  ws.addRow([`${filterLine(q)} Số liệu đến ngày ${formatDate(day)}: ${rows.length.toLocaleString('vi-VN')} kiến nghị${truncated ? ` (chỉ xuất ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')} dòng đầu; hãy lọc hẹp hơn)` : ''}.`]).getCell(1).font = { italic: true };
  ws.addRow([]);
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEAD_FILL;
    cell.border = THIN;
  });
  COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 3 }];
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number, column: COLUMNS.length } };

  rows.forEach((r, i) => {
    const note = r.state === 'merged' ? `Đã gộp vào kiến nghị #${r.merged_into_id}` : r.state === 'carried' ? `Chuyển sang kỳ ${r.carried_to_period}: ${r.state_reason ?? ''}` : (r.state_reason ?? '');
    const row = ws.addRow([
      i + 1, r.id, r.text, RECOMMENDATION_KIND_LABELS[r.kind].vi, r.sector_name ?? '', (raisers.get(r.id) ?? []).join('; '), r.times_raised,
      r.first_period ? (parsePeriod(r.first_period) ? periodLabel(r.first_period) : r.first_period) : '', asDate(r.raised_on), r.owner_name ?? '',
      (coop.get(r.id) ?? []).join('; '), asDate(r.deadline), RECOMMENDATION_STATE_LABELS[r.state].vi, TIMELINESS_LABELS[r.timeliness].vi, r.progress,
      asDate(r.closed_on), r.answer_published_at ? (r.answer ?? '') : '', note,
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: col === 3 || col === 6 || col === 11 || col === 17 || col === 18 };
    });
    for (const col of [9, 12, 16]) row.getCell(col).numFmt = 'dd/mm/yyyy';
  });

  const sum = await summaryFor(db, scope, filter, day, 0);
  const ss = wb.addWorksheet('Tổng hợp');
  ss.addRow(['KẾT QUẢ GIẢI QUYẾT THEO PHÒNG CHỦ TRÌ']).getCell(1).font = { bold: true, size: 13 };
  ss.addRow(['Kiến nghị đã gộp vào kiến nghị khác được tính một lần.']).getCell(1).font = { italic: true };
  ss.addRow([]);
  const sh = ss.addRow(['Phòng chủ trì', ...TIMELINESS.map((t) => TIMELINESS_LABELS[t].vi), 'Tổng số']);
  sh.eachCell((c) => { c.font = { bold: true }; c.fill = HEAD_FILL; c.border = THIN; c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }; });
  for (const g of sum.byDivision) ss.addRow([g.name ?? '(chưa giao)', ...TIMELINESS.map((t) => g.counts[t]), g.counts.total]).eachCell((c) => { c.border = THIN; });
  const total = ss.addRow(['Tổng cộng', ...TIMELINESS.map((t) => sum.counts[t]), sum.counts.total]);
  total.eachCell((c) => { c.font = { bold: true }; c.border = THIN; });
  ss.getColumn(1).width = 36;
  for (let i = 2; i <= 6; i++) ss.getColumn(i).width = 16;

  protectWorkbook(wb);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length, truncated };
}

/** The workbook of what the actor may see. */
export async function exportRegister(db: Db, actor: Actor, q: BoardQuery & { sort?: BoardSort }, day: string, now: Date) {
  return buildRegisterXlsx(db, await boardScope(db, actor), await resolveBoardFilter(db, q), q, day, now, q.sort ?? 'deadline');
}

export const exportFileName = (q: BoardQuery, day: string) => `so-theo-doi-kien-nghi${q.period ? `-${q.period}` : ''}-${day}.xlsx`;
