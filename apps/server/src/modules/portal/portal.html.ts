/**
 * The public portal's HTML: one small layout of our own (header with the department's name valid today, navigation,
 * search, footer with the contact details Decree 42/2022 asks for), escaping, and the error page. No script anywhere,
 * no style attribute: every look comes from portal.css, served from this origin.
 *
 * Escaping: every text that comes from the database or the request goes through `esc` (text and attribute values
 * alike). Article bodies are the one exception: the newsroom stores them already cleaned by its allow-list, so they
 * are printed as they are (`raw`), never escaped twice.
 */
import { formatDate } from '@nhip/contracts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, escaped for HTML. */
export const esc = (s: string | number | null | undefined): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** HTML that is already safe (built here from escaped parts, or a body the newsroom sanitised). */
export type Html = { readonly html: string };
export const raw = (html: string): Html => ({ html });

/** A tagged template that escapes every interpolated value except `Html` and arrays of `Html`. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return raw(out);
}

function part(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(part).join('');
  if (typeof v === 'object' && 'html' in (v as object)) return (v as Html).html;
  return esc(v as string);
}

/** Who publishes the portal, as of today: the header and the footer. */
export type Publisher = {
  /** The department's name valid today (Sở Khoa học và Công nghệ after 01/03/2025). */
  department: string;
  /** 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', the governing body. */
  parentBody: string;
  province: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** The absolute address of the site, without a trailing slash ('https://so.vanlinh.gov.vn'). */
  base: string;
};

export type OpenGraph = {
  type: 'website' | 'article';
  title: string;
  description: string;
  image?: { url: string; width: number; height: number; alt: string } | null;
  publishedTime?: string;
  modifiedTime?: string;
};

export type PageOptions = {
  title: string;
  description: string;
  /** The path of this page, for the canonical address ('/tin-tuc/hoi-nghi-...'). */
  path: string;
  section: 'news' | 'figures' | null;
  og?: OpenGraph;
  /** Search words to show again in the search box. */
  query?: string;
  body: Html;
  /** A page that should not be indexed (search results, errors). */
  noindex?: boolean;
};

/** The portal's stylesheet address; the version in the query lets browsers keep it for a year. */
export type Assets = { css: string };

export function layout(p: Publisher, assets: Assets, o: PageOptions): string {
  const url = `${p.base}${o.path}`;
  const og = o.og;
  const nav = (href: string, label: string, current: boolean) =>
    h`<li><a href="${href}"${current ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
  const contact = [
    p.address ? h`<p>Địa chỉ: ${p.address}</p>` : null,
    p.phone || p.email
      ? h`<p>${p.phone ? h`Điện thoại: <a href="${`tel:${p.phone.replace(/[^\d+]/g, '')}`}">${p.phone}</a>` : ''}${p.phone && p.email ? ' · ' : ''}${
        p.email ? h`Thư điện tử: <a href="${`mailto:${p.email}`}">${p.email}</a>` : ''}</p>`
      : null,
  ];
  return h`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} — ${p.department}</title>
<meta name="description" content="${o.description}">
${o.noindex ? raw('<meta name="robots" content="noindex">\n') : ''}<link rel="canonical" href="${url}">
<link rel="stylesheet" href="${assets.css}">
<link rel="alternate" type="application/rss+xml" title="${`Tin tức — ${p.department}`}" href="${`${p.base}/tin-tuc/rss.xml`}">
${og ? openGraph(p, og, url) : ''}</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site">
<div class="wrap brand">
<p class="parent">${p.parentBody}</p>
<p class="org"><a href="/tin-tuc">${p.department}</a></p>
</div>
<div class="bar"><div class="wrap">
<nav aria-label="Chuyên mục"><ul>
${nav('/tin-tuc', 'Tin tức', o.section === 'news')}
${nav('/so-lieu', 'Số liệu công khai', o.section === 'figures')}
</ul></nav>
<form class="search" role="search" action="/tin-tuc" method="get">
<label for="tim-kiem">Tìm tin</label>
<input id="tim-kiem" name="q" type="search" maxlength="200" value="${o.query ?? ''}">
<button type="submit">Tìm</button>
</form>
</div></div>
</header>
<main id="noi-dung" class="wrap">
${o.body}
</main>
<footer class="site"><div class="wrap">
<p class="org">${p.department}</p>
<p>Cơ quan chủ quản: ${p.parentBody}</p>
${contact}
<p class="links"><a href="/tin-tuc/rss.xml">Tin tức qua RSS</a> · <a href="/so-lieu">Dữ liệu mở</a> · <a href="/sitemap.xml">Sơ đồ trang</a> · <a href="/">Cán bộ đăng nhập Nhịp</a></p>
</div></footer>
</body>
</html>
`.html;
}

function openGraph(p: Publisher, og: OpenGraph, url: string): Html {
  const meta = (property: string, content: string | number) => h`<meta property="${property}" content="${content}">\n`;
  return h`${meta('og:type', og.type)}${meta('og:site_name', p.department)}${meta('og:locale', 'vi_VN')}${meta('og:title', og.title)}${
    meta('og:description', og.description)}${meta('og:url', url)}${
    og.image ? [meta('og:image', og.image.url), meta('og:image:width', og.image.width), meta('og:image:height', og.image.height), meta('og:image:alt', og.image.alt)] : ''}${
    og.publishedTime ? meta('article:published_time', og.publishedTime) : ''}${og.modifiedTime ? meta('article:modified_time', og.modifiedTime) : ''}`;
}

/** The body of an error page: what happened, and where to go from here. */
export function errorBody(status: number, message: string): Html {
  const title = status === 404 ? 'Không tìm thấy trang' : status === 400 ? 'Yêu cầu không hợp lệ' : 'Trang tạm thời không hiển thị được';
  return h`<h1>${title}</h1>
<p class="lead">${message}</p>
<ul class="next">
<li><a href="/tin-tuc">Về trang tin tức</a></li>
<li><a href="/so-lieu">Xem số liệu công khai</a></li>
</ul>`;
}

/** '2024-01-12' → 'Thứ Sáu, ngày 12/01/2024' (the day of the week as Vietnamese portals print it). */
export function weekdayDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const name = dow === 0 ? 'Chủ nhật' : `Thứ ${['', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy'][dow]}`;
  return `${name}, ngày ${formatDate(day)}`;
}
