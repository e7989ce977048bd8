import { CONFERENCE_DOCUMENTS, UNIT_ROLES } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.js';
import { requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { renderHtml } from '../documents/kit/html.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';
import { buildDocument, documentDocx, invitationDocx } from './documents.service.js';
import { registerInvitationDocument } from './invitations.service.js';

const TAGS = ['conferences'];

const Params = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  kind: z.enum(CONFERENCE_DOCUMENTS).describe('invitation: Giấy mời; agenda: Chương trình; minutes: Biên bản; conclusion: Thông báo kết luận'),
});
const Query = z.object({
  format: z.enum(['html', 'docx', 'pdf']).default('html').describe('html: xem trước; docx, pdf: tải về'),
});

// The invitation e-mails carry the Giấy mời as built here.
registerInvitationDocument(async (db, conference) => {
  const d = await invitationDocx(db, conference);
  return { filename: d.filename, content: d.content, contentType: DOCX_MIME };
});

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/conferences/:id/documents/:kind', {
    schema: {
      tags: TAGS,
      summary: 'Văn bản của hội nghị theo Nghị định 30/2020: Giấy mời, Chương trình, Biên bản, Thông báo kết luận (bản đã ban hành, hoặc dự thảo) — xem trước HTML, tải .docx hoặc .pdf',
      params: Params, querystring: Query,
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'view', loaded);
    const unit = UNIT_ROLES.includes(user.role);
    // Units read what is addressed to them: the invitation, the programme and the issued notice.
    if (unit && req.params.kind === 'minutes') throw forbidden('Biên bản hội nghị là hồ sơ của Văn phòng Sở; đơn vị xem thông báo kết luận khi được ban hành.');
    if (req.query.format !== 'html') await takeRateLimit(app, req, reply, 'conference');
    const doc = await buildDocument(app.db, loaded.conference, req.params.kind, app.clock.today());
    if (unit && doc.draft) throw forbidden('Thông báo kết luận chưa được ban hành.');
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(doc.model));
    const docx = await documentDocx(doc);
    if (req.query.format === 'docx') return sendFile(reply, docx, doc.fileName('docx'), DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), doc.fileName('pdf'), 'application/pdf');
  });
};
