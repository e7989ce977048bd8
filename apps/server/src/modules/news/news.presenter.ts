import { type NewsActor, newsAbilities, newsPhotoPath, newsVisibleAt } from '@nhip/contracts';
import type { z } from 'zod';
import type { ArticleListRow, ArticleRow, PhotoRow, RevisionRow } from './news.repository.js';
import type * as S from './news.schema.js';

const scheduledAt = (r: { status: string; published_at: Date | null }, now: Date) =>
  r.status === 'published' && r.published_at != null && r.published_at.getTime() > now.getTime();

export const publicPath = (slug: string) => `/tin-tuc/${slug}`;

export const presentListItem = (r: ArticleListRow, now: Date): z.infer<typeof S.ListItem> => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  status: r.status,
  scheduled: scheduledAt(r, now),
  publishAt: r.publish_at,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
  authorLine: r.author_line,
  sector: r.sector_name,
  tags: r.tags,
  conferenceId: r.conference_id,
  version: r.version,
  coverPhotoId: r.cover_photo_id,
});

export const presentPhoto = (p: PhotoRow): z.infer<typeof S.Photo> => ({
  id: p.id,
  caption: p.caption,
  sort: p.sort,
  mime: p.mime,
  width: p.width,
  height: p.height,
  thumbWidth: p.thumb_width,
  thumbHeight: p.thumb_height,
  size: p.size,
  sha256: p.sha256,
  url: `/api/news/${p.article_id}/photos/${p.id}/image`,
  thumbUrl: `/api/news/${p.article_id}/photos/${p.id}/image?size=thumb`,
  publicUrl: newsPhotoPath(p.id),
});

export const presentRevision = (r: RevisionRow): z.infer<typeof S.Revision> => ({
  revision: r.revision,
  title: r.title,
  summary: r.summary,
  body: r.body_html,
  authorLine: r.author_line,
  source: r.source,
  tags: r.tags,
  publishedAt: r.published_at,
  replacedAt: r.replaced_at,
  reason: r.reason,
});

export type DetailParts = {
  row: ArticleRow;
  photos: PhotoRow[];
  revisions: RevisionRow[];
  history: { at: Date; action: string; actor_name: string | null; after: Record<string, unknown> | null }[];
  actor: NewsActor;
  now: Date;
};

const historyNote = (after: Record<string, unknown> | null): string | null => {
  const v = after?.note ?? after?.reason;
  return typeof v === 'string' ? v : null;
};

export const presentDetail = ({ row: r, photos, revisions, history, actor, now }: DetailParts): z.infer<typeof S.Detail> => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  body: r.body_html,
  status: r.status,
  scheduled: scheduledAt(r, now),
  visible: newsVisibleAt({ status: r.status, publishedAt: r.published_at }, now),
  publicPath: publicPath(r.slug),
  sectorId: r.sector_id,
  sector: r.sector_name,
  tags: r.tags,
  authorLine: r.author_line,
  source: r.source,
  publishAt: r.publish_at,
  publishedAt: r.published_at,
  publishedDay: r.published_day,
  updatedAt: r.updated_at,
  departmentName: r.department_name,
  conferenceId: r.conference_id,
  version: r.version,
  revision: r.revision,
  returnNote: r.return_note,
  unpublishReason: r.unpublish_reason,
  correctedAt: r.corrected_at,
  correctionNote: r.correction_note,
  createdAt: r.created_at,
  submittedAt: r.submitted_at,
  approvedAt: r.approved_at,
  photos: photos.map(presentPhoto),
  revisions: revisions.map((v) => ({ revision: v.revision, title: v.title, replacedAt: v.replaced_at, reason: v.reason })),
  history: history.map((h) => ({ at: h.at, action: h.action, actor: h.actor_name, note: historyNote(h.after) })),
  abilities: newsAbilities(actor, { status: r.status }),
});
