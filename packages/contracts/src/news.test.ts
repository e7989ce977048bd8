import { describe, expect, it } from 'vitest';
import {
  canNews, canSeeNewsroom, DEFAULT_NEWS_APPROVERS, isNewsApprover, NEWS_ACTIONS, NEWS_PHOTO_PATH_RE, NEWS_SLUG_MAX, NEWS_STATUSES, NEWS_TRANSITIONS,
  type NewsAction, type NewsActor, type NewsStatus, type NewsTransition, newsAbilities, newsPhotoPath, newsVisibleAt, nextNewsStatus,
  parseNewsApprovers, slugify, uniqueSlug,
} from './news.js';
import { canDo } from './policy.js';
import type { Role } from './roles.js';

const actor = (role: Role, approver = DEFAULT_NEWS_APPROVERS.roles.includes(role)): NewsActor => ({ id: 7, role, orgUnitId: null, approver });

describe('NEWS_TRANSITIONS', () => {
  const table: [NewsTransition, NewsStatus, NewsStatus | null][] = [
    ['submit', 'draft', 'submitted'],
    ['submit', 'submitted', null],
    ['submit', 'approved', null],
    ['return', 'submitted', 'draft'],
    ['return', 'approved', null],
    ['approve', 'submitted', 'approved'],
    ['approve', 'draft', null],
    ['publish', 'approved', 'published'],
    ['publish', 'draft', 'published'],
    ['publish', 'submitted', 'published'],
    ['publish', 'unpublished', 'published'],
    ['publish', 'published', null],
    ['unpublish', 'published', 'unpublished'],
    ['unpublish', 'approved', null],
    ['unpublish', 'unpublished', null],
  ];
  it.each(table)('%s from %s → %s', (t, from, to) => expect(nextNewsStatus(from, t)).toBe(to));
  it('audits every transition under news.<name>', () => {
    for (const [name, t] of Object.entries(NEWS_TRANSITIONS)) expect(t.audit).toBe(`news.${name}`);
  });
});

describe('canNews: who may do what in which state', () => {
  // [role, approver by the setting, action, the statuses in which it is allowed]
  const ALL: NewsStatus[] = [...NEWS_STATUSES];
  const table: [Role, boolean, NewsAction, NewsStatus[]][] = [
    ['office', false, 'view', ALL],
    ['office', false, 'edit', ['draft', 'approved', 'unpublished']],
    ['office', false, 'photos', ['draft', 'approved', 'unpublished']],
    ['office', false, 'submit', ['draft']],
    ['office', false, 'approve', []],
    ['office', false, 'return', []],
    ['office', false, 'publish', ['draft', 'submitted', 'approved', 'unpublished']],
    ['office', false, 'schedule', ['draft', 'submitted', 'approved', 'unpublished']],
    ['office', false, 'unpublish', ['published']],
    ['office', false, 'correct', ['published']],
    ['director', true, 'view', ALL],
    ['director', true, 'edit', []],
    ['director', true, 'photos', []],
    ['director', true, 'submit', []],
    ['director', true, 'approve', ['submitted']],
    ['director', true, 'return', ['submitted']],
    ['director', true, 'publish', ['approved']],
    ['director', true, 'unpublish', ['published']],
    ['director', true, 'correct', ['published']],
    ['director', false, 'view', []],
    ['director', false, 'approve', []],
    ['reviewer', true, 'approve', ['submitted']],
    ['reviewer', true, 'edit', []],
    ['reviewer', false, 'view', []],
    ['viewer', false, 'view', []],
    ['reporter', false, 'view', []],
    ['unit_head', false, 'publish', []],
    ['admin', true, 'edit', ['draft', 'approved', 'unpublished']],
    ['admin', true, 'approve', ['submitted']],
    ['admin', true, 'publish', ['draft', 'submitted', 'approved', 'unpublished']],
  ];
  it.each(table)('%s (approver %s) may %s in %j', (role, approver, action, allowed) => {
    for (const status of NEWS_STATUSES) expect(canNews(actor(role, approver), action, { status }), status).toBe(allowed.includes(status));
  });

  it('gives every action an answer in abilities', () => {
    expect(Object.keys(newsAbilities(actor('office'), { status: 'draft' }))).toEqual([...NEWS_ACTIONS]);
  });

  it('opens the newsroom to the writers and the approvers only', () => {
    expect(canSeeNewsroom(actor('office'))).toBe(true);
    expect(canSeeNewsroom(actor('director'))).toBe(true);
    expect(canSeeNewsroom(actor('reviewer'))).toBe(false);
    expect(canSeeNewsroom(actor('reviewer', true))).toBe(true);
  });
});

describe('approvers (setting news.approvers)', () => {
  it('defaults to the roles of news.approve in the policy table', () => {
    expect([...DEFAULT_NEWS_APPROVERS.roles].sort()).toEqual(['admin', 'director']);
    for (const r of DEFAULT_NEWS_APPROVERS.roles) expect(canDo({ role: r }, 'news.approve')).toBe(true);
    expect(canDo({ role: 'office' }, 'news.write')).toBe(true);
    expect(canDo({ role: 'director' }, 'news.write')).toBe(false);
  });
  const cases: [string, unknown, { roles: string[]; userIds: number[] }][] = [
    ['no setting', undefined, { roles: ['director', 'admin'], userIds: [] }],
    ['a named account', { roles: [], userIds: [12] }, { roles: [], userIds: [12] }],
    ['a role and an account', { roles: ['office'], userIds: [3] }, { roles: ['office'], userIds: [3] }],
    ['unknown roles and bad ids dropped', { roles: ['chief', 'director'], userIds: [-1, 1.5, '4', 9] }, { roles: ['director'], userIds: [9] }],
    ['nothing left → the default', { roles: ['chief'], userIds: [] }, { roles: ['director', 'admin'], userIds: [] }],
    ['not an object', 'director', { roles: ['director', 'admin'], userIds: [] }],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    const got = parseNewsApprovers(value);
    expect({ roles: [...got.roles].sort(), userIds: [...got.userIds] }).toEqual({ roles: [...expected.roles].sort(), userIds: expected.userIds });
  });
  it('names an approver by role or by account', () => {
    const setting = { roles: ['director'] as Role[], userIds: [42] };
    expect(isNewsApprover({ id: 1, role: 'director' }, setting)).toBe(true);
    expect(isNewsApprover({ id: 42, role: 'reviewer' }, setting)).toBe(true);
    expect(isNewsApprover({ id: 43, role: 'reviewer' }, setting)).toBe(false);
  });
});

describe('newsVisibleAt: the public sees what is published and due', () => {
  const now = new Date('2025-01-06T03:00:00Z');
  const cases: [NewsStatus, string | null, boolean][] = [
    ['published', '2025-01-06T03:00:00Z', true],
    ['published', '2025-01-01T00:00:00Z', true],
    ['published', '2025-01-06T03:00:01Z', false],
    ['published', null, false],
    ['draft', '2025-01-01T00:00:00Z', false],
    ['submitted', null, false],
    ['approved', null, false],
    ['unpublished', '2025-01-01T00:00:00Z', false],
  ];
  it.each(cases)('%s at %s → %s', (status, publishedAt, visible) => expect(newsVisibleAt({ status, publishedAt }, now)).toBe(visible));
});

describe('slugify and uniqueSlug', () => {
  const cases: [string, string][] = [
    ['Sở Khoa học và Công nghệ tổ chức Hội nghị tổng kết công tác năm 2025', 'so-khoa-hoc-va-cong-nghe-to-chuc-hoi-nghi-tong-ket-cong-tac-nam-2025'],
    ['Đảm bảo đường truyền – Đắk Lắk', 'dam-bao-duong-truyen-dak-lak'],
    ['ĐỔI MỚI', 'doi-moi'],
    ['Quý I/2023: 94,3% thôn có Internet', 'quy-i-2023-94-3-thon-co-internet'],
    ['Sở KH&CN <script>alert(1)</script>', 'so-kh-cn-script-alert-1-script'],
    ['  ---  ', 'tin-bai'],
    ['！？', 'tin-bai'],
    ['Hội nghị'.normalize('NFD'), 'hoi-nghi'],
  ];
  it.each(cases)('%s → %s', (title, slug) => expect(slugify(title)).toBe(slug));

  it('cuts a long title at a word boundary within the limit', () => {
    const s = slugify('chuyển đổi số '.repeat(30));
    expect(s.length).toBeLessThanOrEqual(NEWS_SLUG_MAX);
    expect(s.endsWith('-')).toBe(false);
    expect(s.startsWith('chuyen-doi-so-chuyen')).toBe(true);
    expect(slugify('a'.repeat(150))).toBe('a'.repeat(NEWS_SLUG_MAX));
  });

  it('numbers a taken slug -2, -3, … and keeps it within the limit', () => {
    expect(uniqueSlug('hoi-nghi', [])).toBe('hoi-nghi');
    expect(uniqueSlug('hoi-nghi', ['hoi-nghi'])).toBe('hoi-nghi-2');
    expect(uniqueSlug('hoi-nghi', ['hoi-nghi', 'hoi-nghi-2', 'hoi-nghi-3'])).toBe('hoi-nghi-4');
    expect(uniqueSlug('hoi-nghi', ['hoi-nghi', 'hoi-nghi-3'])).toBe('hoi-nghi-2');
    const long = 'a'.repeat(NEWS_SLUG_MAX);
    expect(uniqueSlug(long, [long])).toBe(`${'a'.repeat(NEWS_SLUG_MAX - 2)}-2`);
  });
});

describe('photo addresses', () => {
  it('are the portal\'s, and only those pass as <img src> in a body', () => {
    expect(newsPhotoPath(12)).toBe('/tin-tuc/anh/12');
    expect(newsPhotoPath(12, 'thumb')).toBe('/tin-tuc/anh/12/nho');
    for (const ok of ['/tin-tuc/anh/1', '/tin-tuc/anh/12/nho']) expect(NEWS_PHOTO_PATH_RE.test(ok)).toBe(true);
    for (const bad of ['/tin-tuc/anh/0', 'https://x/tin-tuc/anh/1', '/tin-tuc/anh/1?x', '/tin-tuc/anh/1/../../api', '//tin-tuc/anh/1', 'javascript:1'])
      expect(NEWS_PHOTO_PATH_RE.test(bad), bad).toBe(false);
  });
});
