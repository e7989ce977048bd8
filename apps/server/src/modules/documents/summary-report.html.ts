/**
 * The draft summary report as a standalone HTML page for the in-browser preview: its document
 * (summary-report.content.ts) rendered by the Decree 30 kit (kit/html.ts), the same blocks as the .docx.
 */
import { renderHtml } from './kit/html.js';
import { summaryReportDocument } from './summary-report.content.js';
import type { SummaryReportInput } from './summary-report.model.js';

/** A complete HTML document (suitable for an iframe's srcdoc) previewing the report. */
export function renderSummaryReportHtml(input: SummaryReportInput): string {
  return renderHtml(summaryReportDocument(input));
}
