/** GET the register as .xlsx (the board's filter; what the actor may see; rate-limited as an export). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, sendFile, XLSX_MIME } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { exportFileName, exportRegister, MAX_EXPORT_ROWS } from './export.service.js';
import { BOARD_SORTS } from './recommendations.repository.js';
import { BoardQuery } from './recommendations.schema.js';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/recommendations/export.xlsx', {
    onRequest: rateLimited(app, 'export'),
    schema: {
      tags: ['recommendations'], summary: 'Xuất sổ theo dõi kiến nghị ra Excel (.xlsx) theo bộ lọc của bảng',
      description: `Tối đa ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')} dòng; trang "Tổng hợp" đếm theo lưới QĐ 42/2014 cho từng phòng chủ trì.`,
      querystring: BoardQuery.extend({ sort: z.enum(BOARD_SORTS).optional() }),
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const day = app.clock.today();
    const { buffer } = await exportRegister(app.db, user, req.query, day, app.clock.now());
    return sendFile(reply, buffer, exportFileName(req.query, day), XLSX_MIME);
  });
};
