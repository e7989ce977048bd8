import { maySeeAwardData } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http.js';
import { EligibilityOut, EligibilityQuery } from './awards.schema.js';
import { loadCatalog, typeOf } from './catalog.service.js';
import { personEligibility, unitEligibility } from './eligibility.service.js';
import { presentEligibility } from './nominations.presenter.js';
import { ensureVisible, oneSubject } from './subjects.js';

export const eligibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/awards/eligibility', {
    schema: {
      tags: ['awards'], summary: 'Kiểm tra điều kiện xét tặng một danh hiệu, hình thức khen thưởng cho một người (hoặc một tập thể) trong một năm',
      description:
        'person=ID (cá nhân) hoặc unit=MÃ ĐƠN VỊ (tập thể); title là mã danh hiệu (LDTT, CSTD_CS, CSTD_TINH …); year là năm thành tích. '
        + 'Áp dụng các quy định có hiệu lực vào ngày date (mặc định 31/12 của năm). Mỗi tiêu chí có kết quả, căn cứ chứng minh và căn cứ pháp lý.',
      querystring: EligibilityQuery, response: { 200: EligibilityOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const q = req.query;
    const today = app.clock.today();
    const subject = await oneSubject(app.db, { person: q.person, unit: q.unit }, today, false);
    ensureVisible(user, subject, maySeeAwardData);
    const catalog = await loadCatalog(app.db);
    const type = typeOf(catalog, q.title);
    const question = { awardCode: type.code, year: q.year, date: q.date };
    const result = subject.kind === 'person'
      ? await personEligibility(app.db, subject.personId, question, catalog)
      : await unitEligibility(app.db, subject.unit.id, question, catalog);
    return presentEligibility(result, type, subject);
  });
};
