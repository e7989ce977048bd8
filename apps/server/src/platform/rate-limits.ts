/**
 * Rate limits on expensive endpoints, per signed-in user (per address when anonymous), all named here.
 *
 * Each limit is a budget of requests in a fixed window, shared by every route that uses it: the four import
 * routes draw on one "import" budget. A request over budget answers 429 with `Retry-After` (seconds) and a
 * Vietnamese message, before any work is done. The defaults are far above what a person does; a script that
 * needs more (a nightly sync posting one file per unit) raises them with NHIP_RATE_LIMITS, e.g.
 * `NHIP_RATE_LIMITS=import=600/10m,report=off`. Tests pass `config.rateLimits`.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export const RATE_LIMIT_NAMES = ['report', 'pivot', 'analytics', 'import', 'export', 'conference'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];
export type RateLimit = { max: number; windowSeconds: number } | 'off';

/**
 * - report: GET /api/reports/summary as .docx, .pdf or .xlsx (the HTML preview is free). A PDF costs about 2 s of
 *   LibreOffice; 30 in 10 minutes is one every 20 s, sustained.
 * - pivot: POST /api/analytics/pivot.xlsx (an analytics query of up to 100,000 cells, then a workbook).
 * - analytics: GET /api/analytics asking for at least HEAVY_ANALYTICS_CELLS cells; smaller queries (the pivot page
 *   while one chooses, the charts) are not counted.
 * - import: POST /api/dataValueSets (JSON or CSV, dry runs included), /api/metadata, /api/org-units/import and an
 *   Excel template import (preview and confirm each count).
 * - export: GET /api/dataValueSets (JSON or CSV), GET /api/metadata and the audit log CSV.
 * - conference: a conference's documents as .docx or .pdf and the "Tài liệu hội nghị" bundle (.zip, merged .pdf); a
 *   bundle PDF converts every part through LibreOffice.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimit> = {
  report: { max: 30, windowSeconds: 600 },
  pivot: { max: 60, windowSeconds: 600 },
  analytics: { max: 120, windowSeconds: 600 },
  import: { max: 120, windowSeconds: 600 },
  export: { max: 120, windowSeconds: 600 },
  conference: { max: 60, windowSeconds: 600 },
};

/** An analytics query of this many cells (dx × units × periods) or more counts against the "analytics" limit:
 * twice the 5,130-cell yardstick of docs/performance.md, a tenth of the engine's 100,000-cell maximum. */
export const HEAVY_ANALYTICS_CELLS = 10_000;

const WHAT: Record<RateLimitName, string> = {
  report: 'tải báo cáo tổng kết (.docx, .pdf, .xlsx)',
  pivot: 'xuất bảng tổng hợp ra Excel',
  analytics: 'truy vấn số liệu tổng hợp lớn',
  import: 'nhập dữ liệu',
  export: 'xuất dữ liệu',
  conference: 'tải văn bản, tài liệu hội nghị (.docx, .pdf, .zip)',
};

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * Reads NHIP_RATE_LIMITS: `name=MAX/WINDOW` or `name=off`, comma-separated; WINDOW like 90s, 10m, 1h.
 * Throws a Vietnamese message naming the bad part.
 */
export function parseRateLimits(text: string | undefined): Partial<Record<RateLimitName, RateLimit>> {
  const out: Partial<Record<RateLimitName, RateLimit>> = {};
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(?:(off)|(\d{1,7})\s*\/\s*(\d{1,5})\s*([smh]))$/.exec(part);
    const name = m?.[1] as RateLimitName | undefined;
    if (!m || !name || !RATE_LIMIT_NAMES.includes(name))
      throw new Error(`"${part}" không hợp lệ: viết tên=SỐ_LẦN/THỜI_GIAN (ví dụ import=600/10m) hoặc tên=off; tên là ${RATE_LIMIT_NAMES.join(', ')}.`);
    if (m[2]) out[name] = 'off';
    else {
      const max = Number(m[3]);
      const windowSeconds = Number(m[4]) * UNITS[m[5]];
      if (max < 1 || windowSeconds < 1) throw new Error(`"${part}" không hợp lệ: số lần và thời gian phải lớn hơn 0.`);
      out[name] = { max, windowSeconds };
    }
  }
  return out;
}

/** Who a limit counts for: the signed-in user, or the address of an anonymous caller. */
export const rateKey = (req: FastifyRequest): string => (req.user ? `user:${req.user.id}` : `ip:${req.ip}`);

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`);
const windowText = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} giờ` : seconds % 60 === 0 ? `${seconds / 60} phút` : `${seconds} giây`);

type Limiter = { check: ReturnType<FastifyInstance['createRateLimit']>; limit: { max: number; windowSeconds: number } };

declare module 'fastify' {
  interface FastifyInstance {
    rateLimiters: Map<RateLimitName, Limiter>;
  }
}

/**
 * Registers @fastify/rate-limit (global: false; the sign-in route keeps its own per-address limit with the
 * message below) and one limiter per named limit, with the config's overrides.
 */
export async function registerRateLimits(app: FastifyInstance, overrides: Partial<Record<RateLimitName, RateLimit>> = {}) {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(429, 'rate_limited', 'Quá nhiều yêu cầu trong thời gian ngắn, vui lòng thử lại sau ít phút.'),
  });
  const limiters = new Map<RateLimitName, Limiter>();
  for (const name of RATE_LIMIT_NAMES) {
    const limit = overrides[name] ?? DEFAULT_RATE_LIMITS[name];
    if (limit === 'off') continue;
    limiters.set(name, { limit, check: app.createRateLimit({ max: limit.max, timeWindow: limit.windowSeconds * 1000, keyGenerator: rateKey }) });
  }
  app.decorate('rateLimiters', limiters);
}

/**
 * Counts one request against a limit; over the limit, answers 429 with Retry-After. Call it where the cost is known
 * (after authentication and validation), or use `rateLimited` as a route's onRequest hook.
 */
export async function takeRateLimit(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, name: RateLimitName): Promise<void> {
  const limiter = app.rateLimiters.get(name);
  if (!limiter) return;
  const r = await limiter.check(req);
  if (r.isAllowed) return;
  reply.header('RateLimit-Limit', r.max);
  reply.header('RateLimit-Remaining', r.remaining);
  reply.header('RateLimit-Reset', r.ttlInSeconds);
  if (!r.isExceeded) return;
  reply.header('Retry-After', r.ttlInSeconds);
  throw new AppError(
    429,
    'rate_limited',
    `Bạn đã ${WHAT[name]} quá nhiều lần trong thời gian ngắn (tối đa ${limiter.limit.max} lần trong ${windowText(limiter.limit.windowSeconds)}). ` +
      `Vui lòng thử lại sau ${waitText(r.ttlInSeconds)}.`,
    { limit: name, retryAfterSeconds: r.ttlInSeconds },
  );
}

/** A route's onRequest hook counting every request against a limit (runs after authentication). */
export const rateLimited = (app: FastifyInstance, name: RateLimitName) => async (req: FastifyRequest, reply: FastifyReply) =>
  takeRateLimit(app, req, reply, name);
