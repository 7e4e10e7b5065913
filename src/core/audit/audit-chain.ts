import { createHash } from 'node:crypto';

/** One change to the register, as it goes into the chained audit trail. */
export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** The hash before the first event. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted, so a value hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** The event's hash covers its content and the hash of the event before it, making a chain. */
export function auditEventHash(prevHash: string, at: string, e: AuditEntry): string {
  const body = canonicalJson([
    at,
    e.actor,
    e.action,
    e.entityType,
    e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    e.before ?? null,
    e.after ?? null,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
