/** Every route of the awards module, registered once from modules/index.ts. */
import type { FastifyPluginAsync } from 'fastify';
import { catalogRoutes } from './catalog.routes.js';
import { clusterRoutes } from './cluster.routes.js';
import { councilRoutes } from './council.routes.js';
import { cycleRoutes } from './cycle.routes.js';
import { decisionRoutes } from './decision.routes.js';
import { dossierRoutes } from './dossier.routes.js';
import { eligibilityRoutes } from './eligibility.routes.js';
import { nominationRoutes } from './nominations.routes.js';
import { recordRoutes } from './records.routes.js';
import { registerRoutes } from './register.routes.js';

export const awardRoutes: FastifyPluginAsync = async (app) => {
  await app.register(catalogRoutes);
  await app.register(recordRoutes);
  await app.register(cycleRoutes);
  await app.register(eligibilityRoutes);
  await app.register(nominationRoutes);
  await app.register(councilRoutes);
  await app.register(decisionRoutes);
  await app.register(clusterRoutes);
  await app.register(dossierRoutes);
  await app.register(registerRoutes);
};
