/**
 * The department's public portal: server-rendered HTML that needs no script to read, for anyone, without signing in.
 *
 *   GET /tin-tuc                      the latest articles (?trang=N), one Vietnamese day (?ngay=YYYY-MM-DD), a search
 *                                     ignoring diacritics (?q=…); combinable
 *   GET /tin-tuc/{slug}               one article
 *   GET /tin-tuc/anh/{id}[/nho]       an article's photo (large, or the thumbnail)
 *   GET /tin-tuc/rss.xml              RSS 2.0 of the latest articles
 *   GET /so-lieu                      the open figures
 *   GET /so-lieu/{code}[?ky=PERIOD]   one figure: province totals by year and quarter, the by-unit table of a period
 *   GET /so-lieu/{code}/du-lieu.csv|json, /so-lieu/danh-muc.json   the open data
 *   GET /sitemap.xml, /portal.css
 *
 * Each route reads: validate (anything unknown is the Vietnamese 404 page, never a 500) → load through the news and
 * figures services → present. Nothing is authorised: only what is public is ever loaded (published and due articles,
 * public figures' approved values of released periods). No cookie is set; pages carry the portal's CSP and an ETag
 * (304 when current), and are kept rendered in memory (portal.http.ts). Explicit routes, so the web app's catch-all
 * never answers under /tin-tuc, /so-lieu or /sitemap.xml; anything else under them is the portal's 404 page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Period, isPeriodId, parsePeriod } from '@nhip/contracts';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { photoBytes, publishedArticleBySlug, publishedArticles, publishedDayNeighbours, publishedIndex } from '../news/news.service.js';
import { figureBody, figureCsv, figureJson, figuresIndexBody, catalogJson } from './figures.render.js';
import { type FigureData, figureData, listPublicFigures, records, unitTable } from './figures.service.js';
import { articleBody, articleOpenGraph, articlePath, listBody, listHeading, rssFeed, sitemap } from './news.render.js';
import { type Assets, type Publisher, errorBody, layout } from './portal.html.js';
import { type Answer, PageCache, answer, notModified, send, shared, siteBase } from './portal.http.js';
import { portalRepo } from './portal.repository.js';
import { publisherOf } from './portal.service.js';

const HTML = 'text/html; charset=utf-8';
const CSS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'portal.css');
const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CODE_RE = /^[A-Za-z0-9_.-]{1,50}$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PAGE_RE = /^[1-9]\d{0,4}$/;
const ID_RE = /^[1-9]\d{0,9}$/;
const RSS_ITEMS = 30;

/** What the reader asked for is not there: the portal's 404 page with this message. */
class NotFound extends Error {}

/** A real calendar day 'YYYY-MM-DD', or null. */
export function parseDay(s: string): string | null {
  const m = DAY_RE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number(m[1]) >= 1900 && d.toISOString().slice(0, 10) === s ? s : null;
}

/** A query parameter given once as text; repeated or missing → null. */
const param = (q: unknown, name: string): string | null => {
  const v = (q as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
};

export const portalRoutes: FastifyPluginAsync = async (app: FastifyInstance) => {
  const css = fs.readFileSync(CSS_FILE, 'utf8');
  const assets: Assets = { css: `/portal.css?v=${crypto.createHash('sha1').update(css).digest('hex').slice(0, 10)}` };
  const cssAnswer = answer(200, 'text/css; charset=utf-8', css, { maxAge: 31_536_000 });
  const cache = new PageCache();
  const stampOf = shared(async () => {
    const now = app.clock.now();
    const r = await portalRepo.stamp(app.db, now);
    return `${r.seq ?? '0'}|${app.clock.today()}|${r.next ? r.next.getTime() : ''}`;
  });

  const base = (req: FastifyRequest) => siteBase(req, app.config.publicUrl);
  const publisher = (req: FastifyRequest) => publisherOf(app.db, app.clock.today(), base(req));

  /** Answers from the page cache, rendering on a miss; only 200s are kept. */
  async function cached(req: FastifyRequest, reply: FastifyReply, render: () => Promise<Answer>) {
    const stamp = await stampOf();
    const key = `${base(req)}\n${req.url}`;
    let a = cache.get(stamp, key);
    if (!a) {
      try {
        a = await render();
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
        a = await errorAnswer(req, 404, e.message);
      }
      if (a.status === 200) cache.set(stamp, key, a);
    }
    return send(req, reply, a);
  }

  async function page(req: FastifyRequest, o: Omit<Parameters<typeof layout>[2], 'body'> & { body: (p: Publisher) => ReturnType<typeof errorBody> }, status = 200) {
    const p = await publisher(req);
    return answer(status, HTML, layout(p, assets, { ...o, body: o.body(p) }));
  }

  async function errorAnswer(req: FastifyRequest, status: number, message: string): Promise<Answer> {
    const o = { title: status === 404 ? 'Không tìm thấy trang' : 'Lỗi', description: message, path: req.url.split('?')[0]!, section: null, noindex: true };
    try {
      return await page(req, { ...o, body: () => errorBody(status, message) }, status);
    } catch {
      // The database itself failed: a page without the department's details.
      const p: Publisher = { department: 'Cổng thông tin', parentBody: '', province: '', address: null, phone: null, email: null, base: base(req) };
      return answer(status, HTML, layout(p, assets, { ...o, body: errorBody(status, message) }));
    }
  }

  // Errors anywhere in the portal (the text boundary's 400, a database failure) are pages too, in Vietnamese.
  app.setErrorHandler(async (err, req, reply) => {
    const e = err as { statusCode?: number; message?: string };
    const status = err instanceof AppError ? err.status : e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status >= 500) req.log.error(err);
    const message = err instanceof AppError ? err.message
      : status >= 500 ? 'Đã xảy ra lỗi hệ thống khi hiển thị trang này. Vui lòng thử lại sau ít phút.' : 'Yêu cầu không hợp lệ.';
    return send(req, reply, await errorAnswer(req, status, message));
  });

  const hidden = { schema: { hide: true } };

  app.get('/portal.css', hidden, async (req, reply) => send(req, reply, cssAnswer));

  // ───────────────────────── news ─────────────────────────

  app.get('/tin-tuc', hidden, async (req, reply) => cached(req, reply, async () => {
    const rawDay = param(req.query, 'ngay');
    const rawPage = param(req.query, 'trang');
    const q = (param(req.query, 'q') ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) || null;
    const day = rawDay === null || rawDay === '' ? null : parseDay(rawDay);
    if (rawDay && !day) throw new NotFound(`Ngày “${rawDay.slice(0, 20)}” không hợp lệ. Hãy chọn ngày theo dạng năm-tháng-ngày, ví dụ 2025-01-08.`);
    if (rawPage !== null && !PAGE_RE.test(rawPage)) throw new NotFound(`Trang “${rawPage.slice(0, 10)}” không có.`);
    const now = app.clock.now();
    const list = await publishedArticles(app.db, { page: rawPage ? Number(rawPage) : 1, day, q, now });
    if (list.page > list.pages) throw new NotFound(`Trang ${list.page} không có: danh sách này chỉ có ${list.pages} trang.`);
    const around = day ? await publishedDayNeighbours(app.db, day, now) : null;
    const data = { items: list.items, total: list.total, page: list.page, pages: list.pages, query: { day, q }, today: app.clock.today(), around };
    const title = listHeading(data);
    // A day without news is not a page of its own (404), but it still offers the date field and the nearest days.
    const status = day && list.total === 0 ? 404 : 200;
    return page(req, {
      title: list.page > 1 ? `${title} — trang ${list.page}` : title,
      description: 'Tin tức, hoạt động của Sở: xem theo ngày, tìm kiếm, nhận tin qua RSS.',
      path: req.url,
      section: 'news',
      query: q ?? undefined,
      noindex: q !== null || status !== 200,
      og: { type: 'website', title, description: 'Tin tức, hoạt động của Sở.' },
      body: () => listBody(data),
    }, status);
  }));

  app.get('/tin-tuc/rss.xml', hidden, async (req, reply) => cached(req, reply, async () => {
    const now = app.clock.now();
    const p = await publisher(req);
    const list = await publishedArticles(app.db, { page: 1, now, pageSize: RSS_ITEMS });
    const xml = rssFeed(p, list.items, now);
    return answer(200, 'application/rss+xml; charset=utf-8', xml, { maxAge: 300, lastModified: list.items[0]?.updatedAt ?? null });
  }));

  app.get('/tin-tuc/:slug', hidden, async (req, reply) => {
    if ((req.params as { slug: string }).slug === '') return elsewhere(req, reply);
    return cached(req, reply, () => article(req));
  });
  const article = async (req: FastifyRequest) => {
    const { slug } = req.params as { slug: string };
    const missing = 'Tin bài này không có hoặc chưa được đăng. Có thể địa chỉ đã bị gõ sai, hoặc tin đã được gỡ xuống.';
    if (!SLUG_RE.test(slug) || slug.length > 120) throw new NotFound(missing);
    const a = await publishedArticleBySlug(app.db, slug, app.clock.now());
    if (!a) throw new NotFound(missing);
    const p = await publisher(req);
    const html = layout(p, assets, {
      title: a.title,
      description: a.summary || a.title,
      path: articlePath(a.slug),
      section: 'news',
      og: articleOpenGraph(a, p.base),
      body: articleBody(a, p.base),
    });
    return answer(200, HTML, html, { lastModified: a.updatedAt });
  };

  const photo = async (req: FastifyRequest, reply: FastifyReply, size: 'large' | 'thumb') => {
    const { id } = req.params as { id: string };
    const found = ID_RE.test(id) && Number(id) <= 2_147_483_647 ? await photoBytes(app.db, Number(id), size, app.clock.now()) : null;
    if (!found) return send(req, reply, await errorAnswer(req, 404, 'Ảnh này không có hoặc thuộc một tin chưa được đăng.'));
    reply.removeHeader('set-cookie');
    reply.header('Cache-Control', 'public, max-age=86400').header('ETag', found.etag).header('Last-Modified', found.lastModified.toUTCString());
    if (notModified(req, found.etag)) return reply.status(304).send();
    return reply.type(found.mime).header('X-Content-Type-Options', 'nosniff').send(found.bytes);
  };
  app.get('/tin-tuc/anh/:id', hidden, (req, reply) => photo(req, reply, 'large'));
  app.get('/tin-tuc/anh/:id/nho', hidden, (req, reply) => photo(req, reply, 'thumb'));

  // ───────────────────────── open figures ─────────────────────────

  const allFigures = async (): Promise<FigureData[]> => {
    const today = app.clock.today();
    const out: FigureData[] = [];
    for (const f of await listPublicFigures(app.db)) {
      const d = await figureData(app.db, f.code, today);
      if (d) out.push(d);
    }
    return out;
  };

  const oneFigure = async (req: FastifyRequest): Promise<FigureData> => {
    const { code } = req.params as { code: string };
    const d = CODE_RE.test(code) ? await figureData(app.db, code, app.clock.today()) : null;
    if (!d) throw new NotFound('Không có chỉ tiêu công khai nào với mã này.');
    return d;
  };

  app.get('/so-lieu', hidden, async (req, reply) => cached(req, reply, async () => {
    const items = await allFigures();
    return page(req, {
      title: 'Số liệu công khai',
      description: 'Số liệu ngành đã được phê duyệt: tổng số toàn tỉnh theo năm, theo quý và theo đơn vị; tải về CSV, JSON.',
      path: '/so-lieu',
      section: 'figures',
      og: { type: 'website', title: 'Số liệu công khai', description: 'Số liệu ngành đã được phê duyệt, tải về CSV và JSON.' },
      body: (p) => figuresIndexBody(p, items),
    });
  }));

  app.get('/so-lieu/danh-muc.json', hidden, async (req, reply) => cached(req, reply, async () => {
    const p = await publisher(req);
    return answer(200, 'application/json; charset=utf-8', `${JSON.stringify(catalogJson(p, await allFigures()), null, 2)}\n`, { maxAge: 300 });
  }));

  app.get('/so-lieu/:code', hidden, async (req, reply) => {
    if ((req.params as { code: string }).code === '') return elsewhere(req, reply);
    return cached(req, reply, () => figurePage(req));
  });
  const figurePage = async (req: FastifyRequest) => {
    const d = await oneFigure(req);
    const periods: Period[] = [...d.years, ...d.quarters];
    const asked = param(req.query, 'ky');
    let chosen: Period | null = d.years.at(-1) ?? d.quarters.at(-1) ?? null;
    if (asked !== null && asked !== '') {
      const p = isPeriodId(asked) ? parsePeriod(asked) : null;
      chosen = p ? (periods.find((x) => x.id === p.id) ?? null) : null;
      if (!chosen) throw new NotFound(`Kỳ “${asked.slice(0, 20)}” chưa được công bố cho chỉ tiêu này.`);
    }
    const units = chosen ? await unitTable(app.db, d, [chosen], app.clock.today()) : [];
    return page(req, {
      title: d.figure.name,
      description: `${d.figure.name}: số liệu đã phê duyệt của ${d.province.name} theo năm, theo quý${d.figure.public_level >= 2 ? ' và theo đơn vị' : ''}.`,
      path: `/so-lieu/${encodeURIComponent(d.figure.code)}`,
      section: 'figures',
      og: { type: 'website', title: d.figure.name, description: `Số liệu công khai của ${d.province.name}.` },
      body: (p) => figureBody(p, d, units, chosen?.id ?? null),
    });
  };

  const download = (format: 'csv' | 'json') => async (req: FastifyRequest, reply: FastifyReply) => cached(req, reply, async () => {
    const d = await oneFigure(req);
    const units = await unitTable(app.db, d, [...d.years, ...d.quarters], app.clock.today());
    const rows = records(d, units);
    const name = `so-lieu-${d.figure.code}`;
    if (format === 'csv') return answer(200, 'text/csv; charset=utf-8', figureCsv(d, rows), { maxAge: 300, filename: `${name}.csv` });
    const p = await publisher(req);
    return answer(200, 'application/json; charset=utf-8', `${JSON.stringify(figureJson(p, d, rows, app.clock.now()), null, 2)}\n`, { maxAge: 300, filename: `${name}.json` });
  });
  app.get('/so-lieu/:code/du-lieu.csv', hidden, download('csv'));
  app.get('/so-lieu/:code/du-lieu.json', hidden, download('json'));

  // ───────────────────────── sitemap, and everything else under the portal ─────────────────────────

  app.get('/sitemap.xml', hidden, async (req, reply) => cached(req, reply, async () => {
    const now = app.clock.now();
    const articles = await publishedIndex(app.db, now);
    const figures = await listPublicFigures(app.db);
    const xml = sitemap(base(req), [
      { path: '/tin-tuc', lastmod: articles[0]?.updatedAt ?? null },
      { path: '/so-lieu' },
      ...articles.map((a) => ({ path: articlePath(a.slug), lastmod: a.updatedAt })),
      ...figures.map((f) => ({ path: `/so-lieu/${encodeURIComponent(f.code)}` })),
    ]);
    return answer(200, 'application/xml; charset=utf-8', xml, { maxAge: 3600 });
  }));

  async function elsewhere(req: FastifyRequest, reply: FastifyReply) {
    const [pathname, search] = req.url.split('?') as [string, string | undefined];
    if (pathname === '/tin-tuc/' || pathname === '/so-lieu/') return reply.redirect(`${pathname.slice(0, -1)}${search ? `?${search}` : ''}`, 301);
    return send(req, reply, await errorAnswer(req, 404, 'Trang này không có trên cổng thông tin. Có thể địa chỉ đã bị gõ sai.'));
  }
  app.get('/tin-tuc/*', hidden, elsewhere);
  app.get('/so-lieu/*', hidden, elsewhere);
};
