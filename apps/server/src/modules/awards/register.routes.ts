/**
 * Looking back: a person's page (history, ratings, initiatives, nominations and the titles possible next year), a
 * collective's page (with its predecessors' history), and the register's statistics by year, unit, title or form,
 * gender and authority, with their .xlsx export. The register itself is GET /api/awards/records (records.routes.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { XLSX_MIME, requireUser, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { IdParams } from './council.schema.js';
import { PersonPageOut, PersonPageQuery, StatsOut, StatsQuery, UnitPageOut, UnitParams } from './register.schema.js';
import { personPage, unitPage } from './register.service.js';
import { awardStats, statsWorkbook } from './stats.service.js';

const tags = ['awards'];

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/awards/people/:id', {
    schema: {
      tags, summary: 'Trang khen thưởng của một cán bộ: toàn bộ lịch sử, xếp loại, sáng kiến, đề nghị, và danh hiệu có thể đề nghị năm sau',
      description: 'next.summary: "Đủ điều kiện đề nghị năm … : …", tính bằng bộ quy tắc theo dữ liệu đã có, nêu điều còn phải đạt trong năm đó. Đơn vị chỉ xem cán bộ của mình.',
      params: IdParams, querystring: PersonPageQuery, response: { 200: PersonPageOut },
    },
  }, async (req) => personPage(app.db, requireUser(req), req.params.id, app.clock.today(), req.query.next));

  app.get('/api/awards/units/:code', {
    schema: {
      tags, summary: 'Trang khen thưởng của một tập thể: lịch sử (cả của đơn vị tiền thân đã hợp nhất), xếp loại, đề nghị',
      params: UnitParams, response: { 200: UnitPageOut },
    },
  }, async (req) => unitPage(app.db, requireUser(req), req.params.code, app.clock.today()));

  app.get('/api/awards/stats', {
    schema: {
      tags, summary: 'Thống kê khen thưởng theo năm, đơn vị, danh hiệu hình thức, giới tính và cấp khen',
      description: 'Khen thưởng cá nhân tính cho đơn vị công tác cuối năm được khen; unit gồm cả các đơn vị tiền thân.',
      querystring: StatsQuery, response: { 200: StatsOut },
    },
  }, async (req) => {
    requireUser(req);
    return awardStats(app.db, req.query, app.clock.today());
  });

  app.get('/api/awards/stats.xlsx', {
    onRequest: rateLimited(app, 'export'),
    schema: { tags, summary: 'Xuất thống kê khen thưởng ra tệp Excel (mỗi cách thống kê một trang)', querystring: StatsQuery },
  }, async (req, reply) => {
    requireUser(req);
    const s = await awardStats(app.db, req.query, app.clock.today());
    return sendFile(reply, await statsWorkbook(s), `Thong ke khen thuong ${s.yearFrom}-${s.yearTo}.xlsx`, XLSX_MIME);
  });
};
