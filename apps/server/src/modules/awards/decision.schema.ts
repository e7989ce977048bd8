/** Request and response schemas of award decisions, certificates, the conference's awards and the dossier (zod → validation and OpenAPI). */
import { DECISION_ACTIONS, DECISION_ISSUERS, DECISION_STATUSES } from '@nhip/contracts';
import { z } from 'zod';
import { DateISO } from '../org/org.schema.js';
import { BodyId, Id, Version, YearQuery, YearValue } from './council.schema.js';

const Code = z.string().min(1, 'không được để trống').max(40, 'tối đa 40 ký tự');

export const DecisionBody = z.object({
  issuer: z.enum(DECISION_ISSUERS).optional().describe('department: quyết định của Giám đốc Sở (mặc định); external: ghi nhận quyết định của cấp trên'),
  year: YearValue.describe('năm thành tích'),
  nominations: z.array(BodyId).min(1, 'cần ít nhất một đề nghị').max(2000),
  date: DateISO.nullable().optional().describe('ngày ký dự kiến (quyết định cấp trên: ngày ký)'),
  subject: z.string().max(500).nullable().optional().describe('trích yếu; mặc định theo danh hiệu, hình thức'),
  reason: z.string().max(1000).nullable().optional().describe('sau "đã": có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025'),
  proposer: z.string().max(300).nullable().optional().describe('"Theo đề nghị của …" (mặc định Chánh Văn phòng Sở)'),
  bases: z.array(Code).max(30).nullable().optional().describe('mã văn bản căn cứ; mặc định: căn cứ của các quy định có hiệu lực vào ngày quyết định'),
  conference: BodyId.nullable().optional().describe('hội nghị trao khen thưởng (mặc định: hội nghị tổng kết của năm thành tích)'),
  meeting: BodyId.nullable().optional().describe('cuộc họp Hội đồng đã xét (mặc định: cuộc họp đã bỏ phiếu các đề nghị này)'),
  number: z.string().max(100).nullable().optional().describe('quyết định cấp trên: số như đã in, ví dụ 125/QĐ-UBND'),
  authority: z.string().max(300).nullable().optional().describe('quyết định cấp trên: cấp ban hành, ví dụ Chủ tịch Ủy ban nhân dân tỉnh'),
});
export const DecisionPatchBody = DecisionBody.omit({ issuer: true }).partial().extend({ version: Version });
export const IssueBody = z.object({
  version: Version,
  number: z.string().max(100).nullable().optional().describe('số thứ tự trong sổ (ví dụ 15); mặc định số tiếp theo của năm'),
  date: DateISO.nullable().optional().describe('ngày ký (mặc định hôm nay)'),
});

const Basis = z.object({ id: z.number(), code: z.string(), number: z.string(), shortName: z.string(), validFrom: z.string(), validTo: z.string().nullable(), line: z.string() });
const Line = z.object({
  id: z.number(), nominationId: z.number().nullable(), kind: z.enum(['person', 'unit']), personId: z.number().nullable(), unitId: z.number().nullable(),
  name: z.string(), gender: z.enum(['male', 'female']).nullable(), detail: z.string(), awardCode: z.string(), awardName: z.string(), year: z.number(),
  multiple: z.number().nullable(), amount: z.number().nullable(), recordId: z.number().nullable(), certificate: z.boolean(),
});
const Abilities = z.object(Object.fromEntries(DECISION_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof DECISION_ACTIONS)[number], z.ZodBoolean>);

export const DecisionOut = z.object({
  id: z.number(), issuer: z.enum(DECISION_ISSUERS), status: z.enum(DECISION_STATUSES), year: z.number(), awardYear: z.number().nullable(), number: z.string().nullable(),
  date: z.string().nullable(), subject: z.string(), authority: z.string(), proposer: z.string().nullable(), reason: z.string().nullable(),
  signerTitle: z.string().nullable(), meetingId: z.number().nullable(), conference: z.object({ id: z.number(), title: z.string(), period: z.string() }).nullable(),
  bases: z.array(Basis), basesExplicit: z.boolean(), baseSalary: z.object({ amount: z.number(), validFrom: z.string() }).nullable(),
  lines: z.array(Line), totals: z.object({ people: z.number(), units: z.number(), amount: z.number() }), problems: z.array(z.string()),
  issuedAt: z.string().nullable(), version: z.number(), abilities: Abilities,
});

export const DecisionListQuery = z.object({
  year: YearQuery.optional().describe('năm của số quyết định'),
  awardYear: YearQuery.optional().describe('năm thành tích'),
  status: z.enum(DECISION_STATUSES).optional(),
  conference: Id.optional().describe('quyết định trao tại hội nghị này'),
  title: Code.optional(),
});
export const DecisionListOut = z.object({
  items: z.array(z.object({
    id: z.number(), issuer: z.enum(DECISION_ISSUERS), status: z.enum(DECISION_STATUSES), number: z.string().nullable(), date: z.string().nullable(), subject: z.string(),
    authority: z.string(), awardYear: z.number().nullable(), conferenceId: z.number().nullable(), codes: z.array(z.string()), people: z.number(), units: z.number(),
    amount: z.number(), abilities: Abilities,
  })),
});

export const CertificateQuery = z.object({ format: z.enum(['pdf', 'docx']).default('pdf').describe('pdf: một tệp PDF cho cả đợt; docx: để chỉnh sửa') });
export const ConferenceParams = z.object({ id: Id });
export const ConferenceAwardsOut = z.object({
  conferenceId: z.number(),
  groups: z.array(z.object({
    code: z.string(), name: z.string(), category: z.enum(['title', 'form']), people: z.number(), units: z.number(),
    decisions: z.array(z.object({ id: z.number(), number: z.string(), date: z.string() })),
    recipients: z.array(z.object({ kind: z.enum(['person', 'unit']), name: z.string(), unit: z.string().nullable() })),
  })),
  totals: z.object({ decisions: z.number(), people: z.number(), units: z.number() }),
  lines: z.array(z.string()),
});

export const ProposalQuery = z.object({
  title: Code.describe('mã danh hiệu, hình thức'),
  year: YearQuery,
  date: DateISO.optional().describe('ngày tờ trình (mặc định hôm nay)'),
  format: z.enum(['html', 'docx', 'pdf']).default('html'),
});
