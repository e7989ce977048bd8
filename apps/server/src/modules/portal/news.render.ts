/**
 * The news pages as HTML: the list (latest, one day, or a search), one article, and the RSS 2.0 feed and sitemap.
 * An article shows its title, "Cập nhật lúc", the day and time it was published under the department's name of that
 * day, the summary, the body as the newsroom stored it (already sanitised), the photos with their captions, the
 * author's signature line and "Theo: …" for a republished article.
 */
import { formatDate, formatDateTime, newsPhotoPath } from '@nhip/contracts';
import type { PublicArticle, PublicArticleSummary } from '../news/news.service.js';
import { type Html, type OpenGraph, type Publisher, esc, h, raw, weekdayDate } from './portal.html.js';

export const articlePath = (slug: string) => `/tin-tuc/${slug}`;
const hhmm = (d: Date) => formatDateTime(d).slice(11);

/** The list's query as links keep it. */
export type ListQuery = { day: string | null; q: string | null };

export function listHref(query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.day) params.set('ngay', query.day);
  if (query.q) params.set('q', query.q);
  if (page > 1) params.set('trang', String(page));
  const s = params.toString();
  return s ? `/tin-tuc?${s}` : '/tin-tuc';
}

function item(a: PublicArticleSummary): Html {
  const href = articlePath(a.slug);
  return h`<li${a.cover ? '' : raw(' class="no-photo"')}>
${a.cover ? h`<img src="${newsPhotoPath(a.cover.id, 'thumb')}" width="${a.cover.thumbWidth}" height="${a.cover.thumbHeight}" alt="" loading="lazy">` : ''}
<div>
<h2><a href="${href}">${a.title}</a></h2>
<p class="meta"><time datetime="${a.publishedAt.toISOString()}">${weekdayDate(a.publishedDay)} - ${hhmm(a.publishedAt)}</time></p>
${a.summary ? h`<p>${a.summary}</p>` : ''}
</div>
</li>
`;
}

/** "Xem tin theo ngày": a date field that works without script, and the nearest days with news around the one shown. */
function dayBox(today: string, day: string | null, around: { previous: string | null; next: string | null } | null): Html {
  return h`<aside class="side" aria-labelledby="xem-theo-ngay">
<h2 id="xem-theo-ngay">Xem tin theo ngày</h2>
<form class="day" action="/tin-tuc" method="get">
<label for="ngay">Chọn ngày đăng tin</label>
<input id="ngay" name="ngay" type="date" max="${today}" value="${day ?? ''}" required>
<button type="submit">Xem</button>
</form>
${around ? h`<nav class="days" aria-label="Ngày có tin gần nhất">
${around.previous ? h`<a href="${listHref({ day: around.previous, q: null }, 1)}" rel="prev">← ${formatDate(around.previous)}</a>` : raw('<span></span>')}
${around.next ? h`<a href="${listHref({ day: around.next, q: null }, 1)}" rel="next">${formatDate(around.next)} →</a>` : raw('<span></span>')}
</nav>` : ''}
<p><a href="/tin-tuc/rss.xml">Nhận tin qua RSS</a></p>
</aside>`;
}

export type ListPage = {
  items: PublicArticleSummary[];
  total: number;
  page: number;
  pages: number;
  query: ListQuery;
  today: string;
  around: { previous: string | null; next: string | null } | null;
};

export function listHeading(l: Pick<ListPage, 'query'>): string {
  if (l.query.q && l.query.day) return `Kết quả tìm kiếm “${l.query.q}” ngày ${formatDate(l.query.day)}`;
  if (l.query.q) return `Kết quả tìm kiếm “${l.query.q}”`;
  if (l.query.day) return `Tin ngày ${formatDate(l.query.day)}`;
  return 'Tin tức';
}

export function listBody(l: ListPage): Html {
  const heading = listHeading(l);
  const empty = l.query.q
    ? 'Không tìm thấy tin nào phù hợp. Hãy thử từ khóa khác, có dấu hay không dấu đều được.'
    : l.query.day
      ? `Không có tin nào được đăng ngày ${formatDate(l.query.day)}.`
      : 'Chưa có tin nào được đăng.';
  const pager = l.pages > 1
    ? h`<nav class="pages" aria-label="Phân trang">
${l.page > 1 ? h`<a href="${listHref(l.query, l.page - 1)}" rel="prev">← Trang trước</a>` : raw('<span></span>')}
<p>Trang ${l.page}/${l.pages}</p>
${l.page < l.pages ? h`<a href="${listHref(l.query, l.page + 1)}" rel="next">Trang sau →</a>` : raw('<span></span>')}
</nav>`
    : '';
  return h`<div class="layout">
<section aria-labelledby="tieu-de">
<h1 id="tieu-de">${heading}</h1>
${l.query.q ? h`<p class="meta">${l.total} tin phù hợp.</p>` : ''}
${l.items.length ? h`<ol class="news">
${l.items.map(item)}</ol>` : h`<p class="empty">${empty}</p>`}
${pager}
</section>
${dayBox(l.today, l.query.day, l.around)}
</div>`;
}

/** Every <img> of the body gets an alt text: the photo's caption when the editor left none (sanitised markup, so the tag is well formed). */
function withAltTexts(body: string, a: PublicArticle): string {
  const captions = new Map(a.photos.map((p) => [p.id, p.caption]));
  return body.replace(/<img\b([^>]*)>/g, (tag, attrs: string) => {
    if (/\salt="/.test(attrs)) return tag;
    const id = Number(/src="\/tin-tuc\/anh\/(\d+)/.exec(attrs)?.[1]);
    return `<img${attrs} alt="${esc(captions.get(id) || a.title)}">`;
  });
}

export function articleBody(a: PublicArticle, base: string): Html {
  const inBody = new Set([...a.bodyHtml.matchAll(/\/tin-tuc\/anh\/(\d+)/g)].map((m) => Number(m[1])));
  const photos = a.photos.filter((p) => !inBody.has(p.id));
  const figure = (p: PublicArticle['photos'][number]) => h`<figure class="photo">
<img src="${newsPhotoPath(p.id)}" width="${p.width}" height="${p.height}" alt="${p.caption || a.title}" loading="lazy">
${p.caption ? h`<figcaption>${p.caption}</figcaption>` : ''}
</figure>
`;
  return h`<article class="news">
<p class="meta"><a href="/tin-tuc">Tin tức</a>${a.sector ? ` › ${a.sector}` : ''}</p>
<h1>${a.title}</h1>
<p class="updated meta">(Cập nhật lúc: <time datetime="${a.updatedAt.toISOString()}">${formatDate(a.updatedAt)}</time>)</p>
<p class="meta"><time datetime="${a.publishedAt.toISOString()}">${weekdayDate(a.publishedDay)} - ${hhmm(a.publishedAt)}</time> · ${a.departmentName}</p>
${a.corrected && a.correctionNote ? h`<p class="correction"><strong>Đính chính${a.correctedAt ? ` lúc ${formatDateTime(a.correctedAt)}` : ''}:</strong> ${a.correctionNote}</p>` : ''}
${a.summary ? h`<p class="summary">${a.summary}</p>` : ''}
<div class="body">
${raw(withAltTexts(a.bodyHtml, a))}
</div>
${photos.map(figure)}
${a.authorLine ? h`<p class="byline">${a.authorLine}</p>` : ''}
${a.source ? h`<p class="source">Theo: ${a.source}</p>` : ''}
${a.tags.length ? h`<ul class="tags" aria-label="Từ khóa">${a.tags.map((t) => h`<li>${t}</li>`)}</ul>` : ''}
<p class="print-url">${base}${articlePath(a.slug)}</p>
<p><a href="${listHref({ day: a.publishedDay, q: null }, 1)}">Các tin khác đăng ngày ${formatDate(a.publishedDay)}</a></p>
</article>`;
}

export function articleOpenGraph(a: PublicArticle, base: string): OpenGraph {
  const first = a.photos[0];
  return {
    type: 'article',
    title: a.title,
    description: a.summary || a.title,
    image: first ? { url: `${base}${newsPhotoPath(first.id)}`, width: first.width, height: first.height, alt: first.caption || a.title } : null,
    publishedTime: a.publishedAt.toISOString(),
    modifiedTime: a.updatedAt.toISOString(),
  };
}

// ───────────────────────── RSS 2.0 and sitemap ─────────────────────────

/** RSS 2.0 of the latest articles: absolute links, RFC 822 dates (in GMT), the department as the channel. */
export function rssFeed(p: Publisher, items: PublicArticleSummary[], now: Date): string {
  const self = `${p.base}/tin-tuc/rss.xml`;
  const built = items[0] ? items.reduce((m, a) => (a.updatedAt > m ? a.updatedAt : m), items[0].updatedAt) : now;
  const entry = (a: PublicArticleSummary) => {
    const link = `${p.base}${articlePath(a.slug)}`;
    return `<item>
<title>${esc(a.title)}</title>
<link>${esc(link)}</link>
<guid isPermaLink="true">${esc(link)}</guid>
<pubDate>${a.publishedAt.toUTCString()}</pubDate>
${a.summary ? `<description>${esc(a.summary)}</description>\n` : ''}${a.authorLine ? `<dc:creator>${esc(a.authorLine)}</dc:creator>\n` : ''}${
  a.sector ? `<category>${esc(a.sector)}</category>\n` : ''}${a.tags.map((t) => `<category>${esc(t)}</category>\n`).join('')}</item>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${esc(`Tin tức — ${p.department}`)}</title>
<link>${esc(`${p.base}/tin-tuc`)}</link>
<atom:link href="${esc(self)}" rel="self" type="application/rss+xml"/>
<description>${esc(`Tin tức của ${p.department}, ${p.province}`)}</description>
<language>vi</language>
<copyright>${esc(`${p.department}, ${p.province}`)}</copyright>
<lastBuildDate>${built.toUTCString()}</lastBuildDate>
<ttl>30</ttl>
${items.map(entry).join('\n')}
</channel>
</rss>
`;
}

export function sitemap(base: string, entries: { path: string; lastmod?: Date | null }[]): string {
  const url = (e: { path: string; lastmod?: Date | null }) =>
    `<url><loc>${esc(`${base}${e.path}`)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map(url).join('\n')}
</urlset>
`;
}
