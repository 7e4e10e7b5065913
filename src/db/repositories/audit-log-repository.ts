import type { Sql, SqlValue } from '../database.js';

/** Which events the audit log shows: every part optional, newest first, a page at a time. */
export interface AuditLogFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  /** Events at or after this instant. */
  from?: Date | undefined;
  /** Events before this instant. */
  until?: Date | undefined;
  /** Events older than this one (the cursor of the page before). */
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditLogEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface AuditLogRow {
  id: number | string;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

/** The events that match, newest first (by id: the chain's order), at most `limit`. */
export async function listAuditLog(db: Sql, filter: AuditLogFilter): Promise<AuditLogEntry[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (condition: string, value: SqlValue) => {
    params.push(value);
    where.push(condition.replace('?', `$${params.length}`));
  };
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.entityType !== undefined) add('entity_type = ?', filter.entityType);
  if (filter.from !== undefined) add('at >= ?', filter.from);
  if (filter.until !== undefined) add('at < ?', filter.until);
  if (filter.beforeId !== undefined) add('id < ?', filter.beforeId);
  params.push(filter.limit);
  const rows = await db.query<AuditLogRow>(
    `SELECT id, at, actor, action, entity_type, entity_id, before, after FROM audit_event
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
  }));
}

/** The actions and kinds of entity the trail holds, to offer as filters. */
export async function auditLogVocabulary(
  db: Sql,
): Promise<{ actions: string[]; entityTypes: string[] }> {
  const actions = await db.query<{ action: string }>(
    'SELECT DISTINCT action FROM audit_event ORDER BY action',
  );
  const entityTypes = await db.query<{ entity_type: string }>(
    'SELECT DISTINCT entity_type FROM audit_event ORDER BY entity_type',
  );
  return {
    actions: actions.map((r) => r.action),
    entityTypes: entityTypes.map((r) => r.entity_type),
  };
}
