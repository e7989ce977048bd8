import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http.js';
import { AwardTypeListOut, AwardTypeOut, BasisListOut, CatalogQuery, CodeParam, SalaryListOut } from './awards.schema.js';
import { basesById, presentBasis, presentSalary, presentType } from './catalog.presenter.js';
import { loadCatalog, typeOf } from './catalog.service.js';

const tags = ['awards'];

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/awards/types', {
    schema: {
      tags, summary: 'Danh mục danh hiệu thi đua và hình thức khen thưởng, với các quy định theo từng thời kỳ',
      description: 'Mỗi mã có các phiên bản theo thời kỳ pháp lý (tiêu chí, ngưỡng bỏ phiếu, mức thưởng, căn cứ); current là phiên bản có hiệu lực vào ngày date (mặc định hôm nay).',
      querystring: CatalogQuery, response: { 200: AwardTypeListOut },
    },
  }, async (req) => {
    requireUser(req);
    const catalog = await loadCatalog(app.db);
    const date = req.query.date ?? app.clock.today();
    return { items: catalog.types.map((t) => presentType(t, catalog, date)) };
  });

  app.get('/api/awards/types/:code', {
    schema: { tags, summary: 'Một danh hiệu hoặc hình thức khen thưởng, với tiêu chí và căn cứ theo từng thời kỳ', params: CodeParam, querystring: CatalogQuery, response: { 200: AwardTypeOut } },
  }, async (req) => {
    requireUser(req);
    const catalog = await loadCatalog(app.db);
    return presentType(typeOf(catalog, req.params.code), catalog, req.query.date ?? app.clock.today());
  });

  app.get('/api/awards/bases', {
    schema: { tags, summary: 'Các văn bản làm căn cứ (luật, nghị định, thông tư, quy định của tỉnh) và thời gian hiệu lực', response: { 200: BasisListOut } },
  }, async (req) => {
    requireUser(req);
    const catalog = await loadCatalog(app.db);
    return { items: catalog.bases.map(presentBasis) };
  });

  app.get('/api/awards/base-salaries', {
    schema: { tags, summary: 'Mức lương cơ sở theo thời gian (tính tiền thưởng)', response: { 200: SalaryListOut } },
  }, async (req) => {
    requireUser(req);
    const catalog = await loadCatalog(app.db);
    const bases = basesById(catalog);
    return { items: catalog.salaries.map((s) => presentSalary(s, bases)) };
  });
};
