import type { RouteDocs } from '../../openapi/route-docs.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { can, type Role } from '../../../core/auth/permissions.js';
import type { Database } from '../../../db/database.js';
import { appendAuditEvent } from '../../../db/repositories/audit-repository.js';
import { findDecisionById } from '../../../db/repositories/linkage-decision-repository.js';
import {
  findReviewCursor,
  listOpenReviewPairs,
  reviewProgress,
} from '../../../db/repositories/linkage-queue-repository.js';
import { confidentialityOfRecords } from '../../../db/repositories/record-access-repository.js';
import {
  decidePair,
  LinkageError,
  undoReviewDecision,
} from '../../../services/register-linkage/index.js';
import { decisionBody, nextPairsQuery, undoBody } from './review-schemas.js';

/**
 * The review queue over HTTP, for roles that may decide matches:
 * - GET /api/review/next: the next open pairs (after the one last skipped) with the model's
 *   reasons field by field, and progress (decided since the last run / remaining);
 * - POST /api/review/decisions: same or different, applied to persons at once and audited by
 *   decidePair; the human decision stands over the model;
 * - POST /api/review/decisions/undo: undoes a decision by id and puts persons back as it found them.
 * Restricted records follow /api/records' rules: left out unless asked for by a role allowed them.
 */
export const reviewRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  const decide = (docs: RouteDocs) => ({
    config: { permission: 'matches:decide' as const, docs: { ...docs, tag: 'review' } },
  });

  app.get(
    '/api/review/next',
    decide({
      tag: 'review',
      summary:
        "The next uncertain pairs to review, most informative first, with the model's reasons and progress",
      query: nextPairsQuery,
    }),
    async (request, reply) => {
      const q = nextPairsQuery.parse(request.query);
      const user = request.user!;
      const restricted = q.include === 'restricted';
      if (restricted && !can(user.role, 'restricted:read'))
        return reply
          .code(403)
          .send({ error: `your role (${user.role}) may not see restricted details` });
      let after;
      if (q.after) {
        after = await findReviewCursor(db, q.after[0], q.after[1]);
        if (!after)
          return reply.code(404).send({
            error: `records ${q.after[0]} and ${q.after[1]} were never in the review queue`,
          });
      }
      const filter = { withoutRestricted: !restricted };
      const pairs = await listOpenReviewPairs(db, q.limit, {
        ...filter,
        ...(after ? { after } : {}),
      });
      if (restricted && pairs.length > 0)
        await db.transaction((tx) =>
          appendAuditEvent(tx, {
            actor: `user:${user.id}`,
            action: 'restricted.view',
            entityType: 'record',
            after: { records: pairs.flatMap((p) => [p.recordA, p.recordB]) },
          }),
        );
      return {
        pairs,
        progress: await reviewProgress(db, filter),
        access: { restricted: can(user.role, 'restricted:read'), restrictedShown: restricted },
      };
    },
  );

  app.post(
    '/api/review/decisions',
    decide({
      tag: 'review',
      summary:
        'Decides whether two records are the same person; the decision always stands over the model',
      body: decisionBody,
    }),
    async (request, reply) => {
      const body = decisionBody.parse(request.body);
      const user = request.user!;
      const missing = await invisibleRecord(db, user.role, [body.recordA, body.recordB]);
      if (missing !== null) return reply.code(404).send({ error: `there is no record ${missing}` });
      try {
        const outcome = await decidePair(db, {
          recordA: body.recordA,
          recordB: body.recordB,
          decision: body.decision,
          actor: `user:${user.id}`,
          ...(body.note === undefined ? {} : { note: body.note }),
        });
        return {
          decision: outcome.decision,
          changed: outcome.changed,
          replaced: outcome.replaced,
          personsBefore: outcome.personsBefore,
          personsAfter: outcome.personsAfter,
          // Counted, not listed: the moved records may include some the caller may not see.
          moved: outcome.movedRecords.length,
        };
      } catch (error) {
        return refused(reply, error);
      }
    },
  );

  app.post(
    '/api/review/decisions/undo',
    decide({
      tag: 'review',
      summary:
        'Undoes a decision and puts persons back as it found them, when nothing has moved them since',
      body: undoBody,
    }),
    async (request, reply) => {
      const body = undoBody.parse(request.body);
      const user = request.user!;
      const decision = await findDecisionById(db, body.decisionId);
      const missing =
        decision && (await invisibleRecord(db, user.role, [decision.recordA, decision.recordB]));
      if (!decision || missing !== null)
        return reply.code(404).send({ error: `there is no decision ${body.decisionId}` });
      try {
        const outcome = await undoReviewDecision(db, {
          decisionId: body.decisionId,
          actor: `user:${user.id}`,
        });
        return {
          undone: outcome.decision,
          personsRestored: outcome.personsRestored,
          notRestoredBecause: outcome.notRestoredBecause,
          moved: outcome.movedRecords.length,
          reopened: outcome.reopened,
        };
      } catch (error) {
        return refused(reply, error);
      }
    },
  );
  return Promise.resolve();
};

const canSeeRestricted = (role: Role): boolean => can(role, 'restricted:read');

/**
 * The first of `ids` the caller cannot see: missing, or restricted for a role not allowed
 * restricted records (answered as missing, so ids do not reveal that a restricted record exists).
 */
async function invisibleRecord(
  db: Database,
  role: Role,
  ids: readonly number[],
): Promise<number | null> {
  const found = await confidentialityOfRecords(db, ids);
  for (const id of ids) {
    const confidentiality = found.get(id);
    if (confidentiality === undefined) return id;
    if (confidentiality === 'restricted' && !canSeeRestricted(role)) return id;
  }
  return null;
}

/** A decision the register refuses (it would break another decision): 409 with the reason. */
function refused(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof LinkageError) return reply.code(409).send({ error: error.message });
  throw error;
}
