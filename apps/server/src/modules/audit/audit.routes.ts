import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.js';
import { requireAbility } from '../../platform/http.js';
import { type AuditRow, auditRepo } from './audit.repository.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'phải có dạng YYYY-MM-DD');

const Query = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditEvent = z.object({
  id: z.number(), at: z.date(), actorId: z.number().nullable(), actorName: z.string().nullable(), action: z.string(),
  entityType: z.string(), entityId: z.string().nullable(), orgUnitId: z.number().nullable(), before: z.unknown(), after: z.unknown(),
  ip: z.string().nullable(),
});

const present = (r: AuditRow): z.infer<typeof AuditEvent> => ({
  id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type,
  entityId: r.entity_id, orgUnitId: r.org_unit_id, before: r.before, after: r.after, ip: r.ip,
});

/** Start of a Vietnamese calendar day as an instant. */
const vnDayStart = (iso: string) => new Date(`${iso}T00:00:00+07:00`);
const validDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: 'Nhật ký hệ thống (lọc theo thao tác, đối tượng, người thực hiện, thời gian)', querystring: Query,
      response: { 200: z.object({ total: z.number(), items: z.array(AuditEvent) }) },
    },
  }, async (req) => {
    requireAbility(req, 'audit.read');
    const q = req.query;
    for (const [label, day] of [['Từ ngày', q.from], ['Đến ngày', q.to]] as const)
      if (day !== undefined && !validDay(day)) throw badRequest(`${label} "${day}" không phải là ngày hợp lệ.`);
    if (q.from && q.to && q.from > q.to) throw badRequest('"Từ ngày" phải trước hoặc trùng "Đến ngày".');
    const filters = {
      action: q.action?.trim() || undefined,
      entityType: q.entityType?.trim() || undefined,
      entityId: q.entityId?.trim() || undefined,
      actor: q.actor ? q.actor.normalize('NFC').trim() || undefined : undefined,
      from: q.from ? vnDayStart(q.from) : undefined,
      // "to" is inclusive: everything before the next day starts.
      to: q.to ? new Date(vnDayStart(q.to).getTime() + 86_400_000) : undefined,
    };
    const total = await auditRepo.count(app.db, filters);
    const rows = await auditRepo.page(app.db, filters, q.pageSize, (q.page - 1) * q.pageSize);
    return { total, items: rows.map(present) };
  });
};
