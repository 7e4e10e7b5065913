import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CountQueryError, parseWhere } from '../../../core/stats/counts/index.js';
import type { Database } from '../../../db/database.js';
import {
  estimationMethods,
  explainEstimate,
  RegisterEstimateError,
  saveEstimate,
  savedEstimate,
  savedEstimates,
  type EstimateInput,
  type SavedEstimate,
} from '../../../services/estimation/index.js';
import {
  DEFAULT_LCMCR_CHAINS,
  MAX_LCMCR_CHAINS,
  parseCaptureCsv,
} from '../../../core/stats/estimation/index.js';
import { estimateNote } from '../stats/estimate-routes.js';

// As GET /api/estimate: LCMCR runs are bounded so a request cannot hold the server for minutes.
const saveBody = z
  .object({
    label: z.string().max(200).optional(),
    notes: z.string().max(4000).optional(),
    method: z.enum(estimationMethods).optional(),
    where: z.array(z.string().max(300)).max(30).default([]),
    sources: z.array(z.string().max(100)).min(2).max(6).optional(),
    /** A capture table instead of the register: one 0/1 column per list and a `count` column. */
    captures: z
      .object({ csv: z.string().min(1).max(200_000), name: z.string().max(200).optional() })
      .strict()
      .optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    average: z.boolean().default(false),
    burnIn: z.number().int().min(0).max(20_000).default(5_000),
    samples: z.number().int().min(10).max(2_000).default(1_000),
    thinning: z.number().int().min(1).max(100).default(10),
    chains: z.number().int().min(1).max(MAX_LCMCR_CHAINS).default(DEFAULT_LCMCR_CHAINS),
  })
  .strict()
  .refine((b) => !b.captures || (b.where.length === 0 && b.sources === undefined), {
    message: 'give either a capture table or a scope of the register (where, sources), not both',
  });
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const estimateParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

/** A kept estimate in short: enough for a list or a chart. */
function summary(e: SavedEstimate): Record<string, unknown> {
  return {
    id: e.id,
    label: e.label,
    method: e.method,
    model: e.result.model ?? null,
    observed: e.observed,
    estimate: e.estimate,
    lower: e.lower,
    upper: e.upper,
    level: e.level,
    lists: e.result.lists,
    inputKind: e.inputKind,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}

/** A kept estimate in full: its input, settings, the register's state, and the plain words. */
function detail(e: SavedEstimate): Record<string, unknown> {
  return {
    ...summary(e),
    notes: e.notes,
    settings: e.settings,
    input: e.input,
    registerState: e.registerState,
    warnings: e.result.warnings.map((w) => w.message),
    explanation: explainEstimate(e.result),
    result: e.result,
  };
}

/**
 * POST /api/estimates (records:edit, CSRF): runs an estimate over the linked register, or over a
 * capture table the caller gives, and keeps it, audited. GET /api/estimates and /api/estimates/:id (records:read): the kept estimates.
 */
export const savedEstimatesRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  let lcmcrRunning = false;
  app.post(
    '/api/estimates',
    {
      config: {
        permission: 'records:edit',
        docs: {
          tag: 'figures',
          summary:
            'Runs an estimate over the linked register (scope, sources, method) or over a capture table given as CSV, and keeps it with its input, settings and result',
          body: saveBody,
        },
      },
    },
    async (request, reply) => {
      const body = saveBody.parse(request.body ?? {});
      if (body.method === 'lcmcr' && lcmcrRunning)
        return reply
          .code(429)
          .send({ error: 'another LCMCR estimate is running; try again shortly' });
      if (body.method === 'lcmcr') lcmcrRunning = true;
      try {
        let input: EstimateInput;
        if (body.captures) {
          try {
            input = {
              kind: 'captures',
              table: parseCaptureCsv(body.captures.csv),
              name: body.captures.name,
            };
          } catch (error) {
            return reply.code(422).send({
              error: `the capture table cannot be read: ${error instanceof Error ? error.message : String(error)}; give one 0/1 column per list (2 to 6 lists) and a count column`,
            });
          }
        } else input = { kind: 'register', where: parseWhere(body.where), sources: body.sources };
        const saved = await saveEstimate(
          db,
          {
            input,
            request: {
              method: body.method,
              seed: body.seed,
              average: body.average,
              lcmcr: {
                burnIn: body.burnIn,
                samples: body.samples,
                thinning: body.thinning,
                chains: body.chains,
              },
            },
            label: body.label ?? null,
            notes: body.notes ?? null,
          },
          `user:${request.user!.id}`,
        );
        return reply.code(201).send({ note: estimateNote, estimate: detail(saved) });
      } catch (error) {
        if (error instanceof CountQueryError) return reply.code(400).send({ error: error.message });
        if (error instanceof RegisterEstimateError)
          return reply.code(422).send({ error: error.message });
        throw error;
      } finally {
        if (body.method === 'lcmcr') lcmcrRunning = false;
      }
    },
  );
  app.get(
    '/api/estimates',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary: 'The estimates kept, newest first: figure, interval, observed, method, when',
          query: listQuery,
        },
      },
    },
    async (request) => {
      const q = listQuery.parse(request.query);
      return { note: estimateNote, estimates: (await savedEstimates(db, q.limit)).map(summary) };
    },
  );
  app.get(
    '/api/estimates/:id',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary:
            'One kept estimate: what it was computed from (capture histories, scope, sources, register state), how, and the result',
          params: estimateParams,
        },
      },
    },
    async (request, reply) => {
      const { id } = estimateParams.parse(request.params);
      const e = await savedEstimate(db, id);
      if (!e) return reply.code(404).send({ error: `there is no kept estimate ${id}` });
      return { note: estimateNote, estimate: detail(e) };
    },
  );
  return Promise.resolve();
};
