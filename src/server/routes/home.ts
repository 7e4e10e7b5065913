import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.js';
import { listDocuments } from '../../db/repositories/document-repository.js';
import { registerCounts } from '../../db/repositories/register-counts.js';
import { listSourceSummaries } from '../../db/repositories/source-repository.js';
import { renderHomePage } from '../pages/home-page.js';

/** GET /about: the plain page listing sources and counts (aggregates only, no names). */
export const homeRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get('/about', async (_request, reply) => {
    const [sources, documents, counts] = await Promise.all([
      listSourceSummaries(db),
      listDocuments(db),
      registerCounts(db),
    ]);
    return reply.type('text/html; charset=utf-8').send(
      renderHomePage({
        sources,
        documents,
        records: counts.records,
        persons: counts.persons,
        storeKind: db.kind,
      }),
    );
  });
  return Promise.resolve();
};
