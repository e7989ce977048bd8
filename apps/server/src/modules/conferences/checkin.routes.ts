import { UNIT_TYPES, type UnitType } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireUser } from '../../platform/http.js';
import type { DelegateRow } from './checkin.repository.js';
import { checkIn, checkinSummary, listDelegates } from './checkin.service.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';

const TAGS = ['conferences'];
const Id = z.number().int().positive().max(2_147_483_647);

const Delegate = z.object({
  id: z.number(),
  fullName: z.string(),
  position: z.string(),
  personId: z.number().nullable(),
  unit: z.object({ id: z.number(), name: z.string(), type: z.enum(UNIT_TYPES) }).nullable(),
  walkIn: z.boolean().describe('Không có trong danh sách đơn vị đăng ký: ghi nhận tại cửa và đánh dấu'),
  checkedIn: z.boolean(),
  checkedInAt: z.date().nullable(),
});

const presentDelegate = (d: DelegateRow): z.infer<typeof Delegate> => ({
  id: d.id,
  fullName: d.full_name,
  position: d.position,
  personId: d.person_id,
  unit: d.org_unit_id !== null && d.unit_name !== null ? { id: d.org_unit_id, name: d.unit_name, type: d.unit_type as UnitType } : null,
  walkIn: d.walk_in,
  checkedIn: d.checked_in_at !== null,
  checkedInAt: d.checked_in_at,
});

const CheckinBody = z.union([
  z.object({ ticket: z.string().min(1).max(500).describe('Nội dung mã QR trên giấy mời của đại biểu') }).strict(),
  z.object({ delegateId: Id.describe('Đại biểu chọn trong danh sách') }).strict(),
  z.object({
    walkIn: z.object({
      fullName: z.string().max(200).default(''),
      unitId: Id.nullable().optional(),
      position: z.string().max(200).nullable().optional(),
      personId: Id.nullable().optional().describe('Người trong danh bạ cán bộ, nếu có'),
    }).strict(),
  }).strict(),
]);

const CheckinResult = z.object({
  delegate: Delegate,
  alreadyCheckedIn: z.boolean().describe('Đã điểm danh trước đó: checkedInAt là lần đầu'),
  matched: z.enum(['ticket', 'delegate', 'name', 'walk_in']),
});

const SummaryRow = z.object({
  unitsInvited: z.number(), unitsPresent: z.number(), delegates: z.number().describe('Đại biểu do đơn vị đăng ký'),
  checkedIn: z.number(), walkIns: z.number(),
});

export const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/conferences/:id/checkin', {
    schema: {
      tags: TAGS, summary: 'Điểm danh: danh sách đại biểu (tìm theo tên, chức vụ, đơn vị; không cần gõ dấu)', params: ConferenceIdParam,
      querystring: z.object({ q: z.string().max(200).optional() }),
      response: { 200: z.object({ items: z.array(Delegate) }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'checkin', loaded);
    return { items: (await listDelegates(app.db, loaded.conference.id, req.query.q)).map(presentDelegate) };
  });

  app.post('/api/conferences/:id/checkin', {
    schema: {
      tags: TAGS,
      summary: 'Điểm danh một đại biểu: theo mã QR (ticket), chọn trong danh sách (delegateId), hoặc khách không có trong danh sách (walkIn, được đánh dấu). Điểm danh lại trả về lần đầu.',
      params: ConferenceIdParam, body: CheckinBody, response: { 200: CheckinResult },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'checkin', loaded);
    const r = await checkIn(app.db, { ...auditActor(req), id: user.id }, loaded.conference, req.body, app.clock.now());
    return { delegate: presentDelegate(r.delegate), alreadyCheckedIn: r.alreadyCheckedIn, matched: r.matched };
  });

  app.get('/api/conferences/:id/checkin/summary', {
    schema: {
      tags: TAGS, summary: 'Số đại biểu có mặt theo loại đơn vị', params: ConferenceIdParam,
      response: { 200: z.object({ byUnitType: z.array(SummaryRow.extend({ unitType: z.enum(UNIT_TYPES).nullable() })), total: SummaryRow }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'view', loaded);
    const s = await checkinSummary(app.db, loaded.conference.id);
    return { byUnitType: s.byUnitType.map((r) => ({ ...r, unitType: r.unitType as UnitType | null })), total: s.total };
  });
};
