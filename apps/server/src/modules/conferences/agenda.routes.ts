import { AGENDA_KIND_LABELS, AGENDA_KINDS } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { agendaOf, replaceAgenda } from './agenda.service.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';

const TAGS = ['conferences'];
const Id = z.number().int().positive().max(2_147_483_647);

const Presenter = z.object({
  personId: Id.nullable().optional().describe('Cán bộ trong danh bạ'),
  unitId: Id.nullable().optional().describe('Đơn vị (ví dụ đơn vị trình bày tham luận)'),
  name: z.string().max(300).nullable().optional().describe('Khách mời không có trong danh bạ, ví dụ "Phó Chủ tịch UBND tỉnh Nguyễn Văn A"'),
});

const ItemInput = z.object({
  id: Id.nullable().optional().describe('Mục đã có: giữ nguyên mã để giữ ghi chép của mục'),
  kind: z.enum(AGENDA_KINDS),
  title: z.string().max(500).nullable().optional().describe('Mặc định: tên loại mục'),
  presenter: Presenter.nullable().optional(),
  durationMinutes: z.number().int().min(1).max(600),
});

const Item = z.object({
  id: z.number(),
  position: z.number(),
  kind: z.enum(AGENDA_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  presenter: z.object({
    personId: z.number().nullable(), unitId: z.number().nullable(), name: z.string().nullable(),
    label: z.string().nullable().describe('Người hoặc đơn vị trình bày, để hiển thị'),
  }),
  durationMinutes: z.number(),
  startsAt: z.date(),
  endsAt: z.date(),
  hasNotes: z.boolean(),
  material: z.array(z.object({
    kind: z.enum(['draft_report', 'presentation']), label: z.string(), href: z.string(), presentationId: z.number().nullable(), uploaded: z.boolean(),
    available: z.boolean().describe('Người xem mở được tài liệu này (href) ngay bây giờ'),
    note: z.string().nullable().describe('Vì sao chưa mở được, khi available là false'),
  })),
});

const Agenda = z.object({ conferenceId: z.number(), startsAt: z.date(), endsAt: z.date(), totalMinutes: z.number(), items: z.array(Item) });

export const agendaRoutes: FastifyPluginAsyncZod = async (app) => {
  const agenda = async (u: Parameters<typeof loadVisibleConference>[1], id: number): Promise<z.infer<typeof Agenda>> => {
    const loaded = await loadVisibleConference(app.db, u, id);
    const rows = await agendaOf(app.db, loaded.conference, u);
    const total = rows.reduce((n, r) => n + r.item.duration_minutes, 0);
    return {
      conferenceId: id,
      startsAt: loaded.conference.starts_at,
      endsAt: new Date(loaded.conference.starts_at.getTime() + total * 60_000),
      totalMinutes: total,
      items: rows.map(({ item: a, material }) => ({
        id: a.id, position: a.position, kind: a.kind, kindLabel: AGENDA_KIND_LABELS[a.kind].vi, title: a.title,
        presenter: {
          personId: a.presenter_person_id, unitId: a.presenter_unit_id, name: a.presenter_name,
          label: [a.person_name, a.unit_name, a.presenter_name].filter(Boolean).join(' – ') || null,
        },
        durationMinutes: a.duration_minutes, startsAt: a.startsAt, endsAt: a.endsAt, hasNotes: a.notes.trim() !== '', material,
      })),
    };
  };

  app.get('/api/conferences/:id/agenda', {
    schema: { tags: TAGS, summary: 'Chương trình hội nghị: các mục theo thứ tự, giờ bắt đầu tính từ giờ khai mạc, tài liệu kèm theo', params: ConferenceIdParam, response: { 200: Agenda } },
  }, async (req) => agenda(requireUser(req), req.params.id));

  app.put('/api/conferences/:id/agenda', {
    schema: {
      tags: TAGS, summary: 'Thay chương trình hội nghị (giữ mã các mục đã có để giữ ghi chép); không được kéo dài quá nửa đêm',
      params: ConferenceIdParam, body: z.object({ items: z.array(ItemInput).max(100) }), response: { 200: Agenda },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    requireConference(u, 'plan', loaded);
    await replaceAgenda(app.db, auditActor(req), loaded, req.body.items);
    return agenda(u, req.params.id);
  });
};
