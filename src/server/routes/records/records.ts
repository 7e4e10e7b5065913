import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { appendAuditEvent } from '../../../db/repositories/audit-repository.js';
import { findRecords } from '../../../services/records/find-records.js';

const listQuery = z.object({
  search: z.string().max(200).optional(),
  source: z.string().max(63).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
  include: z.enum(['restricted']).optional(),
});

/**
 * GET /api/records: records whose names hold every word searched. Restricted records and
 * details come only to roles allowed them, only when asked for, and every such view is audited.
 */
export const recordRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get('/api/records', { config: { permission: 'records:read' } }, async (request, reply) => {
    const q = listQuery.parse(request.query);
    const user = request.user!;
    const restricted = q.include === 'restricted';
    if (restricted && !can(user.role, 'restricted:read')) {
      return reply
        .code(403)
        .send({ error: `your role (${user.role}) may not see restricted details` });
    }
    const records = await findRecords(db, {
      search: q.search,
      source: q.source,
      limit: q.limit,
      afterId: q.after,
      includeRestricted: restricted,
    });
    if (restricted && records.length > 0) {
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: `user:${user.id}`,
          action: 'restricted.view',
          entityType: 'record',
          after: { records: records.map((r) => r.id) },
        }),
      );
    }
    return { records, next: records.length === q.limit ? records[records.length - 1]!.id : null };
  });
  return Promise.resolve();
};
