import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../../db/database.js';
import type { StoredClaim } from '../../../db/repositories/claim-repository.js';
import { claimScopeSchema, claimsLedger, reviewClaim } from '../../../services/claims/index.js';

const statusValues = ['proposed', 'confirmed', 'rejected'] as const;

const ledgerQuery = z.object({
  category: z.string().max(40).optional(),
  status: z
    .union([z.enum(statusValues), z.array(z.enum(statusValues)).max(3)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
});
const claimParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});
const reviewBody = z.object({ scope: claimScopeSchema.optional() }).strict();

/** A reviewed claim as the API shows it: no row shapes, the document named. */
function presentClaim(c: StoredClaim): Record<string, unknown> {
  return {
    id: c.id,
    value: c.value,
    qualifier: c.qualifier,
    category: c.category,
    scope: c.scope,
    status: c.status,
    quote: c.quote,
    start: c.start,
    end: c.end,
    document: { id: c.documentId, title: c.documentTitle, source: c.source },
    reviewedBy: c.reviewedBy,
    reviewedAt: c.reviewedAt,
  };
}

/**
 * GET /api/claims: the ledger by question, each claim beside the register's count for its scope.
 * POST /api/claims/:id/confirm and /reject (records:edit, CSRF): a person's review, audited.
 */
export const claimRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  app.get(
    '/api/claims',
    {
      config: {
        permission: 'records:read',
        docs: {
          tag: 'claims',
          summary: "The claims ledger: figures documents state, beside the register's own counts",
          query: ledgerQuery,
        },
      },
    },
    async (request) => {
      const q = ledgerQuery.parse(request.query);
      return { questions: await claimsLedger(db, { category: q.category, statuses: q.status }) };
    },
  );
  for (const decision of ['confirm', 'reject'] as const) {
    app.post(
      `/api/claims/:id/${decision}`,
      {
        config: {
          permission: 'records:edit',
          docs: {
            tag: 'claims',
            summary: `${decision === 'confirm' ? 'Confirms' : 'Rejects'} a proposed claim, optionally with its scope`,
            params: claimParams,
            body: reviewBody,
          },
        },
      },
      async (request) => {
        const { id } = claimParams.parse(request.params);
        const body = reviewBody.parse(request.body ?? {});
        const claim = await reviewClaim(
          db,
          id,
          { decision, ...(body.scope !== undefined ? { scope: body.scope } : {}) },
          `user:${request.user!.id}`,
        );
        return { claim: presentClaim(claim) };
      },
    );
  }
  return Promise.resolve();
};
