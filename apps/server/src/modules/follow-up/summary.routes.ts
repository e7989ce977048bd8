/** GET the register in figures: the boards' and the director's dashboard card's data. */
import { RECOMMENDATION_KINDS, RECOMMENDATION_STATES } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http.js';
import { presentItem } from './recommendations.presenter.js';
import { BoardQuery, GridCounts, RecommendationItem, SectorOut, UnitOut } from './recommendations.schema.js';
import { type Group, recommendationSummary } from './summary.service.js';

const grid = (g: Group['counts']) => ({ done_on_time: g.done_on_time, done_late: g.done_late, open_within_deadline: g.open_within_deadline, open_overdue: g.open_overdue, total: g.total });

export const SummaryOut = z.object({
  counts: GridCounts,
  byState: z.object(Object.fromEntries(RECOMMENDATION_STATES.map((s) => [s, z.number()])) as Record<(typeof RECOMMENDATION_STATES)[number], z.ZodNumber>),
  byDivision: z.array(z.object({ division: UnitOut.nullable(), counts: GridCounts })).describe('Theo phòng chủ trì, phòng quá hạn nhiều nhất trước'),
  bySector: z.array(z.object({ sector: SectorOut.nullable(), counts: GridCounts })),
  byKind: z.array(z.object({ kind: z.enum(RECOMMENDATION_KINDS), counts: GridCounts })),
  topRecurring: z.array(RecommendationItem).describe('Kiến nghị nêu lại nhiều lần nhất'),
  escalated: z.array(RecommendationItem).describe('Kiến nghị quá hạn đã chuyển lãnh đạo Sở phụ trách'),
});

export const summaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/recommendations/summary', {
    schema: {
      tags: ['recommendations'], summary: 'Số liệu kiến nghị cho bảng theo dõi và thẻ trên trang của Giám đốc: lưới QĐ 42/2014, quá hạn theo phòng, kiến nghị nêu lại nhiều nhất',
      description: 'Cùng bộ lọc với danh sách. Kiến nghị đã gộp được tính một lần, ở kiến nghị mà nó được gộp vào.',
      querystring: BoardQuery.extend({ top: z.coerce.number().int().min(1).max(50).optional() }), response: { 200: SummaryOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const { top, ...q } = req.query;
    const s = await recommendationSummary(app.db, user, q, app.clock.today(), top ?? 10);
    const unit = (g: Group) => (g.id !== null && g.code !== null && g.name !== null ? { id: g.id, code: g.code, name: g.name } : null);
    return {
      counts: grid(s.counts),
      byState: s.byState,
      byDivision: s.byDivision.map((g) => ({ division: unit(g), counts: grid(g.counts) })),
      bySector: s.bySector.map((g) => ({ sector: unit(g), counts: grid(g.counts) })),
      byKind: s.byKind.map((k) => ({ kind: k.kind as (typeof RECOMMENDATION_KINDS)[number], counts: grid(k.counts) })),
      topRecurring: s.topRecurring.map((x) => presentItem(x.row, x.raisers)),
      escalated: s.escalated.map((x) => presentItem(x.row, x.raisers)),
    };
  });
};
