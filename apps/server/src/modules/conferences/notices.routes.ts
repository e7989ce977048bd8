import { POINT_SOURCES } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { DOCX_MIME } from '../reports/reports.routes.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference, requireConference } from './conferences.service.js';
import type { NoticeRow } from './notices.repository.js';
import { issueNotice, listNotices, noticeFile } from './notices.service.js';
import { PointFields } from './points.routes.js';

const TAGS = ['conferences'];

const Notice = z.object({
  version: z.number(),
  number: z.string().describe('Số thông báo, ví dụ 12/TB-SKHCN'),
  issuedAt: z.date(),
  issuedBy: z.string().nullable(),
  reason: z.string().nullable().describe('Lý do ban hành lại (từ phiên bản 2)'),
  href: z.string().describe('Tải bản .docx đã ban hành'),
});

const presentNotice = (n: NoticeRow): z.infer<typeof Notice> => ({
  version: n.version, number: n.number, issuedAt: n.issued_at, issuedBy: n.issued_by_name, reason: n.reason,
  href: `/api/conferences/${n.conference_id}/notices/${n.version}.docx`,
});

const IssueBody = z.object({
  reason: z.string().max(1000).nullable().optional().describe('Bắt buộc khi ban hành lại'),
  number: z.string().max(20).nullable().optional().describe('Số vào sổ (ví dụ 12); mặc định: số tiếp theo trong năm'),
  points: z.array(z.object({ id: z.number().int().positive().max(2_147_483_647).nullable().optional(), source: z.enum(POINT_SOURCES), ...PointFields }))
    .max(500).optional().describe('Khi ban hành lại: toàn bộ các điểm kết luận, chỉ đạo đã sửa, theo thứ tự'),
});

const VersionParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  version: z.coerce.number().int().positive().max(100_000),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });

  app.post('/api/conferences/:id/notices', {
    schema: {
      tags: TAGS,
      summary: 'Ban hành Thông báo kết luận (lần đầu: hội nghị chuyển sang "đã ban hành kết luận"); ban hành lại: phiên bản mới có số mới và lý do, bản cũ vẫn xem được',
      params: ConferenceIdParam, body: IssueBody, response: { 201: Notice },
    },
  }, async (req, reply) => reply.status(201).send(presentNotice(await issueNotice(app.db, who(req), req.params.id, req.body, app.clock.now()))));

  app.get('/api/conferences/:id/notices', {
    schema: { tags: TAGS, summary: 'Các phiên bản Thông báo kết luận đã ban hành, mới nhất trước', params: ConferenceIdParam, response: { 200: z.object({ items: z.array(Notice) }) } },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'view', loaded);
    return { items: (await listNotices(app.db, loaded.conference.id)).map(presentNotice) };
  });

  app.get('/api/conferences/:id/notices/:version.docx', {
    schema: { tags: TAGS, summary: 'Tải một phiên bản Thông báo kết luận đúng như đã ban hành (.docx)', params: VersionParams },
  }, async (req, reply) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireConference(user, 'view', loaded);
    const file = await noticeFile(app.db, loaded.conference.id, req.params.version);
    if (!file) throw notFound('Không có phiên bản thông báo kết luận này.');
    return sendFile(reply, file.docx, noticeFileName(file.number, file.version, 'docx'), DOCX_MIME);
  });
};

/** 'Thong-bao-ket-luan-12-TB-STTTT-v2.docx' style names: the number with '/' made safe, the version from the second. */
export function noticeFileName(number: string, version: number, ext: string): string {
  return `Thông báo kết luận ${number.replace(/\//g, '-')}${version > 1 ? ` (bản ${version})` : ''}.${ext}`;
}
