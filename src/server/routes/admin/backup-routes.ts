import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../db/database.js';
import { takeBackup } from '../../../services/backup/take-backup.js';

/** A backup of the embedded store, downloaded from the Admin screen. */
export const backupRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/admin/backup',
    {
      config: {
        permission: 'register:backup',
        // Each copy holds the store still while it is taken: a few a minute per administrator is
        // plenty. Counted after access control, so refused callers spend no one's allowance.
        rateLimit: {
          max: 4,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `backup:${request.user?.id ?? request.ip}`,
        },
        docs: {
          tag: 'admin',
          summary:
            'Downloads a consistent copy of the embedded store (gzip tarball), for `sijil restore`; audited',
          description:
            'It holds everything, restricted details and accounts included. 409 on a PostgreSQL ' +
            'store: back that up with pg_dump.',
        },
      },
    },
    async (request, reply) => {
      const backup = await takeBackup(db, `user:${request.user!.id}`, 'download');
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${backup.fileName}"`)
        .header('content-length', String(backup.tarball.size))
        .header('cache-control', 'no-store')
        .send(Readable.fromWeb(backup.tarball.stream()));
    },
  );
  return Promise.resolve();
};
