import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http.js';
import { listForUser, markRead } from './notifications.service.js';

const Notification = z.object({ id: z.number(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.date(), read: z.boolean() });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'Thông báo của tôi', response: { 200: z.object({ unread: z.number(), items: z.array(Notification) }) } },
  }, async (req) => {
    const u = requireUser(req);
    const rows = await listForUser(app.db, u.id, u.orgUnitId);
    return {
      unread: rows.filter((r) => !r.read).length,
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, read: r.read })),
    };
  });
  app.post('/api/notifications/read', {
    schema: { tags: ['notifications'], summary: 'Đánh dấu đã đọc', body: z.object({ ids: z.array(z.number().int().positive().max(2_147_483_647)).max(500).optional() }) },
  }, async (req) => {
    const u = requireUser(req);
    await markRead(app.db, u.id, u.orgUnitId, req.body.ids ?? 'all');
    return { ok: true };
  });
};
