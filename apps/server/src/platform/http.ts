import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type GlobalAction, canDo } from '@nhip/contracts';
import type { CurrentUser } from '../modules/identity/identity.service.js';
import type { AuditActor } from './audit.js';
import { forbidden, unauthorized } from './errors.js';

/** The signed-in user, or a 401 for routes that need one. */
export function requireUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export function requireAbility(req: FastifyRequest, action: GlobalAction): CurrentUser {
  const user = requireUser(req);
  if (!canDo(user, action)) throw forbidden();
  return user;
}

export const auditActor = (req: FastifyRequest): AuditActor => ({
  id: req.user?.id ?? null,
  name: req.user?.username ?? null,
  ip: req.ip,
});

/** RFC 5987 value: percent-encoded UTF-8, including the characters encodeURIComponent leaves (' ( ) * !). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Sends a file download: always `Content-Disposition: attachment` (never shown inline) with a Vietnamese-safe
 * file name, the given content type, and `nosniff` so a browser never second-guesses that type.
 */
export function sendFile(reply: FastifyReply, body: Buffer | string | Readable, filename: string, contentType: string) {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '_');
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(filename)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
