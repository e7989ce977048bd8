/** Request and response schemas of the look-back pages (a person, a collective), the statistics and the dossier documents (zod → validation and OpenAPI). */
import { INITIATIVE_SCOPES, NOMINATION_STATUSES, RATINGS } from '@nhip/contracts';
import { z } from 'zod';
import { YearQuery } from './council.schema.js';

const UnitCode = z.string().min(1, 'không được để trống').max(50, 'tối đa 50 ký tự');
const Code = z.string().min(1, 'không được để trống').max(40, 'tối đa 40 ký tự');

export const PersonPageQuery = z.object({ next: YearQuery.optional().describe('năm thành tích xét "đủ điều kiện đề nghị" (mặc định: năm nay, xét vào đầu năm sau)') });
export const UnitParams = z.object({ code: UnitCode });
export const StatsQuery = z.object({
  yearFrom: YearQuery.optional().describe('từ năm (mặc định: 6 năm trước năm kết thúc)'),
  yearTo: YearQuery.optional().describe('đến năm (mặc định: năm nay)'),
  title: Code.optional().describe('chỉ một danh hiệu, hình thức (mã hoặc tên)'),
  unit: UnitCode.optional().describe('chỉ một đơn vị (mã), kể cả các đơn vị tiền thân'),
});
export const DossierQuery = z.object({ format: z.enum(['html', 'docx', 'pdf']).default('html').describe('html: xem trước; docx, pdf: tải về') });

const History = z.object({
  id: z.number(), personId: z.number().nullable(), unitId: z.number().nullable(), awardCode: z.string(), awardName: z.string(), category: z.enum(['title', 'form']),
  year: z.number(), decisionNumber: z.string().nullable(), decisionDate: z.string().nullable(), authority: z.string().nullable(), source: z.enum(['history', 'decision']),
  decisionId: z.number().nullable(), via: z.string().nullable().describe('đơn vị tiền thân có khen thưởng này (đơn vị hợp nhất giữ lịch sử)'),
});
const Rating = z.object({ year: z.number(), rating: z.enum(RATINGS), label: z.string() });
const Nomination = z.object({
  id: z.number(), awardCode: z.string(), awardName: z.string(), year: z.number(), status: z.enum(NOMINATION_STATUSES), statusLabel: z.string(), eligible: z.boolean(),
});
const NextTitle = z.object({
  code: z.string(), name: z.string(), possible: z.boolean(), assumptions: z.array(z.string()).describe('điều còn phải đạt trong năm xét'),
  missing: z.array(z.string()).describe('tiêu chí chưa đạt theo dữ liệu đã có'), basis: z.string(),
});

export const PersonPageOut = z.object({
  person: z.object({
    id: z.number(), fullName: z.string(), gender: z.enum(['male', 'female']).nullable(), birthDate: z.string().nullable(), position: z.string(),
    unit: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(), title: z.string(), serviceStart: z.string().nullable(),
  }),
  history: z.array(History),
  ratings: z.array(Rating),
  initiatives: z.array(z.object({
    id: z.number(), title: z.string(), year: z.number(), scope: z.enum(INITIATIVE_SCOPES), recognisedBy: z.string().nullable(), decisionNumber: z.string().nullable(),
    usedFor: z.string().nullable(),
  })),
  nominations: z.array(Nomination),
  next: z.object({ year: z.number(), titles: z.array(NextTitle), summary: z.string() }),
});

export const UnitPageOut = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.string(), validFrom: z.string(), validTo: z.string().nullable() }),
  predecessors: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), validTo: z.string().nullable() })),
  history: z.array(History),
  ratings: z.array(Rating),
  nominations: z.array(Nomination),
});

const Count = { people: z.number(), units: z.number(), total: z.number() };
export const StatsOut = z.object({
  yearFrom: z.number(), yearTo: z.number(), title: z.string().nullable(), unit: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  total: z.object(Count),
  byYear: z.array(z.object({ year: z.number(), ...Count })),
  byUnit: z.array(z.object({ unit: z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.string() }).nullable(), ...Count })),
  byForm: z.array(z.object({ code: z.string(), name: z.string(), category: z.enum(['title', 'form']), ...Count })),
  byGender: z.array(z.object({ gender: z.enum(['female', 'male', 'unknown', 'collective']), label: z.string(), ...Count })),
  byAuthority: z.array(z.object({ authority: z.string(), ...Count })),
});
