import { UNIT_ROLES } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../platform/errors.js';
import { requireUser, sendFile } from '../../platform/http.js';
import { HEAVY_ANALYTICS_CELLS, takeRateLimit } from '../../platform/rate-limits.js';
import { runAnalytics } from './analytics.engine.js';
import { presentCsv, presentGrid } from './analytics.presenter.js';
import { parseDimensions } from './analytics.query.js';
import * as S from './analytics.schema.js';

const TAGS = ['analytics'];
/** Who may add includeUnapproved=true: those who review or compile reports before approval. */
export const MAY_SEE_UNAPPROVED = ['admin', 'office', 'reviewer'] as const;

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/analytics', {
    schema: {
      tags: TAGS,
      summary: 'Số liệu tổng hợp theo chỉ tiêu × đơn vị × kỳ (cú pháp analytics của DHIS2)',
      querystring: S.Query,
      response: { 200: z.union([S.Grid, z.string()]) },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const includeUnapproved = req.query.includeUnapproved === 'true';
    const request = parseDimensions(req.query.dimension, includeUnapproved);
    if (includeUnapproved && !(MAY_SEE_UNAPPROVED as readonly string[]).includes(user.role)) {
      throw forbidden('Chỉ văn phòng, quản trị hoặc cán bộ thẩm định mới được xem số liệu chưa duyệt.');
    }
    const unitRole = UNIT_ROLES.includes(user.role);
    if (unitRole && user.orgUnitId === null) throw notFound('Tài khoản của bạn chưa gắn với đơn vị nào.');
    const result = await runAnalytics(app.db, request, {
      today: app.clock.today(),
      scopeUnitId: unitRole ? user.orgUnitId : null,
      // A query over many cells counts against the caller's "analytics" limit once its size is known, before it runs.
      admit: (cells) => (cells >= HEAVY_ANALYTICS_CELLS ? takeRateLimit(app, req, reply, 'analytics') : undefined),
    });
    if (req.query.format === 'csv') {
      return sendFile(reply, `\uFEFF${presentCsv(result)}`, `Số liệu tổng hợp ${app.clock.today()}.csv`, 'text/csv; charset=utf-8');
    }
    return presentGrid(result);
  });
};
