/**
 * `POST /api/recommendations/similar`: the recommendations most like a text, best first, with the system's own
 * decision that it is the same point (`recurring`, a proposal a person confirms). Registering this plugin also makes
 * the register store match terms under the office's lexicon (configureMatchTerms) and reads the matching state once
 * the server is ready, so the first match does not pay for it.
 */
import { multilineText } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http.js';
import { matchTerms } from './matching/index.js';
import { configureMatchTerms, RECOMMENDATION_TEXT_MAX } from './recommendations.service.js';
import { currentLexicon, matchContext, noteStoredTerms, similarFor } from './similar.service.js';

export const similarRoutes: FastifyPluginAsyncZod = async (app) => {
  configureMatchTerms((text) => matchTerms(text, currentLexicon()), noteStoredTerms);
  app.addHook('onReady', async () => {
    try {
      await matchContext(app.db);
    } catch (e) {
      app.log.warn(e, 'matching state not read at start; it is read on first use');
    }
  });

  app.post('/api/recommendations/similar', {
    schema: {
      tags: ['recommendations'],
      summary: 'Kiến nghị đã có giống nhất với một nội dung (không phân biệt dấu, hoa thường, thứ tự từ; hiểu các từ viết tắt của ngành), tốt nhất trước',
      body: z.object({
        text: multilineText().min(1).max(RECOMMENDATION_TEXT_MAX).describe(`Nội dung cần so (tối đa ${RECOMMENDATION_TEXT_MAX} ký tự)`),
        limit: z.number().int().min(1).max(50).optional().describe('Số kết quả tối đa (mặc định 10)'),
      }),
      response: {
        200: z.object({
          matches: z.array(z.object({
            id: z.number(),
            text: z.string(),
            score: z.number().describe('Mức giống nhau, 0–1'),
            recurring: z.boolean().describe('Hệ thống cho là cùng một kiến nghị được nêu lại (ngưỡng đo trên bộ dữ liệu đánh giá; người xử lý xác nhận)'),
          })),
        }),
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const matches = await similarFor(app.db, user, req.body.text, req.body.limit ?? 10);
    return { matches: matches.map((m) => ({ id: m.id, text: m.text, score: m.score, recurring: m.recurring })) };
  });
};
