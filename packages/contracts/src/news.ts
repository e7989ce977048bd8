/**
 * The newsroom (tin bài): statuses, the editorial workflow, who may do what to an article in which state, slugs,
 * public visibility and the limits of photos. One table, used by the server to authorize and sent to the web as
 * `abilities`, as for submissions and conferences.
 *
 *   draft ─submit→ submitted ─approve→ approved ─publish→ published ─unpublish→ unpublished
 *   submitted ─return→ draft          draft, submitted, unpublished ─publish→ published (the office, directly)
 *   published ─correct→ published (the old text kept as a revision)
 *
 * A scheduled article is 'published' with a publication time ahead: the public sees it once that time has come
 * (newsVisibleAt), so no job has to run for it to appear.
 */
import { foldDiacritics } from './text.js';
import { canDo, type Actor } from './policy.js';
import { ROLES, type Role } from './roles.js';

export const NEWS_STATUSES = ['draft', 'submitted', 'approved', 'published', 'unpublished'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];
export const NEWS_STATUS_LABELS: Record<NewsStatus, { vi: string; en: string; color: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft', color: 'default' },
  submitted: { vi: 'Chờ duyệt', en: 'Awaiting approval', color: 'processing' },
  approved: { vi: 'Đã duyệt, chờ đăng', en: 'Approved', color: 'blue' },
  published: { vi: 'Đã đăng', en: 'Published', color: 'success' },
  unpublished: { vi: 'Đã gỡ', en: 'Unpublished', color: 'warning' },
};

// ─────────────────────────── lifecycle ───────────────────────────

export const NEWS_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', audit: 'news.submit' },
  return: { from: ['submitted'], to: 'draft', audit: 'news.return' },
  approve: { from: ['submitted'], to: 'approved', audit: 'news.approve' },
  publish: { from: ['draft', 'submitted', 'approved', 'unpublished'], to: 'published', audit: 'news.publish' },
  unpublish: { from: ['published'], to: 'unpublished', audit: 'news.unpublish' },
} as const satisfies Record<string, { from: readonly NewsStatus[]; to: NewsStatus; audit: string }>;
export type NewsTransition = keyof typeof NEWS_TRANSITIONS;

/** The status a transition leads to from `from`, or null when the table has no such edge. */
export function nextNewsStatus(from: NewsStatus, name: NewsTransition): NewsStatus | null {
  const t = NEWS_TRANSITIONS[name];
  return (t.from as readonly NewsStatus[]).includes(from) ? t.to : null;
}

/** Statuses whose text may be edited in place (an approved article edited goes back to draft for a new approval). */
export const NEWS_EDITABLE: readonly NewsStatus[] = ['draft', 'approved', 'unpublished'];

// ─────────────────────────── approvers (a setting) ───────────────────────────

/** Setting 'news.approvers': the roles and the accounts that approve articles. */
export type NewsApprovers = { roles: readonly Role[]; userIds: readonly number[] };
export const NEWS_APPROVERS_SETTING = 'news.approvers';
/** Without the setting: the roles of 'news.approve' in the policy table (the director, and the administrator). */
export const DEFAULT_NEWS_APPROVERS: NewsApprovers = { roles: ROLES.filter((role) => canDo({ role }, 'news.approve')), userIds: [] };

/** Reads the setting's stored value; anything malformed falls back to the default. */
export function parseNewsApprovers(value: unknown): NewsApprovers {
  if (!value || typeof value !== 'object') return DEFAULT_NEWS_APPROVERS;
  const v = value as { roles?: unknown; userIds?: unknown };
  const roles = Array.isArray(v.roles) ? v.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string)) : [];
  const userIds = Array.isArray(v.userIds) ? v.userIds.filter((n): n is number => Number.isInteger(n) && (n as number) > 0) : [];
  if (!roles.length && !userIds.length) return DEFAULT_NEWS_APPROVERS;
  return { roles, userIds };
}

export const isNewsApprover = (a: Pick<Actor, 'id' | 'role'>, approvers: NewsApprovers): boolean =>
  approvers.roles.includes(a.role) || approvers.userIds.includes(a.id);

// ─────────────────────────── policy ───────────────────────────

export const NEWS_ACTIONS = ['view', 'edit', 'photos', 'submit', 'return', 'approve', 'publish', 'schedule', 'unpublish', 'correct', 'history'] as const;
export type NewsAction = (typeof NEWS_ACTIONS)[number];

/** What the policy needs: the article's status, and whether the actor is an approver by the setting. */
export type NewsSubject = { status: NewsStatus };
export type NewsActor = Actor & { approver: boolean };

/** May the actor see the newsroom at all (the list, an unpublished article)? The public reads only the portal. */
export const canSeeNewsroom = (a: NewsActor): boolean => canDo(a, 'news.write') || a.approver;

/**
 * - edit, photos: the office writes, while the text is editable (draft; an approved one goes back to draft; an unpublished one).
 * - submit: the office sends a draft for approval.
 * - return, approve: an approver (setting 'news.approvers', the director by default), while submitted.
 * - publish, schedule: the office or an approver, from approved; the office may also publish directly a draft, a
 *   submitted article or one it unpublished (the issue allows it: the approval step is the normal path, not the only one).
 * - unpublish: the office or an approver, once published.
 * - correct: the office or an approver, on a published article (the old text is kept as a revision).
 * - history: everyone who sees the newsroom.
 */
export function canNews(a: NewsActor, action: NewsAction, s: NewsSubject): boolean {
  if (!canSeeNewsroom(a)) return false;
  const writer = canDo(a, 'news.write');
  const approver = a.approver;
  switch (action) {
    case 'view':
    case 'history':
      return true;
    case 'edit':
    case 'photos':
      return writer && NEWS_EDITABLE.includes(s.status);
    case 'submit':
      return writer && s.status === 'draft';
    case 'return':
    case 'approve':
      return approver && s.status === 'submitted';
    case 'publish':
    case 'schedule':
      return (s.status === 'approved' && (writer || approver)) || (writer && nextNewsStatus(s.status, 'publish') !== null);
    case 'unpublish':
    case 'correct':
      return (writer || approver) && s.status === 'published';
  }
}

export function newsAbilities(a: NewsActor, s: NewsSubject): Record<NewsAction, boolean> {
  return Object.fromEntries(NEWS_ACTIONS.map((k) => [k, canNews(a, k, s)])) as Record<NewsAction, boolean>;
}

// ─────────────────────────── public visibility ───────────────────────────

/** What the public sees: a published article whose publication time has come (by the business clock). */
export function newsVisibleAt(a: { status: NewsStatus; publishedAt: Date | string | null }, now: Date): boolean {
  if (a.status !== 'published' || a.publishedAt == null) return false;
  return new Date(a.publishedAt).getTime() <= now.getTime();
}

// ─────────────────────────── slugs ───────────────────────────

export const NEWS_SLUG_MAX = 100;

/**
 * The address of an article from its title: without diacritics (đ → d), lower case, words joined by '-', cut at a
 * word boundary within NEWS_SLUG_MAX characters. 'Sở KH&CN tổng kết năm 2025' → 'so-kh-cn-tong-ket-nam-2025'.
 * A title with no letter or digit gives 'tin-bai'.
 */
export function slugify(title: string): string {
  const words = foldDiacritics(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > NEWS_SLUG_MAX) {
      if (!out) out = w.slice(0, NEWS_SLUG_MAX);
      break;
    }
    out = next;
  }
  return out || 'tin-bai';
}

/** The first free slug among base, base-2, base-3, … given the slugs already taken. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, NEWS_SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

// ─────────────────────────── photos ───────────────────────────

export const NEWS_PHOTO_MAX_BYTES = 15 * 1024 * 1024;
export const NEWS_PHOTO_MAX_TEXT = '15 MB';
export const NEWS_PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type NewsPhotoMime = (typeof NEWS_PHOTO_MIMES)[number];
/** The large copy is at most this wide (and this tall), the thumbnail this wide; smaller images are not enlarged. */
export const NEWS_PHOTO_LARGE_PX = 1600;
export const NEWS_PHOTO_THUMB_PX = 480;
/** More pixels than this is refused before decoding (a decompression bomb). */
export const NEWS_PHOTO_MAX_PIXELS = 60_000_000;

export const NEWS_PHOTO_SIZES = ['large', 'thumb'] as const;
export type NewsPhotoSize = (typeof NEWS_PHOTO_SIZES)[number];

/** The public address of a photo, served by the portal: '/tin-tuc/anh/12' (large) or '/tin-tuc/anh/12/nho' (thumbnail). */
export const newsPhotoPath = (id: number, size: NewsPhotoSize = 'large'): string => `/tin-tuc/anh/${id}${size === 'thumb' ? '/nho' : ''}`;
/** Matches a photo address an article body may show in <img src>. */
export const NEWS_PHOTO_PATH_RE = /^\/tin-tuc\/anh\/[1-9]\d{0,9}(\/nho)?$/;

// ─────────────────────────── text limits ───────────────────────────

export const NEWS_TITLE_MAX = 300;
export const NEWS_SUMMARY_MAX = 1_000;
export const NEWS_BODY_MAX = 200_000;
export const NEWS_TAGS_MAX = 20;
