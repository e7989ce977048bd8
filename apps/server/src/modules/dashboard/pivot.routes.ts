import { UNIT_ROLES } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../../platform/errors.js';
import { XLSX_MIME, requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { runAnalytics } from '../analytics/analytics.engine.js';
import { parseDimensions } from '../analytics/analytics.query.js';
import { MAY_SEE_UNAPPROVED } from '../analytics/analytics.routes.js';
import { DIMENSIONS, buildPivot, pivotLayout } from './pivot.service.js';
import { buildPivotXlsx } from './pivot.xlsx.js';

const Dim = z.enum(DIMENSIONS);

const Body = z.object({
  dimension: z.array(z.string().max(10_000)).min(1).max(10)
    .describe('Như GET /api/analytics: ["dx:MÃ;MÃ", "ou:MÃ;LEVEL-2", "pe:2024;2025"]'),
  rows: z.array(Dim).max(3).describe('Chiều đặt ở hàng'),
  columns: z.array(Dim).max(3).describe('Chiều đặt ở cột; chiều không ở hàng hay cột là bộ lọc (đúng một mục)'),
  includeUnapproved: z.boolean().optional().describe('Tính cả số liệu chưa duyệt (văn phòng, quản trị, thẩm định)'),
});

export const pivotRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/analytics/pivot.xlsx', {
    schema: {
      tags: ['analytics'],
      summary: 'Xuất bảng tổng hợp số liệu (chọn chiều ở hàng, cột, bộ lọc) ra tệp Excel có tiêu đề tiếng Việt và định dạng số',
      body: Body,
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const includeUnapproved = req.body.includeUnapproved === true;
    const request = parseDimensions(req.body.dimension, includeUnapproved);
    const layout = pivotLayout(req.body.rows, req.body.columns);
    if (includeUnapproved && !(MAY_SEE_UNAPPROVED as readonly string[]).includes(user.role)) {
      throw forbidden('Chỉ văn phòng, quản trị hoặc cán bộ thẩm định mới được xem số liệu chưa duyệt.');
    }
    const unitRole = UNIT_ROLES.includes(user.role);
    if (unitRole && user.orgUnitId === null) throw notFound('Tài khoản của bạn chưa gắn với đơn vị nào.');
    await takeRateLimit(app, req, reply, 'pivot');
    const today = app.clock.today();
    const result = await runAnalytics(app.db, request, { today, scopeUnitId: unitRole ? user.orgUnitId : null });
    const table = buildPivot(result, layout, { includeUnapproved, today });
    const xlsx = await buildPivotXlsx(table, app.clock.now());
    return sendFile(reply, xlsx, `Bảng tổng hợp số liệu ${today}.xlsx`, XLSX_MIME);
  });
};
