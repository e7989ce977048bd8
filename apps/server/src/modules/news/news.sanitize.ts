/**
 * Article bodies are HTML cleaned by an allow-list (sanitize-html) on every save: the editor's formatting survives
 * (paragraphs, bold, italics, lists, headings, links, quotes, tables, figures with our own photos), and nothing that
 * runs or styles does (scripts, event handlers, style, iframes, forms, javascript: links, images from elsewhere).
 * What is stored is what the portal prints, so the public pages never clean it again.
 */
import { NEWS_PHOTO_PATH_RE } from '@nhip/contracts';
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'a', 'blockquote',
  'figure', 'figcaption', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  // Links: http, https and addresses on this site; never javascript:, data:, or a protocol-relative '//host'.
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Script, style and the like go with their content; any other unknown tag goes, its text stays.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head'],
  // An image shows only one of our own photos (served by the portal); anything else is dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !NEWS_PHOTO_PATH_RE.test(frame.attribs.src ?? ''),
  transformTags: {
    b: 'strong',
    i: 'em',
    h1: 'h2',
    // A link that leaves the site does not hand it the page (no opener, no referrer).
    a: (tagName, { rel: _rel, ...attribs }) => ({
      tagName,
      attribs: /^\s*https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/** The body as stored: cleaned, with empty paragraphs left by removed markup dropped. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS)
    .replace(/<p>\s*<\/p>/g, '')
    .trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", '#34': '"' };

/** The words of a (cleaned) body without markup, one space between blocks: for search and for a summary. */
export function bodyText(html: string): string {
  return sanitizeHtml(html.replace(/<(\/?(p|br|hr|li|h[2-4]|tr|td|th|blockquote|figcaption|caption)\b[^>]*)>/gi, ' <$1>'), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head'],
  })
    .replace(/&(#?\w+);/g, (m, name: string) => {
      if (ENTITIES[name]) return ENTITIES[name];
      const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
      if (!code) return m;
      const cp = name.startsWith('#x') || name.startsWith('#X') ? Number.parseInt(code, 16) : Number(code);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text (a title, a caption) as HTML text: for the generated draft's paragraphs. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
