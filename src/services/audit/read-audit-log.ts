import type { Sql } from '../../db/database.js';
import { listAuditLog, type AuditLogEntry } from '../../db/repositories/audit-log-repository.js';
import { emailsOfUsers } from '../../db/repositories/user-account-repository.js';
import { findUserByEmail } from '../../db/repositories/user-repository.js';
import { AuditLogQueryError } from './audit-log-query-error.js';
import { withholdRestricted } from './withhold-restricted.js';

export interface AuditLogQuery {
  /** An account's email, or an actor as the trail names it (`user:3`, `cli:layla`, `system:demo`). */
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** The `next` of the page before. */
  before?: number | undefined;
  limit: number;
}

/** An event as the Admin screen shows it: accounts named by email, restricted values withheld. */
export interface AuditLogEvent extends AuditLogEntry {
  /** The email of the account behind a `user:ID` actor. */
  actorEmail: string | null;
  /** The email of the account an event about a user concerns. */
  subjectEmail: string | null;
}

const dayMs = 24 * 3600_000;

/** `user:ID` → ID. */
function userIdOfActor(actor: string): number | null {
  const match = /^user:(\d+)$/.exec(actor);
  return match ? Number(match[1]) : null;
}

function userIdOfSubject(event: AuditLogEntry): number | null {
  return event.entityType === 'user' && event.entityId && /^\d+$/.test(event.entityId)
    ? Number(event.entityId)
    : null;
}

async function actorFilter(db: Sql, actor: string | undefined): Promise<string | undefined> {
  if (actor === undefined || !actor.includes('@')) return actor;
  const user = await findUserByEmail(db, actor.trim().toLowerCase());
  if (!user) throw new AuditLogQueryError(`there is no account for ${actor}`);
  return `user:${user.id}`;
}

/**
 * A page of the audit trail, newest first, filtered by who, what, what kind of thing and which
 * days; `next` is the cursor of the following (older) page, null on the last one.
 */
export async function readAuditLog(
  db: Sql,
  query: AuditLogQuery,
): Promise<{ events: AuditLogEvent[]; next: number | null }> {
  const entries = await listAuditLog(db, {
    actor: await actorFilter(db, query.actor),
    action: query.action,
    entityType: query.entityType,
    from: query.from === undefined ? undefined : new Date(`${query.from}T00:00:00Z`),
    until:
      query.to === undefined ? undefined : new Date(Date.parse(`${query.to}T00:00:00Z`) + dayMs),
    beforeId: query.before,
    // One more than asked: whether it comes says whether there is a next page.
    limit: query.limit + 1,
  });
  const page = entries.slice(0, query.limit);
  const ids = new Set<number>();
  for (const e of page) {
    for (const id of [userIdOfActor(e.actor), userIdOfSubject(e)]) if (id !== null) ids.add(id);
  }
  const emails = await emailsOfUsers(db, [...ids]);
  const emailOf = (id: number | null) => (id === null ? null : (emails.get(id) ?? null));
  return {
    events: page.map((e) => ({
      ...e,
      before: withholdRestricted(e.before),
      after: withholdRestricted(e.after),
      actorEmail: emailOf(userIdOfActor(e.actor)),
      subjectEmail: emailOf(userIdOfSubject(e)),
    })),
    next: entries.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
