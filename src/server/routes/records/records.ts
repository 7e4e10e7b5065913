import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { can } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { appendAuditEvent } from '../../../db/repositories/audit-repository.js';
import { enableRecordSearchIndex } from '../../../db/repositories/record-search-index.js';
import { findRecords } from '../../../services/records/find-records.js';
import { recordFacets } from '../../../services/records/record-facets.js';
import { filtersOfQuery, parseQuery, recordSearchQuery } from './record-search-query.js';

const listQuery = recordSearchQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
});

function restrictedRefusal(role: string): { error: string } {
  return { error: `your role (${role}) may not see restricted details` };
}

/**
 * GET /api/records: records whose names hold every word searched (see core/records/search-terms.ts
 * for the spellings and typos tolerated) and that match the filters
 * (record-search-query.ts). Restricted records and details come only to roles allowed them, only
 * when asked for, and every such view is audited.
 *
 * GET /api/records/facets: for the same search, how many records (and persons) match, and how
 * many each value of each facet would give, so the screen can show counts beside each value.
 */
export const recordRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  // Searches find records through an index held in memory, filled from the store in the
  // background from now on (until it is, they wait for it) and kept in step with every commit.
  enableRecordSearchIndex(db).catch((error: unknown) => {
    app.log.error({ err: error }, 'the record search index could not be filled');
  });
  app.get(
    '/api/records',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'records',
          summary:
            'Records matching a name search (Arabic variants and Latin spellings folded) and facets, 50 at a time',
          query: listQuery,
        },
      },
    },
    async (request, reply) => {
      const q = parseQuery(listQuery, request.query);
      const user = request.user!;
      const restricted = q.include === 'restricted';
      if (restricted && !can(user.role, 'restricted:read')) {
        return reply.code(403).send(restrictedRefusal(user.role));
      }
      const records = await findRecords(db, {
        search: q.search,
        filters: filtersOfQuery(q),
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
    },
  );
  app.get(
    '/api/records/facets',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'records',
          summary:
            'Counts of matching records and persons, per value of each facet (source, violation, place, year, sex, age group)',
          query: recordSearchQuery,
        },
      },
    },
    async (request, reply) => {
      const q = parseQuery(recordSearchQuery, request.query);
      const user = request.user!;
      // Counts disclose no details, but restricted records are counted only for roles that may
      // list them, so the counts always agree with the list beside them.
      const restricted = q.include === 'restricted';
      if (restricted && !can(user.role, 'restricted:read')) {
        return reply.code(403).send(restrictedRefusal(user.role));
      }
      return recordFacets(db, q.search, filtersOfQuery(q), { includeRestricted: restricted });
    },
  );
  return Promise.resolve();
};
