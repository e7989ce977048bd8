import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http.js';
import { presentDetail, presentListItem } from './conferences.presenter.js';
import * as S from './conferences.schema.js';
import { conferenceDetail, listConferences, loadVisibleConference } from './conferences.service.js';

export const TAGS = ['conferences'];

export const conferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/conferences', {
    schema: { tags: TAGS, summary: 'Danh sách hội nghị sơ kết, tổng kết (lọc theo kỳ, trạng thái)', querystring: S.ListQuery, response: { 200: S.ConferenceList } },
  }, async (req) => {
    const u = requireUser(req);
    return { items: (await listConferences(app.db, u, req.query)).map(presentListItem) };
  });

  app.get('/api/conferences/:id', {
    schema: { tags: TAGS, summary: 'Một hội nghị: thông tin chung, số liệu giấy mời, đại biểu, tham luận, và quyền của tôi', params: S.ConferenceIdParam, response: { 200: S.ConferenceDetail } },
  }, async (req) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, req.params.id);
    return presentDetail(await conferenceDetail(app.db, u, loaded));
  });
};
