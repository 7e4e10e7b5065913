import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../db/database.js';
import { auditLogVocabulary } from '../../../db/repositories/audit-log-repository.js';
import { readAuditLog } from '../../../services/audit/read-audit-log.js';
import { verifyAudit } from '../../../services/audit/verify-audit.js';
import { auditLogQuery } from './audit-schemas.js';

/** The audit trail for administrators: read it, filter it, and check that nothing was altered. */
export const auditRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/audit',
    {
      config: {
        permission: 'audit:read',
        docs: {
          tag: 'audit',
          summary:
            'Audit events newest first, filtered by actor, action, entity type and days (UTC)',
          description:
            '`actor` is an email or an actor as the trail names it (`user:3`, `cli:layla`); ' +
            '`next` is the `before` of the following page. Restricted values never appear.',
          query: auditLogQuery,
        },
      },
    },
    async (request) => readAuditLog(db, auditLogQuery.parse(request.query)),
  );

  app.get(
    '/api/audit/vocabulary',
    {
      config: {
        permission: 'audit:read',
        docs: {
          tag: 'audit',
          summary: 'The actions and entity types the audit trail holds, to filter by',
        },
      },
    },
    () => auditLogVocabulary(db),
  );

  app.get(
    '/api/audit/verify',
    {
      config: {
        permission: 'audit:read',
        docs: {
          tag: 'audit',
          summary: "Checks the audit trail's hash chain and says where it breaks, if it does",
        },
      },
    },
    () => verifyAudit(db),
  );
  return Promise.resolve();
};
