/** Labels of the newsroom screens: the status tags (a scheduled article has its own), the steps of an article's history. */
import type { NewsStatus } from '@nhip/contracts';
import { Tag } from 'antd';
import { useLang } from '../../app/i18n';

/** The tag an article shows: its status, or 'Hẹn giờ' for a published article whose time has not come yet. */
export type NewsTagKey = NewsStatus | 'scheduled';

export const NEWS_TAGS: Record<NewsTagKey, { vi: string; en: string; color: string }> = {
  draft: { vi: 'Nháp', en: 'Draft', color: 'default' },
  submitted: { vi: 'Chờ duyệt', en: 'Awaiting approval', color: 'processing' },
  approved: { vi: 'Đã duyệt', en: 'Approved', color: 'blue' },
  published: { vi: 'Đã đăng', en: 'Published', color: 'success' },
  unpublished: { vi: 'Đã gỡ', en: 'Unpublished', color: 'warning' },
  scheduled: { vi: 'Hẹn giờ', en: 'Scheduled', color: 'purple' },
};

export const tagKey = (a: { status: NewsStatus; scheduled: boolean }): NewsTagKey => (a.status === 'published' && a.scheduled ? 'scheduled' : a.status);

export function NewsStatusTag({ article, testId }: { article: { status: NewsStatus; scheduled: boolean }; testId?: string }) {
  const lang = useLang();
  const t = NEWS_TAGS[tagKey(article)];
  return (
    <Tag color={t.color} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t[lang]}
    </Tag>
  );
}

/** The audit actions of an article as its history lists them. */
export const HISTORY_LABELS: Record<string, { vi: string; en: string }> = {
  'news.create': { vi: 'Viết tin bài', en: 'Written' },
  'news.draft_from_conference': { vi: 'Soạn sẵn từ hội nghị', en: 'Drafted from the conference' },
  'news.update': { vi: 'Sửa nội dung', en: 'Edited' },
  'news.submit': { vi: 'Gửi duyệt', en: 'Submitted' },
  'news.return': { vi: 'Trả lại để sửa', en: 'Returned' },
  'news.approve': { vi: 'Duyệt', en: 'Approved' },
  'news.publish': { vi: 'Đăng', en: 'Published' },
  'news.schedule': { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  'news.unpublish': { vi: 'Gỡ bài', en: 'Unpublished' },
  'news.correct': { vi: 'Đính chính', en: 'Corrected' },
  'news.photo.add': { vi: 'Thêm ảnh', en: 'Photo added' },
  'news.photo.caption': { vi: 'Sửa chú thích ảnh', en: 'Caption edited' },
  'news.photo.reorder': { vi: 'Sắp lại ảnh', en: 'Photos reordered' },
  'news.photo.delete': { vi: 'Xóa ảnh', en: 'Photo deleted' },
};
