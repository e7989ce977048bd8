/**
 * The newsroom's use cases: write, edit (a stale version is 409), submit, return, approve, publish now or at a time
 * (a time already past publishes now, with a note), unpublish, correct (the old text kept as a revision), photos;
 * every step audited in its own transaction. And the public reads the portal calls (publishedArticles,
 * publishedArticleBySlug, photoBytes): what the public sees is computed from the business clock `now`.
 */
import {
  type Actor, canNews, canSeeNewsroom, formatDateTime, foldDiacritics, NEWS_STATUSES, type NewsAction, type NewsActor, type NewsApprovers,
  NEWS_APPROVERS_SETTING, type NewsPhotoSize, type NewsStatus, nextNewsStatus, parseNewsApprovers, isNewsApprover, slugify, uniqueSlug,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import { vnDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { parseDeadline } from '../rounds/rounds.service.js';
import { orgIdentity } from '../settings/settings.service.js';
import { processPhoto } from './news.photos.js';
import { type ArticleListRow, type ArticleRow, type ArticleText, newsRepo, type PhotoRow } from './news.repository.js';
import { bodyText, sanitizeBody } from './news.sanitize.js';

export const ARTICLE_NOT_FOUND = 'Không tìm thấy tin bài.';
export const PHOTO_NOT_FOUND = 'Không tìm thấy ảnh của tin bài.';
export const STALE_VERSION =
  'Tin bài vừa được người khác sửa trước khi bạn lưu; phần bạn sửa chưa được lưu. Hãy tải lại bản mới nhất, so sánh rồi sửa lại.';

// ─────────────────────────── who acts ───────────────────────────

export async function newsApprovers(db: Db): Promise<NewsApprovers> {
  return parseNewsApprovers((await newsRepo.setting(db, NEWS_APPROVERS_SETTING))?.value);
}

/** The actor with what the news policy needs: whether the setting names them an approver. */
export async function newsActor(db: Db, a: Actor): Promise<NewsActor> {
  return { ...a, approver: isNewsApprover(a, await newsApprovers(db)) };
}

const ROLE_REASON: Record<NewsAction, string> = {
  view: 'Bạn không xem được tin bài này.',
  history: 'Bạn không xem được tin bài này.',
  edit: 'Chỉ Văn phòng Sở viết và sửa tin bài.',
  photos: 'Chỉ Văn phòng Sở thêm, sửa và xóa ảnh của tin bài.',
  submit: 'Chỉ Văn phòng Sở gửi tin bài đi duyệt.',
  return: 'Chỉ người duyệt tin bài (lãnh đạo Sở hoặc người được phân công) trả lại tin bài.',
  approve: 'Chỉ người duyệt tin bài (lãnh đạo Sở hoặc người được phân công) duyệt tin bài.',
  publish: 'Chỉ Văn phòng Sở hoặc người duyệt tin bài đăng tin bài.',
  schedule: 'Chỉ Văn phòng Sở hoặc người duyệt tin bài hẹn giờ đăng tin bài.',
  unpublish: 'Chỉ Văn phòng Sở hoặc người duyệt tin bài gỡ tin bài.',
  correct: 'Chỉ Văn phòng Sở hoặc người duyệt tin bài đính chính tin bài.',
};

function stateReason(action: NewsAction, status: NewsStatus): string {
  switch (status) {
    case 'draft':
      if (action === 'approve' || action === 'return') return 'Tin bài còn là bản nháp, chưa được gửi duyệt.';
      if (action === 'publish' || action === 'schedule') return 'Tin bài chưa được duyệt; hãy gửi duyệt trước.';
      return 'Tin bài chưa đăng nên không gỡ hay đính chính được; hãy sửa trực tiếp.';
    case 'submitted':
      if (action === 'edit' || action === 'photos') return 'Tin bài đang chờ duyệt nên chưa sửa được; người duyệt có thể trả lại để sửa.';
      if (action === 'submit') return 'Tin bài đã được gửi duyệt.';
      if (action === 'publish' || action === 'schedule') return 'Tin bài đang chờ duyệt; hãy chờ người duyệt duyệt trước khi đăng.';
      return 'Tin bài đang chờ duyệt, chưa đăng.';
    case 'approved':
      if (action === 'approve' || action === 'return' || action === 'submit') return 'Tin bài đã được duyệt.';
      return 'Tin bài đã duyệt nhưng chưa đăng nên không gỡ hay đính chính được.';
    case 'published':
      if (action === 'edit' || action === 'photos') return 'Tin bài đã đăng: hãy đính chính (bản cũ được giữ lại) hoặc gỡ bài xuống rồi sửa.';
      return 'Tin bài đã đăng.';
    case 'unpublished':
      if (action === 'unpublish' || action === 'correct') return 'Tin bài đã được gỡ khỏi trang công khai; hãy sửa rồi đăng lại.';
      if (action === 'submit') return 'Tin bài đã gỡ; hãy sửa (bài trở về bản nháp) rồi gửi duyệt lại.';
      return 'Tin bài đã được gỡ khỏi trang công khai.';
  }
}

/** Allows the action or throws 403 with the reason (the role it takes, or the state the article is in). */
export function requireNews(a: NewsActor, action: NewsAction, row: Pick<ArticleRow, 'status'>): void {
  if (canNews(a, action, { status: row.status })) return;
  const someState = NEWS_STATUSES.some((status) => canNews(a, action, { status }));
  throw forbidden(someState ? stateReason(action, row.status) : ROLE_REASON[action]);
}

/** The article, if the actor sees the newsroom; 404 otherwise (also for someone who does not). */
export async function loadArticle(db: Db, a: NewsActor, id: number, lock = false): Promise<ArticleRow> {
  if (!canSeeNewsroom(a)) throw notFound(ARTICLE_NOT_FOUND);
  const row = await newsRepo.byId(db, id, lock);
  if (!row) throw notFound(ARTICLE_NOT_FOUND);
  return row;
}

export function requireNewsroom(a: NewsActor): void {
  if (!canSeeNewsroom(a)) throw forbidden('Chỉ Văn phòng Sở và người duyệt tin bài vào được mục tin bài.');
}

/** A publication time as typed: '2026-01-05T08:00' (Vietnam time), with an offset, or a day alone (its first minute, Vietnam time). */
export function parsePublishAt(input: string): Date {
  const s = input.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseDeadline(`${s}T00:00`) : parseDeadline(s);
  if (!d) throw badRequest(`Thời điểm đăng "${input}" không hợp lệ (ví dụ: 2026-01-05T08:00 hoặc 2026-01-05T08:00:00+07:00).`);
  return d;
}

// ─────────────────────────── text ───────────────────────────

export type ArticleInput = {
  title: string;
  summary?: string;
  body: string;
  sectorId?: number | null;
  tags?: string[];
  authorLine?: string;
  source?: string | null;
  conferenceId?: number | null;
};

/** Title and summary are plain text on one line each; tags are trimmed, deduplicated and kept in the order given. */
export async function articleText(db: Db, input: Omit<ArticleInput, 'conferenceId'>): Promise<ArticleText> {
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (!title) throw badRequest('Tiêu đề tin bài không được để trống.');
  const bodyHtml = sanitizeBody(input.body);
  if (input.sectorId != null && !(await newsRepo.sectorExists(db, input.sectorId))) throw badRequest(`Không có lĩnh vực mã số ${input.sectorId}.`);
  const tags: string[] = [];
  for (const t of input.tags ?? []) {
    const tag = t.replace(/\s+/g, ' ').trim();
    if (tag && !tags.some((x) => foldDiacritics(x) === foldDiacritics(tag))) tags.push(tag);
  }
  const source = input.source?.replace(/\s+/g, ' ').trim().replace(/^theo\s*:\s*/i, '') || null;
  return {
    title,
    summary: (input.summary ?? '').replace(/\s+/g, ' ').trim(),
    bodyHtml,
    bodyText: bodyText(bodyHtml),
    sectorId: input.sectorId ?? null,
    tags,
    authorLine: (input.authorLine ?? '').replace(/\s+/g, ' ').trim(),
    source,
  };
}

const textOf = (a: ArticleRow): Omit<ArticleText, 'bodyText'> => ({
  title: a.title, summary: a.summary, bodyHtml: a.body_html, sectorId: a.sector_id, tags: a.tags, authorLine: a.author_line, source: a.source,
});

/** A free slug for the title: the title's own, or with -2, -3, … */
async function freeSlug(db: Db, title: string, exceptId: number | null): Promise<string> {
  const base = slugify(title);
  return uniqueSlug(base, await newsRepo.slugsLike(db, base, exceptId));
}

// ─────────────────────────── use cases ───────────────────────────

export async function createArticle(
  db: Db, a: NewsActor, who: AuditActor, input: ArticleInput, now: Date, action: 'news.create' | 'news.draft_from_conference' = 'news.create',
): Promise<{ id: number; slug: string }> {
  requireNewsroom(a);
  if (!canNews(a, 'edit', { status: 'draft' })) throw forbidden(ROLE_REASON.edit);
  const text = await articleText(db, input);
  return db.tx(async (t) => {
    // A slug taken by a concurrent insert makes ON CONFLICT skip the row: take the next free one.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const slug = await freeSlug(t, text.title, null);
      const row = await newsRepo.insert(t, slug, text, input.conferenceId ?? null, a.id, now);
      if (row) {
        await audit(t, who, { action, entityType: 'news_article', entityId: row.id, after: { slug, title: text.title, status: 'draft', conferenceId: input.conferenceId ?? null } });
        return { id: row.id, slug };
      }
    }
    throw conflict('Không tạo được địa chỉ riêng cho tin bài vì có nhiều bài cùng tiêu đề được tạo cùng lúc; hãy thử lại.');
  });
}

export type ArticlePatch = Partial<Omit<ArticleInput, 'conferenceId'>> & { version: number };

/** Saves an edit made from `version`; a later save by someone else makes this one 409, with the current version to compare. */
export async function updateArticle(db: Db, a: NewsActor, who: AuditActor, id: number, patch: ArticlePatch, now: Date): Promise<{ notes: string[] }> {
  return db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'edit', row);
    if (row.version !== patch.version) throw staleVersion(row);
    const current = textOf(row);
    const text = await articleText(t, {
      title: patch.title ?? current.title,
      summary: patch.summary ?? current.summary,
      body: patch.body ?? current.bodyHtml,
      sectorId: patch.sectorId !== undefined ? patch.sectorId : current.sectorId,
      tags: patch.tags ?? current.tags,
      authorLine: patch.authorLine ?? current.authorLine,
      source: patch.source !== undefined ? patch.source : current.source,
    });
    // The address follows the title until the article has ever been public; after that links to it must keep working.
    const slug = row.published_at == null && text.title !== row.title ? await freeSlug(t, text.title, row.id) : row.slug;
    const status: NewsStatus = row.status === 'approved' ? 'draft' : row.status;
    await newsRepo.updateText(t, id, slug, text, status, now);
    const changed = (Object.keys(text) as (keyof ArticleText)[]).filter((k) => k !== 'bodyText' && JSON.stringify(text[k]) !== JSON.stringify((current as Record<string, unknown>)[k]));
    await audit(t, who, {
      action: 'news.update', entityType: 'news_article', entityId: id,
      before: { version: row.version, status: row.status, slug: row.slug, title: row.title },
      after: { version: row.version + 1, status, slug, title: text.title, changed },
    });
    const notes = row.status === 'approved' && status === 'draft' ? ['Tin bài đã được duyệt trước khi sửa; bài trở về bản nháp và cần được gửi duyệt lại.'] : [];
    return { notes };
  });
}

function staleVersion(row: ArticleRow) {
  return conflict(STALE_VERSION, { version: row.version, status: row.status, title: row.title, summary: row.summary, body: row.body_html, updatedAt: row.updated_at });
}

const auditShape = (row: Pick<ArticleRow, 'status' | 'version'>) => ({ status: row.status, version: row.version });

export async function submitArticle(db: Db, a: NewsActor, who: AuditActor, id: number, now: Date): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'submit', row);
    if (!row.body_html.trim()) throw badRequest('Tin bài chưa có nội dung; hãy viết nội dung trước khi gửi duyệt.');
    await newsRepo.submit(t, id, a.id, now);
    await audit(t, who, { action: 'news.submit', entityType: 'news_article', entityId: id, before: auditShape(row), after: { status: 'submitted', version: row.version + 1 } });
  });
}

export async function returnArticle(db: Db, a: NewsActor, who: AuditActor, id: number, note: string): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'return', row);
    const text = note.trim();
    if (!text) throw badRequest('Hãy ghi lý do trả lại để người viết biết cần sửa gì.');
    await newsRepo.returnToDraft(t, id, text);
    await audit(t, who, { action: 'news.return', entityType: 'news_article', entityId: id, before: auditShape(row), after: { status: 'draft', version: row.version + 1, note: text } });
  });
}

export async function approveArticle(db: Db, a: NewsActor, who: AuditActor, id: number, now: Date): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'approve', row);
    await newsRepo.approve(t, id, a.id, now);
    await audit(t, who, { action: 'news.approve', entityType: 'news_article', entityId: id, before: auditShape(row), after: { status: 'approved', version: row.version + 1 } });
  });
}

/**
 * Publishes now, or at `publishAt` when that is ahead (the public sees it from then on). A time already past
 * publishes now and says so. The department's name at the publication date is kept with the article.
 */
export async function publishArticle(
  db: Db, a: NewsActor, who: AuditActor, id: number, opts: { publishAt?: Date | null; action: 'publish' | 'schedule' }, now: Date,
): Promise<{ notes: string[]; scheduled: boolean }> {
  return db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, opts.action, row);
    if (!row.title.trim() || !row.body_html.trim()) throw badRequest('Tin bài cần có tiêu đề và nội dung trước khi đăng.');
    if (nextNewsStatus(row.status, 'publish') === null) throw forbidden(stateReason(opts.action, row.status));
    const notes: string[] = [];
    const asked = opts.publishAt ?? null;
    const scheduled = asked !== null && asked.getTime() > now.getTime();
    const publishedAt = scheduled ? (asked as Date) : now;
    if (asked && !scheduled)
      notes.push(`Thời điểm hẹn đăng ${formatDateTime(asked)} đã qua; tin bài được đăng ngay lúc ${formatDateTime(now)}.`);
    if (scheduled) notes.push(`Tin bài sẽ hiện trên trang công khai từ ${formatDateTime(publishedAt)}.`);
    if (row.status !== 'approved') notes.push('Tin bài được đăng không qua bước duyệt.');
    const dep = (await orgIdentity(t, vnDate(publishedAt))).department;
    await newsRepo.publish(t, id, { publishAt: asked, publishedAt, departmentId: dep.id, departmentName: dep.name, userId: a.id });
    await audit(t, who, {
      action: scheduled ? 'news.schedule' : 'news.publish', entityType: 'news_article', entityId: id, before: auditShape(row),
      after: { status: 'published', version: row.version + 1, publishedAt, askedFor: asked, department: dep.name, withoutApproval: row.status !== 'approved' },
    });
    return { notes, scheduled };
  });
}

export async function unpublishArticle(db: Db, a: NewsActor, who: AuditActor, id: number, reason: string): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'unpublish', row);
    const text = reason.trim();
    if (!text) throw badRequest('Hãy ghi lý do gỡ tin bài.');
    await newsRepo.unpublish(t, id, text);
    await audit(t, who, { action: 'news.unpublish', entityType: 'news_article', entityId: id, before: auditShape(row), after: { status: 'unpublished', version: row.version + 1, reason: text } });
  });
}

/** Corrects a published article in place: the text it replaces is kept as a revision, with the reason shown under the article. */
export async function correctArticle(
  db: Db, a: NewsActor, who: AuditActor, id: number, patch: ArticlePatch & { reason: string }, now: Date,
): Promise<{ revision: number }> {
  return db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'correct', row);
    if (row.version !== patch.version) throw staleVersion(row);
    const reason = patch.reason.trim();
    if (!reason) throw badRequest('Hãy ghi nội dung đính chính (hiện dưới bài trên trang công khai).');
    const current = textOf(row);
    const text = await articleText(t, {
      title: patch.title ?? current.title,
      summary: patch.summary ?? current.summary,
      body: patch.body ?? current.bodyHtml,
      sectorId: patch.sectorId !== undefined ? patch.sectorId : current.sectorId,
      tags: patch.tags ?? current.tags,
      authorLine: patch.authorLine ?? current.authorLine,
      source: patch.source !== undefined ? patch.source : current.source,
    });
    await newsRepo.keepRevision(t, row, reason, a.id, now);
    await newsRepo.correct(t, id, text, reason, now);
    await audit(t, who, {
      action: 'news.correct', entityType: 'news_article', entityId: id,
      before: { version: row.version, revision: row.revision, title: row.title }, after: { version: row.version + 1, revision: row.revision + 1, title: text.title, reason },
    });
    return { revision: row.revision + 1 };
  });
}

// ─────────────────────────── photos ───────────────────────────

/** A photo change returns an approved article to draft (what was approved changed) and bumps its version. */
async function touchForPhotos(t: Db, row: ArticleRow, now: Date) {
  await newsRepo.bumpVersion(t, row.id, row.status === 'approved' ? 'draft' : row.status, now);
}

export async function addPhoto(db: Db, a: NewsActor, who: AuditActor, id: number, upload: { content: Buffer; caption: string }, now: Date): Promise<PhotoRow> {
  // Rights first, then the image work outside any transaction, then the write under the row lock.
  requireNews(a, 'photos', await loadArticle(db, a, id));
  const photo = await processPhoto(upload.content);
  return db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'photos', row);
    const caption = upload.caption.replace(/\s+/g, ' ').trim();
    const saved = await newsRepo.insertPhoto(t, id, { ...photo, caption }, a.id, now);
    await touchForPhotos(t, row, now);
    await audit(t, who, {
      action: 'news.photo.add', entityType: 'news_article', entityId: id,
      after: { photoId: saved.id, mime: saved.mime, width: saved.width, height: saved.height, size: saved.size, sha256: saved.sha256, originalSize: upload.content.length, caption },
    });
    return saved;
  });
}

export async function captionPhoto(db: Db, a: NewsActor, who: AuditActor, id: number, photoId: number, caption: string, now: Date): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    const photo = await newsRepo.photo(t, id, photoId);
    if (!photo) throw notFound(PHOTO_NOT_FOUND);
    requireNews(a, 'photos', row);
    const text = caption.replace(/\s+/g, ' ').trim();
    await newsRepo.setCaption(t, photoId, text);
    await touchForPhotos(t, row, now);
    await audit(t, who, { action: 'news.photo.caption', entityType: 'news_article', entityId: id, before: { photoId, caption: photo.caption }, after: { photoId, caption: text } });
  });
}

/** Puts the article's photos in the order given (every photo of the article, each once); the first is the cover. */
export async function reorderPhotos(db: Db, a: NewsActor, who: AuditActor, id: number, ids: number[], now: Date): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    requireNews(a, 'photos', row);
    const photos = await newsRepo.photos(t, id);
    const have = new Set(photos.map((p) => p.id));
    if (new Set(ids).size !== ids.length || ids.length !== photos.length || ids.some((x) => !have.has(x)))
      throw badRequest(`Thứ tự ảnh phải liệt kê đúng một lần mỗi ảnh của tin bài (${photos.map((p) => p.id).join(', ') || 'chưa có ảnh'}).`);
    for (const [i, photoId] of ids.entries()) await newsRepo.setSort(t, photoId, i + 1);
    await touchForPhotos(t, row, now);
    await audit(t, who, { action: 'news.photo.reorder', entityType: 'news_article', entityId: id, before: { order: photos.map((p) => p.id) }, after: { order: ids } });
  });
}

export async function deletePhoto(db: Db, a: NewsActor, who: AuditActor, id: number, photoId: number, now: Date): Promise<void> {
  await db.tx(async (t) => {
    const row = await loadArticle(t, a, id, true);
    const photo = await newsRepo.photo(t, id, photoId);
    if (!photo) throw notFound(PHOTO_NOT_FOUND);
    requireNews(a, 'photos', row);
    await newsRepo.deletePhoto(t, photoId);
    await touchForPhotos(t, row, now);
    await audit(t, who, { action: 'news.photo.delete', entityType: 'news_article', entityId: id, before: { photoId, caption: photo.caption, sha256: photo.sha256 } });
  });
}

/** A photo's bytes for the newsroom (any status). */
export async function staffPhoto(db: Db, a: NewsActor, id: number, photoId: number, size: NewsPhotoSize) {
  await loadArticle(db, a, id);
  if (!(await newsRepo.photo(db, id, photoId))) throw notFound(PHOTO_NOT_FOUND);
  const p = await newsRepo.photoContent(db, photoId, size);
  if (!p) throw notFound(PHOTO_NOT_FOUND);
  return { mime: p.mime, bytes: Buffer.from(p.content) };
}

// ─────────────────────────── approvers setting ───────────────────────────

export async function saveNewsApprovers(db: Db, who: AuditActor, value: NewsApprovers, now: Date): Promise<NewsApprovers> {
  return db.tx(async (t) => {
    const before = await newsApprovers(t);
    const next = parseNewsApprovers(value);
    await newsRepo.saveSetting(t, NEWS_APPROVERS_SETTING, next, now);
    await audit(t, who, { action: 'settings.news_approvers', entityType: 'setting', entityId: NEWS_APPROVERS_SETTING, before, after: next });
    return next;
  });
}

// ─────────────────────────── public reads (the portal) ───────────────────────────

export type PublicPhoto = {
  id: number;
  caption: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  mime: string;
};

export type PublicArticleSummary = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  authorLine: string;
  source: string | null;
  tags: string[];
  sector: string | null;
  /** When it became public. */
  publishedAt: Date;
  /** Its Vietnamese calendar day, 'YYYY-MM-DD' (browse by date). */
  publishedDay: string;
  /** "Cập nhật lúc": the later of its publication and its last change. */
  updatedAt: Date;
  /** The department's name when it was published (Sở Thông tin và Truyền thông before 01/03/2025). */
  departmentName: string;
  corrected: boolean;
  cover: { id: number; caption: string; thumbWidth: number; thumbHeight: number } | null;
};

export type PublicArticle = PublicArticleSummary & {
  /** Sanitised at save by the allow-list: print as is, never escape it again. */
  bodyHtml: string;
  photos: PublicPhoto[];
  correctedAt: Date | null;
  /** Shown under a corrected article. */
  correctionNote: string | null;
  conferenceId: number | null;
};

const later = (a: Date, b: Date | null) => (b && b.getTime() > a.getTime() ? b : a);

function publicSummary(r: ArticleListRow | ArticleRow): PublicArticleSummary {
  const list = r as ArticleListRow;
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    authorLine: r.author_line,
    source: r.source,
    tags: r.tags,
    sector: r.sector_name,
    publishedAt: r.published_at as Date,
    publishedDay: r.published_day as string,
    updatedAt: later(r.updated_at, r.published_at),
    departmentName: r.department_name ?? '',
    corrected: r.corrected_at != null,
    cover:
      list.cover_photo_id != null
        ? { id: list.cover_photo_id, caption: list.cover_caption ?? '', thumbWidth: list.cover_thumb_width ?? 0, thumbHeight: list.cover_thumb_height ?? 0 }
        : null,
  };
}

export const PUBLIC_PAGE_SIZE = 10;
const MAX_PUBLIC_PAGE_SIZE = 50;
const MAX_SEARCH_WORDS = 8;

/** The search words of a query, folded (no diacritics, lower case): at most 8, each at most 60 characters. */
export const searchWords = (q: string | null | undefined): string[] =>
  foldDiacritics(q ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS)
    .map((w) => w.slice(0, 60));

/**
 * The public list, newest first: page (from 1) of pageSize, optionally one Vietnamese day ('YYYY-MM-DD') and a search
 * that ignores diacritics (every word must occur in the title, summary or text). Only what is visible at `now`.
 */
export async function publishedArticles(
  db: Db, f: { page?: number; day?: string | null; q?: string | null; now: Date; pageSize?: number },
): Promise<{ items: PublicArticleSummary[]; total: number; page: number; pageSize: number; pages: number }> {
  const pageSize = Math.min(Math.max(1, Math.trunc(f.pageSize ?? PUBLIC_PAGE_SIZE)), MAX_PUBLIC_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(f.page ?? 1));
  const { total, items } = await newsRepo.publicList(db, {
    now: f.now, day: f.day ?? null, words: searchWords(f.q), limit: pageSize, offset: (page - 1) * pageSize,
  });
  return { items: items.map(publicSummary), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** One article as the public sees it at `now`, or null (unknown, draft, awaiting, approved, scheduled ahead, unpublished). */
export async function publishedArticleBySlug(db: Db, slug: string, now: Date): Promise<PublicArticle | null> {
  const row = await newsRepo.publicBySlug(db, slug, now);
  if (!row) return null;
  const photos = await newsRepo.photos(db, row.id);
  const cover = photos[0];
  return {
    ...publicSummary({ ...row, cover_photo_id: cover?.id ?? null, cover_caption: cover?.caption ?? null, cover_thumb_width: cover?.thumb_width ?? null, cover_thumb_height: cover?.thumb_height ?? null }),
    bodyHtml: row.body_html,
    photos: photos.map((p) => ({ id: p.id, caption: p.caption, width: p.width, height: p.height, thumbWidth: p.thumb_width, thumbHeight: p.thumb_height, mime: p.mime })),
    correctedAt: row.corrected_at,
    correctionNote: row.correction_note,
    conferenceId: row.conference_id,
  };
}

/** The nearest earlier and later Vietnamese days with a visible article (links to neighbouring days). */
export const publishedDayNeighbours = (db: Db, day: string, now: Date) => newsRepo.neighbourDays(db, day, now);

/** Every visible article's slug and times, newest first (sitemap, at most `limit`). */
export async function publishedIndex(db: Db, now: Date, limit = 5_000): Promise<{ slug: string; publishedAt: Date; updatedAt: Date }[]> {
  return (await newsRepo.publicIndex(db, now, limit)).map((r) => ({ slug: r.slug, publishedAt: r.published_at, updatedAt: later(r.updated_at, r.published_at) }));
}

/** A photo's bytes for the public: only a photo of an article visible at `now`; null otherwise. */
export async function photoBytes(
  db: Db, id: number, size: NewsPhotoSize, now: Date,
): Promise<{ mime: string; bytes: Buffer; etag: string; lastModified: Date; caption: string } | null> {
  const p = await newsRepo.publicPhotoContent(db, id, size, now);
  if (!p) return null;
  return { mime: p.mime, bytes: Buffer.from(p.content), etag: `"${p.sha256.slice(0, 32)}${size === 'thumb' ? '-t' : ''}"`, lastModified: p.created_at, caption: p.caption };
}
