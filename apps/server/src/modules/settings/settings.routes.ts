import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http.js';
import { orgIdentity } from './settings.service.js';

const OrgIdentity = z.object({
  province: z.object({ name: z.string(), parentBody: z.string(), place: z.string() }),
  department: z.object({ id: z.number().nullable(), code: z.string().nullable(), name: z.string() }),
});

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/settings/org', {
    schema: { tags: ['settings'], summary: 'Tên tỉnh và Sở (dùng cho tiêu đề, văn bản)', response: { 200: OrgIdentity } },
  }, async (req) => {
    requireUser(req);
    return orgIdentity(app.db, app.clock.today());
  });
};
