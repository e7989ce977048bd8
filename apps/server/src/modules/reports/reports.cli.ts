/**
 * `nhip report draft --period 2023 --out report.docx`: the draft summary report, written in the format the
 * file's extension names — .docx (the report), .pdf (needs LibreOffice), .html (the preview) or .xlsx (its
 * appendix "Phụ lục số liệu").
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { renderSummaryReportHtml } from '../documents/summary-report.html.js';
import { periodWording } from '../documents/summary-report.model.js';
import { buildAppendixXlsx } from '../documents/summary-report.xlsx.js';
import { assembleSummaryReport, summaryPeriod } from './summary-report.service.js';

export type ReportFormat = 'docx' | 'pdf' | 'html' | 'xlsx';

/**
 * 'Dự thảo báo cáo tổng kết năm 2023.docx', '… quý IV năm 2023.pdf'; the appendix 'Phụ lục số liệu năm 2023.xlsx'
 * (ASCII fallback 'Du_thao_bao_cao_…' via sendFile).
 */
export function reportFileName(period: string, ext: Exclude<ReportFormat, 'html'>): string {
  const when = periodWording(period).current;
  return ext === 'xlsx' ? `Phụ lục số liệu ${when}.xlsx` : `Dự thảo báo cáo tổng kết ${when}.${ext}`;
}

/** The format an output file's extension names, or a Vietnamese 400. */
export function formatOfFile(file: string): ReportFormat {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'docx' || ext === 'pdf' || ext === 'html' || ext === 'xlsx') return ext;
  throw badRequest(`Tệp "${path.basename(file)}" phải có đuôi .docx (báo cáo), .pdf, .html (xem trước) hoặc .xlsx (phụ lục số liệu).`);
}

/** Writes the report (or its appendix) to `out` in the format its extension names; returns a one-line Vietnamese summary. */
export async function runReportDraft(db: Db, args: { period: string; out: string }, today: string, now = new Date()): Promise<string> {
  const period = summaryPeriod(args.period);
  const format = formatOfFile(args.out);
  const started = performance.now();
  const input = await assembleSummaryReport(db, { period: period.id, today });
  const when = periodWording(period.id).current;
  const ms = () => Math.round(performance.now() - started);
  if (format === 'xlsx') {
    const xlsx = await buildAppendixXlsx(input, now);
    await writeFile(args.out, xlsx);
    const rows = input.appendix.reduce((n, t) => n + t.rows.length, 0);
    return `Đã ghi ${args.out}: phụ lục số liệu ${when}, ${input.appendix.length} bảng, ${rows} chỉ tiêu, ${xlsx.length} byte, ${ms()} ms.`;
  }
  const body = format === 'html' ? Buffer.from(renderSummaryReportHtml(input), 'utf8')
    // One PDF and the command ends: a one-shot soffice is quicker than starting the warm office and stopping it again.
    : format === 'pdf' ? await docxToPdf(await buildSummaryReportDocx(input), { warm: false })
    : await buildSummaryReportDocx(input);
  await writeFile(args.out, body);
  const units = new Set(input.sectors.flatMap((s) => s.narrative.map((n) => n.unitName).filter(Boolean))).size;
  const figures = input.sectors.reduce((n, s) => n + s.figures.length, 0);
  return `Đã ghi ${args.out}: báo cáo ${when}, ${input.sectors.length} lĩnh vực, ${units} đơn vị, ${figures} chỉ tiêu chủ yếu, ${body.length} byte, ${ms()} ms.`;
}
