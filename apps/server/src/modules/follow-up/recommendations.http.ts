/** The signed-in actor of a register route, with what its audit events record. */
import type { FastifyRequest } from 'fastify';
import { auditActor, requireUser } from '../../platform/http.js';
import type { Who } from './recommendations.service.js';

export const who = (req: FastifyRequest): Who => ({ ...requireUser(req), auditActor: auditActor(req) });
