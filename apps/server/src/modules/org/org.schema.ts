/** Request and response schemas of the organisation API (zod → validation and OpenAPI). */
import { UNIT_TYPES } from '@nhip/contracts';
import { z } from 'zod';
import { isISODate, LINEAGE_KINDS } from './org-rules.js';

export const DateISO = z.string({ error: 'bắt buộc, ngày dạng YYYY-MM-DD' }).refine(isISODate, { error: 'ngày không hợp lệ (cần dạng YYYY-MM-DD)' });
export const IdParam = z.object({ id: z.coerce.number({ error: 'mã số không hợp lệ' }).int().positive().max(2_147_483_647) });
const Id = z.number({ error: 'phải là mã số nguyên dương' }).int().positive().max(2_147_483_647);

export const LineageRefOut = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(LINEAGE_KINDS) });

export const OrgUnitOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  parentId: z.number().nullable(),
  level: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  sectorId: z.number().nullable(),
  active: z.boolean(),
  predecessors: z.array(LineageRefOut),
  successors: z.array(LineageRefOut),
});

export const OrgUnitDetailOut = OrgUnitOut.extend({ children: z.array(OrgUnitOut), users: z.number() });

export const UnitListQuery = z.object({
  asOf: DateISO.optional(),
  q: z.string().max(100, 'tối đa 100 ký tự').optional(),
  type: z.enum(UNIT_TYPES, { error: 'loại đơn vị không hợp lệ' }).optional(),
  includeClosed: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional(),
});

const UnitFields = {
  code: z.string({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(50, 'tối đa 50 ký tự'),
  name: z.string({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(300, 'tối đa 300 ký tự'),
  shortName: z.string().max(100, 'tối đa 100 ký tự').nullable().optional(),
  type: z.enum(UNIT_TYPES, { error: 'loại đơn vị không hợp lệ' }),
  parentId: Id.nullable().optional(),
  validFrom: DateISO,
  validTo: DateISO.nullable().optional(),
  sectorId: Id.nullable().optional(),
  predecessors: z
    .array(z.object({ id: Id, kind: z.enum(LINEAGE_KINDS, { error: 'kiểu kế thừa phải là rename, merge, split hoặc transfer' }).default('merge') }))
    .max(500, 'tối đa 500 đơn vị tiền thân')
    .optional(),
};

export const UnitCreateBody = z.object(UnitFields);
export const UnitPatchBody = z.object(UnitFields).partial();

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional() });
export const ImportResultOut = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  dryRun: z.boolean(),
});
