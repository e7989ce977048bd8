/** `nhip report draft --period 2023 --out report.docx`: the draft summary report as a .docx file. */
import { writeFile } from 'node:fs/promises';
import type { Db } from '../../platform/db/index.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { periodWording } from '../documents/summary-report.model.js';
import { assembleSummaryReport, summaryPeriod } from './summary-report.service.js';

/** 'Dự thảo báo cáo tổng kết năm 2023.docx', '… quý IV năm 2023.pdf' (ASCII fallback 'Du_thao_bao_cao_…' via sendFile). */
export function reportFileName(period: string, ext: 'docx' | 'pdf'): string {
  return `Dự thảo báo cáo tổng kết ${periodWording(period).current}.${ext}`;
}

/** Writes the report to `out`; returns a one-line Vietnamese summary. */
export async function runReportDraft(db: Db, args: { period: string; out: string }, today: string): Promise<string> {
  const period = summaryPeriod(args.period);
  const started = performance.now();
  const input = await assembleSummaryReport(db, { period: period.id, today });
  const docx = await buildSummaryReportDocx(input);
  await writeFile(args.out, docx);
  const units = new Set(input.sectors.flatMap((s) => s.narrative.map((n) => n.unitName))).size;
  const figures = input.sectors.reduce((n, s) => n + s.figures.length, 0);
  const ms = Math.round(performance.now() - started);
  return `Đã ghi ${args.out}: báo cáo ${periodWording(period.id).current}, ${input.sectors.length} lĩnh vực, ${units} đơn vị, ${figures} chỉ tiêu chủ yếu, ${docx.length} byte, ${ms} ms.`;
}
