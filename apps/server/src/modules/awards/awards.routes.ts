/** Every route of the awards module, registered once from modules/index.ts. */
import type { FastifyPluginAsync } from 'fastify';
import { catalogRoutes } from './catalog.routes.js';

export const awardRoutes: FastifyPluginAsync = async (app) => {
  await app.register(catalogRoutes);
};
