/** Request and response schemas of emulation clusters (zod → validation and OpenAPI). */
import { z } from 'zod';
import { BodyId, Version, YearQuery, YearValue } from './council.schema.js';

const UnitCode = z.string().min(1, 'không được để trống').max(50, 'tối đa 50 ký tự');
const Criterion = z.object({
  id: BodyId.optional().describe('giữ tiêu chí đã có (và điểm của nó)'),
  name: z.string({ error: 'bắt buộc, tên tiêu chí' }).max(300),
  weight: z.number({ error: 'trọng số phải là số' }).positive('trọng số phải lớn hơn 0').max(10_000),
  maxScore: z.number({ error: 'điểm tối đa phải là số' }).positive('điểm tối đa phải lớn hơn 0').max(100_000).optional(),
  source: z.enum(['manual', 'computed']).optional().describe('manual: chấm tay; computed: tính từ số liệu Nhịp'),
  figure: z.enum(['timeliness', 'completeness']).nullable().optional().describe('timeliness: tỷ lệ báo cáo đúng hạn; completeness: tỷ lệ báo cáo đã nộp'),
  form: z.string().max(50).nullable().optional().describe('chỉ tính các đợt của biểu mẫu này'),
});

export const ClusterBody = z.object({
  name: z.string({ error: 'bắt buộc, tên khối, cụm thi đua' }).max(300),
  kind: z.enum(['khoi', 'cum']).optional(),
  year: YearValue,
  note: z.string().max(4000).nullable().optional(),
  members: z.array(UnitCode).max(300).describe('mã các đơn vị thành viên'),
  criteria: z.array(Criterion).max(50),
});
export const ClusterPatchBody = ClusterBody.omit({ year: true }).partial().extend({ version: Version });
export const ScoresBody = z.object({
  version: Version,
  scores: z.array(z.object({ criterion: BodyId, unit: UnitCode, score: z.number({ error: 'điểm phải là số' }).min(0, 'điểm không âm').max(100_000), note: z.string().max(2000).nullable().optional() })).max(20_000),
});
export const UnpublishBody = z.object({ version: Version, reason: z.string({ error: 'bắt buộc, lý do thu hồi' }).max(4000) });
export const ProposeBody = z.object({ titles: z.array(z.string().min(1).max(30)).min(1, 'cần ít nhất một danh hiệu, hình thức').max(5) });
export const ClusterListQuery = z.object({ year: YearQuery.optional() });

const Unit = z.object({ id: z.number(), code: z.string(), name: z.string() });
const RankingEntry = z.object({ unit: Unit, total: z.number(), percent: z.number(), rank: z.number(), missing: z.number() });
export const ClusterOut = z.object({
  id: z.number(), name: z.string(), kind: z.enum(['khoi', 'cum']), year: z.number(), note: z.string().nullable(), publishedAt: z.string().nullable(), version: z.number(),
  members: z.array(Unit.extend({ type: z.string() })),
  criteria: z.array(z.object({
    id: z.number(), name: z.string(), weight: z.number(), maxScore: z.number(), source: z.enum(['manual', 'computed']), figure: z.string().nullable(), form: z.string().nullable(),
  })),
  scores: z.array(z.object({ criterionId: z.number(), unitId: z.number(), score: z.number(), note: z.string().nullable(), computed: z.boolean() })),
  ranking: z.array(RankingEntry),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), unpublish: z.boolean(), propose: z.boolean() }),
});
export const ClusterListOut = z.object({
  items: z.array(z.object({
    id: z.number(), name: z.string(), kind: z.enum(['khoi', 'cum']), year: z.number(), publishedAt: z.string().nullable(), members: z.number(), leader: z.array(RankingEntry),
  })),
});
export const ProposeOut = z.object({ items: z.array(z.object({ title: z.string(), nominationId: z.number() })) });
