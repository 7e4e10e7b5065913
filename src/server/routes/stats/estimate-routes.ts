import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  CountQueryError,
  parseBy,
  parseWhere,
  type CountField,
  type CountFilters,
} from '../../../core/stats/counts/index.js';
import { DEFAULT_LCMCR_CHAINS, MAX_LCMCR_CHAINS } from '../../../core/stats/estimation/index.js';
import type { Database } from '../../../db/database.js';
import {
  estimateCaptures,
  estimateStrata,
  estimationMethods,
  explainEstimate,
  registerCaptureTable,
  RegisterEstimateError,
  registerStrata,
  type EstimateReport,
  type EstimateRequest,
} from '../../../services/estimation/index.js';
import { queryList } from './query-lists.js';

// A request must not hold the server for minutes: LCMCR runs are bounded, shorter by default
// than the command line's reference settings, and one runs at a time.
const estimateQuery = z.object({
  method: z.enum(estimationMethods).optional(),
  by: z.string().max(40).optional(),
  where: queryList,
  source: queryList,
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  average: z.enum(['true', 'false']).optional(),
  burnIn: z.coerce.number().int().min(0).max(20_000).default(5_000),
  samples: z.coerce.number().int().min(10).max(2_000).default(1_000),
  thinning: z.coerce.number().int().min(1).max(100).default(10),
  chains: z.coerce.number().int().min(1).max(MAX_LCMCR_CHAINS).default(DEFAULT_LCMCR_CHAINS),
});

/** Said with every estimate, so no client can show one as a list of people. */
export const estimateNote =
  'An estimate of how many people there were, including those no list recorded. It is not a count of named people: those on no list are unknown by name.';

/** The estimate as JSON: the figure and its interval first, the plain-words explanation, then the details. */
function presentEstimate(r: EstimateReport): Record<string, unknown> {
  const { method, observed, estimate, lower, upper, level, lists, warnings, ...details } = r;
  return {
    method,
    observed,
    estimate,
    lower,
    upper,
    level,
    lists,
    warnings: warnings.map((w) => w.message),
    explanation: explainEstimate(r),
    ...details,
  };
}

/**
 * GET /api/estimate: multiple systems estimation over the linked register (one list per source),
 * optionally `by` a stats field (one estimate per value) and filtered by `where=field=value`.
 */
export const estimateRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  let lcmcrRunning = false;
  app.get(
    '/api/estimate',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary:
            'Estimates how many persons no source recorded (multiple systems estimation), with intervals',
          query: estimateQuery,
        },
      },
    },
    async (request, reply) => {
      const q = estimateQuery.parse(request.query);
      if (q.method === 'lcmcr' && lcmcrRunning)
        return reply
          .code(429)
          .send({ error: 'another LCMCR estimate is running; try again shortly' });
      let by: CountField | null;
      let where: CountFilters;
      try {
        where = parseWhere(q.where);
        by = q.by === undefined ? null : (parseBy([q.by])[0] ?? null);
      } catch (error) {
        if (error instanceof CountQueryError) return reply.code(400).send({ error: error.message });
        throw error;
      }
      const scope = { where, sources: q.source.length > 0 ? q.source : undefined };
      const request_ = (lists: number): EstimateRequest => ({
        method: q.method ?? (lists >= 3 ? 'loglinear' : 'chapman'),
        seed: q.seed,
        average: q.average === 'true',
        lcmcr: { burnIn: q.burnIn, samples: q.samples, thinning: q.thinning, chains: q.chains },
      });
      if (q.method === 'lcmcr') lcmcrRunning = true;
      try {
        if (by !== null) {
          const strata = await registerStrata(db, by, scope);
          const results = await estimateStrata(strata, request_);
          return {
            note: estimateNote,
            by,
            strata: results.map((r) => ({
              stratum: r.stratum,
              stratumWarnings: r.warnings,
              ...(r.report ? presentEstimate(r.report) : { estimate: null }),
            })),
          };
        }
        const table = await registerCaptureTable(db, scope);
        let report: EstimateReport;
        try {
          report = await estimateCaptures(table, request_(table.lists.length));
        } catch (error) {
          // The estimators' refusals (too few lists for the method, nothing estimable) are about the data.
          throw new RegisterEstimateError(error instanceof Error ? error.message : String(error));
        }
        return { note: estimateNote, ...presentEstimate(report) };
      } catch (error) {
        if (error instanceof RegisterEstimateError)
          return reply.code(422).send({ error: error.message });
        throw error;
      } finally {
        if (q.method === 'lcmcr') lcmcrRunning = false;
      }
    },
  );
  return Promise.resolve();
};
