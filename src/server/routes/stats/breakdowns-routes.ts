import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import { dashboardBreakdowns } from '../../../services/stats/dashboard-breakdowns.js';
import { parseQuery } from '../records/record-search-query.js';

// No parameters yet: anything given is a mistake worth saying.
const breakdownsQuery = z.object({}).strict();

/**
 * GET /api/stats/breakdowns: every figure the dashboard charts (deaths by month, persons by
 * violation, place, age band and sex, and the source comparison) in one answer.
 */
export const breakdownsRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/stats/breakdowns',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary:
            "The dashboard's figures: persons by month, violation, place, age and sex, source overlaps, and the estimate",
        },
      },
    },
    async (request) => {
      parseQuery(breakdownsQuery, request.query);
      return dashboardBreakdowns(db);
    },
  );
  return Promise.resolve();
};
