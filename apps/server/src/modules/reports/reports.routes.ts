import { canDo } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.js';
import { XLSX_MIME, requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { renderSummaryReportHtml } from '../documents/summary-report.html.js';
import { buildAppendixXlsx } from '../documents/summary-report.xlsx.js';
import { reportFileName } from './reports.cli.js';
import { assembleSummaryReport, summaryPeriod } from './summary-report.service.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const Query = z.object({
  period: z.string().max(20).describe('Kỳ báo cáo: 2023, 2023Q1, 2023S1, 2023N1'),
  format: z.enum(['html', 'docx', 'pdf', 'xlsx']).default('html').describe('html: xem trước; docx, pdf: tải về; xlsx: phụ lục số liệu'),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/reports/summary', {
    schema: {
      tags: ['reports'],
      summary: 'Dự thảo báo cáo tổng kết theo Nghị định 30/2020 (xem trước HTML, tải .docx hoặc .pdf; phụ lục số liệu .xlsx) lập từ số liệu đã duyệt',
      querystring: Query,
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const period = summaryPeriod(req.query.period);
    if (!canDo(user, 'completeness.read')) throw forbidden('Chỉ văn phòng, lãnh đạo Sở, cán bộ thẩm định và người xem mới lập được báo cáo tổng kết.');
    if (req.query.format !== 'html') await takeRateLimit(app, req, reply, 'report');
    const input = await assembleSummaryReport(app.db, { period: period.id, today: app.clock.today() });
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(renderSummaryReportHtml(input));
    if (req.query.format === 'xlsx') return sendFile(reply, await buildAppendixXlsx(input, app.clock.now()), reportFileName(period.id, 'xlsx'), XLSX_MIME);
    const docx = await buildSummaryReportDocx(input);
    if (req.query.format === 'docx') return sendFile(reply, docx, reportFileName(period.id, 'docx'), DOCX_MIME);
    const pdf = await docxToPdf(docx);
    return sendFile(reply, pdf, reportFileName(period.id, 'pdf'), 'application/pdf');
  });
};
