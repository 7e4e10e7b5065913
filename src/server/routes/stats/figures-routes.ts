import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../db/database.js';
import { claimRoutes } from '../claims/claims-routes.js';
import { savedEstimatesRoutes } from '../estimates/estimates-routes.js';
import { breakdownsRoutes } from './breakdowns-routes.js';
import { estimateRoutes } from './estimate-routes.js';
import { statsRoutes } from './stats-routes.js';

/** The figures the register shows: counts, source comparison, estimates and the claims ledger. */
export const figuresRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  await app.register(statsRoutes, { db });
  await app.register(breakdownsRoutes, { db });
  await app.register(estimateRoutes, { db });
  await app.register(claimRoutes, { db });
  await app.register(savedEstimatesRoutes, { db });
};
