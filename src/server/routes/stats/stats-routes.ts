import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CountQueryError, parseBy, parseWhere } from '../../../core/stats/counts/index.js';
import type { Database } from '../../../db/database.js';
import { compareSources, countPersons } from '../../../services/stats/index.js';
import { queryList } from './query-lists.js';

const countQuery = z.object({ by: queryList, where: queryList });
const sourcesQuery = z.object({ where: queryList, source: queryList });

/** A count request written wrongly is the caller's mistake: say why, with 400. */
export async function answerCountErrors<T>(
  reply: FastifyReply,
  work: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CountQueryError) return reply.code(400).send({ error: error.message });
    throw error;
  }
}

/**
 * GET /api/stats (unique persons, broken down `by` fields and filtered by `where=field=value`)
 * and GET /api/stats/sources (per source, pair overlaps, capture histories), as `sijil stats`.
 */
export const statsRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/stats',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary:
            'Unique persons, broken down by the fields asked for and filtered (by=sex,year; where=violation:killed)',
          query: countQuery,
        },
      },
    },
    async (request, reply) => {
      const q = countQuery.parse(request.query);
      return answerCountErrors(reply, () =>
        countPersons(db, { by: parseBy(q.by), where: parseWhere(q.where) }),
      );
    },
  );
  app.get(
    '/api/stats/sources',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'figures',
          summary: 'Which source knows whom: persons per source and per combination of sources',
          query: sourcesQuery,
        },
      },
    },
    async (request, reply) => {
      const q = sourcesQuery.parse(request.query);
      return answerCountErrors(reply, () =>
        compareSources(db, {
          where: parseWhere(q.where),
          sources: q.source.length > 0 ? q.source : undefined,
        }),
      );
    },
  );
  return Promise.resolve();
};
