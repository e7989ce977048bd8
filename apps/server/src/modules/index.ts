import type { FastifyPluginAsync } from 'fastify';
import { identityRoutes } from './identity/identity.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';

/** Every module's routes, registered in this order by app.ts. */
export const MODULES: FastifyPluginAsync[] = [identityRoutes, notificationRoutes] as FastifyPluginAsync[];
