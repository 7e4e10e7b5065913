import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findClaim,
  updateClaimReview,
  type StoredClaim,
} from '../../db/repositories/claim-repository.js';
import { ClaimError } from './claim-error.js';
import { applyScopeItems, parseClaimScope, type ClaimScope } from './claim-scope.js';

/** A person's judgement on a proposed claim. */
export interface ClaimReview {
  decision: 'confirm' | 'reject';
  /** `key=value` scope items to apply first (see applyScopeItems). */
  scopeItems?: readonly string[];
  /** Or a whole scope, replacing the stored one (the API sends this). */
  scope?: unknown;
}

/**
 * Confirms or rejects a claim, optionally setting its scope, with an audit event holding the
 * status and scope before and after. A decision can be changed later; each change is audited.
 */
export async function reviewClaim(
  db: Database,
  claimId: number,
  review: ClaimReview,
  actor: string,
): Promise<StoredClaim> {
  await db.transaction(async (tx) => {
    const claim = await findClaim(tx, claimId, true);
    if (!claim) throw new ClaimError(`there is no claim ${claimId}`, 404);
    // Stored scopes were validated on the way in; reading them through the schema keeps it so.
    let scope: ClaimScope =
      review.scope === undefined ? parseClaimScope(claim.scope) : parseClaimScope(review.scope);
    if (review.scopeItems && review.scopeItems.length > 0)
      scope = applyScopeItems(scope, review.scopeItems);
    const status = review.decision === 'confirm' ? 'confirmed' : 'rejected';
    await updateClaimReview(tx, claimId, { status, scope, reviewedBy: actor });
    await appendAuditEvent(tx, {
      actor,
      action: `claim.${review.decision}`,
      entityType: 'claim',
      entityId: claimId,
      before: { status: claim.status, scope: claim.scope },
      after: { status, scope },
    });
  });
  const updated = await findClaim(db, claimId);
  if (!updated) throw new ClaimError(`there is no claim ${claimId}`, 404);
  return updated;
}
