import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { requireAbility, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { csvLine } from '../../platform/spreadsheet-safe.js';
import { type AuditFilters, type AuditRow, auditRepo } from './audit.repository.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'phải có dạng YYYY-MM-DD');

const Filters = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
const Query = Filters.extend({
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

/** The list's filters, checked: Vietnamese calendar days become the instants bounding the search. */
function filtersOf(q: z.infer<typeof Filters>): AuditFilters {
  for (const [label, day] of [['Từ ngày', q.from], ['Đến ngày', q.to]] as const)
    if (day !== undefined && !validDay(day)) throw badRequest(`${label} "${day}" không phải là ngày hợp lệ.`);
  if (q.from && q.to && q.from > q.to) throw badRequest('"Từ ngày" phải trước hoặc trùng "Đến ngày".');
  return {
    action: q.action?.trim() || undefined,
    entityType: q.entityType?.trim() || undefined,
    entityId: q.entityId?.trim() || undefined,
    actor: q.actor ? q.actor.normalize('NFC').trim() || undefined : undefined,
    from: q.from ? vnDayStart(q.from) : undefined,
    // "to" is inclusive: everything before the next day starts.
    to: q.to ? new Date(vnDayStart(q.to).getTime() + 86_400_000) : undefined,
  };
}

export const EXPORT_COLUMNS = ['id', 'at', 'actorId', 'actorName', 'action', 'entityType', 'entityId', 'orgUnitId', 'ip', 'before', 'after'] as const;
const EXPORT_PAGE = 2_000;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The matching events as CSV (UTF-8 with BOM, CRLF), newest first, read page by page so any number of rows streams. */
function auditCsv(db: Db, filters: AuditFilters): Readable {
  async function* lines() {
    yield `\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`;
    let cursor: { atKey: string; id: number } | null = null;
    for (;;) {
      const rows = await auditRepo.after(db, filters, cursor, EXPORT_PAGE);
      if (rows.length === 0) return;
      yield rows
        .map((r) => `${csvLine([r.id, r.at.toISOString(), r.actor_id, r.actor_name, r.action, r.entity_type, r.entity_id, r.org_unit_id, r.ip, json(r.before), json(r.after)])}\r\n`)
        .join('');
      if (rows.length < EXPORT_PAGE) return;
      const last = rows[rows.length - 1];
      cursor = { atKey: last.at_key, id: last.id };
    }
  }
  return Readable.from(lines());
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: 'Nhật ký hệ thống (lọc theo thao tác, đối tượng, người thực hiện, thời gian)', querystring: Query,
      response: { 200: z.object({ total: z.number(), items: z.array(AuditEvent) }) },
    },
  }, async (req) => {
    requireAbility(req, 'audit.read');
    const q = req.query;
    const filters = filtersOf(q);
    const total = await auditRepo.count(app.db, filters);
    const rows = await auditRepo.page(app.db, filters, q.pageSize, (q.page - 1) * q.pageSize);
    return { total, items: rows.map(present) };
  });

  app.get('/api/audit/export.csv', {
    onRequest: rateLimited(app, 'export'),
    schema: {
      tags: ['audit'], querystring: Filters, produces: ['text/csv'],
      summary: 'Xuất nhật ký hệ thống ra tệp CSV (cùng bộ lọc như danh sách; mọi dòng khớp, mới nhất trước)',
      description: `Cột: ${EXPORT_COLUMNS.join(',')}. Thời điểm theo ISO 8601 (UTC); before/after là JSON. Ô văn bản bắt đầu bằng = + - @ được thêm dấu nháy đơn.`,
    },
  }, async (req, reply) => {
    requireAbility(req, 'audit.read');
    const filters = filtersOf(req.query);
    return sendFile(reply, auditCsv(app.db, filters), `Nhật ký hệ thống ${app.clock.today()}.csv`, 'text/csv; charset=utf-8');
  });
};
