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

/** Sends a file download with a Vietnamese-safe file name. */
export function sendFile(reply: FastifyReply, body: Buffer | string, filename: string, contentType: string) {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '_');
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
