import { canDo, normalizeText } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden } from '../../platform/errors.js';
import { requireUser } from '../../platform/http.js';
import { presentDashboard } from './dashboard.presenter.js';
import * as S from './dashboard.schema.js';
import { dashboardPeriod, dashboardUnit, loadDashboard } from './dashboard.service.js';
import { pivotRoutes } from './pivot.routes.js';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/dashboard', {
    schema: {
      tags: ['dashboard'],
      summary: 'Bảng điều hành: số liệu chủ yếu theo lĩnh vực (so với kỳ trước, cùng kỳ, kế hoạch), tình hình nộp báo cáo, đơn vị cấp dưới',
      querystring: S.Query,
      response: { 200: S.Dashboard },
    },
  }, async (req) => {
    const user = requireUser(req);
    if (!canDo(user, 'completeness.read')) throw forbidden('Bảng điều hành dành cho Văn phòng Sở, phòng chuyên môn, lãnh đạo Sở và người xem; đơn vị báo cáo xem số liệu của mình ở trang báo cáo.');
    const today = app.clock.today();
    const period = await dashboardPeriod(app.db, req.query.period, today, app.clock.now());
    const unit = await dashboardUnit(app.db, req.query.ou === undefined ? undefined : normalizeText(req.query.ou));
    return presentDashboard(await loadDashboard(app.db, user, { period, unit }, { today, now: app.clock.now() }));
  });
  await app.register(pivotRoutes);
};
