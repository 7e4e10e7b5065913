import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { appendAuditEvent } from '../../../db/repositories/audit-repository.js';
import { getPerson } from '../../../services/persons/get-person.js';

const personParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .refine((n) => n <= 2 ** 31 - 1),
});
const personQuery = z.object({ include: z.enum(['restricted']).optional() });

/**
 * GET /api/persons/:id: every record of one person side by side, with provenance, the decisions
 * that touched them and linked incidents. Restricted records and details follow /api/records'
 * rules: only to roles allowed them, only when asked for, and every such view is audited.
 */
export const personRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/persons/:id',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'persons',
          summary:
            'A person: every source record side by side, where each value came from, and the decisions behind it',
          params: personParams,
          query: personQuery,
        },
      },
    },
    async (request, reply) => {
      const params = personParams.safeParse(request.params);
      if (!params.success)
        return reply.code(400).send({
          error: 'a person is named by its id, a whole number above 0 (e.g. /api/persons/12)',
        });
      const q = personQuery.parse(request.query);
      const user = request.user!;
      const restricted = q.include === 'restricted';
      if (restricted && !can(user.role, 'restricted:read')) {
        return reply
          .code(403)
          .send({ error: `your role (${user.role}) may not see restricted details` });
      }
      const person = await getPerson(db, params.data.id, { includeRestricted: restricted });
      if (!person)
        return reply.code(404).send({
          error: `there is no person ${params.data.id} (persons merged by linkage take the smallest id; search for the name)`,
        });
      if (restricted) {
        await db.transaction((tx) =>
          appendAuditEvent(tx, {
            actor: `user:${user.id}`,
            action: 'restricted.view',
            entityType: 'person',
            entityId: person.id,
            after: { records: person.records.map((r) => r.id) },
          }),
        );
      }
      return {
        person,
        access: {
          restricted: can(user.role, 'restricted:read'),
          restrictedShown: restricted,
          decide: can(user.role, 'matches:decide'),
        },
      };
    },
  );
  return Promise.resolve();
};
