/**
 * How the portal answers: cacheable, validated by ETag (304 when the reader's copy is current), no cookie, the portal's
 * own Content-Security-Policy, and rendered pages kept in memory.
 *
 * The page cache. A public page changes only when something audited changes (publishing, unpublishing, correcting
 * an article or its photos, approving figures, closing a round, marking a figure public, editing the organisation),
 * when the business day changes (the department's name, which periods have ended), or when a scheduled article's
 * time comes. The cache key therefore carries a stamp made of the audit chain's head (its seq is assigned at commit,
 * in commit order, so no committed change can hide behind a newer one), the business day and the time of the next
 * scheduled publication. One small query reads the stamp, and concurrent requests share it while it runs. Every
 * rendered answer is kept under (stamp, site address, URL); a change of stamp makes every kept page stale at once.
 * Settings that change without an audit event (the contact details) show after the next audited change or a restart.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFile } from '../../platform/http.js';
import { PORTAL_CSP } from '../../platform/security-headers.js';

export type Answer = {
  status: number;
  type: string;
  body: string | Buffer;
  etag: string;
  lastModified?: string;
  /** Seconds a browser or proxy may reuse it without asking. */
  maxAge: number;
  /** A download's file name (sent as an attachment). */
  filename?: string;
};

const etagOf = (body: string | Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

export function answer(
  status: number, type: string, body: string | Buffer, opts: { maxAge?: number; lastModified?: Date | null; filename?: string } = {},
): Answer {
  return {
    status, type, body, etag: etagOf(body), maxAge: opts.maxAge ?? 60,
    lastModified: opts.lastModified ? opts.lastModified.toUTCString() : undefined, filename: opts.filename,
  };
}

/** Whether the reader's If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  if (!inm) return false;
  if (inm.trim() === '*') return true;
  return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends an answer with its validators; a 304 without a body when the reader's copy is current. No cookie, ever. */
export function send(req: FastifyRequest, reply: FastifyReply, a: Answer): FastifyReply {
  reply.removeHeader('set-cookie');
  reply.header('Cache-Control', a.status === 200 ? `public, max-age=${a.maxAge}` : 'no-cache');
  reply.header('ETag', a.etag);
  if (a.lastModified) reply.header('Last-Modified', a.lastModified);
  if (a.type.startsWith('text/html')) reply.header('Content-Security-Policy', PORTAL_CSP);
  if (a.status === 200 && notModified(req, a.etag)) return reply.status(304).send();
  if (a.filename) return sendFile(reply.status(a.status), a.body, a.filename, a.type);
  return reply.status(a.status).type(a.type).send(a.body);
}

/**
 * The site's absolute address: PUBLIC_URL when set, else the request's own scheme and host (behind a proxy with
 * TRUST_PROXY=1, the forwarded ones). A host that is not a plain host[:port] falls back to 'localhost'.
 */
export function siteBase(req: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const host = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(req.host) ? req.host : 'localhost';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** Kept pages, at most `max` (the oldest go first). */
export class PageCache {
  private readonly pages = new Map<string, Answer>();
  private stamp = '';
  constructor(private readonly max = 2000) {}

  /** The answer kept for `key` under `stamp`; a new stamp forgets everything kept before it. */
  get(stamp: string, key: string): Answer | undefined {
    if (stamp !== this.stamp) {
      this.pages.clear();
      this.stamp = stamp;
      return undefined;
    }
    return this.pages.get(key);
  }

  set(stamp: string, key: string, a: Answer) {
    if (stamp !== this.stamp) return;
    if (this.pages.size >= this.max) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, a);
  }

  get size() {
    return this.pages.size;
  }
}

/** Runs `read` once for every caller that asks while it is running: a burst of readers shares one query. */
export function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= read().finally(() => {
      running = null;
    });
    return running;
  };
}
