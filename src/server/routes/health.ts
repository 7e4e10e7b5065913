import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.js';

/** GET /api/health: is the process up and does the store answer? Public, and says nothing secret. */
export const healthRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/health',
    {
      config: {
        public: true,
        docs: {
          tag: 'server',
          summary: 'Is the server up and does its store answer? Says which kind of store.',
        },
      },
    },
    async (_request, reply) => {
      try {
        await db.query('SELECT 1');
        return { ok: true, store: db.kind };
      } catch {
        return reply
          .code(503)
          .send({ ok: false, store: db.kind, error: 'the store does not answer' });
      }
    },
  );
  return Promise.resolve();
};
