/** GET "Báo cáo kết quả giải quyết kiến nghị" for a period: an HTML preview, or a Decree 30 .docx / .pdf (rate-limited like reports). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { renderDocx } from '../documents/kit/docx.js';
import { renderHtml } from '../documents/kit/html.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import { resultsReportDocument } from './report.content.js';
import { assembleResultsReport, periodText, requireReportReader, resultsReportFileName } from './report.service.js';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/recommendations/report', {
    schema: {
      tags: ['recommendations'],
      summary: 'Báo cáo kết quả giải quyết kiến nghị của một kỳ (Nghị định 30/2020): xem trước HTML, tải .docx hoặc .pdf',
      description: 'Kỳ năm gồm mọi kiến nghị nêu trong năm. Số liệu theo lưới QĐ 42/2014 tính đến ngày lập; kiến nghị đã gộp được tính một lần.',
      querystring: z.object({
        period: z.string().max(20).describe('Kỳ: 2025, 2025Q4, 2025S1, 2025N1, 202503'),
        format: z.enum(['html', 'docx', 'pdf']).default('html'),
      }),
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    periodText(req.query.period);
    requireReportReader(user);
    if (req.query.format !== 'html') await takeRateLimit(app, req, reply, 'report');
    const doc = resultsReportDocument(await assembleResultsReport(app.db, req.query.period, app.clock.today()));
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(doc));
    const docx = await renderDocx(doc);
    if (req.query.format === 'docx') return sendFile(reply, docx, resultsReportFileName(req.query.period, 'docx'), DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), resultsReportFileName(req.query.period, 'pdf'), 'application/pdf');
  });
};
