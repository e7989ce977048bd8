/** Request and response schemas of the people directory API (zod → validation and OpenAPI). */
import { multilineText, UNIT_TYPES } from '@nhip/contracts';
import { z } from 'zod';
import { DateISO } from '../org/org.schema.js';
import { END_REASONS, GENDERS } from './people-rules.js';

export { IdParam } from '../org/org.schema.js';

const Id = z.number({ error: 'phải là mã số nguyên dương' }).int().positive().max(2_147_483_647);
const UnitCode = z.string({ error: 'bắt buộc, mã đơn vị dạng chuỗi' }).min(1, 'không được để trống').max(50, 'tối đa 50 ký tự');
const Position = z.string({ error: 'phải là chuỗi' }).max(200, 'tối đa 200 ký tự');

export const UnitRefOut = z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES) });

export const MembershipOut = z.object({
  id: z.number(),
  unit: UnitRefOut,
  position: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endReason: z.enum(END_REASONS).nullable(),
});

export const PersonOut = z.object({
  id: z.number(),
  fullName: z.string(),
  gender: z.enum(GENDERS).nullable(),
  /** Personal data (Decree 13/2023/NĐ-CP): null unless `personal`. */
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  /** The unit and position on the date asked for; for former staff, their last ones. */
  unit: UnitRefOut.nullable(),
  position: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Does that membership hold on the date asked for (false: former staff, or not yet started)? */
  current: z.boolean(),
  /** Are phone, e-mail, birth date and note shown to the caller? */
  personal: z.boolean(),
  /** May the caller edit, move and end this person's memberships? */
  canManage: z.boolean(),
});

export const PersonDetailOut = PersonOut.extend({
  memberships: z.array(MembershipOut),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PersonListOut = z.object({ total: z.number(), items: z.array(PersonOut) });

export const PersonListQuery = z.object({
  q: z.string().max(100, 'tối đa 100 ký tự').optional(),
  unit: UnitCode.optional(),
  unitId: z.coerce.number({ error: 'mã số không hợp lệ' }).int().positive().max(2_147_483_647).optional(),
  asOf: DateISO.optional(),
  includeFormer: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional(),
  page: z.coerce.number({ error: 'phải là số trang' }).int('phải là số nguyên').min(1, 'từ 1 trở lên').max(100_000, 'tối đa 100.000').default(1),
  pageSize: z.coerce.number({ error: 'phải là số dòng' }).int('phải là số nguyên').min(1, 'từ 1 trở lên').max(1000, 'tối đa 1.000').default(50),
});

const PersonFields = {
  fullName: z.string({ error: 'bắt buộc, dạng chuỗi' }).min(1, 'không được để trống').max(200, 'tối đa 200 ký tự'),
  gender: z.enum(GENDERS, { error: 'giới tính là male (nam) hoặc female (nữ)' }).nullable().optional(),
  birthDate: DateISO.nullable().optional(),
  phone: z.string({ error: 'phải là chuỗi' }).max(30, 'tối đa 30 ký tự').nullable().optional(),
  email: z.string({ error: 'phải là chuỗi' }).max(254, 'tối đa 254 ký tự').nullable().optional(),
  userId: Id.nullable().optional(),
  /** The sign-in account by its username, instead of userId ("" or null unlinks). */
  username: z.string({ error: 'phải là chuỗi' }).max(100, 'tối đa 100 ký tự').nullable().optional(),
  note: multilineText({ error: 'phải là chuỗi' }).max(2000, 'tối đa 2.000 ký tự').nullable().optional(),
};

export const PersonCreateBody = z.object({
  ...PersonFields,
  unit: UnitCode,
  position: Position.optional(),
  validFrom: DateISO.optional(),
});

export const PersonPatchBody = z.object({ ...PersonFields, fullName: PersonFields.fullName.optional(), position: Position.optional() });

export const MoveBody = z.object({ unit: UnitCode, position: Position, date: DateISO });

export const LeaveBody = z.object({
  date: DateISO,
  reason: z.enum(['retired', 'left', 'other'], { error: 'lý do là retired (nghỉ hưu), left (thôi việc) hoặc other' }).optional(),
});

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false'], { error: 'chỉ nhận true hoặc false' }).optional() });
export const ImportResultOut = z.object({
  created: z.number(),
  updated: z.number(),
  moved: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  dryRun: z.boolean(),
});
