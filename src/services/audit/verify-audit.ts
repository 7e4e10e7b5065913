import { auditEventHash, genesisHash } from '../../core/audit/audit-chain.js';
import type { Sql } from '../../db/database.js';
import { auditEventsAfter } from '../../db/repositories/audit-repository.js';

export interface AuditVerification {
  ok: boolean;
  events: number;
  /** The first event whose hash or link does not hold, if any. */
  brokenAt: number | null;
  reason: string | null;
}

/** Recomputes the chain from the first event, a page at a time; an edit, insertion or deletion breaks it. */
export async function verifyAudit(db: Sql, pageSize = 10_000): Promise<AuditVerification> {
  let prev = genesisHash;
  let events = 0;
  let afterId = 0;
  for (;;) {
    const page = await auditEventsAfter(db, afterId, pageSize);
    for (const event of page) {
      if (event.prevHash !== prev) {
        return {
          ok: false,
          events,
          brokenAt: event.id,
          reason: 'it does not follow the event before it: an event was removed or inserted',
        };
      }
      if (auditEventHash(prev, event.at, event) !== event.hash) {
        return {
          ok: false,
          events,
          brokenAt: event.id,
          reason: 'its content no longer matches its hash: it was edited',
        };
      }
      prev = event.hash;
      events += 1;
      afterId = event.id;
    }
    if (page.length < pageSize) return { ok: true, events, brokenAt: null, reason: null };
  }
}
