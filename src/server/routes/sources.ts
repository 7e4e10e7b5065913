import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.js';
import { listDocuments } from '../../db/repositories/document-repository.js';
import { listSourceSummaries } from '../../db/repositories/source-repository.js';

/** GET /api/sources and /api/documents: what the register holds and where it came from. */
export const sourceRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/sources',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'sources',
          summary: 'Every source with its counts of records, import batches and documents',
        },
      },
    },
    async () => ({
      sources: await listSourceSummaries(db),
    }),
  );
  app.get(
    '/api/documents',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'sources',
          summary: 'The documents the register holds (statements, reports), with their SHA-256',
        },
      },
    },
    async () => ({
      documents: await listDocuments(db),
    }),
  );
  return Promise.resolve();
};
