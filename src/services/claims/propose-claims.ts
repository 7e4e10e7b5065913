import { extractClaims } from '../../core/claims/index.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findDocumentBody,
  insertProposedClaims,
  listClaims,
  type StoredClaim,
} from '../../db/repositories/claim-repository.js';
import { ClaimError } from './claim-error.js';

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
 * offsets into the document's body. Nothing is confirmed here: a person confirms each claim.
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
    const newIds = await insertProposedClaims(
      tx,
      found.map((c) => ({ documentId, ...c })),
    );
    if (newIds.length > 0)
      await appendAuditEvent(tx, {
        actor,
        action: 'claims.propose',
        entityType: 'document',
        entityId: documentId,
        after: { claims: newIds, found: found.length },
      });
    return newIds;
  });
  const wanted = new Set(ids);
  const added = (await listClaims(db, { documentId })).filter((c) => wanted.has(c.id));
  added.sort((a, b) => a.start - b.start);
  return { documentId, added, alreadyHeld: found.length - ids.length };
}
