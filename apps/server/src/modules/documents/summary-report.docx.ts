/**
 * The draft summary report as .docx: its document (summary-report.content.ts) rendered by the Decree 30 kit
 * (kit/docx.ts), with the key-figure tables in 12 pt and the appendix tables on a landscape page in 11 pt.
 */
import { renderDocx } from './kit/docx.js';
import { summaryReportDocument } from './summary-report.content.js';
import type { SummaryReportInput } from './summary-report.model.js';

export { oneLineWidth, WIDEST_FIGURE } from './kit/docx-layout.js';

export function buildSummaryReportDocx(input: SummaryReportInput): Promise<Buffer> {
  return renderDocx(summaryReportDocument(input));
}
