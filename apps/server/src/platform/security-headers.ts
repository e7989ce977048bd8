/**
 * Security headers on every response, and the web app's index.html served with a fresh CSP nonce.
 *
 * - HTML pages get a Content-Security-Policy: scripts only from this origin, nothing inline, no plugins, no
 *   framing. antd 6 writes its styles at run time into <style> elements; the web app gives them the nonce of
 *   the page (ConfigProvider csp), so `style-src` needs no 'unsafe-inline'.
 * - Everything else (JSON, files) gets `default-src 'none'`: a response that is not a page never runs anything.
 * - /api/docs (Swagger UI) sets its own policy: its scripts and styles are files of its own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What the web app's index.html holds where the server puts the page's nonce. */
export const NONCE_PLACEHOLDER = 'NHIP_CSP_NONCE';

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

const PAGE_DIRECTIVES = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;

/** Stylesheets of documents the web app shows in an iframe srcdoc, which runs under the page's own policy. */
const pageStyleHashes = new Set<string>();

/**
 * Allows one fixed stylesheet, by its hash, in the web app's pages: for a document the app shows in an
 * iframe srcdoc (the draft report's preview), which inherits the page's policy and has no nonce.
 */
export function allowStyleInPage(css: string) {
  pageStyleHashes.add(sha256(css));
}

/** The policy of a page of the web app; with a nonce, <style> elements carrying it are allowed too. */
export function pageCsp(nonce?: string): string {
  const styles = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...pageStyleHashes];
  return policy({ ...PAGE_DIRECTIVES, 'style-src': styles.join(' ') });
}

/** The one <style> element Swagger UI writes: the colours inside its logo's SVG. */
const SWAGGER_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';

/**
 * Swagger UI at /api/docs: its own script and style files, icons as data: URLs, the OpenAPI document by fetch,
 * and its logo's style by hash.
 */
export const DOCS_CSP = policy({
  ...PAGE_DIRECTIVES,
  'style-src': `'self' ${sha256(SWAGGER_LOGO_STYLE)}`,
});

/**
 * The public portal's server-rendered pages (modules/portal): no script at all, styles only from the portal's
 * stylesheet on this origin (no <style>, no style attribute), images (article photos) from this origin, forms
 * (search, browse by date) sent only here. Its charts are inline SVG and need nothing more.
 */
export const PORTAL_CSP = policy({
  'default-src': "'none'",
  'style-src': "'self'",
  'img-src': "'self'",
  'form-action': "'self'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
});

/** Anything that is not an HTML page: it may load nothing and be framed by nobody. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Powerful browser features Nhịp never uses, switched off for the page and anything it could embed. */
const FEATURES_OFF = ['accelerometer', 'autoplay', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'midi', 'payment', 'usb'];

export const PERMISSIONS_POLICY = FEATURES_OFF.map((f) => `${f}=()`).join(', ');

/**
 * The web app's own page: the same, except the camera, which the conference check-in uses to read delegates' QR
 * codes; only this origin may ask for it (not a frame the page shows, not another site).
 */
export const PAGE_PERMISSIONS_POLICY = FEATURES_OFF.map((f) => (f === 'camera' ? 'camera=(self)' : `${f}=()`)).join(', ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Adds the headers to every response of `app` (a root-level hook, so the not-found handler and every module
 * get them). A policy a route has set already (the web app's page, Swagger UI) is kept.
 */
export function securityHeaders(app: FastifyInstance, opts: { trustProxy: boolean }) {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!reply.hasHeader('Permissions-Policy')) reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    // Behind the https proxy only: over plain http browsers ignore it, and a LAN install has no certificate.
    if (opts.trustProxy) reply.header('Strict-Transport-Security', HSTS);
    if (!reply.hasHeader('Content-Security-Policy')) {
      const type = String(reply.getHeader('Content-Type') ?? '');
      reply.header('Content-Security-Policy', type.startsWith('text/html') ? pageCsp() : NON_PAGE_CSP);
    }
  });
}

/**
 * Sends the web app's index.html with a nonce of its own in the policy and in the page (a
 * `<meta property="csp-nonce" nonce="…">` the app reads). The file is read once and again only when it changes.
 */
export function webAppPage(dist: string): (reply: FastifyReply) => FastifyReply {
  const file = path.join(dist, 'index.html');
  let cached: { mtimeMs: number; parts: string[] } | null = null;
  return (reply) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return reply.status(503).type('text/plain; charset=utf-8').send('Giao diện web chưa được build. Chạy "npm run build" rồi khởi động lại.');
    }
    if (!cached || cached.mtimeMs !== stat.mtimeMs) cached = { mtimeMs: stat.mtimeMs, parts: fs.readFileSync(file, 'utf8').split(NONCE_PLACEHOLDER) };
    const nonce = crypto.randomBytes(16).toString('base64');
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', pageCsp(nonce))
      .header('Permissions-Policy', PAGE_PERMISSIONS_POLICY)
      .type('text/html; charset=utf-8')
      .send(cached.parts.join(nonce));
  };
}
