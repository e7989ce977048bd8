import { z } from 'zod';
import { CompareItemSchema } from '../analytics/compare.routes.js';

export const Query = z.object({
  period: z.string().max(20).optional().describe('Kỳ: 2025Q3, 2025S1, 2025N1, 2025 (mặc định: quý gần nhất đã kết thúc)'),
  ou: z.string().max(100).optional().describe('Mã đơn vị (mặc định: tỉnh)'),
});

const UnitRef = z.object({ code: z.string(), name: z.string() });

export const Figure = CompareItemSchema.extend({
  uom: z.string().nullable(),
  decimals: z.number().int().nullable().describe('Số chữ số thập phân khi hiển thị; null: tối đa 2'),
  kind: z.enum(['de', 'ind']).describe('de: chỉ tiêu nhập liệu; ind: chỉ số tính toán'),
});

export const RoundProgress = z.object({
  roundId: z.number().int(),
  formCode: z.string(),
  formName: z.string(),
  period: z.string(),
  periodName: z.string(),
  deadline: z.string().describe('Ngày hạn nộp (YYYY-MM-DD, giờ Việt Nam)'),
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  late: z.number().int(),
  submittedPct: z.number(),
  approvedPct: z.number(),
});

export const Dashboard = z.object({
  period: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    level: z.number().int(),
    path: z.array(UnitRef).describe('Các cấp từ gốc đến đơn vị (đường dẫn)'),
    children: z.array(UnitRef.extend({ type: z.string() })).describe('Đơn vị cấp dưới trực tiếp còn hoạt động trong kỳ'),
  }),
  sectors: z.array(z.object({ code: z.string(), name: z.string(), figures: z.array(Figure) })),
  completeness: z.array(RoundProgress),
});
