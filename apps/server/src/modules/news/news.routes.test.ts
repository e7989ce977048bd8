import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from '../conferences/conferences.fixtures.js';
import { publishedArticleBySlug, publishedArticles, publishedDayNeighbours, publishedIndex } from './news.service.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;

beforeAll(async () => {
  let world: ConfWorld | undefined;
  s = await testServer({ now: '2025-01-06T03:00:00Z', seed: async (db) => { world = await seedConferenceWorld(db); } });
  w = world!;
  as = await signInAll(s.app);
}, 60_000);
afterAll(() => s.close());

type Who = ConfUserKey;
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
  s.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
const create = async (payload: object, who: Who = 'office') => {
  const r = await req('POST', '/api/news', who, payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; slug: string; version: number; status: string; body: string; title: string };
};
const get = async (id: number, who: Who = 'office') => (await req('GET', `/api/news/${id}`, who)).json();
const step = (id: number, name: string, who: Who, payload?: object) => req('POST', `/api/news/${id}/${name}`, who, payload);
const now = () => s.clock.now();
const BODY = '<p>Sáng ngày 06/01/2025, Sở tổ chức hội nghị.</p>';

describe('writing an article', () => {
  it('creates a draft answering its id and a slug without diacritics (đ → d), made unique with -2, -3', async () => {
    const a = await create({ title: 'Đổi mới công tác truyền thông năm 2025', body: BODY });
    expect(a).toMatchObject({ slug: 'doi-moi-cong-tac-truyen-thong-nam-2025', status: 'draft', version: 1 });
    expect(a.id).toBeGreaterThan(0);
    const b = await create({ title: 'Đổi mới công tác truyền thông năm 2025!', body: BODY });
    const c = await create({ title: 'ĐỔI MỚI công tác truyền thông — năm 2025', body: BODY });
    expect([b.slug, c.slug]).toEqual(['doi-moi-cong-tac-truyen-thong-nam-2025-2', 'doi-moi-cong-tac-truyen-thong-nam-2025-3']);
    const audited = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'news_article' AND entity_id = $1`, [String(a.id)]);
    expect(audited.map((e) => e.action)).toEqual(['news.create']);
  });

  it('keeps a title as plain text and sanitises the body: formatting stays, scripts and handlers never do', async () => {
    const a = await create({
      title: '<script>alert(1)</script> Tin <b>đậm</b>',
      summary: 'Tóm tắt <i>ngắn</i>',
      body: [
        '<h2 onclick="x()">Kết quả</h2><p style="color:red">Một <strong>đậm</strong> <em>nghiêng</em> <a href="javascript:alert(1)">xấu</a>',
        ' <a href="https://example.org/a" target="_blank">ngoài</a> <a href="/tin-tuc/khac">trong</a> <a href="//evil.example/x">trơn</a></p>',
        '<script>alert(2)</script><style>p{}</style><iframe src="https://x"></iframe><img src="https://x/y.png" onerror="z()">',
        '<img src="/tin-tuc/anh/5" alt="Ảnh"><ul><li>một</li></ul><table><tr><td colspan="2">ô</td></tr></table><svg><script>x</script></svg>',
        '<blockquote>trích</blockquote><form><input></form>',
      ].join(''),
    });
    expect(a.title).toBe('<script>alert(1)</script> Tin <b>đậm</b>');
    expect(a.body).not.toMatch(/script|onclick|onerror|style|iframe|javascript|evil|https:\/\/x|<svg|<form|<input/i);
    expect(a.body).toContain('<h2>Kết quả</h2>');
    expect(a.body).toContain('<strong>đậm</strong> <em>nghiêng</em>');
    expect(a.body).toContain('<a href="https://example.org/a" rel="noopener noreferrer">ngoài</a>');
    expect(a.body).toContain('<a href="/tin-tuc/khac">trong</a>');
    expect(a.body).toContain('<img src="/tin-tuc/anh/5" alt="Ảnh" />');
    expect(a.body).toContain('<td colspan="2">ô</td>');
    expect(a.body).toContain('<blockquote>trích</blockquote>');
  });

  it('is the office\'s: the director, a reviewer, a viewer and a reporter cannot write; only the office and approvers see the newsroom', async () => {
    for (const who of ['director', 'reviewer', 'viewer', 'rep1'] as Who[]) expect((await req('POST', '/api/news', who, { title: 'X', body: BODY })).statusCode).toBe(403);
    const a = await create({ title: 'Chỉ nội bộ', body: BODY });
    expect((await req('GET', `/api/news/${a.id}`, 'director')).statusCode).toBe(200);
    for (const who of ['reviewer', 'viewer', 'rep1'] as Who[]) {
      expect((await req('GET', `/api/news/${a.id}`, who)).statusCode).toBe(404);
      expect((await req('GET', '/api/news', who)).statusCode).toBe(403);
    }
    expect((await s.app.inject({ method: 'GET', url: `/api/news/${a.id}` })).statusCode).toBe(401);
  });

  it('refuses a stale save (two editors at once): 409 with the current text, nothing of the second saved', async () => {
    const a = await create({ title: 'Hai người cùng sửa', body: BODY });
    const first = await req('PATCH', `/api/news/${a.id}`, 'office', { version: a.version, body: '<p>Bản của người thứ nhất.</p>' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(a.version + 1);
    const second = await req('PATCH', `/api/news/${a.id}`, 'office', { version: a.version, body: '<p>Bản của người thứ hai.</p>' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/người khác sửa/);
    expect(second.json().details).toMatchObject({ version: a.version + 1, body: '<p>Bản của người thứ nhất.</p>' });
    expect((await get(a.id)).body).toBe('<p>Bản của người thứ nhất.</p>');
  });

  it('two editors saving at the same moment: one is saved, the other answers 409; two same titles at once get two slugs', async () => {
    const a = await create({ title: 'Cùng lúc', body: BODY });
    const [x, y] = await Promise.all([
      req('PATCH', `/api/news/${a.id}`, 'office', { version: a.version, summary: 'Người thứ nhất' }),
      req('PATCH', `/api/news/${a.id}`, 'office', { version: a.version, summary: 'Người thứ hai' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const saved = (x.statusCode === 200 ? x : y).json().summary;
    expect((await get(a.id)).summary).toBe(saved);
    const [m, n] = await Promise.all([create({ title: 'Trùng tiêu đề cùng lúc', body: BODY }), create({ title: 'Trùng tiêu đề cùng lúc', body: BODY })]);
    expect([m.slug, n.slug].sort()).toEqual(['trung-tieu-de-cung-luc', 'trung-tieu-de-cung-luc-2']);
  });

  it('lets the slug follow the title until the article has been public', async () => {
    const a = await create({ title: 'Tiêu đề tạm', body: BODY });
    const r = await req('PATCH', `/api/news/${a.id}`, 'office', { version: a.version, title: 'Tiêu đề chính thức' });
    expect(r.json().slug).toBe('tieu-de-chinh-thuc');
  });
});

describe('the editorial workflow', () => {
  it('goes draft → submitted → (returned) → approved → published, each step by its role and audited', async () => {
    const a = await create({ title: 'Quy trình duyệt tin', body: BODY, authorLine: 'Bế Thị Thanh Hoài', source: 'Theo: baovanlinh.vn' });
    expect((await step(a.id, 'approve', 'director')).statusCode).toBe(403); // not submitted yet
    expect((await step(a.id, 'submit', 'director')).statusCode).toBe(403);
    expect((await step(a.id, 'submit', 'office')).statusCode).toBe(200);
    const edit = await req('PATCH', `/api/news/${a.id}`, 'office', { version: 2, title: 'x' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().message).toMatch(/đang chờ duyệt/);
    expect((await step(a.id, 'approve', 'office')).statusCode).toBe(403);
    const back = await step(a.id, 'return', 'director', { note: 'Bổ sung số liệu' });
    expect(back.json()).toMatchObject({ status: 'draft', returnNote: 'Bổ sung số liệu' });
    await step(a.id, 'submit', 'office');
    const ok = await step(a.id, 'approve', 'director');
    expect(ok.json()).toMatchObject({ status: 'approved', abilities: { publish: true, approve: false } });
    const pub = await step(a.id, 'publish', 'director');
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', visible: true, source: 'baovanlinh.vn', authorLine: 'Bế Thị Thanh Hoài', departmentName: 'Sở Thông tin và Truyền thông' });
    const actions = (await get(a.id)).history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(['news.create', 'news.submit', 'news.return', 'news.submit', 'news.approve', 'news.publish']);
  });

  it('lets the office publish directly (noted), and not a reviewer or a viewer', async () => {
    const a = await create({ title: 'Đăng thẳng', body: BODY });
    expect((await step(a.id, 'publish', 'reviewer')).statusCode).toBe(404);
    const r = await step(a.id, 'publish', 'office');
    expect(r.statusCode).toBe(200);
    expect(r.json().notes).toContain('Tin bài được đăng không qua bước duyệt.');
    expect((await step(a.id, 'publish', 'office')).statusCode).toBe(403); // already published
  });

  it('follows the approvers setting: a named reviewer approves, the director no longer does', async () => {
    const set = await req('PUT', '/api/news-settings/approvers', 'office', { roles: [], userIds: [w.users.reviewer] });
    expect(set.statusCode).toBe(403);
    const admin = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Quan-tri-2026!' } });
    const cookie = `nhip_sid=${admin.cookies.find((c) => c.name === 'nhip_sid')!.value}`;
    const put = await s.app.inject({ method: 'PUT', url: '/api/news-settings/approvers', headers: { cookie }, payload: { roles: [], userIds: [w.users.reviewer] } });
    expect(put.json()).toEqual({ roles: [], userIds: [w.users.reviewer] });
    try {
      const a = await create({ title: 'Người duyệt theo cài đặt', body: BODY });
      await step(a.id, 'submit', 'office');
      expect((await step(a.id, 'approve', 'director')).statusCode).toBe(404);
      expect((await step(a.id, 'approve', 'reviewer')).json().status).toBe('approved');
    } finally {
      await s.app.inject({ method: 'PUT', url: '/api/news-settings/approvers', headers: { cookie }, payload: { roles: [], userIds: [] } });
    }
  });

  it('an approved article edited goes back to draft for a new approval', async () => {
    const a = await create({ title: 'Sửa sau khi duyệt', body: BODY });
    await step(a.id, 'submit', 'office');
    const ok = (await step(a.id, 'approve', 'director')).json();
    const r = await req('PATCH', `/api/news/${a.id}`, 'office', { version: ok.version, summary: 'Thêm tóm tắt' });
    expect(r.json()).toMatchObject({ status: 'draft', notes: ['Tin bài đã được duyệt trước khi sửa; bài trở về bản nháp và cần được gửi duyệt lại.'] });
  });
});

describe('what the public sees (the business clock decides)', () => {
  it('shows a published article, and neither a draft, an approved one, a scheduled one before its time nor an unpublished one', async () => {
    const draft = await create({ title: 'Công khai: bản nháp', body: BODY });
    const approved = await create({ title: 'Công khai: đã duyệt', body: BODY });
    await step(approved.id, 'submit', 'office');
    await step(approved.id, 'approve', 'director');
    const published = await create({ title: 'Công khai: đã đăng', body: BODY });
    await step(published.id, 'publish', 'office');
    const scheduled = await create({ title: 'Công khai: hẹn giờ', body: BODY });
    const sch = await step(scheduled.id, 'schedule', 'office', { publishAt: '2025-01-06T15:00' });
    expect(sch.json()).toMatchObject({ status: 'published', scheduled: true, visible: false });
    expect(sch.json().notes).toEqual(['Tin bài sẽ hiện trên trang công khai từ 06/01/2025 15:00.', 'Tin bài được đăng không qua bước duyệt.']);
    const gone = await create({ title: 'Công khai: đã gỡ', body: BODY });
    await step(gone.id, 'publish', 'office');
    expect((await step(gone.id, 'unpublish', 'director', { reason: 'Sai số liệu' })).json().status).toBe('unpublished');

    const visible = async (slug: string, at = now()) => (await publishedArticleBySlug(s.db, slug, at)) !== null;
    expect(await visible(draft.slug)).toBe(false);
    expect(await visible(approved.slug)).toBe(false);
    expect(await visible(published.slug)).toBe(true);
    expect(await visible(scheduled.slug)).toBe(false);
    expect(await visible(gone.slug)).toBe(false);
    expect(await visible('khong-co-bai-nay')).toBe(false);
    // At 15:00 Vietnam time the scheduled one appears; no job has run.
    expect(await visible(scheduled.slug, new Date('2025-01-06T08:00:00Z'))).toBe(true);
    expect(await visible(scheduled.slug, new Date('2025-01-06T07:59:59Z'))).toBe(false);

    const list = await publishedArticles(s.db, { now: now(), q: 'cong khai' });
    expect(list.items.map((i) => i.slug)).toEqual([published.slug]);
    const later = await publishedArticles(s.db, { now: new Date('2025-01-06T09:00:00Z'), q: 'CÔNG KHAI' });
    expect(later.items.map((i) => i.slug)).toEqual([scheduled.slug, published.slug]);
  });

  it('publishes at once when the scheduled time is past, with a note', async () => {
    const a = await create({ title: 'Hẹn giờ đã qua', body: BODY });
    const r = await step(a.id, 'schedule', 'office', { publishAt: '2025-01-01T08:00' });
    expect(r.json()).toMatchObject({ status: 'published', visible: true, scheduled: false });
    expect(r.json().notes[0]).toBe('Thời điểm hẹn đăng 01/01/2025 08:00 đã qua; tin bài được đăng ngay lúc 06/01/2025 10:00.');
    expect(new Date(r.json().publishedAt).toISOString()).toBe(now().toISOString());
    expect((await step(a.id, 'schedule', 'office', { publishAt: '2025-02-01T08:00' })).statusCode).toBe(403); // published already
    const b = await create({ title: 'Ngày giờ sai', body: BODY });
    const bad = await step(b.id, 'schedule', 'office', { publishAt: '2025-13-01T08:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/không hợp lệ/);
  });

  it('browses by the Vietnamese day, searches without diacritics, and names the department of the day it was published', async () => {
    // Published at 23:30 on 28/02/2025 Vietnam time (16:30 UTC): still Sở TT&TT, and that Vietnamese day.
    s.clock.set('2025-02-28T16:30:00Z');
    const old = await create({ title: 'Bài cuối cùng của Sở Thông tin và Truyền thông', body: '<p>Chuyển đổi số cấp xã</p>' });
    await step(old.id, 'publish', 'office');
    s.clock.set('2025-03-01T01:00:00Z');
    const young = await create({ title: 'Bài đầu tiên của Sở Khoa học và Công nghệ', body: '<p>Chuyển đổi số cấp xã</p>' });
    await step(young.id, 'publish', 'office');
    const t = now();
    const first = (await publishedArticles(s.db, { now: t, day: '2025-02-28' })).items;
    expect(first.map((i) => i.slug)).toEqual([old.slug]);
    expect(first[0]).toMatchObject({ publishedDay: '2025-02-28', departmentName: 'Sở Thông tin và Truyền thông' });
    const second = (await publishedArticles(s.db, { now: t, day: '2025-03-01' })).items;
    expect(second[0]).toMatchObject({ slug: young.slug, departmentName: 'Sở Khoa học và Công nghệ' });
    expect((await publishedArticles(s.db, { now: t, q: 'chuyen doi so cap xa' })).items.map((i) => i.slug)).toEqual([young.slug, old.slug]);
    expect((await publishedArticles(s.db, { now: t, q: '100%_' })).total).toBe(0);
    expect(await publishedDayNeighbours(s.db, '2025-02-28', t)).toEqual({ previous: '2025-01-06', next: '2025-03-01' });
    const index = await publishedIndex(s.db, t);
    expect(index[0].slug).toBe(young.slug);
    const paged = await publishedArticles(s.db, { now: t, page: 2, pageSize: 2 });
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
  });

  it('a correction keeps the old text as a revision and shows the correction note', async () => {
    const a = await create({ title: 'Bài cần đính chính', body: '<p>Toàn tỉnh có 1.333 trạm BTS.</p>' });
    const pub = (await step(a.id, 'publish', 'office')).json();
    expect((await req('PATCH', `/api/news/${a.id}`, 'office', { version: pub.version, body: '<p>x</p>' })).statusCode).toBe(403);
    const stale = await step(a.id, 'correct', 'office', { version: pub.version - 1, body: '<p>y</p>', reason: 'Sửa số trạm' });
    expect(stale.statusCode).toBe(409);
    const r = await step(a.id, 'correct', 'office', { version: pub.version, body: '<p>Toàn tỉnh có 1.332 trạm BTS.</p>', reason: 'Sửa số trạm BTS' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ revision: 2, correctionNote: 'Sửa số trạm BTS', revisions: [{ revision: 1, reason: 'Sửa số trạm BTS' }] });
    const old = await req('GET', `/api/news/${a.id}/revisions/1`, 'director');
    expect(old.json().body).toBe('<p>Toàn tỉnh có 1.333 trạm BTS.</p>');
    const pub2 = await publishedArticleBySlug(s.db, a.slug, now());
    expect(pub2).toMatchObject({ bodyHtml: '<p>Toàn tỉnh có 1.332 trạm BTS.</p>', corrected: true, correctionNote: 'Sửa số trạm BTS' });
    expect((await req('GET', `/api/news/${a.id}/revisions/9`, 'office')).statusCode).toBe(404);
  });
});
