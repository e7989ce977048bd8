import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest } from '../../platform/errors.js';
import { sendFile } from '../../platform/http.js';
import { addAttachment, deleteAttachment, readAttachment } from './attachments.service.js';
import { presentAttachment } from './submissions.presenter.js';
import { actorOf } from './submissions.routes.js';
import * as S from './submissions.schema.js';

const TAGS = ['submissions'];

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/rounds/:roundId/units/:unitId/attachments', {
    schema: {
      tags: TAGS, summary: 'Đính kèm tệp vào báo cáo (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB; kiểm tra theo nội dung)',
      consumes: ['multipart/form-data'], params: S.UnitParams, response: { 201: S.Attachment },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw badRequest('Hãy gửi tệp theo dạng multipart/form-data, trong trường "file".');
    const part = await req.file();
    if (!part) throw badRequest('Chưa có tệp nào được gửi lên.');
    if (part.fieldname !== 'file') throw badRequest('Tệp phải được gửi trong trường "file".');
    const content = await part.toBuffer(); // over 20 MB → 413, before anything is written
    // A file cut at the size limit is never stored in part.
    if (part.file.truncated) throw new AppError(413, 'too_large', 'Tệp tải lên vượt quá 20 MB hoặc bị cắt cụt; tệp chưa được lưu.');
    const row = await addAttachment(app.db, actor, req.params.roundId, req.params.unitId, { filename: part.filename, content }, app.clock.now());
    return reply.status(201).send(presentAttachment(row));
  });

  app.get('/api/attachments/:id', {
    schema: { tags: TAGS, summary: 'Tải tệp đính kèm', params: S.IdParams },
  }, async (req, reply) => {
    const { meta, content } = await readAttachment(app.db, actorOf(req), req.params.id);
    return sendFile(reply, content, meta.filename, meta.mime);
  });

  app.delete('/api/attachments/:id', {
    schema: { tags: TAGS, summary: 'Xóa tệp đính kèm (khi báo cáo còn được sửa)', params: S.IdParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await deleteAttachment(app.db, actorOf(req), req.params.id);
    return { ok: true };
  });
};
