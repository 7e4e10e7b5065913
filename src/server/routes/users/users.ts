import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { roles } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { listUsers } from '../../../db/repositories/user-repository.js';
import { verifyAudit } from '../../../services/audit/verify-audit.js';
import { addUser } from '../../../services/users/users-service.js';

const newUserBody = z.object({
  email: z.email().max(254),
  role: z.enum(roles),
  displayName: z.string().trim().min(1).max(200).optional(),
});

/** Administration: accounts and the audit trail's integrity. Admins only. */
export const adminRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get('/api/users', { config: { permission: 'users:manage' } }, async () => ({
    users: await listUsers(db),
  }));

  app.post('/api/users', { config: { permission: 'users:manage' } }, async (request, reply) => {
    const body = newUserBody.parse(request.body);
    const { user, setupToken } = await addUser(db, body, `user:${request.user!.id}`);
    // The link goes to the admin who hands it over; it is never logged or stored in clear.
    return reply.code(201).send({ user, setupPath: `/setup#${setupToken}` });
  });

  app.get('/api/audit/verify', { config: { permission: 'audit:read' } }, () => verifyAudit(db));
  return Promise.resolve();
};
