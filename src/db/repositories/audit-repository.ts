import {
  auditEventHash,
  canonicalJson,
  genesisHash,
  type AuditEntry,
} from '../../core/audit/audit-chain.js';
import type { Sql } from '../database.js';

export interface StoredAuditEvent extends AuditEntry {
  id: number;
  at: string;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  id: number | string;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * Appends an event inside the caller's transaction, so a change and its trail commit or vanish
 * together. The advisory lock serialises writers so the hash chain never forks.
 */
export async function appendAuditEvent(tx: Sql, entry: AuditEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(727002)');
  const last = await tx.query<{ hash: string }>(
    'SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1',
  );
  const prevHash = last[0]?.hash ?? genesisHash;
  const at = new Date().toISOString();
  const id =
    entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId);
  await tx.query(
    `INSERT INTO audit_event (at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      at,
      entry.actor,
      entry.action,
      entry.entityType,
      id,
      entry.before === undefined ? null : canonicalJson(entry.before),
      entry.after === undefined ? null : canonicalJson(entry.after),
      prevHash,
      auditEventHash(prevHash, at, entry),
    ],
  );
}

/**
 * The id of the newest audit event, 0 when there is none: every write that changes the register
 * appends one, so while it stays the same nothing has changed.
 */
export async function newestAuditEventId(db: Sql): Promise<number> {
  const rows = await db.query<{ id: number | string | null }>(
    'SELECT max(id) AS id FROM audit_event',
  );
  return Number(rows[0]?.id ?? 0);
}

/** Events after `afterId` in order, at most `limit`. */
export async function auditEventsAfter(
  db: Sql,
  afterId: number,
  limit: number,
): Promise<StoredAuditEvent[]> {
  const rows = await db.query<AuditRow>(
    'SELECT * FROM audit_event WHERE id > $1 ORDER BY id LIMIT $2',
    [afterId, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? undefined,
    after: row.after ?? undefined,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
