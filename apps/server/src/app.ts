import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/index.js';
import { AppError } from './platform/errors.js';
import { registerRateLimits } from './platform/rate-limits.js';
import { registerTextBoundary } from './platform/text-boundary.js';
import { DOCS_CSP, securityHeaders, webAppPage } from './platform/security-headers.js';
import { type CurrentUser, userFromSession, userFromToken } from './modules/identity/identity.service.js';
import { MODULES } from './modules/index.js';
import { stopWarmOffices } from './modules/documents/kit/office.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    clock: Clock;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
}

// Validation messages zod writes itself (types, lengths, enums) come out in Vietnamese.
z.config(z.locales.vi());

export const SESSION_COOKIE = 'nhip_sid';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const FIELD_LABELS: Record<string, string> = {};

/** The host an Origin header names; '' when it is not a URL (then it matches no host and counts as cross-site). */
function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

/** Zod issues → one Vietnamese sentence per field. */
function zodMessage(issues: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const field = (i.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || 'dữ liệu';
    return `${FIELD_LABELS[field] ?? field}: ${i.message ?? 'không hợp lệ'}`;
  });
  return `Dữ liệu gửi lên không hợp lệ — ${parts.join('; ')}.`;
}

export async function buildApp(opts: { db: Db; config: Config; clock: Clock; logger?: boolean; webDist?: string }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    // One line per request drowns the start-up banner; errors and warnings are still logged.
    logController: new LogController({ disableRequestLogging: opts.config.logLevel !== 'debug' && opts.config.logLevel !== 'trace' }),
    trustProxy: opts.config.trustProxy,
    bodyLimit: 64 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array' } },
    // Errors Fastify meets before routing (a malformed percent-encoding in the address): Vietnamese like the rest.
    frameworkErrors: (err, _req, res) => {
      const badUrl = (err as { code?: string }).code === 'FST_ERR_BAD_URL';
      // Typed loosely: this runs before any route, so no route's reply schema applies.
      const reply = res as unknown as { status: (code: number) => { send: (body: unknown) => void } };
      reply.status(400).send({
        error: badUrl ? 'bad_url' : 'bad_request',
        message: badUrl ? 'Địa chỉ yêu cầu có mã ký tự (%) không hợp lệ.' : 'Yêu cầu không hợp lệ.',
      });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('config', opts.config);
  app.decorate('clock', opts.clock);
  app.decorateRequest('user', null);
  // The LibreOffice kept warm for PDFs (modules/documents/kit/office.ts) stops with the server.
  app.addHook('onClose', () => stopWarmOffices());

  await app.register(cookie);
  // @fastify/rate-limit (global: false) and the per-user limits on expensive endpoints (platform/rate-limits.ts).
  await registerRateLimits(app, opts.config.rateLimits);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 20 } });
  app.addContentTypeParser(['text/csv', 'application/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 256 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  // One text boundary for every string that enters, before authentication reads the headers (platform/text-boundary.ts).
  registerTextBoundary(app, { cookies: [SESSION_COOKIE] });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Nhịp API', version: '0.1.0', description: 'API của Nhịp: báo cáo định kỳ, tổng hợp, theo dõi. Xác thực bằng phiên đăng nhập (cookie) hoặc `Authorization: Bearer nhip_…`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });

  // Authentication: bearer token or session cookie. Authorization happens in each route.
  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await userFromToken(opts.db, auth.slice(7).trim());
      if (!req.user) throw new AppError(401, 'invalid_token', 'Mã truy cập (token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.');
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      req.user = await userFromSession(opts.db, sid, { idleMinutes: opts.config.sessionIdleMinutes, absoluteHours: opts.config.sessionAbsoluteHours });
      // Cross-site requests that change state are refused (SameSite=Lax plus an Origin check).
      if (req.user && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
        const origin = req.headers.origin;
        const fetchSite = req.headers['sec-fetch-site'];
        if ((fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') || (origin && originHost(origin) !== req.headers.host))
          throw new AppError(403, 'cross_site', 'Yêu cầu từ trang web khác bị từ chối.');
      }
    }
  });

  // Content-Security-Policy, Permissions-Policy, COOP, HSTS behind https, nosniff, no framing.
  securityHeaders(app, { trustProxy: opts.config.trustProxy });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({ error: 'validation', message: zodMessage(err.validation as never), details: err.validation });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_FILES_LIMIT' || e.statusCode === 413)
      return reply.status(413).send({ error: 'too_large', message: 'Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 20 MB mỗi tệp).' });
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415)
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'Định dạng dữ liệu gửi lên không được hỗ trợ.' });
    if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || (e.statusCode === 400 && /JSON/i.test(e.message ?? '')))
      return reply.status(400).send({ error: 'bad_json', message: 'Nội dung gửi lên không phải JSON hợp lệ.' });
    // PostgreSQL gave up on a transaction that met another one (deadlock, serialization, lock timeout): it was
    // rolled back whole, so nothing is half-saved, and trying again succeeds.
    if (e.code === '40P01' || e.code === '40001' || e.code === '55P03')
      return reply.status(409).send({ error: 'retry', message: 'Dữ liệu này đang được cập nhật cùng lúc bởi một thao tác khác; thao tác của bạn chưa được lưu. Vui lòng thử lại.' });
    // Two requests raced to create the same thing (a unique key the service had checked a moment before): the
    // loser's transaction rolled back whole; the first one's row stands.
    if (e.code === '23505') {
      req.log.warn({ err }, 'a unique key met a concurrent insert');
      return reply.status(409).send({ error: 'duplicate', message: 'Dữ liệu này vừa được tạo bởi một thao tác khác cùng lúc; thao tác của bạn chưa được lưu. Hãy tải lại trang để xem dữ liệu mới nhất.' });
    }
    // Safety net behind the text boundary: PostgreSQL refused a character in text (0x00) or in JSON (\u0000). Its own
    // error code, so the fuzz test can tell that the boundary let something through.
    if (e.code === '22021' || e.code === '22P05') {
      req.log.warn({ err }, 'a control character passed the text boundary');
      return reply.status(400).send({ error: 'unsaved_text', message: 'Dữ liệu gửi lên chứa ký tự không lưu được (ký tự điều khiển như U+0000); chưa có gì được lưu.' });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return reply.status(e.statusCode).send({ error: e.code ?? 'bad_request', message: 'Yêu cầu không hợp lệ.' });
    req.log.error(err);
    return reply.status(500).send({ error: 'internal', message: 'Đã xảy ra lỗi hệ thống. Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại hoặc báo quản trị.' });
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: opts.db.kind }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const mod of MODULES) await app.register(mod);

  // The single-page app: index.html for every non-API path; hashed assets from the build folder.
  // index.html goes out with a fresh CSP nonce each time (security-headers.ts).
  const webDist = opts.webDist ?? WEB_DIST;
  const spa = webAppPage(webDist);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => spa(reply));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ API này.' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy.' });
    return spa(reply);
  });
  if (fs.existsSync(webDist)) await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false, serveDotFiles: false });

  return app;
}
