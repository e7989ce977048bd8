/** Request and response schemas of the council, its meetings and ballots (zod → validation and OpenAPI). */
import { MEETING_ACTIONS, MEETING_STATUSES, multilineText, NOMINATION_STATUSES } from '@nhip/contracts';
import { z } from 'zod';
import { DateISO } from '../org/org.schema.js';

export const Id = z.coerce.number({ error: 'mã số không hợp lệ' }).int('mã số không hợp lệ').positive('mã số không hợp lệ').max(2_147_483_647, 'mã số không hợp lệ');
export const BodyId = z.number({ error: 'mã số không hợp lệ' }).int('mã số không hợp lệ').positive('mã số không hợp lệ').max(2_147_483_647, 'mã số không hợp lệ');
export const YearValue = z.number({ error: 'năm không hợp lệ' }).int('năm phải là số nguyên').min(2000, 'từ năm 2000').max(2200, 'đến năm 2200');
export const YearQuery = z.coerce.number({ error: 'năm không hợp lệ' }).int('năm phải là số nguyên').min(2000, 'từ năm 2000').max(2200, 'đến năm 2200');
export const Version = z.number({ error: 'bắt buộc, phiên bản đang sửa' }).int().min(1).max(2_147_483_647);
export const IdParams = z.object({ id: Id });
export const MeetingBallotParams = z.object({ id: Id, nomination: Id });
const DateTimeText = z.string({ error: 'bắt buộc, thời gian dạng YYYY-MM-DDTHH:mm' }).min(10).max(40);
const Role = z.enum(['chair', 'vice_chair', 'member', 'secretary']);

export const CouncilBody = z.object({
  name: z.string({ error: 'bắt buộc, tên hội đồng' }).max(300),
  unit: z.string().max(50).nullable().optional().describe('mã đơn vị của Sở (mặc định: Sở hiện tại)'),
  decisionNumber: z.string().max(100).nullable().optional().describe('số quyết định thành lập hội đồng'),
  validFrom: DateISO,
  validTo: DateISO.nullable().optional(),
  members: z.array(z.object({ person: BodyId, role: Role.optional(), validFrom: DateISO.nullable().optional(), validTo: DateISO.nullable().optional() })).max(60),
});

const Member = z.object({
  id: z.number(), personId: z.number(), fullName: z.string(), role: Role, roleLabel: z.string(), position: z.string(), unitName: z.string().nullable(),
  validFrom: z.string(), validTo: z.string().nullable(), hasAccount: z.boolean(),
});
export const CouncilOut = z.object({
  id: z.number(), name: z.string(), unit: z.object({ id: z.number(), code: z.string(), name: z.string() }), decisionNumber: z.string().nullable(),
  validFrom: z.string(), validTo: z.string().nullable(), members: z.array(Member),
});
export const CouncilListOut = z.object({ items: z.array(CouncilOut) });

export const MeetingBody = z.object({
  council: BodyId,
  year: YearValue.describe('năm thành tích được xét'),
  heldAt: DateTimeText.describe('thời gian họp, giờ Việt Nam: 2026-01-10T08:00'),
  place: z.string().max(500).nullable().optional(),
  chair: BodyId.nullable().optional().describe('mã cán bộ chủ trì (mặc định: Chủ tịch Hội đồng)'),
  secretary: BodyId.nullable().optional().describe('mã cán bộ thư ký (mặc định: thành viên là thư ký)'),
  notes: multilineText().max(20_000).nullable().optional(),
  nominations: z.array(BodyId).max(500).optional().describe('các đề nghị đã tiếp nhận cần bỏ phiếu kín'),
});

export const MeetingPatchBody = z.object({
  version: Version,
  heldAt: DateTimeText.optional(),
  place: z.string().max(500).nullable().optional(),
  chair: BodyId.nullable().optional(),
  secretary: BodyId.nullable().optional(),
  notes: multilineText().max(20_000).nullable().optional(),
  endedAt: DateTimeText.nullable().optional(),
  attendance: z.array(z.object({ person: BodyId, present: z.boolean(), writtenOpinion: z.boolean().optional() })).max(60).optional()
    .describe('thành viên có mặt; vắng mặt thì có hay không ý kiến bằng văn bản'),
  nominations: z.array(BodyId).max(500).optional(),
});

export const VersionBody = z.object({ version: Version });
export const CloseBody = z.object({
  version: Version,
  minutesNumber: z.string().max(10).nullable().optional().describe('số biên bản trong sổ của Hội đồng (mặc định: số tiếp theo của năm)'),
  endedAt: DateTimeText.nullable().optional(),
});
const Count = z.number({ error: 'số phiếu phải là số nguyên không âm' }).int('số phiếu phải là số nguyên').min(0, 'số phiếu không âm').max(100_000, 'số phiếu quá lớn');
export const TallyBody = z.object({ ballotsCast: Count.describe('số phiếu thu về'), votesFor: Count.describe('số phiếu đồng ý'), votesAgainst: Count.describe('số phiếu không đồng ý') });
export const VoteBody = z.object({ choice: z.enum(['for', 'against', 'blank']).describe('đồng ý, không đồng ý, hoặc phiếu trắng') });

const Ballot = z.object({
  nominationId: z.number(),
  subject: z.object({ kind: z.enum(['person', 'unit']), name: z.string(), detail: z.string() }),
  awardCode: z.string(),
  awardName: z.string(),
  nominationStatus: z.enum(NOMINATION_STATUSES),
  proposingUnitId: z.number(),
  mode: z.enum(['paper', 'electronic']),
  countsVisible: z.boolean(),
  ballotsCast: z.number(),
  votesFor: z.number(),
  votesAgainst: z.number(),
  casts: z.number(),
  recorded: z.boolean(),
  vote: z.object({ num: z.number(), den: z.number() }).nullable(),
  needed: z.number().nullable(),
  passed: z.boolean().nullable(),
  castByMe: z.boolean(),
});

export const MeetingOut = z.object({
  id: z.number(),
  council: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  heldAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  membersTotal: z.number().nullable(),
  present: z.number().nullable(),
  chairPersonId: z.number().nullable(),
  secretaryPersonId: z.number().nullable(),
  minutesNumber: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  members: z.array(Member.extend({ present: z.boolean().nullable(), writtenOpinion: z.boolean() })),
  ballots: z.array(Ballot),
  quorum: z.object({ num: z.number(), den: z.number(), present: z.number(), members: z.number(), met: z.boolean().nullable() }).nullable(),
  abilities: z.object(Object.fromEntries(MEETING_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof MEETING_ACTIONS)[number], z.ZodBoolean>),
});

export const MeetingListOut = z.object({
  items: z.array(z.object({
    id: z.number(), council: z.object({ id: z.number(), name: z.string() }), year: z.number(), heldAt: z.string(), place: z.string().nullable(),
    status: z.enum(MEETING_STATUSES), nominations: z.number(), minutesNumber: z.string().nullable(),
  })),
});
export const MeetingListQuery = z.object({ year: YearQuery.optional() });
export const DocQuery = z.object({ format: z.enum(['html', 'docx', 'pdf']).default('html').describe('html: xem trước; docx, pdf: tải về') });
