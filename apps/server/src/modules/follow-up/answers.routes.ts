/** PUT the answer to the units that raised a recommendation: a draft, or published to them (notification and their page). */
import { multilineText } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { saveAnswer } from './answers.service.js';
import { IdParams, RecommendationOut } from './recommendations.schema.js';
import { RECOMMENDATION_NOTE_MAX, recommendationDetail } from './recommendations.service.js';
import { who } from './recommendations.http.js';

export const answerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put('/api/recommendations/:id/answer', {
    schema: {
      tags: ['recommendations'], summary: 'Soạn hoặc gửi trả lời cho các đơn vị đã nêu kiến nghị (kèm version; 409 nếu đã có người sửa)',
      description: 'publish=true: gửi ngay, mỗi đơn vị đã nêu (hoặc đơn vị tiếp nhận đơn vị đã giải thể) nhận một thông báo dẫn tới trang "Kiến nghị của đơn vị". '
        + `publish=false: lưu bản nháp, đơn vị chưa thấy. Tối đa ${RECOMMENDATION_NOTE_MAX} ký tự.`,
      params: IdParams,
      body: z.object({ text: multilineText().min(1).max(RECOMMENDATION_NOTE_MAX), publish: z.boolean(), version: z.number().int().min(1) }),
      response: { 200: RecommendationOut },
    },
  }, async (req) => {
    const actor = who(req);
    const loaded = await saveAnswer(app.db, actor, req.params.id, req.body, app.clock.today(), app.clock.now());
    return recommendationDetail(app.db, actor, loaded, app.clock.today());
  });
};
