import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { agendaRoutes } from './agenda.routes.js';
import { bundleRoutes } from './bundle.routes.js';
import { presentDetail, presentGuest, presentListItem, presentUnit } from './conferences.presenter.js';
import * as S from './conferences.schema.js';
import {
  addGuest, conferenceDetail, createConference, detailById, draftConference, inviteConference, listConferences, loadVisibleConference, removeGuest,
  requireConference, transitionConference, updateConference, updateGuest,
} from './conferences.service.js';
import { invitationRoutes } from './invitations.routes.js';
import { type MailOutcome, invitationIcs, mailFactsOf, sendContext } from './invitations.service.js';
import { presentationRoutes } from './presentations.routes.js';

export const TAGS = ['conferences'];

export const conferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const changed = async (req: FastifyRequest, id: number, warnings: string[], mail: MailOutcome[]) => {
    const u = requireUser(req);
    return { ...presentDetail(await detailById(app.db, u, id)), warnings, mail };
  };

  app.get('/api/conferences', {
    schema: { tags: TAGS, summary: 'Danh sách hội nghị sơ kết, tổng kết (lọc theo kỳ, trạng thái)', querystring: S.ListQuery, response: { 200: S.ConferenceList } },
  }, async (req) => {
    const u = requireUser(req);
    return { items: (await listConferences(app.db, u, req.query)).map(presentListItem) };
  });

  app.get('/api/conferences/draft', {
    schema: {
      tags: TAGS, summary: 'Đề xuất hội nghị cho một kỳ: loại, tiêu đề, ngày họp, chủ trì, đơn vị được mời (chưa lưu)',
      querystring: S.DraftQuery, response: { 200: S.ConferenceDraft },
    },
  }, async (req) => {
    requireAbility(req, 'conferences.manage');
    const d = await draftConference(app.db, req.query.period);
    return {
      period: d.period, periodLabel: d.periodLabel, kind: d.kind, title: d.title, startsAt: d.startsAt, place: d.place, rsvpDeadline: d.rsvpDeadline,
      department: d.department, chair: d.chair ? { personId: d.chair.id, fullName: d.chair.full_name, position: d.chair.position } : null,
      invitations: d.invitations.map((i) => ({ unit: presentUnit(i.unit), expectedDelegates: i.expectedDelegates, reason: i.reason })),
      defaults: d.defaults, warnings: d.warnings,
    };
  });

  app.post('/api/conferences', {
    schema: {
      tags: TAGS, summary: 'Lập hội nghị (dự thảo) từ một kỳ; hội nghị thứ hai cùng kỳ vẫn được lập, kèm cảnh báo',
      body: S.CreateBody, response: { 201: S.ConferenceChanged },
    },
  }, async (req, reply) => {
    const u = requireAbility(req, 'conferences.manage');
    const { id, warnings } = await createConference(app.db, u, auditActor(req), req.body, app.clock.now());
    return reply.status(201).send(await changed(req, id, warnings, []));
  });

  app.get('/api/conferences/:id', {
    schema: { tags: TAGS, summary: 'Một hội nghị: thông tin chung, số liệu giấy mời, đại biểu, tham luận, và quyền của tôi', params: S.ConferenceIdParam, response: { 200: S.ConferenceDetail } },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    return presentDetail(await conferenceDetail(app.db, u, loaded));
  });

  app.patch('/api/conferences/:id', {
    schema: {
      tags: TAGS, summary: 'Sửa kế hoạch hội nghị; đổi giờ hoặc địa điểm sau khi đã mời thì gửi thông báo thay đổi (cùng UID, SEQUENCE tăng)',
      params: S.ConferenceIdParam, body: S.PatchBody, response: { 200: S.ConferenceChanged },
    },
  }, async (req) => {
    const u = requireUser(req);
    const r = await updateConference(app.db, u, auditActor(req), req.params.id, req.body, app.clock.now(), sendContext(app, req));
    return changed(req, req.params.id, [], r.mail);
  });

  app.post('/api/conferences/:id/invite', {
    schema: {
      tags: TAGS, summary: 'Gửi giấy mời: chuyển sang "Đã gửi giấy mời", thông báo cho từng đơn vị trong ứng dụng và qua e-mail (kèm tệp lịch .ics)',
      params: S.ConferenceIdParam, body: S.InviteBody, response: { 200: S.ConferenceChanged },
    },
  }, async (req) => {
    const u = requireUser(req);
    const mail = await inviteConference(app.db, u, auditActor(req), req.params.id, req.body ?? {}, app.clock.now(), sendContext(app, req));
    return changed(req, req.params.id, [], mail);
  });

  for (const [name, summary] of [
    ['hold', 'Bắt đầu hội nghị: chuyển từ "Đã gửi giấy mời" sang "Đã tổ chức"'],
    ['close', 'Đóng hội nghị (sau khi đã ban hành thông báo kết luận)'],
  ] as const) {
    app.post(`/api/conferences/:id/${name}`, {
      schema: { tags: TAGS, summary, params: S.ConferenceIdParam, response: { 200: S.ConferenceChanged } },
    }, async (req) => {
      const u = requireUser(req);
      await transitionConference(app.db, u, auditActor(req), req.params.id, name, app.clock.now());
      return changed(req, req.params.id, [], []);
    });
  }

  app.get('/api/conferences/:id/calendar.ics', {
    schema: { tags: TAGS, summary: 'Tệp lịch của hội nghị (.ics, múi giờ Asia/Ho_Chi_Minh; cùng UID, SEQUENCE tăng khi đổi giờ hoặc địa điểm)', params: S.ConferenceIdParam },
  }, async (req, reply) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    const ics = invitationIcs(await mailFactsOf(app.db, loaded.conference), sendContext(app, req), 'PUBLISH', app.clock.now());
    return sendFile(reply, ics, `hoi-nghi-${loaded.conference.id}.ics`, 'text/calendar; charset=utf-8');
  });

  // ── guests ──

  app.get('/api/conferences/:id/guests', {
    schema: { tags: TAGS, summary: 'Khách mời (lãnh đạo tỉnh và các đại biểu khác)', params: S.ConferenceIdParam, response: { 200: z.object({ items: z.array(S.Guest) }) } },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    requireConference(u, 'view', loaded);
    return { items: (await conferenceDetail(app.db, u, loaded)).guests.map(presentGuest) };
  });

  app.post('/api/conferences/:id/guests', {
    schema: { tags: TAGS, summary: 'Thêm khách mời', params: S.ConferenceIdParam, body: S.GuestBody, response: { 201: S.Guest } },
  }, async (req, reply) => {
    const u = requireUser(req);
    return reply.status(201).send(presentGuest(await addGuest(app.db, u, auditActor(req), req.params.id, req.body)));
  });

  app.patch('/api/conferences/:id/guests/:guestId', {
    schema: { tags: TAGS, summary: 'Sửa khách mời', params: S.GuestParams, body: S.GuestPatch, response: { 200: S.Guest } },
  }, async (req) => {
    const u = requireUser(req);
    return presentGuest(await updateGuest(app.db, u, auditActor(req), req.params.id, req.params.guestId, req.body));
  });

  app.delete('/api/conferences/:id/guests/:guestId', {
    schema: { tags: TAGS, summary: 'Bỏ khách mời', params: S.GuestParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    const u = requireUser(req);
    await removeGuest(app.db, u, auditActor(req), req.params.id, req.params.guestId);
    return { ok: true };
  });

  await app.register(invitationRoutes);
  await app.register(agendaRoutes);
  await app.register(presentationRoutes);
  await app.register(bundleRoutes);
};
