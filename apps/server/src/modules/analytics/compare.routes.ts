import { UNIT_ROLES, isRelativePeriodKeyword, relativePeriods } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { requireUser } from '../../platform/http.js';
import { parseDimensions, resolvePeriods } from './analytics.query.js';
import { compareFigures } from './compare.service.js';
import { MAY_SEE_UNAPPROVED } from './analytics.routes.js';

const TAGS = ['analytics'];

const Query = z.object({
  dx: z.string().max(10_000).optional().describe('Mã chỉ tiêu hoặc chỉ số, cách nhau bằng dấu ;'),
  ou: z.string().max(10_000).optional().describe('Mã đơn vị, cách nhau bằng dấu ;'),
  pe: z.string().max(100).optional().describe('Một kỳ: 2024, 2024Q3, 2024S1, 2024N1, 202409, THIS_QUARTER…'),
  includeUnapproved: z.enum(['true', 'false']).optional().describe('Tính cả số liệu chưa duyệt (văn phòng, quản trị, thẩm định)'),
});

/** A comparison period; basis 'predecessors': the figure of the units the unit was merged (or renamed) from, taken together. */
export const Comparison = z.object({
  pe: z.string(),
  peName: z.string(),
  value: z.number().nullable(),
  basis: z.enum(['unit', 'predecessors']).describe('unit: số liệu của chính đơn vị; predecessors: tổng các đơn vị trước sáp nhập'),
  predecessors: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
});
export const CompareItemSchema = z.object({
  dx: z.string(),
  dxName: z.string(),
  better: z.enum(['higher', 'lower']).describe('Chiều tốt: higher — càng cao càng tốt; lower — càng thấp càng tốt (chỉ tiêu kế hoạch là mức trần)'),
  ou: z.string(),
  ouName: z.string(),
  pe: z.string(),
  peName: z.string(),
  value: z.number().nullable(),
  previous: Comparison,
  lastYear: Comparison,
  changePrevPct: z.number().nullable(),
  changeLastYearPct: z.number().nullable(),
  target: z.object({ year: z.number(), value: z.number(), periodValue: z.number(), proRata: z.boolean() }).nullable(),
  achievementPct: z.number().nullable(),
  achievement: z.enum(['Vượt', 'Đạt', 'Không đạt']).nullable(),
});

export const compareRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/analytics/compare', {
    schema: {
      tags: TAGS,
      summary: 'So sánh số liệu với kỳ trước, cùng kỳ năm trước (đơn vị mới sáp nhập: tổng các đơn vị trước sáp nhập) và chỉ tiêu kế hoạch năm',
      querystring: Query,
      response: { 200: z.object({ items: z.array(CompareItemSchema) }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const q = req.query;
    for (const [name, label] of [['dx', 'chỉ tiêu (dx)'], ['ou', 'đơn vị (ou)'], ['pe', 'kỳ (pe)']] as const) {
      if (q[name] === undefined || q[name].trim() === '') throw badRequest(`Thiếu ${label}, ví dụ ${name}=${EXAMPLE[name]}.`);
    }
    const includeUnapproved = q.includeUnapproved === 'true';
    const parsed = parseDimensions([`dx:${q.dx}`, `ou:${q.ou}`, `pe:${q.pe}`], includeUnapproved);
    const ou = parsed.ou.map((item) => {
      if (item.kind !== 'unit') throw badRequest(`So sánh cần mã đơn vị cụ thể, không dùng cấp "LEVEL-${item.level}".`);
      return item.code;
    });
    if (parsed.pe.length !== 1) throw badRequest('So sánh chỉ nhận một kỳ (pe).');
    const peItem = parsed.pe[0]!;
    if (isRelativePeriodKeyword(peItem) && relativePeriods(peItem, app.clock.today()).length !== 1) {
      throw badRequest(`Kỳ "${peItem}" gồm nhiều kỳ; so sánh chỉ nhận một kỳ.`);
    }
    const [pe] = resolvePeriods([peItem], app.clock.today());
    if (includeUnapproved && !(MAY_SEE_UNAPPROVED as readonly string[]).includes(user.role)) {
      throw forbidden('Chỉ văn phòng, quản trị hoặc cán bộ thẩm định mới được xem số liệu chưa duyệt.');
    }
    const unitRole = UNIT_ROLES.includes(user.role);
    if (unitRole && user.orgUnitId === null) throw notFound('Tài khoản của bạn chưa gắn với đơn vị nào.');
    const items = await compareFigures(app.db, { dx: parsed.dx, ou, pe: pe!, includeUnapproved }, {
      today: app.clock.today(),
      scopeUnitId: unitRole ? user.orgUnitId : null,
    });
    return { items };
  });
};

const EXAMPLE = { dx: 'MA_CHI_TIEU', ou: 'MA_DON_VI', pe: '2024Q3' } as const;
