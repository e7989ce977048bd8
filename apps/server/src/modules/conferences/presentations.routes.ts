import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest } from '../../platform/errors.js';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { ConferenceIdParam, DeadlineText } from './conferences.schema.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';
import type { PresentationRow } from './presentations.repository.js';
import {
  MAX_PRESENTATION_BYTES, MAX_PRESENTATION_TEXT, askPresentation, listPresentations, loadPresentation, presentationFile, updatePresentation,
  uploadPresentation, withdrawPresentation,
} from './presentations.service.js';

const TAGS = ['conferences'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Params = z.object({ id: Id, presentationId: Id });

const Presentation = z.object({
  id: z.number(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  topic: z.string(),
  dueAt: z.date(),
  presenter: z.object({ personId: z.number(), fullName: z.string().nullable() }).nullable(),
  agendaItemId: z.number().nullable(),
  file: z.object({ name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.date().nullable(), href: z.string() }).nullable(),
  replaceableUntil: z.date().describe('Đơn vị thay được tệp đến hạn nộp'),
});

const AskBody = z.object({
  unitId: Id,
  topic: z.string().min(1).max(500),
  dueAt: DeadlineText.describe('Hạn nộp, trước giờ khai mạc; một ngày (17 giờ) hoặc ngày giờ'),
  presenterPersonId: Id.nullable().optional().describe('Người trình bày (cán bộ của đơn vị)'),
});
const PatchBody = z.object({
  topic: z.string().min(1).max(500).optional(),
  dueAt: DeadlineText.optional(),
  presenterPersonId: Id.nullable().optional(),
});

const present = (p: PresentationRow): z.infer<typeof Presentation> => ({
  id: p.id,
  unit: { id: p.org_unit_id, code: p.unit_code, name: p.unit_name },
  topic: p.topic,
  dueAt: p.due_at,
  presenter: p.presenter_person_id === null ? null : { personId: p.presenter_person_id, fullName: p.presenter_name },
  agendaItemId: p.agenda_item_id,
  file: p.file_name
    ? {
        name: p.file_name, mime: p.file_mime ?? '', size: p.file_size ?? 0, sha256: p.file_sha256 ?? '', uploadedAt: p.uploaded_at,
        href: `/api/conferences/${p.conference_id}/presentations/${p.id}/file`,
      }
    : null,
  replaceableUntil: p.due_at,
});

export const presentationRoutes: FastifyPluginAsyncZod = async (app) => {
  const one = async (u: Parameters<typeof loadVisibleConference>[1], id: number, pid: number) =>
    present(await loadPresentation(app.db, u, await loadVisibleConference(app.db, u, id), pid));

  app.get('/api/conferences/:id/presentations', {
    schema: {
      tags: TAGS, summary: 'Các bài tham luận được đề nghị (đơn vị chỉ thấy bài của mình), và giới hạn dung lượng tệp', params: ConferenceIdParam,
      response: { 200: z.object({ items: z.array(Presentation), limits: z.object({ presentationBytes: z.number().describe('Dung lượng tối đa của một tệp tham luận (byte)') }) }) },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    return { items: (await listPresentations(app.db, u, loaded)).map(present), limits: { presentationBytes: MAX_PRESENTATION_BYTES } };
  });

  app.post('/api/conferences/:id/presentations', {
    schema: {
      tags: TAGS, summary: 'Đề nghị một đơn vị được mời trình bày tham luận (chủ đề, hạn nộp trước giờ khai mạc)',
      params: ConferenceIdParam, body: AskBody, response: { 201: Presentation },
    },
  }, async (req, reply) => {
    const u = requireUser(req);
    const pid = await askPresentation(app.db, u, auditActor(req), req.params.id, req.body, app.clock.now());
    return reply.status(201).send(await one(u, req.params.id, pid));
  });

  app.patch('/api/conferences/:id/presentations/:presentationId', {
    schema: { tags: TAGS, summary: 'Sửa chủ đề, hạn nộp, người trình bày của bài tham luận', params: Params, body: PatchBody, response: { 200: Presentation } },
  }, async (req) => {
    const u = requireUser(req);
    await updatePresentation(app.db, u, auditActor(req), req.params.id, req.params.presentationId, req.body, app.clock.now());
    return one(u, req.params.id, req.params.presentationId);
  });

  app.delete('/api/conferences/:id/presentations/:presentationId', {
    schema: { tags: TAGS, summary: 'Rút đề nghị tham luận (khi đơn vị chưa nộp bài)', params: Params, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    const u = requireUser(req);
    await withdrawPresentation(app.db, u, auditActor(req), req.params.id, req.params.presentationId);
    return { ok: true };
  });

  app.put('/api/conferences/:id/presentations/:presentationId/file', {
    schema: {
      tags: TAGS,
      summary: `Đơn vị nộp hoặc thay bài tham luận (.docx, .pdf, .pptx, kiểm tra theo nội dung; tối đa ${MAX_PRESENTATION_TEXT}) đến hạn nộp`,
      consumes: ['multipart/form-data'], params: Params, response: { 200: Presentation },
    },
  }, async (req) => {
    const u = requireUser(req);
    // Visibility and rights first: another unit's presentation answers 404 whatever the file.
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    const p = await loadPresentation(app.db, u, loaded, req.params.presentationId);
    requireConference(u, 'present', loaded, p.org_unit_id);
    if (!req.isMultipart()) throw badRequest('Hãy gửi tệp theo dạng multipart/form-data, trong trường "file".');
    const tooLarge = () => new AppError(413, 'too_large', `Tệp tham luận vượt quá ${MAX_PRESENTATION_TEXT}; tệp chưa được lưu${p.file_name ? ', bài đã nộp trước được giữ nguyên' : ''}.`);
    let filename: string;
    let content: Buffer;
    try {
      const part = await req.file({ limits: { fileSize: MAX_PRESENTATION_BYTES } });
      if (!part) throw badRequest('Chưa có tệp nào được gửi lên.');
      if (part.fieldname !== 'file') throw badRequest('Tệp phải được gửi trong trường "file".');
      filename = part.filename;
      content = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw e;
    }
    await uploadPresentation(app.db, u, auditActor(req), req.params.id, req.params.presentationId, { filename, content }, app.clock.now());
    return one(u, req.params.id, req.params.presentationId);
  });

  app.get('/api/conferences/:id/presentations/:presentationId/file', {
    schema: { tags: TAGS, summary: 'Tải bài tham luận', params: Params },
  }, async (req, reply) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    const { row, content } = await presentationFile(app.db, u, loaded, req.params.presentationId);
    return sendFile(reply, content, row.file_name!, row.file_mime ?? 'application/octet-stream');
  });
};
