import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import { renderDocx } from '../documents/kit/docx.js';
import { renderHtml } from '../documents/kit/html.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import type { CouncilMemberRow } from './council.repository.js';
import {
  CloseBody, CouncilBody, CouncilListOut, CouncilOut, DocQuery, IdParams, MeetingBallotParams, MeetingBody, MeetingListOut, MeetingListQuery, MeetingOut,
  MeetingPatchBody, TallyBody, VersionBody, VoteBody,
} from './council.schema.js';
import {
  castVote, closeMeeting, councilDetail, createCouncil, createMeeting, listCouncils, listMeetings, type MeetingView, meetingMinutes, meetingView, openMeeting,
  recordTally, ROLE_LABELS, updateCouncil, updateMeeting,
} from './council.service.js';

const tags = ['awards'];

const presentMember = (m: CouncilMemberRow) => ({
  id: m.id, personId: m.personId, fullName: m.fullName, role: m.role, roleLabel: ROLE_LABELS[m.role], position: m.position, unitName: m.unitName,
  validFrom: m.validFrom, validTo: m.validTo, hasAccount: m.userId !== null,
});

const minutesNumber = (seq: number | null) => (seq === null ? null : `${String(seq).padStart(2, '0')}/BB-HĐTĐKT`);

function presentMeeting(v: MeetingView): z.infer<typeof MeetingOut> {
  const m = v.meeting;
  return {
    id: m.id, council: { id: m.councilId, name: m.councilName }, year: m.year, heldAt: m.heldAt, endedAt: m.endedAt, place: m.place, status: m.status,
    membersTotal: m.membersTotal, present: m.present, chairPersonId: m.chairPersonId, secretaryPersonId: m.secretaryPersonId, minutesNumber: minutesNumber(m.minutesSeq),
    notes: m.notes, version: m.version,
    members: v.members.map((x) => ({ ...presentMember(x), present: x.present, writtenOpinion: x.writtenOpinion })),
    ballots: v.ballots.map((b) => ({
      nominationId: b.nominationId,
      subject: {
        kind: b.nomination.personId !== null ? 'person' as const : 'unit' as const, name: b.subject?.name ?? '',
        detail: b.subject ? (b.subject.personId !== null ? positionWithUnit(b.subject.position, b.subject.unit?.name ?? null) : (b.subject.unit?.parentName ?? '')) : '',
      },
      awardCode: b.nomination.awardCode, awardName: b.awardName, nominationStatus: b.nomination.status, proposingUnitId: b.nomination.proposingUnitId, mode: b.mode,
      countsVisible: b.countsVisible, ballotsCast: b.ballotsCast, votesFor: b.votesFor, votesAgainst: b.votesAgainst, casts: b.casts, recorded: b.recordedAt !== null,
      vote: b.vote, needed: b.needed, passed: b.passed ?? b.passedNow, castByMe: b.castByMe,
    })),
    quorum: v.quorum,
    abilities: v.abilities,
  };
}

export const councilRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => app.clock.today();

  app.get('/api/awards/councils', {
    schema: { tags, summary: 'Hội đồng thi đua – khen thưởng và thành viên (Văn phòng, Ban Giám đốc; thành viên thấy hội đồng của mình)', response: { 200: CouncilListOut } },
  }, async (req) => {
    const user = requireUser(req);
    return { items: (await listCouncils(app.db, user, today())).map((c) => ({ ...c, members: c.members.map(presentMember) })) };
  });

  app.post('/api/awards/councils', {
    schema: {
      tags, summary: 'Thành lập Hội đồng thi đua – khen thưởng với danh sách thành viên (Văn phòng)',
      description: 'members: [{person: mã cán bộ, role: chair | vice_chair | member | secretary}]. Thành viên có tài khoản Nhịp (cán bộ gắn với người dùng) bỏ phiếu trong Nhịp.',
      body: CouncilBody, response: { 201: CouncilOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createCouncil(app.db, user, auditActor(req), req.body, today());
    const c = await councilDetail(app.db, user, id, today());
    return reply.status(201).send({ ...c, members: c.members.map(presentMember) });
  });

  app.get('/api/awards/councils/:id', {
    schema: { tags, summary: 'Một Hội đồng thi đua – khen thưởng', params: IdParams, response: { 200: CouncilOut } },
  }, async (req) => {
    const c = await councilDetail(app.db, requireUser(req), req.params.id, today());
    return { ...c, members: c.members.map(presentMember) };
  });

  app.put('/api/awards/councils/:id', {
    schema: { tags, summary: 'Sửa hội đồng và thay toàn bộ danh sách thành viên (không trong lúc đang họp)', params: IdParams, body: CouncilBody, response: { 200: CouncilOut } },
  }, async (req) => {
    const user = requireUser(req);
    await updateCouncil(app.db, user, auditActor(req), req.params.id, req.body, today());
    const c = await councilDetail(app.db, user, req.params.id, today());
    return { ...c, members: c.members.map(presentMember) };
  });

  app.get('/api/awards/meetings', {
    schema: { tags, summary: 'Các cuộc họp Hội đồng thi đua – khen thưởng', querystring: MeetingListQuery, response: { 200: MeetingListOut } },
  }, async (req) => {
    const user = requireUser(req);
    const rows = await listMeetings(app.db, user, req.query, today());
    return {
      items: rows.map((m) => ({
        id: m.id, council: { id: m.councilId, name: m.councilName }, year: m.year, heldAt: m.heldAt, place: m.place, status: m.status, nominations: m.nominations,
        minutesNumber: minutesNumber(m.minutesSeq),
      })),
    };
  });

  app.post('/api/awards/meetings', {
    schema: {
      tags, summary: 'Lên lịch họp Hội đồng xét các đề nghị đã tiếp nhận cần bỏ phiếu kín (Văn phòng)',
      body: MeetingBody, response: { 201: MeetingOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createMeeting(app.db, user, auditActor(req), req.body, today());
    return reply.status(201).send(presentMeeting(await meetingView(app.db, user, id)));
  });

  app.get('/api/awards/meetings/:id', {
    schema: {
      tags, summary: 'Một cuộc họp: thành viên, có mặt, từng đề nghị với ngưỡng phiếu (trên tổng số thành viên) và kết quả',
      description: 'Số phiếu chỉ hiện cho Văn phòng, Ban Giám đốc trong lúc họp; hiện cho mọi thành viên sau khi cuộc họp kết thúc.',
      params: IdParams, response: { 200: MeetingOut },
    },
  }, async (req) => presentMeeting(await meetingView(app.db, requireUser(req), req.params.id)));

  app.patch('/api/awards/meetings/:id', {
    schema: { tags, summary: 'Sửa thời gian, địa điểm, chủ trì, thư ký, thành viên có mặt, danh sách đề nghị được xét', params: IdParams, body: MeetingPatchBody, response: { 200: MeetingOut } },
  }, async (req) => {
    const user = requireUser(req);
    await updateMeeting(app.db, user, auditActor(req), req.params.id, req.body);
    return presentMeeting(await meetingView(app.db, user, req.params.id));
  });

  app.post('/api/awards/meetings/:id/open', {
    schema: { tags, summary: 'Bắt đầu họp, bỏ phiếu: mẫu số của mọi tỷ lệ là tổng số thành viên Hội đồng ngày họp', params: IdParams, body: VersionBody, response: { 200: MeetingOut } },
  }, async (req) => {
    const user = requireUser(req);
    await openMeeting(app.db, user, auditActor(req), req.params.id, req.body.version);
    return presentMeeting(await meetingView(app.db, user, req.params.id));
  });

  app.put('/api/awards/meetings/:id/ballots/:nomination', {
    schema: {
      tags, summary: 'Nhập kết quả kiểm phiếu kín (phiếu giấy) của một đề nghị: số phiếu thu về, đồng ý, không đồng ý',
      description: 'Số phiếu lớn hơn tổng số thành viên Hội đồng bị từ chối (400).', params: MeetingBallotParams, body: TallyBody, response: { 200: MeetingOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await recordTally(app.db, user, auditActor(req), req.params.id, req.params.nomination, req.body);
    return presentMeeting(await meetingView(app.db, user, req.params.id));
  });

  app.post('/api/awards/meetings/:id/ballots/:nomination/vote', {
    schema: {
      tags, summary: 'Thành viên Hội đồng bỏ phiếu kín cho một đề nghị (mỗi người một phiếu; Nhịp chỉ ghi đã bỏ phiếu, không ghi bỏ phiếu thế nào)',
      params: MeetingBallotParams, body: VoteBody, response: { 200: MeetingOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await castVote(app.db, user, auditActor(req), req.params.id, req.params.nomination, req.body.choice);
    return presentMeeting(await meetingView(app.db, user, req.params.id));
  });

  app.post('/api/awards/meetings/:id/close', {
    schema: {
      tags, summary: 'Kết thúc cuộc họp: kiểm tra tỷ lệ thành viên dự họp, thông qua hoặc không từng đề nghị theo ngưỡng, vào số biên bản',
      params: IdParams, body: CloseBody, response: { 200: MeetingOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await closeMeeting(app.db, user, auditActor(req), req.params.id, req.body);
    return presentMeeting(await meetingView(app.db, user, req.params.id));
  });

  app.get('/api/awards/meetings/:id/minutes', {
    schema: { tags, summary: 'Biên bản họp Hội đồng thi đua – khen thưởng (Nghị định 30/2020): xem trước HTML, tải .docx hoặc .pdf', params: IdParams, querystring: DocQuery },
  }, async (req, reply) => {
    const user = requireUser(req);
    const doc = await meetingMinutes(app.db, user, req.params.id);
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(renderHtml(doc.model));
    await takeRateLimit(app, req, reply, 'report');
    const docx = await renderDocx(doc.model);
    if (req.query.format === 'docx') return sendFile(reply, docx, doc.fileName('docx'), DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), doc.fileName('pdf'), 'application/pdf');
  });
};
