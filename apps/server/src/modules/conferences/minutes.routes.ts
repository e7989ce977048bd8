import { canConference, multilineText } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { auditActor, requireUser } from '../../platform/http.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference } from './conferences.service.js';
import { requireDepartmentView } from './live.routes.js';
import { type MinutesView, minutesRevision, minutesRevisions, readMinutes, recompileMinutes, saveMinutes } from './minutes.service.js';

const TAGS = ['conferences'];
const Revision = z.number().int().min(0).max(2_147_483_647);

export const MinutesContentSchema = z.object({
  number: z.string().max(20).nullable().describe('Số biên bản khi đã vào sổ (ví dụ 03), null khi chưa có'),
  time: z.string().max(500),
  place: z.string().max(1000),
  chair: z.string().max(500),
  secretary: z.string().max(500),
  attendance: z.array(z.string().max(1000)).max(200),
  items: z.array(z.object({
    agendaItemId: z.number().int().positive().max(2_147_483_647).nullable(),
    title: z.string().max(500),
    text: multilineText().max(100_000).describe('Mỗi dòng một đoạn; dòng bắt đầu bằng "- " là một ý gạch đầu dòng'),
  })).max(200),
  closing: z.string().max(500),
});

const View = z.object({
  revision: z.number().describe('Gửi lại làm baseRevision khi lưu; 0: chưa lưu lần nào'),
  content: MinutesContentSchema,
  compiled: z.boolean().describe('Nội dung này được lập tự động từ ghi chép'),
  unsaved: z.boolean().describe('Chưa lưu lần nào: nội dung vừa được lập từ ghi chép, chưa lưu'),
  editedBy: z.string().nullable(),
  editedAt: z.date().nullable(),
  canEdit: z.boolean(),
});

const RevisionParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), revision: z.coerce.number().int().positive().max(2_147_483_647) });

export const minutesRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });
  const present = async (req: FastifyRequest, id: number, v: MinutesView): Promise<z.infer<typeof View>> => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, id);
    return { ...v, canEdit: canConference(user, 'minutes', loaded.subject) };
  };

  app.get('/api/conferences/:id/minutes', {
    schema: {
      tags: TAGS, summary: 'Biên bản hội nghị: bản đã lưu mới nhất (chưa lưu: bản lập từ ghi chép, chưa lưu)', params: ConferenceIdParam, response: { 200: View },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    return { ...(await readMinutes(app.db, loaded)), canEdit: canConference(user, 'minutes', loaded.subject) };
  });

  app.put('/api/conferences/:id/minutes', {
    schema: {
      tags: TAGS, summary: 'Lưu biên bản thành một phiên bản mới; 409 kèm bản mới nhất nếu đã có người lưu sau bản đang sửa (baseRevision)',
      params: ConferenceIdParam, body: z.object({ baseRevision: Revision, content: MinutesContentSchema }), response: { 200: View },
    },
  }, async (req) => present(req, req.params.id, await saveMinutes(app.db, who(req), req.params.id, req.body, app.clock.now())));

  app.post('/api/conferences/:id/minutes/recompile', {
    schema: {
      tags: TAGS, summary: 'Lập lại biên bản từ ghi chép, ý kiến thảo luận và kết luận (lưu thành phiên bản mới; số biên bản giữ nguyên)',
      params: ConferenceIdParam, body: z.object({ baseRevision: Revision }), response: { 200: View },
    },
  }, async (req) => present(req, req.params.id, await recompileMinutes(app.db, who(req), req.params.id, req.body.baseRevision, app.clock.now())));

  app.get('/api/conferences/:id/minutes/revisions', {
    schema: {
      tags: TAGS, summary: 'Các phiên bản đã lưu của biên bản, mới nhất trước', params: ConferenceIdParam,
      response: { 200: z.object({ items: z.array(z.object({ revision: z.number(), compiled: z.boolean(), editedBy: z.string().nullable(), editedAt: z.date() })) }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    const rows = await minutesRevisions(app.db, loaded.conference.id);
    return { items: rows.map((r) => ({ revision: r.revision, compiled: r.compiled, editedBy: r.edited_by_name, editedAt: r.edited_at })) };
  });

  app.get('/api/conferences/:id/minutes/revisions/:revision', {
    schema: {
      tags: TAGS, summary: 'Một phiên bản đã lưu của biên bản', params: RevisionParams,
      response: { 200: z.object({ revision: z.number(), content: MinutesContentSchema, compiled: z.boolean(), editedBy: z.string().nullable(), editedAt: z.date() }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    const r = await minutesRevision(app.db, loaded.conference.id, req.params.revision);
    if (!r) throw notFound('Không có phiên bản biên bản này.');
    return { revision: r.revision, content: r.content, compiled: r.compiled, editedBy: r.edited_by_name, editedAt: r.edited_at };
  });
};
