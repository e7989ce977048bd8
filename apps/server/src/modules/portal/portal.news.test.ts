import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP } from '../../platform/security-headers.js';
import { type TestServer, loginAs, testServer } from '../../test/server.js';
import { type ConfUserKey, PASSWORD, seedConferenceWorld, signInAll } from '../conferences/conferences.fixtures.js';

/**
 * The public news pages on a province reorganised in 2025 (Sở TT&TT until 28/02/2025, Sở KH&CN from 01/03/2025).
 * Business time starts at 10:00 on Monday 06/01/2025 in Vietnam. Articles go through the newsroom's own API.
 */
let s: TestServer;
let as: Record<ConfUserKey, { cookie: string }>;
const PUBLIC_URL = 'https://so.vanlinh.example';

beforeAll(async () => {
  s = await testServer({
    now: '2025-01-06T03:00:00Z',
    config: { publicUrl: PUBLIC_URL },
    seed: async (db) => {
      await seedConferenceWorld(db);
      await db.query(`INSERT INTO settings (key, value) VALUES ('org.contact', $1)`, [JSON.stringify({ phone: '0209 3870 123', email: 'vanphong@vanlinh.example' })]);
      await db.query(`UPDATE org_units SET address = 'Số 12 đường Lý Tự Trọng' WHERE code IN ('VL-STTTT', 'VL-SKHCN')`);
    },
  });
  as = await signInAll(s.app);
}, 60_000);
afterAll(() => s.close());

const api = async (method: 'POST' | 'PATCH', url: string, payload?: object, who: ConfUserKey = 'office') => {
  const r = await s.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
};
const write = (title: string, more: object = {}) =>
  api('POST', '/api/news', { body: '<p>Nội dung tin.</p>', ...more, title }) as Promise<{ id: number; slug: string }>;
const publish = (id: number, publishAt?: string) => api('POST', `/api/news/${id}/publish`, publishAt ? { publishAt } : {});
const get = (url: string, headers: Record<string, string> = {}) => s.app.inject({ method: 'GET', url, headers });

/** A small photo uploaded through the newsroom's API (multipart). */
async function addPhoto(id: number, caption: string) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1f6fb2' } }).png().toBuffer();
  const b = 'nhipboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="anh.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const r = await s.app.inject({ method: 'POST', url: `/api/news/${id}/photos`, headers: { ...as.office, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number };
}

const a: Record<string, { id: number; slug: string }> = {};
let photoId = 0;
let draftPhotoId = 0;

describe('what the public sees', () => {
  beforeAll(async () => {
    a.published = await write('Sở tổ chức Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025', {
      summary: 'Chiều 06/01, Sở tổ chức hội nghị tổng kết.',
      body: '<p>Chiều ngày 06/01/2025, Sở đã tổ chức <strong>Hội nghị tổng kết</strong>.</p>',
      authorLine: 'Bế Thị Thanh Hoài',
      source: 'Báo Vân Lĩnh',
      tags: ['hội nghị', 'tổng kết'],
    });
    photoId = (await addPhoto(a.published.id, 'Quang cảnh hội nghị')).id;
    await publish(a.published.id);
    a.draft = await write('Bản nháp chưa gửi');
    draftPhotoId = (await addPhoto(a.draft.id, 'Ảnh của bản nháp')).id;
    a.submitted = await write('Tin đã gửi duyệt');
    await api('POST', `/api/news/${a.submitted.id}/submit`);
    a.approved = await write('Tin đã duyệt chưa đăng');
    await api('POST', `/api/news/${a.approved.id}/submit`);
    await api('POST', `/api/news/${a.approved.id}/approve`, undefined, 'director');
    a.scheduled = await write('Tin hẹn giờ đăng sáng thứ Tư');
    await publish(a.scheduled.id, '2025-01-08T08:00');
    a.unpublished = await write('Tin đã gỡ');
    await publish(a.unpublished.id);
    await api('POST', `/api/news/${a.unpublished.id}/unpublish`, { reason: 'Đăng nhầm' });
    a.markup = await write('<script>alert("x")</script> Tin có <b>thẻ</b> & ký hiệu');
    await publish(a.markup.id);
  });

  it('lists only what is published and due, newest first; everything else is a Vietnamese 404 page, not the web app', async () => {
    const list = await get('/tin-tuc');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(list.body).toContain('Sở tổ chức Hội nghị tổng kết công tác năm 2024');
    for (const k of ['draft', 'submitted', 'approved', 'scheduled', 'unpublished']) {
      expect(list.body).not.toContain(`/tin-tuc/${a[k]!.slug}"`);
      const page = await get(`/tin-tuc/${a[k]!.slug}`);
      expect(page.statusCode, k).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('Không tìm thấy trang');
      expect(page.body).toContain('Tin bài này không có hoặc chưa được đăng.');
      expect(page.body).not.toContain('id="root"');
    }
    expect((await get(`/tin-tuc/${a.published.slug}`)).statusCode).toBe(200);
  });

  it('shows an article: title, "Cập nhật lúc", date, the department of the day, photo with caption, author, "Theo:", Open Graph', async () => {
    const r = await get(`/tin-tuc/${a.published.slug}`);
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toContain('<h1>Sở tổ chức Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025</h1>');
    expect(html).toMatch(/\(Cập nhật lúc: <time datetime="2025-01-06T03:00:00.000Z">06\/01\/2025<\/time>\)/);
    expect(html).toContain('Thứ Hai, ngày 06/01/2025 - 10:00</time> · Sở Thông tin và Truyền thông');
    expect(html).toContain('<p>Chiều ngày 06/01/2025, Sở đã tổ chức <strong>Hội nghị tổng kết</strong>.</p>');
    expect(html).toMatch(new RegExp(`<img src="/tin-tuc/anh/${photoId}" width="64" height="48" alt="Quang cảnh hội nghị"`));
    expect(html).toContain('<figcaption>Quang cảnh hội nghị</figcaption>');
    expect(html).toContain('<p class="byline">Bế Thị Thanh Hoài</p>');
    expect(html).toContain('<p class="source">Theo: Báo Vân Lĩnh</p>');
    expect(html).toContain(`<meta property="og:url" content="${PUBLIC_URL}/tin-tuc/${a.published.slug}">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain(`<meta property="og:image" content="${PUBLIC_URL}/tin-tuc/anh/${photoId}">`);
    expect(html).toContain('<meta property="article:published_time" content="2025-01-06T03:00:00.000Z">');
    expect(html).toMatch(/<link rel="stylesheet" href="\/portal\.css\?v=[0-9a-f]{10}">/);
    // the header speaks as the department of today, with its contact details
    expect(html).toContain('<p class="org"><a href="/tin-tuc">Sở Thông tin và Truyền thông</a></p>');
    expect(html).toContain('ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH');
    expect(html).toContain('Địa chỉ: Số 12 đường Lý Tự Trọng');
    expect(html).toContain('<a href="mailto:vanphong@vanlinh.example">vanphong@vanlinh.example</a>');
    // no script, no inline style
    expect(html).not.toMatch(/<script|style=|<style/i);
  });

  it('escapes markup in titles everywhere', async () => {
    const list = await get('/tin-tuc');
    expect(list.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tin có &lt;b&gt;thẻ&lt;/b&gt; &amp; ký hiệu');
    expect(list.body).not.toContain('<script>alert');
    const page = await get(`/tin-tuc/${a.markup.slug}`);
    expect(page.body).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tin có &lt;b&gt;thẻ&lt;/b&gt; &amp; ký hiệu — Sở Thông tin và Truyền thông</title>');
    expect(page.body).not.toMatch(/<script/i);
  });

  it('sets no cookie, carries the portal CSP, is cacheable with an ETag and answers 304 when the copy is current', async () => {
    for (const url of ['/tin-tuc', `/tin-tuc/${a.published.slug}`, '/tin-tuc/rss.xml', '/sitemap.xml', '/so-lieu', '/portal.css', `/tin-tuc/anh/${photoId}`]) {
      // signed in or not: a session cookie sent along changes nothing and nothing is set
      for (const headers of [{}, as.office]) {
        const r = await get(url, headers);
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['set-cookie'], url).toBeUndefined();
        expect(r.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/);
        const etag = r.headers.etag as string;
        expect(etag, url).toMatch(/^"[^"]+"$/);
        const again = await get(url, { ...headers, 'if-none-match': etag });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers['set-cookie']).toBeUndefined();
      }
    }
    const page = await get('/tin-tuc');
    expect(page.headers['content-security-policy']).toBe(PORTAL_CSP);
    expect(PORTAL_CSP).toContain("default-src 'none'");
    expect(page.headers['last-modified']).toBeUndefined();
    const article = await get(`/tin-tuc/${a.published.slug}`);
    expect(article.headers['last-modified']).toBe('Mon, 06 Jan 2025 03:00:00 GMT');
  });

  it('serves photos of published articles only', async () => {
    const large = await get(`/tin-tuc/anh/${photoId}`);
    expect(large.headers['content-type']).toBe('image/png');
    expect((await sharp(large.rawPayload).metadata()).width).toBe(64);
    expect((await get(`/tin-tuc/anh/${photoId}/nho`)).statusCode).toBe(200);
    for (const url of [`/tin-tuc/anh/${draftPhotoId}`, `/tin-tuc/anh/${draftPhotoId}/nho`, '/tin-tuc/anh/999999', '/tin-tuc/anh/0', '/tin-tuc/anh/abc', '/tin-tuc/anh/99999999999']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).toContain('Ảnh này không có hoặc thuộc một tin chưa được đăng.');
    }
  });

  it('a scheduled article appears when its time comes, and an unpublished one disappears at once', async () => {
    s.clock.set('2025-01-08T00:59:00Z');
    expect((await get(`/tin-tuc/${a.scheduled.slug}`)).statusCode).toBe(404);
    s.clock.set('2025-01-08T01:00:00Z');
    expect((await get(`/tin-tuc/${a.scheduled.slug}`)).statusCode).toBe(200);
    expect((await get('/tin-tuc')).body).toContain('Tin hẹn giờ đăng sáng thứ Tư');
    await api('POST', `/api/news/${a.markup.id}/unpublish`, { reason: 'Tiêu đề sai' });
    expect((await get(`/tin-tuc/${a.markup.slug}`)).statusCode).toBe(404);
    expect((await get('/tin-tuc')).body).not.toContain(a.markup.slug);
  });
});

describe('browse by date, search, paging', () => {
  it('lists one Vietnamese day, with a date field and links to the nearest days with news', async () => {
    const day = await get('/tin-tuc?ngay=2025-01-06');
    expect(day.statusCode).toBe(200);
    expect(day.body).toContain('<h1 id="tieu-de">Tin ngày 06/01/2025</h1>');
    expect(day.body).toContain(a.published.slug);
    expect(day.body).not.toContain(a.scheduled.slug);
    expect(day.body).toContain('<input id="ngay" name="ngay" type="date" max="2025-01-08" value="2025-01-06" required>');
    expect(day.body).toContain('<a href="/tin-tuc?ngay=2025-01-08" rel="next">08/01/2025 →</a>');
    // a day without news is a 404 that still offers the nearest days around it
    const empty = await get('/tin-tuc?ngay=2025-01-07');
    expect(empty.statusCode).toBe(404);
    expect(empty.body).toContain('Không có tin nào được đăng ngày 07/01/2025.');
    expect(empty.body).toContain('<a href="/tin-tuc?ngay=2025-01-06" rel="prev">← 06/01/2025</a>');
    expect(empty.body).toContain('<a href="/tin-tuc?ngay=2025-01-08" rel="next">08/01/2025 →</a>');
  });

  it('searches without diacritics, and with them', async () => {
    for (const q of ['hoi nghi tong ket', 'Hội nghị TỔNG KẾT', 'HOI NGHI']) {
      const r = await get(`/tin-tuc?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, q).toBe(200);
      expect(r.body, q).toContain(a.published.slug);
      expect(r.body).toContain('<meta name="robots" content="noindex">');
    }
    const none = await get('/tin-tuc?q=khong%20co%20tu%20nay');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Không tìm thấy tin nào phù hợp.');
    expect(none.body).toContain('value="khong co tu nay"');
    const hostile = await get(`/tin-tuc?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(hostile.body).not.toContain('<script>x');
    expect(hostile.body).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('pages ten at a time', async () => {
    for (let i = 1; i <= 10; i++) await publish((await write(`Tin ngắn số ${i}`)).id);
    const first = await get('/tin-tuc');
    expect(first.body).toContain('<p>Trang 1/2</p>');
    expect(first.body).toContain('<a href="/tin-tuc?trang=2" rel="next">Trang sau →</a>');
    const second = await get('/tin-tuc?trang=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<a href="/tin-tuc" rel="prev">← Trang trước</a>');
    expect(second.body).toContain(a.published.slug);
  });

  it.each([
    ['/tin-tuc?ngay=2025-02-30', 'Ngày “2025-02-30” không hợp lệ.'],
    ['/tin-tuc?ngay=06/01/2025', 'Ngày “06/01/2025” không hợp lệ.'],
    ['/tin-tuc?trang=0', 'Trang “0” không có.'],
    ['/tin-tuc?trang=abc', 'Trang “abc” không có.'],
    ['/tin-tuc?trang=9', 'Trang 9 không có: danh sách này chỉ có 2 trang.'],
    ['/tin-tuc/KHONG-HOP-LE', 'Tin bài này không có hoặc chưa được đăng.'],
    ['/tin-tuc/khong-co-tin-nay', 'Tin bài này không có hoặc chưa được đăng.'],
    ['/tin-tuc/a/b/c', 'Trang này không có trên cổng thông tin.'],
    ['/so-lieu/KHONG_CO', 'Không có chỉ tiêu công khai nào với mã này.'],
    ['/so-lieu/a/b/c', 'Trang này không có trên cổng thông tin.'],
  ])('%s is a clean Vietnamese 404 page', async (url, message) => {
    const r = await get(url);
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(PORTAL_CSP);
    expect(r.body).toContain(message);
    expect(r.body).toContain('<a href="/tin-tuc">Về trang tin tức</a>');
  });

  it('refuses a control character with a Vietnamese page, and sends the trailing slash home', async () => {
    const bad = await get('/tin-tuc?q=a%01b');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bad.body).toContain('Yêu cầu không hợp lệ');
    expect(bad.body).toContain('U+0001');
    const slash = await get('/tin-tuc/?ngay=2025-01-06');
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/tin-tuc?ngay=2025-01-06');
  });
});

describe('feeds', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
  const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

  it('publishes RSS 2.0 with absolute links from PUBLIC_URL and RFC 822 dates', async () => {
    const r = await get('/tin-tuc/rss.xml');
    expect(r.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = xml.parse(r.body);
    expect(doc.rss['@version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel.title).toBe('Tin tức — Sở Thông tin và Truyền thông');
    expect(channel.link).toBe(`${PUBLIC_URL}/tin-tuc`);
    expect(channel['atom:link']['@href']).toBe(`${PUBLIC_URL}/tin-tuc/rss.xml`);
    const items = channel.item as { title: string; link: string; guid: { '#text': string }; pubDate: string; description?: string; 'dc:creator'?: string }[];
    expect(items.length).toBe(12);
    for (const it of items) {
      expect(it.link).toMatch(new RegExp(`^${PUBLIC_URL}/tin-tuc/[a-z0-9-]+$`));
      expect(it.guid['#text']).toBe(it.link);
      expect(it.pubDate).toMatch(RFC822);
      expect(Number.isNaN(Date.parse(it.pubDate))).toBe(false);
    }
    const hoiNghi = items.find((x) => x.link.endsWith(a.published.slug))!;
    expect(hoiNghi.pubDate).toBe('Mon, 06 Jan 2025 03:00:00 GMT');
    expect(hoiNghi.description).toBe('Chiều 06/01, Sở tổ chức hội nghị tổng kết.');
    expect(hoiNghi['dc:creator']).toBe('Bế Thị Thanh Hoài');
    expect(items.some((x) => x.link.endsWith(a.draft.slug) || x.link.endsWith(a.unpublished.slug))).toBe(false);
  });

  it('takes the request\'s own address when PUBLIC_URL is not set', async () => {
    const own = await testServer({ now: '2025-01-06T03:00:00Z', seed: async (db) => { await seedConferenceWorld(db); } });
    try {
      const office = await loginAs(own.app, 'office', PASSWORD);
      const made = await own.app.inject({ method: 'POST', url: '/api/news', headers: office, payload: { title: 'Tin thử địa chỉ', body: '<p>x</p>' } });
      await own.app.inject({ method: 'POST', url: `/api/news/${made.json().id}/publish`, headers: office, payload: {} });
      const r = await own.app.inject({ method: 'GET', url: '/tin-tuc/rss.xml', headers: { host: 'cong.vanlinh.example:8080' } });
      const items = [xml.parse(r.body).rss.channel.item].flat() as { link: string }[];
      expect(items.map((x) => x.link)).toEqual(['http://cong.vanlinh.example:8080/tin-tuc/tin-thu-dia-chi']);
      const evil = await own.app.inject({ method: 'GET', url: '/tin-tuc/rss.xml', headers: { host: 'x"><script>' } });
      expect(evil.body).not.toContain('<script>');
    } finally {
      await own.close();
    }
  });

  it('lists the public pages in sitemap.xml', async () => {
    const doc = xml.parse((await get('/sitemap.xml')).body);
    const locs = (doc.urlset.url as { loc: string; lastmod?: string }[]).map((u) => u.loc);
    expect(locs).toContain(`${PUBLIC_URL}/tin-tuc`);
    expect(locs).toContain(`${PUBLIC_URL}/so-lieu`);
    expect(locs).toContain(`${PUBLIC_URL}/tin-tuc/${a.published.slug}`);
    expect(locs).not.toContain(`${PUBLIC_URL}/tin-tuc/${a.draft.slug}`);
    expect(locs).not.toContain(`${PUBLIC_URL}/tin-tuc/${a.markup.slug}`);
  });
});

describe('across the 2025 reorganisation', () => {
  it('speaks as Sở KH&CN after 01/03/2025, while an older article keeps the name it was published under', async () => {
    s.clock.set('2025-03-05T02:00:00Z');
    const fresh = await write('Tin đăng sau khi hợp nhất Sở');
    await publish(fresh.id);
    const old = await get(`/tin-tuc/${a.published.slug}`);
    expect(old.body).toContain('<p class="org"><a href="/tin-tuc">Sở Khoa học và Công nghệ</a></p>');
    expect(old.body).toContain('· Sở Thông tin và Truyền thông</p>');
    const now = await get(`/tin-tuc/${fresh.slug}`);
    expect(now.body).toContain('· Sở Khoa học và Công nghệ</p>');
    expect(new XMLParser().parse((await get('/tin-tuc/rss.xml')).body).rss.channel.title).toBe('Tin tức — Sở Khoa học và Công nghệ');
  });
});
