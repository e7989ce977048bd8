import { isWorkingDay, workingDaysAfter } from '@nhip/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit-chain.js';
import { processPhoto } from '../news/news.photos.js';
import { demoTestServer, type TestServer } from '../../test/server.js';
import { JOURNEY_CONFERENCE_PERIOD, PUBLIC_FIGURES } from './news.js';
import type { SeedDemoResult } from './seed.js';

/** The demo province as of Sunday 22/11/2026, 09:00 in Vietnam: what its public portal shows. */
const TODAY = '2026-11-22';
let s: TestServer;
let seeded: SeedDemoResult;

beforeAll(async () => {
  ({ seeded, ...s } = await demoTestServer({ today: TODAY }));
}, 240_000);
afterAll(() => s?.close());

type Row = {
  id: number; slug: string; title: string; status: string; conference_id: number | null; period: string | null; conf_day: string | null;
  notice_at: Date | null; first_event_at: Date | null;
  published_at: Date | null; pub_day: string | null; department_name: string | null; author_line: string; photos: number; revision: number;
};
const articles = () => s.db.query<Row>(
  `SELECT a.id, a.slug, a.title, a.status, a.conference_id, c.period, (SELECT to_char(n.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') FROM conference_notices n WHERE n.conference_id = c.id AND n.version = 1) AS conf_day,
          (SELECT n.issued_at FROM conference_notices n WHERE n.conference_id = c.id AND n.version = 1) AS notice_at,
          (SELECT min(e.at) FROM audit_events e WHERE e.entity_type = 'news_article' AND e.entity_id = a.id::text) AS first_event_at,
          a.published_at, to_char(a.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS pub_day, a.department_name, a.author_line,
          (SELECT count(*)::int FROM news_photos p WHERE p.article_id = a.id) AS photos, a.revision
     FROM news_articles a LEFT JOIN conferences c ON c.id = a.conference_id ORDER BY a.id`);
const get = (url: string) => s.app.inject({ method: 'GET', url });
const holidays = async () => (await s.db.one<{ value: string[] }>(`SELECT value FROM settings WHERE key = 'holidays'`)).value;

describe('the demo\'s news', () => {
  it('has a published article for every concluded conference but the 2025 annual one, drafted after its notice and published that day or the next working day, in the department\'s name of the day', async () => {
    const concluded = await s.db.query<{ id: number; period: string }>(`SELECT id, period FROM conferences WHERE status IN ('concluded','closed') ORDER BY starts_at`);
    expect(concluded.length).toBe(19);
    const rows = await articles();
    const byConference = rows.filter((r) => r.conference_id !== null);
    expect(byConference.map((r) => r.period)).toEqual(concluded.filter((c) => c.period !== JOURNEY_CONFERENCE_PERIOD).map((c) => c.period));
    expect(rows.some((r) => r.period === JOURNEY_CONFERENCE_PERIOD)).toBe(false);
    const off = await holidays();
    const office = await s.db.query<{ full_name: string }>(`SELECT DISTINCT p.full_name FROM people p JOIN person_memberships m ON m.person_id = p.id
      JOIN org_units o ON o.id = m.org_unit_id WHERE o.code = 'VL-VP'`);
    for (const r of byConference) {
      expect(r.status).toBe('published');
      expect([r.conf_day, workingDaysAfter(r.conf_day!, 1, off)]).toContain(r.pub_day);
      expect(r.first_event_at!.getTime()).toBeGreaterThan(r.notice_at!.getTime());
      expect(r.department_name).toBe(r.pub_day! < '2025-03-01' ? 'Sở Thông tin và Truyền thông' : 'Sở Khoa học và Công nghệ');
      expect(r.title.startsWith(`${r.department_name} tổ chức Hội nghị`)).toBe(true);
      expect(office.map((o) => o.full_name)).toContain(r.author_line);
      expect(r.photos).toBe(/^\d{4}$/.test(r.period!) ? 2 : 1);
    }
    expect(seeded.counts).toMatchObject({ newsConferenceArticles: 18, newsScheduled: 1, newsUnpublished: 1, newsCorrected: 1, publicFigures: PUBLIC_FIGURES.length });
    // drafted by the module's generator: the key figures of the period's analytics are in the text
    const body = await s.db.one<{ body_html: string }>(`SELECT body_html FROM news_articles a JOIN conferences c ON c.id = a.conference_id WHERE c.period = '2024'`);
    expect(body.body_html).toMatch(/Một số kết quả chủ yếu năm 2024:<\/p>\s*<ul><li>/);
  });

  it('has other news of the sector, one corrected (the old text kept), one unpublished and one scheduled after today', async () => {
    const rows = await articles();
    const other = rows.filter((r) => r.conference_id === null);
    expect(other.length).toBeGreaterThanOrEqual(8);
    expect(other.length).toBeLessThanOrEqual(12);
    const scheduled = rows.filter((r) => r.status === 'published' && r.published_at!.getTime() > s.clock.now().getTime());
    expect(scheduled.length).toBe(1);
    expect(scheduled[0].pub_day).toBe(workingDaysAfter(TODAY, 1, await holidays()));
    expect(rows.filter((r) => r.status === 'unpublished').length).toBe(1);
    const corrected = rows.filter((r) => r.revision > 1);
    expect(corrected.length).toBe(1);
    expect(await s.db.one<{ n: number }>('SELECT count(*)::int AS n FROM news_article_revisions WHERE article_id = $1', [corrected[0].id])).toEqual({ n: 1 });
    expect(rows.filter((r) => r.status !== 'published' && r.status !== 'unpublished')).toEqual([]);
    // every item has its photo but the one posted twice by mistake (the text alone was copied)
    for (const r of other) expect(r.photos, r.slug).toBe(r.status === 'unpublished' ? 0 : 1);
  });

  it('lists on /tin-tuc exactly the articles due, page by page; the scheduled and the unpublished ones are 404', async () => {
    const rows = await articles();
    const now = s.clock.now().getTime();
    const due = rows.filter((r) => r.status === 'published' && r.published_at!.getTime() <= now).sort((a, b) => b.published_at!.getTime() - a.published_at!.getTime() || b.id - a.id);
    const listed: string[] = [];
    for (let page = 1; page < 20; page++) {
      const r = await get(page === 1 ? '/tin-tuc' : `/tin-tuc?trang=${page}`);
      expect(r.statusCode).toBe(200);
      const slugs = [...r.body.matchAll(/<h2><a href="\/tin-tuc\/([a-z0-9-]+)">/g)].map((m) => m[1]);
      listed.push(...slugs);
      if (!r.body.includes('rel="next">Trang sau')) break;
    }
    expect(listed).toEqual(due.map((r) => r.slug));
    const notShown = rows.filter((r) => !due.includes(r));
    expect(notShown.length).toBe(2);
    for (const r of notShown) expect((await get(`/tin-tuc/${r.slug}`)).statusCode).toBe(404);
    // an article of 2023 keeps the old department's name; its photos are served, 1200 × 675 JPEG
    const old = due.find((r) => r.period === '2023')!;
    const page = await get(`/tin-tuc/${old.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sở Thông tin và Truyền thông');
    const photoIds = [...page.body.matchAll(/src="\/tin-tuc\/anh\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(photoIds.length).toBe(2);
    const img = await get(`/tin-tuc/anh/${photoIds[0]}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(img.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 675 });
    // the corrected one shows its correction
    const corrected = rows.find((r) => r.revision > 1)!;
    expect((await get(`/tin-tuc/${corrected.slug}`)).body).toContain('Đính chính số học viên');
  });

  it('stores its photos as the newsroom\'s pipeline would: JPEG without metadata, the pipeline accepts them unchanged in size', async () => {
    const photos = await s.db.query<{ bytes: Uint8Array; thumb: Uint8Array; width: number; height: number; thumb_width: number; thumb_height: number; sha256: string }>(
      'SELECT DISTINCT ON (sha256) bytes, thumb, width, height, thumb_width, thumb_height, sha256 FROM news_photos ORDER BY sha256');
    expect(photos.length).toBeGreaterThanOrEqual(5);
    for (const p of photos) {
      const meta = await sharp(Buffer.from(p.bytes)).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: p.width, height: p.height });
      expect(meta.exif).toBeUndefined();
      expect([p.width, p.height]).toEqual([1200, 675]);
      const again = await processPhoto(Buffer.from(p.bytes));
      expect([again.mime, again.width, again.height, again.thumbWidth, again.thumbHeight]).toEqual(['image/jpeg', p.width, p.height, p.thumb_width, p.thumb_height]);
    }
  });

  it('shows the scheduled article once its time has come', async () => {
    const scheduled = (await articles()).find((r) => r.status === 'published' && r.published_at!.getTime() > s.clock.now().getTime())!;
    const before = s.clock.now().toISOString();
    try {
      s.clock.set(new Date(scheduled.published_at!.getTime() + 60_000).toISOString());
      expect((await get(`/tin-tuc/${scheduled.slug}`)).statusCode).toBe(200);
      expect((await get('/tin-tuc')).body).toContain(`href="/tin-tuc/${scheduled.slug}"`);
    } finally {
      s.clock.set(before);
    }
  });

  it('opens the public figures on /so-lieu, each with approved values, the by-unit ones one level down', async () => {
    const index = await get('/so-lieu');
    expect(index.statusCode).toBe(200);
    for (const f of PUBLIC_FIGURES) {
      expect(index.body).toContain(`href="/so-lieu/${f.code}"`);
      const r = await get(`/so-lieu/${f.code}/du-lieu.json`);
      expect(r.statusCode, f.code).toBe(200);
      const values = r.json().values as { period: string; level: number; value: number }[];
      expect(values.some((v) => v.level === 1 && /^\d{4}$/.test(v.period)), f.code).toBe(true);
      expect(values.some((v) => v.level === 1 && /^\d{4}Q\d$/.test(v.period)), f.code).toBe(true);
      expect(values.some((v) => v.level === 2), f.code).toBe(f.level === 2);
    }
    expect(await s.db.one<{ n: number }>('SELECT ((SELECT count(*) FROM data_elements WHERE public) + (SELECT count(*) FROM indicators WHERE public))::int AS n'))
      .toEqual({ n: PUBLIC_FIGURES.length });
  });

  it('audits every step at the demo\'s business time, on working days, and the chain verifies', async () => {
    const events = await s.db.query<{ action: string; day: string; at: Date }>(
      `SELECT action, to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, at FROM audit_events WHERE entity_type = 'news_article'`);
    const rows = await articles();
    const actions = new Set(events.map((e) => e.action));
    for (const a of ['news.draft_from_conference', 'news.create', 'news.photo.add', 'news.submit', 'news.approve', 'news.publish', 'news.schedule', 'news.correct', 'news.unpublish'])
      expect(actions).toContain(a);
    expect(events.filter((e) => e.action === 'news.draft_from_conference').length).toBe(rows.filter((r) => r.conference_id !== null).length);
    const bound = new Date(`${TODAY}T07:30:00+07:00`).getTime();
    const off = await holidays();
    for (const e of events) {
      expect(e.at.getTime()).toBeLessThan(bound);
      expect(isWorkingDay(e.day, off), `${e.action} ${e.day}`).toBe(true);
    }
    expect(await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action IN ('data_element.update','indicator.update')`)).toEqual({ n: PUBLIC_FIGURES.length });
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: true });
  });
});
