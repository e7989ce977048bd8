import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, requireUser } from '../../platform/http.js';
import {
  AwardTypeListOut, AwardTypeOut, BasisBody, BasisListOut, BasisOut, BasisPatchBody, CatalogQuery, CodeParam, CreatedOut, CriterionBody, CriterionOut, CriterionPatchBody,
  IdParam, NewVersionBody, SalaryBody, SalaryListOut, VersionOut, VersionPatchBody,
} from './awards.schema.js';
import { basesById, presentBasis, presentCriterion, presentSalary, presentType, presentVersion } from './catalog.presenter.js';
import {
  createBasis, createCriterion, createSalary, createVersion, loadCatalog, typeOf, updateBasis, updateCriterion, updateVersion,
} from './catalog.service.js';

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

  // ── edits: admin and office; every change audited ──
  const catalogNow = async () => {
    const c = await loadCatalog(app.db);
    return { c, bases: basesById(c) };
  };

  app.post('/api/awards/bases', {
    schema: {
      tags, summary: 'Thêm văn bản căn cứ (quy định của tỉnh, nghị định, thông tư mới) với thời gian hiệu lực',
      description: 'Sau đó thêm các tiêu chí của văn bản vào quy định của từng danh hiệu (POST /api/awards/versions/{id}/criteria) với ngày hiệu lực.',
      body: BasisBody, response: { 201: BasisOut },
    },
  }, async (req, reply) => {
    const id = await createBasis(app.db, requireUser(req), auditActor(req), req.body);
    const { c } = await catalogNow();
    return reply.status(201).send(presentBasis(c.bases.find((b) => b.id === id)!));
  });

  app.patch('/api/awards/bases/:id', {
    schema: { tags, summary: 'Sửa văn bản căn cứ (ví dụ ghi ngày hết hiệu lực)', params: IdParam, body: BasisPatchBody, response: { 200: BasisOut } },
  }, async (req) => {
    await updateBasis(app.db, requireUser(req), auditActor(req), req.params.id, req.body);
    const { c } = await catalogNow();
    return presentBasis(c.bases.find((b) => b.id === req.params.id)!);
  });

  app.post('/api/awards/types/:code/versions', {
    schema: {
      tags, summary: 'Quy định mới của một danh hiệu từ một ngày (quy định đang có kết thúc ngày hôm trước, tiêu chí được chép sang)',
      params: CodeParam, body: NewVersionBody, response: { 201: VersionOut },
    },
  }, async (req, reply) => {
    const id = await createVersion(app.db, requireUser(req), auditActor(req), req.params.code, req.body);
    const { c, bases } = await catalogNow();
    return reply.status(201).send(presentVersion(c.types.flatMap((t) => t.versions).find((v) => v.id === id)!, bases));
  });

  app.patch('/api/awards/versions/:id', {
    schema: {
      tags, summary: 'Sửa quy định của một thời kỳ: tên, thời gian, ngưỡng bỏ phiếu, túc số, mức thưởng, căn cứ; confirm=true để Sở xác nhận các thiết lập',
      params: IdParam, body: VersionPatchBody, response: { 200: VersionOut },
    },
  }, async (req) => {
    await updateVersion(app.db, requireUser(req), auditActor(req), req.params.id, req.body, app.clock.now());
    const { c, bases } = await catalogNow();
    return presentVersion(c.types.flatMap((t) => t.versions).find((v) => v.id === req.params.id)!, bases);
  });

  app.post('/api/awards/versions/:id/criteria', {
    schema: {
      tags, summary: 'Thêm một tiêu chí (dòng quy định) vào quy định của một thời kỳ, với căn cứ và ngày hiệu lực',
      params: IdParam, body: CriterionBody, response: { 201: CriterionOut },
    },
  }, async (req, reply) => {
    const id = await createCriterion(app.db, requireUser(req), auditActor(req), req.params.id, req.body);
    const { c, bases } = await catalogNow();
    return reply.status(201).send(presentCriterion(c.types.flatMap((t) => t.versions).flatMap((v) => v.criteria).find((x) => x.id === id)!, bases));
  });

  app.patch('/api/awards/criteria/:id', {
    schema: {
      tags, summary: 'Sửa một tiêu chí (tham số, căn cứ, thời gian, mức độ chặn hay đánh dấu); confirm=true để Sở xác nhận thiết lập',
      params: IdParam, body: CriterionPatchBody, response: { 200: CriterionOut },
    },
  }, async (req) => {
    await updateCriterion(app.db, requireUser(req), auditActor(req), req.params.id, req.body, app.clock.now());
    const { c, bases } = await catalogNow();
    return presentCriterion(c.types.flatMap((t) => t.versions).flatMap((v) => v.criteria).find((x) => x.id === req.params.id)!, bases);
  });

  app.post('/api/awards/base-salaries', {
    schema: { tags, summary: 'Mức lương cơ sở mới từ một ngày (mức đang áp dụng kết thúc ngày hôm trước)', body: SalaryBody, response: { 201: CreatedOut } },
  }, async (req, reply) => {
    const id = await createSalary(app.db, requireUser(req), auditActor(req), req.body);
    return reply.status(201).send({ id });
  });
};
