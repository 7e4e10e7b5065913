import { extractClaims, type ScopeEvidence } from '../../core/claims/index.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findDocumentBody,
  insertProposedClaims,
  listClaims,
  type StoredClaim,
} from '../../db/repositories/claim-repository.js';
import { ClaimError } from './claim-error.js';
import { parseClaimScope, type ClaimScope } from './claim-scope.js';

/** What proposing a document's claims did. */
export interface ProposeResult {
  documentId: number;
  /** Claims stored now, status proposed. */
  added: StoredClaim[];
  /** Figures found that the ledger already held for this document. */
  alreadyHeld: number;
}

/**
 * Extracts the figures a stored document states and keeps them as proposed claims, quote
 * offsets into the document's body, each with the scope read from its sentence (population,
 * place, perpetrator, period, as-of date) where the words say one. Nothing is confirmed here: a
 * person confirms each claim and its scope.
 * Running it again adds only figures not yet held.
 */
export async function proposeClaims(
  db: Database,
  documentId: number,
  actor: string,
): Promise<ProposeResult> {
  const doc = await findDocumentBody(db, documentId);
  if (!doc) throw new ClaimError(`there is no document ${documentId}`, 404);
  const found = extractClaims(doc.body);
  const ids = await db.transaction(async (tx) => {
    const inserted: { id: number; evidence: ScopeEvidence[] }[] = [];
    for (const c of found) {
      // The proposed scope is checked as a confirmed one would be; it stays a proposal.
      const scope = c.scope ? proposedScope(c.scope) : {};
      const [id] = await insertProposedClaims(tx, [
        {
          documentId,
          value: c.value,
          qualifier: c.qualifier,
          category: c.category,
          quote: c.quote,
          start: c.start,
          end: c.end,
          scope,
        },
      ]);
      if (id !== undefined) inserted.push({ id, evidence: c.scopeEvidence ?? [] });
    }
    const newIds = inserted.map((x) => x.id);
    if (newIds.length > 0)
      await appendAuditEvent(tx, {
        actor,
        action: 'claims.propose',
        entityType: 'document',
        entityId: documentId,
        // Where each proposed scope was read from, so a reviewer can check it against the text.
        after: {
          claims: newIds,
          found: found.length,
          scopeEvidence: inserted
            .filter((x) => x.evidence.length > 0)
            .map((x) => ({
              claim: x.id,
              evidence: x.evidence.map(({ field, text, start, end }) => ({
                field,
                text,
                start,
                end,
              })),
            })),
        },
      });
    return newIds;
  });
  const wanted = new Set(ids);
  const added = (await listClaims(db, { documentId })).filter((c) => wanted.has(c.id));
  added.sort((a, b) => a.start - b.start);
  return { documentId, added, alreadyHeld: found.length - ids.length };
}

// A scope the ledger would refuse (a value too long, say) is dropped, not the figure.
function proposedScope(scope: unknown): ClaimScope {
  try {
    return parseClaimScope(scope);
  } catch (error) {
    if (error instanceof ClaimError) return {};
    throw error;
  }
}
