import { canConference, DISCUSSION_KINDS, multilineText, UNIT_TYPES, type UnitType } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference } from './conferences.service.js';
import type { DiscussionRow } from './discussion.repository.js';
import {
  createDiscussionItem, deleteDiscussionItem, listDiscussion, prefillDiscussion, reorderDiscussion, updateDiscussionItem,
} from './discussion.service.js';
import { requireDepartmentView } from './live.routes.js';

const TAGS = ['conferences'];
const Id = z.number().int().positive().max(2_147_483_647);
const ItemParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), itemId: z.coerce.number().int().positive().max(2_147_483_647) });

const Item = z.object({
  id: z.number(),
  position: z.number(),
  kind: z.enum(DISCUSSION_KINDS),
  text: z.string(),
  source: z.enum(['report', 'floor']).describe('report: lấy từ báo cáo đã duyệt của đơn vị; floor: ý kiến tại hội nghị'),
  raised: z.boolean().describe('Đã được nêu tại hội nghị'),
  sector: z.object({ id: z.number(), name: z.string() }).nullable(),
  speaker: z.object({ personId: z.number().nullable(), name: z.string() }).nullable(),
  units: z.array(z.object({
    id: z.number(), name: z.string(), type: z.enum(UNIT_TYPES),
    submissionId: z.number().nullable(), section: z.enum(['results', 'difficulties', 'proposals']).nullable(),
    itemIndex: z.number().nullable().describe('Thứ tự của ý trong mục đó của báo cáo (từ 0)'),
  })),
  agendaItem: z.object({ id: z.number(), title: z.string() }).nullable(),
  answeredBy: z.number().describe('Số điểm kết luận, chỉ đạo trả lời ý kiến này'),
  createdAt: z.date(),
});

export const presentDiscussionItem = (i: DiscussionRow): z.infer<typeof Item> => ({
  id: i.id,
  position: i.position,
  kind: i.kind,
  text: i.text,
  source: i.source,
  raised: i.raised,
  sector: i.sector_id !== null && i.sector_name !== null ? { id: i.sector_id, name: i.sector_name } : null,
  speaker: i.speaker_name || i.speaker_person_name ? { personId: i.speaker_person_id, name: i.speaker_name || i.speaker_person_name || '' } : null,
  units: i.units.map((u) => ({
    id: u.org_unit_id, name: u.name, type: u.type as UnitType, submissionId: u.submission_id, section: u.section, itemIndex: u.item_index,
  })),
  agendaItem: i.agenda_item_id !== null && i.agenda_item_title !== null ? { id: i.agenda_item_id, title: i.agenda_item_title } : null,
  answeredBy: i.point_count,
  createdAt: i.created_at,
});

const Fields = {
  kind: z.enum(DISCUSSION_KINDS),
  text: multilineText().min(1).max(5000),
  sectorId: Id.nullable().optional(),
  speakerPersonId: Id.nullable().optional().describe('Người phát biểu, trong danh bạ cán bộ'),
  speakerName: z.string().max(300).nullable().optional().describe('Người phát biểu không có trong danh bạ'),
  unitIds: z.array(Id).max(200).optional().describe('Đơn vị nêu ý kiến'),
  agendaItemId: Id.nullable().optional(),
  raised: z.boolean().optional(),
};
const CreateBody = z.object(Fields);
const PatchBody = z.object(Fields).partial();

export const discussionRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });

  app.get('/api/conferences/:id/discussion', {
    schema: {
      tags: TAGS, summary: 'Ý kiến thảo luận: khó khăn, đề xuất lấy từ báo cáo của các đơn vị và ý kiến tại hội nghị', params: ConferenceIdParam,
      response: { 200: z.object({ items: z.array(Item), canEdit: z.boolean() }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    const canEdit = canConference(user, 'plan', loaded.subject) || canConference(user, 'record', loaded.subject);
    return { items: (await listDiscussion(app.db, loaded.conference.id)).map(presentDiscussionItem), canEdit };
  });

  app.post('/api/conferences/:id/discussion/prefill', {
    schema: {
      tags: TAGS,
      summary: 'Lấy khó khăn, đề xuất từ các báo cáo đã duyệt của kỳ (gộp như dự thảo báo cáo tổng kết); chạy lại chỉ thay các ý chưa đánh dấu',
      params: ConferenceIdParam,
      response: { 200: z.object({ added: z.number(), kept: z.number(), removed: z.number(), items: z.array(Item) }) },
    },
  }, async (req) => {
    const r = await prefillDiscussion(app.db, who(req), req.params.id, app.clock.now());
    return { ...r, items: r.items.map(presentDiscussionItem) };
  });

  app.post('/api/conferences/:id/discussion', {
    schema: { tags: TAGS, summary: 'Ghi nhanh một ý kiến tại hội nghị', params: ConferenceIdParam, body: CreateBody, response: { 201: Item } },
  }, async (req, reply) => {
    const item = await createDiscussionItem(app.db, who(req), req.params.id, req.body, app.clock.now());
    return reply.status(201).send(presentDiscussionItem(item));
  });

  app.patch('/api/conferences/:id/discussion/:itemId', {
    schema: { tags: TAGS, summary: 'Sửa một ý kiến, đánh dấu đã nêu tại hội nghị, gắn đơn vị', params: ItemParams, body: PatchBody, response: { 200: Item } },
  }, async (req) => presentDiscussionItem(await updateDiscussionItem(app.db, who(req), req.params.id, req.params.itemId, req.body)));

  app.delete('/api/conferences/:id/discussion/:itemId', {
    schema: { tags: TAGS, summary: 'Xóa một ý kiến', params: ItemParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await deleteDiscussionItem(app.db, who(req), req.params.id, req.params.itemId);
    return { ok: true };
  });

  app.put('/api/conferences/:id/discussion/order', {
    schema: {
      tags: TAGS, summary: 'Sắp xếp lại các ý kiến', params: ConferenceIdParam,
      body: z.object({ ids: z.array(Id).max(2000) }), response: { 200: z.object({ items: z.array(Item) }) },
    },
  }, async (req) => ({ items: (await reorderDiscussion(app.db, who(req), req.params.id, req.body.ids)).map(presentDiscussionItem) }));
};
