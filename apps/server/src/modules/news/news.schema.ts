import {
  multilineText, NEWS_ACTIONS, NEWS_BODY_MAX, NEWS_PHOTO_SIZES, NEWS_STATUSES, NEWS_SUMMARY_MAX, NEWS_TAGS_MAX, NEWS_TITLE_MAX, ROLES,
} from '@nhip/contracts';
import { z } from 'zod';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const PhotoParams = z.object({ id: Id, photoId: Id });
export const RevisionParams = z.object({ id: Id, revision: Id });
export const ConferenceParam = z.object({ conferenceId: Id });

/** A date-time as typed: '2026-01-05T08:00' (Vietnam time) or with an offset. */
export const DateTimeText = z.string().min(10).max(40).describe('Ngày giờ, ví dụ 2026-01-05T08:00 (giờ Việt Nam) hoặc 2026-01-05T08:00:00+07:00');

const Title = z.string().min(1).max(NEWS_TITLE_MAX).describe('Tiêu đề (văn bản thuần; thẻ HTML được giữ nguyên như chữ và hiện ra như chữ)');
const Summary = multilineText().max(NEWS_SUMMARY_MAX).describe('Tóm tắt (sapo), văn bản thuần');
const Body = multilineText().max(NEWS_BODY_MAX).describe('Nội dung HTML; được làm sạch theo danh sách cho phép (đoạn, đậm, nghiêng, danh sách, tiêu đề h2-h4, liên kết http/https, trích dẫn, bảng, ảnh của chính tin bài)');
const Tags = z.array(z.string().min(1).max(60)).max(NEWS_TAGS_MAX).describe('Từ khóa');
const AuthorLine = z.string().max(200).describe('Dòng ký tên tác giả ở cuối bài');
const Source = z.string().max(300).nullable().describe('Nguồn của bài đăng lại, hiện là "Theo: …"');
const SectorId = z.number().int().positive().max(2_147_483_647).nullable().describe('Lĩnh vực');

export const CreateBody = z.object({
  title: Title,
  summary: Summary.optional(),
  body: Body,
  sectorId: SectorId.optional(),
  tags: Tags.optional(),
  authorLine: AuthorLine.optional(),
  source: Source.optional(),
});

export const PatchBody = z.object({
  version: z.number().int().positive().describe('Phiên bản đang sửa (lấy từ lần đọc trước); khác phiên bản hiện tại thì trả 409'),
  title: Title.optional(),
  summary: Summary.optional(),
  body: Body.optional(),
  sectorId: SectorId.optional(),
  tags: Tags.optional(),
  authorLine: AuthorLine.optional(),
  source: Source.optional(),
});

export const CorrectBody = PatchBody.extend({
  reason: multilineText().min(1).max(1000).describe('Nội dung đính chính, hiện dưới bài trên trang công khai; bản cũ được giữ lại'),
});

export const PublishBody = z.object({ publishAt: DateTimeText.nullish().describe('Hẹn giờ đăng; bỏ trống để đăng ngay; thời điểm đã qua thì đăng ngay') }).nullish();
export const ScheduleBody = z.object({ publishAt: DateTimeText.describe('Thời điểm đăng; đã qua thì đăng ngay, kèm ghi chú') });
export const ReturnBody = z.object({ note: multilineText().min(1).max(2000).describe('Lý do trả lại, cần sửa gì') });
export const UnpublishBody = z.object({ reason: multilineText().min(1).max(2000).describe('Lý do gỡ bài') });

export const ListQuery = z.object({
  status: z.enum(NEWS_STATUSES).optional(),
  q: z.string().max(200).optional().describe('Tìm trong tiêu đề, tóm tắt, nội dung (không phân biệt dấu)'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PhotoQuery = z.object({ size: z.enum(NEWS_PHOTO_SIZES).default('large') });
export const CaptionBody = z.object({ caption: z.string().max(500).describe('Chú thích ảnh') });
export const OrderBody = z.object({ ids: z.array(Id).max(200).describe('Mã các ảnh theo thứ tự mới; ảnh đầu là ảnh đại diện') });

export const Abilities = z.object(Object.fromEntries(NEWS_ACTIONS.map((a) => [a, z.boolean()])) as Record<(typeof NEWS_ACTIONS)[number], z.ZodBoolean>);

export const Photo = z.object({
  id: z.number(), caption: z.string(), sort: z.number(), mime: z.string(), width: z.number(), height: z.number(), thumbWidth: z.number(),
  thumbHeight: z.number(), size: z.number(), sha256: z.string(),
  url: z.string().describe('Ảnh lớn cho người soạn'), thumbUrl: z.string(), publicUrl: z.string().describe('Địa chỉ công khai (dùng trong nội dung bài: <img src>)'),
});

export const ListItem = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(NEWS_STATUSES),
  scheduled: z.boolean().describe('Đã đăng với giờ hẹn chưa tới'),
  publishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
  authorLine: z.string(),
  sector: z.string().nullable(),
  tags: z.array(z.string()),
  conferenceId: z.number().nullable(),
  version: z.number(),
  coverPhotoId: z.number().nullable(),
});
export const List = z.object({ items: z.array(ListItem), total: z.number(), page: z.number(), pageSize: z.number() });

export const HistoryEntry = z.object({ at: z.date(), action: z.string(), actor: z.string().nullable(), note: z.string().nullable() });
export const RevisionSummary = z.object({ revision: z.number(), title: z.string(), replacedAt: z.date(), reason: z.string() });

export const Detail = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string().describe('Nội dung HTML đã làm sạch'),
  status: z.enum(NEWS_STATUSES),
  scheduled: z.boolean(),
  visible: z.boolean().describe('Đang hiện trên trang công khai'),
  publicPath: z.string(),
  sectorId: z.number().nullable(),
  sector: z.string().nullable(),
  tags: z.array(z.string()),
  authorLine: z.string(),
  source: z.string().nullable(),
  publishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  publishedDay: z.string().nullable(),
  updatedAt: z.date(),
  departmentName: z.string().nullable(),
  conferenceId: z.number().nullable(),
  version: z.number(),
  revision: z.number(),
  returnNote: z.string().nullable(),
  unpublishReason: z.string().nullable(),
  correctedAt: z.date().nullable(),
  correctionNote: z.string().nullable(),
  createdAt: z.date(),
  submittedAt: z.date().nullable(),
  approvedAt: z.date().nullable(),
  photos: z.array(Photo),
  revisions: z.array(RevisionSummary),
  history: z.array(HistoryEntry),
  abilities: Abilities,
});
export const Changed = Detail.extend({ notes: z.array(z.string()).describe('Ghi chú cho người dùng (ví dụ: giờ hẹn đã qua nên bài được đăng ngay)') });

export const Revision = z.object({
  revision: z.number(), title: z.string(), summary: z.string(), body: z.string(), authorLine: z.string(), source: z.string().nullable(),
  tags: z.array(z.string()), publishedAt: z.date().nullable(), replacedAt: z.date(), reason: z.string(),
});

export const Approvers = z.object({
  roles: z.array(z.enum(ROLES)).max(ROLES.length).describe('Các vai trò được duyệt tin bài'),
  userIds: z.array(Id).max(100).describe('Các tài khoản được duyệt tin bài'),
});

export const DraftFigure = z.object({
  code: z.string().describe('Mã chỉ tiêu'), name: z.string(), period: z.string(), orgUnit: z.string().describe('Mã đơn vị (cấp tỉnh)'), value: z.number(),
  text: z.string().describe('Như viết trong bài: 1.634 vị trí, 94,3%'),
});
export const Drafted = Changed.extend({ figures: z.array(DraftFigure).describe('Số liệu trong bài, lấy từ phân tích mà dự thảo báo cáo dùng') });
