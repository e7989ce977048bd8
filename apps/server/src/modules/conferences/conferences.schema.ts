import {
  CONFERENCE_ACTIONS, CONFERENCE_KINDS, CONFERENCE_STATUSES, INVITATION_STATUSES, multilineText, UNIT_TYPES,
} from '@nhip/contracts';
import { z } from 'zod';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const ConferenceIdParam = z.object({ id: Id });
export const GuestParams = z.object({ id: Id, guestId: Id });

/** A date-time as typed: '2024-01-04T14:00', '2024-01-04 14:00' (Vietnam time) or with an offset. */
export const DateTimeText = z.string().min(16).max(40).describe('Ngày giờ, ví dụ 2024-01-04T14:00 (giờ Việt Nam) hoặc 2024-01-04T14:00:00+07:00');
/** A deadline: a date (17:00 Vietnam time that day) or a date and time. */
export const DeadlineText = z.string().min(10).max(40).describe('Ngày (17 giờ ngày đó) hoặc ngày giờ, ví dụ 2024-01-02 hoặc 2024-01-02T17:00');
const PeriodText = z.string().min(4).max(20).describe('Kỳ: 2023Q1, 2023S1, 2023N1, 2023');

export const ListQuery = z.object({
  period: PeriodText.optional(),
  status: z.enum(CONFERENCE_STATUSES).optional(),
});

export const ConferenceListItem = z.object({
  id: z.number(),
  period: z.string(),
  periodLabel: z.string(),
  kind: z.enum(CONFERENCE_KINDS),
  title: z.string(),
  startsAt: z.date(),
  place: z.string(),
  status: z.enum(CONFERENCE_STATUSES),
  invited: z.number().describe('Số đơn vị được mời'),
});
export const ConferenceList = z.object({ items: z.array(ConferenceListItem) });

export const PersonRef = z.object({ personId: z.number(), fullName: z.string(), position: z.string().nullable() });
export const UnitRef = z.object({ id: z.number(), code: z.string(), name: z.string(), type: z.enum(UNIT_TYPES) });

export const Guest = z.object({
  id: z.number(), fullName: z.string(), position: z.string(), body: z.string(), givesDirective: z.boolean(), sort: z.number(),
});
export const GuestBody = z.object({
  fullName: z.string().min(1).max(200),
  position: z.string().max(300).default(''),
  body: z.string().max(300).default('').describe('Cơ quan, ví dụ "Ủy ban nhân dân tỉnh"'),
  givesDirective: z.boolean().default(false).describe('Phát biểu chỉ đạo tại hội nghị'),
  sort: z.number().int().min(0).max(1000).optional(),
});
export const GuestPatch = z.object({
  fullName: z.string().min(1).max(200).optional(),
  position: z.string().max(300).optional(),
  body: z.string().max(300).optional(),
  givesDirective: z.boolean().optional(),
  sort: z.number().int().min(0).max(1000).optional(),
});

export const Counts = z.object({
  invited: z.number(), accepted: z.number(), declined: z.number(), pending: z.number(),
  delegates: z.number(), checkedIn: z.number(), walkIns: z.number(),
  presentationsRequested: z.number(), presentationsUploaded: z.number(),
});

export const Abilities = z.object(Object.fromEntries(CONFERENCE_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof CONFERENCE_ACTIONS)[number], z.ZodBoolean>);

export const MyInvitation = z.object({
  unitId: z.number(),
  status: z.enum(INVITATION_STATUSES),
  expectedDelegates: z.number(),
  respondedAt: z.date().nullable(),
  declineReason: z.string().nullable(),
});

export const SamePeriod = z.object({ id: z.number(), title: z.string(), status: z.enum(CONFERENCE_STATUSES), startsAt: z.date() });

export const ConferenceDetail = z.object({
  id: z.number(),
  period: z.string(),
  periodLabel: z.string(),
  kind: z.enum(CONFERENCE_KINDS),
  title: z.string(),
  status: z.enum(CONFERENCE_STATUSES),
  startsAt: z.date(),
  endsAt: z.date().describe('Giờ kết thúc dự kiến: giờ bắt đầu cộng thời lượng chương trình'),
  place: z.string(),
  theme: z.string().nullable(),
  rsvpDeadline: z.date().nullable(),
  invitationNumber: z.string().nullable(),
  invitationIssuedAt: z.date().nullable(),
  icsSequence: z.number(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  chair: PersonRef.nullable(),
  secretary: PersonRef.nullable(),
  guests: z.array(Guest),
  counts: Counts,
  abilities: Abilities,
  myInvitation: MyInvitation.nullable().describe('Giấy mời của đơn vị tôi (tài khoản đơn vị)'),
  samePeriod: z.array(SamePeriod).describe('Các hội nghị khác cùng kỳ'),
  links: z.object({ calendar: z.string(), draftReport: z.string(), agenda: z.string(), bundleZip: z.string(), bundlePdf: z.string() }),
  createdAt: z.date(),
  updatedAt: z.date(),
});


export const DraftQuery = z.object({ period: PeriodText });

export const DraftInvitation = z.object({ unit: UnitRef, expectedDelegates: z.number(), reason: z.string().describe('Vì sao đơn vị được đề xuất mời') });
export const ConferenceDraft = z.object({
  period: z.string(),
  periodLabel: z.string(),
  kind: z.enum(CONFERENCE_KINDS),
  title: z.string(),
  startsAt: z.date(),
  place: z.string(),
  rsvpDeadline: z.date(),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  chair: z.object({ personId: z.number(), fullName: z.string(), position: z.string() }).nullable(),
  invitations: z.array(DraftInvitation),
  defaults: z.array(z.string()).describe('Các giá trị mặc định đã chọn, để hiện cho người lập'),
  warnings: z.array(z.string()),
});

export const CreateBody = z.object({
  period: PeriodText,
  title: z.string().min(1).max(500).optional().describe('Mặc định: tiêu đề theo kỳ'),
  startsAt: DateTimeText.optional().describe('Mặc định: ngày làm việc đề xuất, 8 giờ'),
  place: z.string().max(300).optional(),
  chairPersonId: Id.nullable().optional(),
  secretaryPersonId: Id.nullable().optional(),
  theme: multilineText().max(2000).nullable().optional(),
  rsvpDeadline: DeadlineText.nullable().optional(),
  invitations: z
    .array(z.object({ unitId: Id, expectedDelegates: z.number().int().min(1).max(50).default(1) }))
    .max(2000)
    .optional()
    .describe('Mặc định: các đơn vị đề xuất'),
  defaultAgenda: z.boolean().default(true).describe('Tạo chương trình mặc định'),
});

export const PatchBody = z.object({
  title: z.string().min(1).max(500).optional(),
  startsAt: DateTimeText.optional(),
  place: z.string().max(300).optional(),
  chairPersonId: Id.nullable().optional(),
  secretaryPersonId: Id.nullable().optional(),
  theme: multilineText().max(2000).nullable().optional(),
  rsvpDeadline: DeadlineText.nullable().optional(),
});

export const TransitionResult = z.object({ id: z.number(), status: z.enum(CONFERENCE_STATUSES) });

export const MailOutcome = z.object({ unitId: z.number(), sent: z.boolean(), error: z.string().nullable() });
export const ConferenceChanged = ConferenceDetail.extend({
  warnings: z.array(z.string()),
  mail: z.array(MailOutcome).describe('E-mail gửi kèm thay đổi (khi có cấu hình SMTP)'),
});
export const InviteBody = z.object({ invitationNumber: z.string().max(60).nullable().optional().describe('Số giấy mời, ví dụ 45/GM-SKHCN') });
