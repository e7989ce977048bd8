import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWS_PHOTO_LARGE_PX, NEWS_PHOTO_THUMB_PX, newsPhotoPath } from '@nhip/contracts';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, seedConferenceWorld, signInAll } from '../conferences/conferences.fixtures.js';
import { processPhoto } from './news.photos.js';
import { photoBytes, publishedArticleBySlug } from './news.service.js';

/** A photo as a phone takes it: 2400 × 1600 JPEG with the camera's EXIF and the place it was taken (GPS). */
const phonePhoto = () =>
  sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 30, g: 110, b: 170 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'NhipCam', Model: 'Test 1', Artist: 'Bế Thị Thanh Hoài' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 8/1 5000/100', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 1200/100' },
    })
    .toBuffer();

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');

function multipart(parts: { name: string; filename?: string; type?: string; content: Buffer | string }[]) {
  const boundary = `----nhipnews${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('processPhoto', () => {
  it('strips EXIF (the GPS position, the camera, the author) and resizes to the large copy and a thumbnail', async () => {
    const input = await phonePhoto();
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif).toBeDefined();
    expect(input.includes(Buffer.from('NhipCam'))).toBe(true);
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/jpeg', width: NEWS_PHOTO_LARGE_PX, height: Math.round((1600 * NEWS_PHOTO_LARGE_PX) / 2400), thumbWidth: NEWS_PHOTO_THUMB_PX });
    for (const out of [p.bytes, p.thumb]) {
      const m = await sharp(out).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(out.includes(Buffer.from('NhipCam'))).toBe(false);
      expect(out.includes(Buffer.from('Exif\0\0'))).toBe(false);
    }
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns a photo upright by its EXIF orientation before stripping it', async () => {
    const tall = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const p = await processPhoto(tall);
    expect([p.width, p.height]).toEqual([200, 300]);
  });

  it('keeps PNG and WebP, and does not enlarge a small image', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    expect(await processPhoto(png)).toMatchObject({ mime: 'image/png', width: 40, height: 30, thumbWidth: 40 });
    const webp = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#123456' } }).webp().toBuffer();
    expect(await processPhoto(webp)).toMatchObject({ mime: 'image/webp', width: 50 });
  });

  it('refuses by content: an SVG with a script, a GIF, a JPEG name on text, a cut-off JPEG', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    const jpeg = await phonePhoto();
    for (const bad of [SVG, gif, Buffer.from('not an image at all'), Buffer.alloc(0)])
      await expect(processPhoto(bad)).rejects.toMatchObject({ status: 415 });
    await expect(processPhoto(jpeg.subarray(0, 200))).rejects.toMatchObject({ status: 415 });
  });
});

describe('photo routes', () => {
  let s: TestServer;
  let as: Record<ConfUserKey, { cookie: string }>;
  beforeAll(async () => {
    s = await testServer({ now: '2025-01-06T03:00:00Z', seed: async (db) => { await seedConferenceWorld(db); } });
    as = await signInAll(s.app);
  }, 60_000);
  afterAll(() => s.close());

  const newArticle = async (title: string) => {
    const r = await s.app.inject({ method: 'POST', url: '/api/news', headers: as.office, payload: { title, body: '<p>Nội dung</p>' } });
    return r.json() as { id: number; slug: string; version: number };
  };
  const upload = (id: number, content: Buffer, caption = '', filename = 'anh.jpg', who: ConfUserKey = 'office') => {
    const mp = multipart([{ name: 'caption', content: caption }, { name: 'file', filename, type: 'image/jpeg', content }]);
    return s.app.inject({ method: 'POST', url: `/api/news/${id}/photos`, headers: { ...as[who], ...mp.headers }, payload: mp.payload });
  };

  it('adds photos with captions, reorders, recaptions and deletes them, audited; the public gets them once the article is visible', async () => {
    const a = await newArticle('Bài có ảnh');
    const r1 = await upload(a.id, await phonePhoto(), 'Quang cảnh hội nghị');
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ caption: 'Quang cảnh hội nghị', mime: 'image/jpeg', width: 1600, publicUrl: newsPhotoPath(r1.json().id) });
    const small = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#0a0' } }).png().toBuffer();
    const r2 = await upload(a.id, small, 'Đại biểu dự hội nghị', 'anh.png');
    expect(r2.statusCode).toBe(201);
    const [p1, p2] = [r1.json().id as number, r2.json().id as number];

    const order = await s.app.inject({ method: 'PUT', url: `/api/news/${a.id}/photos/order`, headers: as.office, payload: { ids: [p2, p1] } });
    expect(order.json().photos.map((p: { id: number }) => p.id)).toEqual([p2, p1]);
    const bad = await s.app.inject({ method: 'PUT', url: `/api/news/${a.id}/photos/order`, headers: as.office, payload: { ids: [p2] } });
    expect(bad.statusCode).toBe(400);
    const cap = await s.app.inject({ method: 'PATCH', url: `/api/news/${a.id}/photos/${p1}`, headers: as.office, payload: { caption: '  Toàn cảnh   hội nghị ' } });
    expect(cap.json().photos[1].caption).toBe('Toàn cảnh hội nghị');
    const staff = await s.app.inject({ method: 'GET', url: `/api/news/${a.id}/photos/${p1}/image?size=thumb`, headers: as.director });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(staff.rawPayload).metadata()).width).toBe(NEWS_PHOTO_THUMB_PX);

    expect(await photoBytes(s.db, p1, 'large', s.clock.now())).toBeNull(); // a draft's photo is not public
    await s.app.inject({ method: 'POST', url: `/api/news/${a.id}/publish`, headers: as.office });
    const pub = await photoBytes(s.db, p1, 'large', s.clock.now());
    expect(pub).toMatchObject({ mime: 'image/jpeg', caption: 'Toàn cảnh hội nghị' });
    expect((await sharp(pub!.bytes).metadata()).exif).toBeUndefined();
    const article = await publishedArticleBySlug(s.db, a.slug, s.clock.now());
    expect(article?.photos.map((p) => p.caption)).toEqual(['Đại biểu dự hội nghị', 'Toàn cảnh hội nghị']);
    expect(article?.cover?.id).toBe(p2);

    // Published: photos change only after unpublishing (or through a correction of the text).
    const locked = await s.app.inject({ method: 'DELETE', url: `/api/news/${a.id}/photos/${p2}`, headers: as.office });
    expect(locked.statusCode).toBe(403);
    await s.app.inject({ method: 'POST', url: `/api/news/${a.id}/unpublish`, headers: as.office, payload: { reason: 'Đổi ảnh' } });
    expect(await photoBytes(s.db, p1, 'thumb', s.clock.now())).toBeNull();
    const del = await s.app.inject({ method: 'DELETE', url: `/api/news/${a.id}/photos/${p2}`, headers: as.office });
    expect(del.json().photos.map((p: { id: number }) => p.id)).toEqual([p1]);
    const actions = (await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'news_article' AND entity_id = $1 AND action LIKE 'news.photo.%' ORDER BY id`, [String(a.id)])).map((e) => e.action);
    expect(actions).toEqual(['news.photo.add', 'news.photo.add', 'news.photo.reorder', 'news.photo.caption', 'news.photo.delete']);
  });

  it('refuses an SVG carrying a script (415) and a 50 MB photo (413), saving nothing', async () => {
    const a = await newArticle('Bài bị gửi ảnh xấu');
    const svg = await upload(a.id, SVG, 'x', 'anh.jpg');
    expect(svg.statusCode).toBe(415);
    expect(svg.json().message).toMatch(/JPEG, PNG hoặc WebP/);
    const huge = Buffer.concat([await phonePhoto(), Buffer.alloc(50 * 1024 * 1024, 1)]);
    const big = await upload(a.id, huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('Ảnh vượt quá 15 MB; ảnh chưa được lưu.');
    expect((await s.db.one<{ n: number }>('SELECT count(*)::int AS n FROM news_photos WHERE article_id = $1', [a.id])).n).toBe(0);
  });

  it('only the office adds photos, and not to an article awaiting approval', async () => {
    const a = await newArticle('Bài chờ duyệt có ảnh');
    expect((await upload(a.id, await phonePhoto(), '', 'a.jpg', 'director')).statusCode).toBe(403);
    expect((await upload(a.id, await phonePhoto(), '', 'a.jpg', 'viewer')).statusCode).toBe(404);
    await s.app.inject({ method: 'POST', url: `/api/news/${a.id}/submit`, headers: as.office });
    const r = await upload(a.id, await phonePhoto());
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/chờ duyệt/);
  });
});
