/** Shapes of the register's API: the board's items, the detail (RecommendationOut), the grid's counts. */
import { RECOMMENDATION_ACTIONS, RECOMMENDATION_KINDS, RECOMMENDATION_STATES, TIMELINESS } from '@nhip/contracts';
import { z } from 'zod';

const Code = z.string().min(1).max(50);
export const RecId = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParams = z.object({ id: RecId });

export const UnitOut = z.object({ id: z.number(), code: z.string(), name: z.string() });
export const SectorOut = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const GridCounts = z.object({
  done_on_time: z.number(), done_late: z.number(), open_within_deadline: z.number(), open_overdue: z.number(),
  total: z.number().describe('Số kiến nghị được tính vào các ô (không tính kiến nghị đã gộp vào kiến nghị khác)'),
}).describe('Số kiến nghị theo bốn ô của QĐ 42/2014/QĐ-TTg');

export const RecommendationItem = z.object({
  id: z.number(),
  text: z.string(),
  kind: z.enum(RECOMMENDATION_KINDS),
  sector: SectorOut.nullable(),
  owner: UnitOut.nullable().describe('Phòng chủ trì'),
  deadline: z.string().nullable().describe('YYYY-MM-DD'),
  state: z.enum(RECOMMENDATION_STATES),
  timeliness: z.enum(TIMELINESS).describe('Ô của lưới QĐ 42/2014: kiến nghị đã gộp lấy ô của kiến nghị được gộp vào'),
  timesRaised: z.number().describe('Số lần kiến nghị được nêu ("nêu lại lần thứ N"): mỗi đơn vị (gộp với đơn vị tiền thân) trong mỗi kỳ tính một lần'),
  progress: z.number(),
  firstPeriod: z.string().nullable(),
  raisedOn: z.string(),
  closedOn: z.string().nullable(),
  carriedToPeriod: z.string().nullable(),
  mergedInto: z.object({ id: z.number(), text: z.string() }).nullable(),
  raisedBy: z.array(UnitOut).describe('Các đơn vị đã nêu'),
  escalated: z.boolean().describe('Đã chuyển lãnh đạo Sở phụ trách vì quá hạn'),
  answered: z.boolean().describe('Đã gửi trả lời cho đơn vị'),
  updatedAt: z.string(),
  version: z.number(),
});

export const SourceOut = z.object({
  id: z.number(),
  kind: z.enum(['report', 'discussion', 'point', 'manual']),
  unit: UnitOut.nullable(),
  period: z.string().nullable(),
  raisedOn: z.string(),
  text: z.string(),
  report: z.object({ submissionId: z.number(), roundId: z.number().nullable(), unitId: z.number().nullable(), section: z.string().nullable(), item: z.number().nullable() })
    .nullable().describe('Gạch đầu dòng trong báo cáo của đơn vị'),
  conference: z.object({ id: z.number(), title: z.string(), discussionItemId: z.number().nullable(), pointId: z.number().nullable(), pointNumber: z.number().nullable(),
    pointSource: z.enum(['conclusion', 'directive']).nullable() }).nullable(),
});

export const UpdateOut = z.object({
  id: z.number(),
  kind: z.enum(['progress', 'note', 'state', 'answer', 'escalation', 'reminder', 'link']),
  text: z.string(),
  progress: z.number().nullable(),
  stateFrom: z.string().nullable(),
  stateTo: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
  files: z.array(z.object({ id: z.number(), filename: z.string(), mime: z.string(), size: z.number(), url: z.string() })),
});

export const RecommendationOut = RecommendationItem.extend({
  stateReason: z.string().nullable().describe('Lý do không thể giải quyết hoặc chuyển kỳ'),
  deputy: z.object({ id: z.number(), name: z.string() }).nullable().describe('Lãnh đạo Sở phụ trách lĩnh vực'),
  cooperating: z.array(UnitOut.extend({ type: z.string() })),
  sources: z.array(SourceOut),
  timeline: z.array(UpdateOut),
  answer: z.object({ text: z.string(), publishedAt: z.string().nullable() }).nullable().describe('Đơn vị chỉ thấy trả lời đã gửi'),
  closingEvidence: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  mergedFrom: z.array(z.number()).describe('Các kiến nghị đã gộp vào kiến nghị này'),
  createdAt: z.string(),
  abilities: z.object(Object.fromEntries(RECOMMENDATION_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof RECOMMENDATION_ACTIONS)[number], z.ZodBoolean>),
});

export const BoardOut = z.object({
  items: z.array(RecommendationItem),
  total: z.number().describe('Số kiến nghị khớp bộ lọc (kể cả đã gộp)'),
  page: z.number(),
  pageSize: z.number(),
  counts: GridCounts,
});

/** A comma-separated list or a repeated parameter → the values, each one of `values`. */
const listOf = <T extends string>(values: readonly T[]) =>
  z.union([z.string().max(500), z.array(z.string().max(100)).max(20)]).optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const items = (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
      const bad = items.find((s) => !(values as readonly string[]).includes(s));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad.slice(0, 30)}" không hợp lệ; chọn trong ${values.join(', ')}` });
        return z.NEVER;
      }
      return items as T[];
    });

const Bool = z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true'));

/** The board's filter, shared by the list, the summary and the export. */
export const BoardQuery = z.object({
  conference: RecId.optional().describe('Kiến nghị có nguồn là ý kiến thảo luận hoặc điểm kết luận của hội nghị này'),
  period: z.string().max(10).optional().describe('Kỳ nêu kiến nghị; một năm gồm mọi kỳ trong năm (2025, 2025Q2, 2025S1, 202503)'),
  owner: Code.optional().describe('Mã phòng chủ trì'),
  timeliness: listOf(TIMELINESS).describe('done_on_time, done_late, open_within_deadline, open_overdue (có thể nhiều, cách nhau dấu phẩy)'),
  unit: Code.optional().describe('Mã đơn vị đã nêu kiến nghị (kể cả đơn vị tiền thân của nó)'),
  sector: Code.optional().describe('Mã lĩnh vực'),
  state: listOf(RECOMMENDATION_STATES),
  source: z.enum(['report', 'discussion', 'point', 'manual']).optional().describe('Nguồn: báo cáo, ý kiến thảo luận, điểm kết luận/chỉ đạo, nhập trực tiếp'),
  recurring: Bool.describe('true: kiến nghị đã được nêu từ hai lần trở lên'),
  escalated: Bool.describe('true: đã chuyển lãnh đạo Sở phụ trách vì quá hạn'),
  q: z.string().max(200).optional().describe('Tìm trong nội dung (không phân biệt dấu) hoặc theo số hiệu #123'),
});

