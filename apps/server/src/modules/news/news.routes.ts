import { canNews, NEWS_PHOTO_MAX_BYTES, NEWS_PHOTO_MAX_TEXT } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { loadVisibleConference } from '../conferences/conferences.access.js';
import { draftFromConference } from './news.draft.js';
import { auditActor, requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { presentDetail, presentListItem, presentPhoto, presentRevision } from './news.presenter.js';
import { newsRepo } from './news.repository.js';
import * as S from './news.schema.js';
import {
  addPhoto, approveArticle, captionPhoto, correctArticle, createArticle, deletePhoto, loadArticle, newsActor, newsApprovers,
  parsePublishAt, publishArticle, reorderPhotos, requireNews, requireNewsroom, returnArticle, saveNewsApprovers, searchWords, staffPhoto, submitArticle,
  unpublishArticle, updateArticle,
} from './news.service.js';

const TAGS = ['news'];

export const newsRoutes: FastifyPluginAsyncZod = async (app) => {
  const actorOf = async (req: FastifyRequest) => newsActor(app.db, requireUser(req));

  /** The article as the newsroom sees it, with the actor's abilities. */
  const detail = async (req: FastifyRequest, id: number, notes: string[] = []) => {
    const a = await actorOf(req);
    const row = await loadArticle(app.db, a, id);
    requireNews(a, 'view', row);
    const [photos, revisions, history] = await Promise.all([newsRepo.photos(app.db, id), newsRepo.revisions(app.db, id), newsRepo.history(app.db, id)]);
    return { ...presentDetail({ row, photos, revisions, history, actor: a, now: app.clock.now() }), notes };
  };

  app.get('/api/news', {
    schema: { tags: TAGS, summary: 'Danh sách tin bài của Sở (mọi trạng thái), mới sửa trước; lọc theo trạng thái, tìm không phân biệt dấu', querystring: S.ListQuery, response: { 200: S.List } },
  }, async (req) => {
    const a = await actorOf(req);
    requireNewsroom(a);
    const { page, pageSize } = req.query;
    const { total, items } = await newsRepo.list(app.db, { status: req.query.status, words: searchWords(req.query.q), limit: pageSize, offset: (page - 1) * pageSize });
    const now = app.clock.now();
    return { items: items.map((r) => presentListItem(r, now)), total, page, pageSize };
  });

  app.post('/api/news', {
    schema: {
      tags: TAGS, summary: 'Viết tin bài mới (bản nháp); trả về mã và địa chỉ (slug, không dấu, duy nhất: thêm -2, -3… khi trùng)',
      body: S.CreateBody, response: { 201: S.Changed },
    },
  }, async (req, reply) => {
    const a = await actorOf(req);
    const { id } = await createArticle(app.db, a, auditActor(req), req.body, app.clock.now());
    return reply.status(201).send(await detail(req, id));
  });

  app.post('/api/news/draft-from-conference/:conferenceId', {
    schema: {
      tags: TAGS,
      summary: 'Soạn sẵn tin bài (bản nháp) từ một hội nghị đã kết luận: tiêu đề theo mẫu của Sở, chủ trì, lãnh đạo tỉnh dự, đơn vị được mời, '
        + 'dự thảo báo cáo với số liệu chủ yếu, tham luận, khó khăn, khen thưởng, chỉ đạo và kết luận',
      params: S.ConferenceParam, response: { 201: S.Drafted },
    },
  }, async (req, reply) => {
    const a = await actorOf(req);
    requireNewsroom(a);
    if (!canNews(a, 'edit', { status: 'draft' })) throw forbidden('Chỉ Văn phòng Sở soạn tin bài.');
    const { conference } = await loadVisibleConference(app.db, a, req.params.conferenceId);
    const draft = await draftFromConference(app.db, conference, app.clock.today());
    const earlier = await newsRepo.byConference(app.db, conference.id);
    const { id } = await createArticle(app.db, a, auditActor(req), {
      title: draft.title, summary: draft.summary, body: draft.bodyHtml, tags: draft.tags, authorLine: requireUser(req).fullName, conferenceId: conference.id,
    }, app.clock.now(), 'news.draft_from_conference');
    const notes = [...draft.notes, ...(earlier.length ? [`Hội nghị này đã có ${earlier.length} tin bài khác (${earlier.map((e) => e.slug).join(', ')}).`] : [])];
    return reply.status(201).send({ ...(await detail(req, id, notes)), figures: draft.figures });
  });

  app.get('/api/news/:id', {
    schema: { tags: TAGS, summary: 'Một tin bài: nội dung, ảnh, các bản trước khi đính chính, các bước đã qua và quyền của tôi', params: S.IdParam, response: { 200: S.Detail } },
  }, async (req) => {
    const { notes: _notes, ...d } = await detail(req, req.params.id);
    return d;
  });

  app.patch('/api/news/:id', {
    schema: {
      tags: TAGS, summary: 'Sửa tin bài (bản nháp, đã duyệt — trở về nháp —, hoặc đã gỡ); gửi kèm phiên bản đã đọc: người khác đã lưu trước thì trả 409 kèm bản hiện tại',
      params: S.IdParam, body: S.PatchBody, response: { 200: S.Changed },
    },
  }, async (req) => {
    const a = await actorOf(req);
    const { notes } = await updateArticle(app.db, a, auditActor(req), req.params.id, req.body, app.clock.now());
    return detail(req, req.params.id, notes);
  });

  app.post('/api/news/:id/submit', {
    schema: { tags: TAGS, summary: 'Gửi tin bài đi duyệt', params: S.IdParam, response: { 200: S.Changed } },
  }, async (req) => {
    await submitArticle(app.db, await actorOf(req), auditActor(req), req.params.id, app.clock.now());
    return detail(req, req.params.id);
  });

  app.post('/api/news/:id/return', {
    schema: { tags: TAGS, summary: 'Trả lại tin bài để sửa, kèm lý do (người duyệt)', params: S.IdParam, body: S.ReturnBody, response: { 200: S.Changed } },
  }, async (req) => {
    await returnArticle(app.db, await actorOf(req), auditActor(req), req.params.id, req.body.note);
    return detail(req, req.params.id);
  });

  app.post('/api/news/:id/approve', {
    schema: { tags: TAGS, summary: 'Duyệt tin bài (lãnh đạo Sở, hoặc người được cài đặt phân công)', params: S.IdParam, response: { 200: S.Changed } },
  }, async (req) => {
    await approveArticle(app.db, await actorOf(req), auditActor(req), req.params.id, app.clock.now());
    return detail(req, req.params.id);
  });

  app.post('/api/news/:id/publish', {
    schema: {
      tags: TAGS,
      summary: 'Đăng tin bài lên trang công khai (Văn phòng Sở hoặc người duyệt); có thể hẹn giờ; giờ hẹn đã qua thì đăng ngay, kèm ghi chú',
      params: S.IdParam, body: S.PublishBody, response: { 200: S.Changed },
    },
  }, async (req) => {
    const at = req.body?.publishAt ? parsePublishAt(req.body.publishAt) : null;
    const { notes } = await publishArticle(app.db, await actorOf(req), auditActor(req), req.params.id, { publishAt: at, action: 'publish' }, app.clock.now());
    return detail(req, req.params.id, notes);
  });

  app.post('/api/news/:id/schedule', {
    schema: {
      tags: TAGS, summary: 'Hẹn giờ đăng tin bài; bài hiện trên trang công khai từ thời điểm đó (giờ đã qua thì đăng ngay, kèm ghi chú)',
      params: S.IdParam, body: S.ScheduleBody, response: { 200: S.Changed },
    },
  }, async (req) => {
    const at = parsePublishAt(req.body.publishAt);
    const { notes } = await publishArticle(app.db, await actorOf(req), auditActor(req), req.params.id, { publishAt: at, action: 'schedule' }, app.clock.now());
    return detail(req, req.params.id, notes);
  });

  app.post('/api/news/:id/unpublish', {
    schema: { tags: TAGS, summary: 'Gỡ tin bài khỏi trang công khai (kể cả bài đang hẹn giờ), kèm lý do', params: S.IdParam, body: S.UnpublishBody, response: { 200: S.Changed } },
  }, async (req) => {
    await unpublishArticle(app.db, await actorOf(req), auditActor(req), req.params.id, req.body.reason);
    return detail(req, req.params.id);
  });

  app.post('/api/news/:id/correct', {
    schema: {
      tags: TAGS, summary: 'Đính chính tin bài đã đăng: bản đang đăng được giữ lại thành một bản cũ, nội dung đính chính hiện dưới bài',
      params: S.IdParam, body: S.CorrectBody, response: { 200: S.Changed },
    },
  }, async (req) => {
    const { revision } = await correctArticle(app.db, await actorOf(req), auditActor(req), req.params.id, req.body, app.clock.now());
    return detail(req, req.params.id, [`Đã đính chính; bản trước được giữ lại (bản ${revision - 1}).`]);
  });

  app.get('/api/news/:id/revisions/:revision', {
    schema: { tags: TAGS, summary: 'Một bản trước khi đính chính của tin bài', params: S.RevisionParams, response: { 200: S.Revision } },
  }, async (req) => {
    const a = await actorOf(req);
    requireNews(a, 'history', await loadArticle(app.db, a, req.params.id));
    const r = await newsRepo.revision(app.db, req.params.id, req.params.revision);
    if (!r) throw notFound('Tin bài không có bản này.');
    return presentRevision(r);
  });

  // ── photos ──

  app.post('/api/news/:id/photos', {
    schema: {
      tags: TAGS,
      summary: `Thêm ảnh (JPEG, PNG, WebP, kiểm tra theo nội dung; tối đa ${NEWS_PHOTO_MAX_TEXT}); ảnh được thu nhỏ, bỏ dữ liệu EXIF (vị trí GPS). Trường "file" và "caption"`,
      consumes: ['multipart/form-data'], params: S.IdParam, response: { 201: S.Photo },
    },
  }, async (req, reply) => {
    const a = await actorOf(req);
    // Rights first: a writer who may not touch this article's photos gets the reason before sending megabytes.
    requireNews(a, 'photos', await loadArticle(app.db, a, req.params.id));
    if (!req.isMultipart()) throw badRequest('Hãy gửi ảnh theo dạng multipart/form-data, trong trường "file".');
    const tooLarge = () => new AppError(413, 'too_large', `Ảnh vượt quá ${NEWS_PHOTO_MAX_TEXT}; ảnh chưa được lưu.`);
    let content: Buffer | null = null;
    let caption = '';
    try {
      for await (const part of req.parts({ limits: { fileSize: NEWS_PHOTO_MAX_BYTES, files: 1 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw badRequest('Ảnh phải được gửi trong trường "file".');
          content = await part.toBuffer();
          if (part.file.truncated) throw tooLarge();
        } else if (part.fieldname === 'caption') {
          caption = String(part.value ?? '').slice(0, 500);
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      if (code === 'FST_FILES_LIMIT') throw badRequest('Mỗi lần gửi một ảnh.');
      throw e;
    }
    if (!content) throw badRequest('Chưa có ảnh nào được gửi lên (trường "file").');
    const photo = await addPhoto(app.db, a, auditActor(req), req.params.id, { content, caption }, app.clock.now());
    return reply.status(201).send(presentPhoto(photo));
  });

  app.get('/api/news/:id/photos/:photoId/image', {
    schema: { tags: TAGS, summary: 'Ảnh của tin bài cho người soạn (ảnh lớn hoặc ảnh nhỏ)', params: S.PhotoParams, querystring: S.PhotoQuery },
  }, async (req, reply) => {
    const a = await actorOf(req);
    const p = await staffPhoto(app.db, a, req.params.id, req.params.photoId, req.query.size);
    const ext = p.mime === 'image/png' ? 'png' : p.mime === 'image/webp' ? 'webp' : 'jpg';
    return sendFile(reply, p.bytes, `anh-${req.params.photoId}${req.query.size === 'thumb' ? '-nho' : ''}.${ext}`, p.mime);
  });

  app.patch('/api/news/:id/photos/:photoId', {
    schema: { tags: TAGS, summary: 'Sửa chú thích ảnh', params: S.PhotoParams, body: S.CaptionBody, response: { 200: S.Changed } },
  }, async (req) => {
    await captionPhoto(app.db, await actorOf(req), auditActor(req), req.params.id, req.params.photoId, req.body.caption, app.clock.now());
    return detail(req, req.params.id);
  });

  app.put('/api/news/:id/photos/order', {
    schema: { tags: TAGS, summary: 'Sắp lại thứ tự ảnh (ảnh đầu là ảnh đại diện)', params: S.IdParam, body: S.OrderBody, response: { 200: S.Changed } },
  }, async (req) => {
    await reorderPhotos(app.db, await actorOf(req), auditActor(req), req.params.id, req.body.ids, app.clock.now());
    return detail(req, req.params.id);
  });

  app.delete('/api/news/:id/photos/:photoId', {
    schema: { tags: TAGS, summary: 'Xóa ảnh khỏi tin bài', params: S.PhotoParams, response: { 200: S.Changed } },
  }, async (req) => {
    await deletePhoto(app.db, await actorOf(req), auditActor(req), req.params.id, req.params.photoId, app.clock.now());
    return detail(req, req.params.id);
  });

  // ── who approves ──

  app.get('/api/news-settings/approvers', {
    schema: { tags: TAGS, summary: 'Ai duyệt tin bài: các vai trò và tài khoản (mặc định lãnh đạo Sở)', response: { 200: S.Approvers } },
  }, async (req) => {
    requireNewsroom(await actorOf(req));
    const v = await newsApprovers(app.db);
    return { roles: [...v.roles], userIds: [...v.userIds] };
  });

  app.put('/api/news-settings/approvers', {
    schema: { tags: TAGS, summary: 'Đặt người duyệt tin bài (quản trị hệ thống); để trống cả hai thì trở về mặc định', body: S.Approvers, response: { 200: S.Approvers } },
  }, async (req) => {
    requireAbility(req, 'settings.manage');
    const v = await saveNewsApprovers(app.db, auditActor(req), req.body, app.clock.now());
    return { roles: [...v.roles], userIds: [...v.userIds] };
  });
};
