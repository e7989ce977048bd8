/** The dossier documents (Decree 30/2020): a nomination's Báo cáo thành tích and the Tờ trình of a title and year, as HTML, .docx or .pdf. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { renderDocx } from '../documents/kit/docx.js';
import { renderHtml } from '../documents/kit/html.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import { IdParams } from './council.schema.js';
import { ProposalQuery } from './decision.schema.js';
import { achievementReport, type BuiltDossier, proposal } from './dossier.service.js';
import { DossierQuery } from './register.schema.js';

const tags = ['awards'];

export const dossierRoutes: FastifyPluginAsyncZod = async (app) => {
  const send = async (req: FastifyRequest, reply: FastifyReply, doc: BuiltDossier, format: 'html' | 'docx' | 'pdf') => {
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(doc.model));
    await takeRateLimit(app, req, reply, 'report');
    const docx = await renderDocx(doc.model);
    if (format === 'docx') return sendFile(reply, docx, doc.fileName('docx'), DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), doc.fileName('pdf'), 'application/pdf');
  };

  app.get('/api/awards/nominations/:id/report', {
    schema: {
      tags, summary: 'Báo cáo thành tích của một đề nghị, điền sẵn những gì Nhịp biết (cán bộ, đơn vị, chức vụ, xếp loại, sáng kiến, khen thưởng đã có)',
      params: IdParams, querystring: DossierQuery,
    },
  }, async (req, reply) => send(req, reply, await achievementReport(app.db, requireUser(req), req.params.id, app.clock.today()), req.query.format));

  app.get('/api/awards/proposals', {
    schema: {
      tags, summary: 'Tờ trình đề nghị khen thưởng một danh hiệu, hình thức của một năm: các đề nghị đã được thông qua, gửi cấp có thẩm quyền (Văn phòng, Ban Giám đốc)',
      querystring: ProposalQuery,
    },
  }, async (req, reply) => {
    const { format, ...q } = req.query;
    return send(req, reply, await proposal(app.db, requireUser(req), q, app.clock.today()), format);
  });
};
