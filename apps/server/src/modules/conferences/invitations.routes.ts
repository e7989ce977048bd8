import { INVITATION_STATUSES, UNIT_ROLES, UNIT_TYPES, type UnitType, multilineText } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict } from '../../platform/errors.js';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';
import type { DelegateRow, InvitationRow } from './invitations.repository.js';
import {
  addByType, board, conferenceTasks, sendContext, emailState, loadTicket, mailTickets, remindPending, respond, sendPending, setInvitations, ticketPng,
} from './invitations.service.js';

const TAGS = ['conferences'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const UnitParams = z.object({ id: Id, unitId: Id });
const DelegateParams = z.object({ id: Id, delegateId: Id });

const Delegate = z.object({
  id: z.number(),
  personId: z.number().nullable(),
  fullName: z.string(),
  position: z.string(),
  walkIn: z.boolean(),
  checkedInAt: z.date().nullable(),
  ticketPng: z.string().nullable().describe('Ảnh mã QR của thẻ đại biểu (đơn vị của đại biểu và Văn phòng Sở)'),
});

const BoardItem = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES) }),
  expectedDelegates: z.number(),
  status: z.enum(INVITATION_STATUSES),
  declineReason: z.string().nullable(),
  respondedAt: z.date().nullable(),
  respondedBy: z.string().nullable(),
  sentAt: z.date().nullable(),
  remindedAt: z.date().nullable(),
  email: z.object({
    state: z.enum(['sent', 'failed', 'not_sent', 'not_configured']).describe('sent: đã gửi; failed: lỗi (xem error); not_sent: chưa gửi; not_configured: máy chủ chưa cấu hình SMTP'),
    at: z.date().nullable(),
    error: z.string().nullable(),
  }),
  delegates: z.array(Delegate),
});

const Board = z.object({
  items: z.array(BoardItem),
  totals: z.object({ invited: z.number(), accepted: z.number(), declined: z.number(), pending: z.number(), delegates: z.number(), expected: z.number() }),
});

const InvitationList = z.object({
  items: z.array(z.object({ unitId: Id, expectedDelegates: z.number().int().min(1).max(50).default(1) })).max(2000),
});

const ByTypeBody = z.object({
  types: z.array(z.enum(UNIT_TYPES)).min(1).max(UNIT_TYPES.length),
  expectedDelegates: z.number().int().min(1).max(50).optional().describe('Mặc định: theo loại đơn vị'),
});

const ResponseBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), delegates: z.array(z.object({ personId: Id })).max(50) }),
  z.object({ status: z.literal('declined'), reason: multilineText().min(1).max(1000) }),
]);

const ResponseResult = z.object({ invitation: BoardItem, warnings: z.array(z.string()), ticketsEmailed: z.number() });

const Task = z.object({
  conferenceId: z.number(),
  conferenceTitle: z.string(),
  startsAt: z.date(),
  kind: z.enum(['rsvp', 'presentation']),
  status: z.string().describe('rsvp: pending | accepted | declined; presentation: requested | uploaded'),
  dueAt: z.date().nullable(),
  topic: z.string().nullable(),
  presentationId: z.number().nullable(),
  link: z.string(),
});

export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const smtp = () => Boolean(app.config.smtpUrl);
  const presentDelegate = (conferenceId: number, withTicket: boolean) => (d: DelegateRow): z.infer<typeof Delegate> => ({
    id: d.id, personId: d.person_id, fullName: d.full_name, position: d.position, walkIn: d.walk_in, checkedInAt: d.checked_in_at,
    ticketPng: withTicket ? `/api/conferences/${conferenceId}/delegates/${d.id}/ticket.png` : null,
  });
  const presentItem = (i: InvitationRow, delegates: DelegateRow[], withTicket: boolean): z.infer<typeof BoardItem> => ({
    unit: { id: i.org_unit_id, code: i.unit_code, name: i.unit_name, type: i.unit_type as UnitType },
    expectedDelegates: i.expected_delegates, status: i.status, declineReason: i.decline_reason, respondedAt: i.responded_at, respondedBy: i.responded_by_name,
    sentAt: i.sent_at, remindedAt: i.reminded_at,
    email: { state: emailState(i, smtp()), at: i.emailed_at, error: i.email_error },
    delegates: delegates.map(presentDelegate(i.conference_id, withTicket)),
  });
  const boardOf = async (u: Parameters<typeof board>[1], id: number): Promise<z.infer<typeof Board>> => {
    const loaded = await loadVisibleConference(app.db, u, id);
    requireConference(u, 'view', loaded);
    const withTicket = u.role === 'admin' || u.role === 'office' || UNIT_ROLES.includes(u.role);
    const rows = await board(app.db, u, loaded);
    const items = rows.map((r) => presentItem(r.invitation, r.delegates, withTicket));
    const count = (s: string) => items.filter((i) => i.status === s).length;
    return {
      items,
      totals: {
        invited: items.length, accepted: count('accepted'), declined: count('declined'), pending: count('pending'),
        delegates: items.reduce((n, i) => n + i.delegates.length, 0), expected: items.reduce((n, i) => n + i.expectedDelegates, 0),
      },
    };
  };

  app.get('/api/conferences/:id/invitations', {
    schema: { tags: TAGS, summary: 'Bảng xác nhận tham dự: đơn vị được mời, trả lời, đại biểu, tình trạng e-mail (đơn vị chỉ thấy giấy mời của mình)', params: ConferenceIdParam, response: { 200: Board } },
  }, async (req) => boardOf(requireUser(req), req.params.id));

  app.put('/api/conferences/:id/invitations', {
    schema: {
      tags: TAGS, summary: 'Đặt danh sách đơn vị được mời và số đại biểu dự kiến (đơn vị phải còn hoạt động vào ngày họp); đã gửi giấy mời thì đơn vị mới được gửi ngay',
      params: ConferenceIdParam, body: InvitationList, response: { 200: Board },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    requireConference(u, 'plan', loaded);
    await setInvitations(app.db, auditActor(req), loaded, req.body.items, 'replace');
    await sendPending(app.db, sendContext(app, req), req.params.id, app.clock.now());
    return boardOf(u, req.params.id);
  });

  app.post('/api/conferences/:id/invitations/by-type', {
    schema: {
      tags: TAGS, summary: 'Mời thêm mọi đơn vị thuộc các loại đã chọn, còn hoạt động vào ngày họp',
      params: ConferenceIdParam, body: ByTypeBody, response: { 200: Board.extend({ added: z.number() }) },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    requireConference(u, 'plan', loaded);
    const added = await addByType(app.db, auditActor(req), loaded, req.body.types, req.body.expectedDelegates ?? null);
    await sendPending(app.db, sendContext(app, req), req.params.id, app.clock.now());
    return { ...(await boardOf(u, req.params.id)), added };
  });

  app.post('/api/conferences/:id/invitations/remind', {
    schema: {
      tags: TAGS, summary: 'Nhắc các đơn vị chưa trả lời giấy mời (mỗi đơn vị một lần mỗi ngày)',
      params: ConferenceIdParam, response: { 200: z.object({ reminded: z.number(), alreadyToday: z.number() }) },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    requireConference(u, 'invite', loaded);
    if (loaded.conference.status !== 'invited') throw conflict('Hội nghị chưa gửi giấy mời nên chưa có gì để nhắc.');
    return remindPending(app.db, sendContext(app, req), auditActor(req), loaded, app.clock.now());
  });

  app.post('/api/conferences/:id/invitations/:unitId/response', {
    schema: {
      tags: TAGS, summary: 'Đơn vị trả lời giấy mời của mình: tham dự (nêu đại biểu là cán bộ của đơn vị) hoặc vắng mặt (nêu lý do), trước hạn xác nhận',
      params: UnitParams, body: ResponseBody, response: { 200: ResponseResult },
    },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    const r = await respond(app.db, u, auditActor(req), loaded, req.params.unitId, req.body, app.clock.now());
    const ticketsEmailed = await mailTickets(app.db, sendContext(app, req), loaded.conference, r.invitation.unit_name, r.added);
    return { invitation: presentItem(r.invitation, r.delegates, true), warnings: r.warnings, ticketsEmailed };
  });

  app.get('/api/conferences/:id/delegates/:delegateId/ticket.png', {
    schema: { tags: TAGS, summary: 'Mã QR thẻ đại biểu (PNG), cho đơn vị của đại biểu và Văn phòng Sở', params: DelegateParams },
  }, async (req, reply) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    const d = await loadTicket(app.db, u, loaded, req.params.delegateId);
    return sendFile(reply, await ticketPng(loaded.conference.id, d.ticket), `the-dai-bieu-${d.id}.png`, 'image/png');
  });

  app.get('/api/me/conference-tasks', {
    schema: { tags: TAGS, summary: 'Việc hội nghị của đơn vị tôi: giấy mời cần trả lời, tham luận cần nộp', response: { 200: z.object({ items: z.array(Task) }) } },
  }, async (req) => ({ items: await conferenceTasks(app.db, requireUser(req)) }));
};
