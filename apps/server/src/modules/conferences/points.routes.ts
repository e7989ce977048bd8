import { canConference, multilineText, POINT_KINDS, POINT_SOURCES, UNIT_TYPES, type UnitType } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference } from './conferences.service.js';
import { requireDepartmentView } from './live.routes.js';
import type { PointRow } from './points.repository.js';
import { createPoint, deletePoint, listPoints, reorderPoints, updatePoint } from './points.service.js';

const TAGS = ['conferences'];
const Id = z.number().int().positive().max(2_147_483_647);
const PointParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), pointId: z.coerce.number().int().positive().max(2_147_483_647) });

export const Point = z.object({
  id: z.number(),
  source: z.enum(POINT_SOURCES).describe('conclusion: kết luận của Giám đốc Sở; directive: chỉ đạo của lãnh đạo tỉnh'),
  number: z.number(),
  kind: z.enum(POINT_KINDS),
  text: z.string(),
  ownerDivision: z.object({ id: z.number(), name: z.string() }).nullable(),
  coUnits: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(UNIT_TYPES) })),
  deadline: z.string().nullable().describe('YYYY-MM-DD'),
  sector: z.object({ id: z.number(), name: z.string() }).nullable(),
  discussionItem: z.object({ id: z.number(), text: z.string() }).nullable(),
});

export const presentPoint = (p: PointRow): z.infer<typeof Point> => ({
  id: p.id,
  source: p.source,
  number: p.number,
  kind: p.kind,
  text: p.text,
  ownerDivision: p.owner_division_id !== null && p.owner_division_name !== null ? { id: p.owner_division_id, name: p.owner_division_name } : null,
  coUnits: p.co_units.map((u) => ({ id: u.id, name: u.name, type: u.type as UnitType })),
  deadline: p.deadline,
  sector: p.sector_id !== null && p.sector_name !== null ? { id: p.sector_id, name: p.sector_name } : null,
  discussionItem: p.discussion_item_id !== null && p.discussion_item_text !== null ? { id: p.discussion_item_id, text: p.discussion_item_text } : null,
});

export const PointFields = {
  kind: z.enum(POINT_KINDS),
  text: multilineText().min(1).max(5000),
  ownerDivisionId: Id.nullable().optional().describe('Phòng chủ trì (bắt buộc với nhiệm vụ)'),
  coUnitIds: z.array(Id).max(100).optional().describe('Đơn vị phối hợp'),
  deadline: z.string().max(20).nullable().optional().describe('Hạn hoàn thành, YYYY-MM-DD, sau ngày hội nghị (bắt buộc với nhiệm vụ)'),
  sectorId: Id.nullable().optional(),
  discussionItemId: Id.nullable().optional().describe('Ý kiến thảo luận mà điểm này trả lời'),
};

export const pointRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });

  app.get('/api/conferences/:id/points', {
    schema: {
      tags: TAGS, summary: 'Kết luận của Giám đốc Sở và chỉ đạo của lãnh đạo tỉnh, theo từng điểm', params: ConferenceIdParam,
      response: { 200: z.object({ conclusion: z.array(Point), directive: z.array(Point), canEdit: z.boolean() }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    const points = (await listPoints(app.db, loaded.conference.id)).map(presentPoint);
    return {
      conclusion: points.filter((p) => p.source === 'conclusion'),
      directive: points.filter((p) => p.source === 'directive'),
      canEdit: canConference(user, 'conclude', loaded.subject),
    };
  });

  app.post('/api/conferences/:id/points', {
    schema: {
      tags: TAGS, summary: 'Thêm một điểm kết luận hoặc chỉ đạo (thông tin, quyết định, nhiệm vụ)', params: ConferenceIdParam,
      body: z.object({ source: z.enum(POINT_SOURCES), ...PointFields }), response: { 201: Point },
    },
  }, async (req, reply) => {
    const { source, ...input } = req.body;
    return reply.status(201).send(presentPoint(await createPoint(app.db, who(req), req.params.id, source, input, app.clock.now())));
  });

  app.patch('/api/conferences/:id/points/:pointId', {
    schema: { tags: TAGS, summary: 'Sửa một điểm kết luận hoặc chỉ đạo', params: PointParams, body: z.object(PointFields).partial(), response: { 200: Point } },
  }, async (req) => presentPoint(await updatePoint(app.db, who(req), req.params.id, req.params.pointId, req.body, app.clock.now())));

  app.delete('/api/conferences/:id/points/:pointId', {
    schema: { tags: TAGS, summary: 'Xóa một điểm (các điểm sau được đánh số lại)', params: PointParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await deletePoint(app.db, who(req), req.params.id, req.params.pointId);
    return { ok: true };
  });

  app.put('/api/conferences/:id/points/order', {
    schema: {
      tags: TAGS, summary: 'Sắp xếp lại các điểm của kết luận hoặc của chỉ đạo', params: ConferenceIdParam,
      body: z.object({ source: z.enum(POINT_SOURCES), ids: z.array(Id).max(500) }),
      response: { 200: z.object({ conclusion: z.array(Point), directive: z.array(Point) }) },
    },
  }, async (req) => {
    const points = (await reorderPoints(app.db, who(req), req.params.id, req.body.source, req.body.ids)).map(presentPoint);
    return { conclusion: points.filter((p) => p.source === 'conclusion'), directive: points.filter((p) => p.source === 'directive') };
  });
};
