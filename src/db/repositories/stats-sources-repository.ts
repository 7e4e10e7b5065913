import { queryFields, type CountFilters } from '../../core/stats/counts/index.js';
import type { Sql, SqlValue } from '../database.js';
import { consistentRecordSql, matchedPersonsSql } from './stats-person-values.js';

/** Persons recorded by exactly this set of sources (ids ascending). */
export interface CaptureRow {
  sourceIds: number[];
  persons: number;
}

export interface SourceScope {
  /** Only persons matching these filters, and only their records that do not contradict them. */
  where?: CountFilters;
  /** Only these sources (ids); persons none of them recorded drop out. */
  sourceIds?: readonly number[];
}

/**
 * The records counted for comparison, `recs(id, person_id, source_id)`, and the distinct
 * person–source pairs, `ps(person_id, source_id)`. Without filters this is the whole register.
 */
function scopeSql(scope: SourceScope, params: SqlValue[]): string {
  const where = scope.where ?? {};
  const conditions: string[] = [];
  const ctes: string[] = [];
  if (Object.keys(where).length > 0) {
    ctes.push(matchedPersonsSql(queryFields({ by: [], where }), where, params));
    conditions.push('r.person_id IN (SELECT person_id FROM matched)');
    conditions.push(consistentRecordSql(where, params));
  }
  if (scope.sourceIds) {
    params.push([...scope.sourceIds]);
    conditions.push(`r.source_id = ANY($${params.length}::int[])`);
  }
  ctes.push(`recs AS (SELECT r.id, r.person_id, r.source_id FROM record r
    ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''})`);
  ctes.push('ps AS (SELECT DISTINCT person_id, source_id FROM recs)');
  return ctes.join(',\n');
}

/** A source's id and slug. */
export interface SourceName {
  sourceId: number;
  slug: string;
}

/** Every source, in slug order. */
export async function sourceNames(db: Sql): Promise<SourceName[]> {
  const rows = await db.query<{ id: number; slug: string }>(
    'SELECT id, slug FROM source ORDER BY slug',
  );
  return rows.map((r) => ({ sourceId: r.id, slug: r.slug }));
}

/** The capture histories in scope and the records each source has in it. */
export interface CaptureScan {
  captures: CaptureRow[];
  /** Records in scope by source id (sources with none are absent). */
  records: Map<number, number>;
}

/**
 * Capture histories (every combination of sources that recorded someone, with its persons) and
 * records per source, in one pass over the scope; per-source and pairwise figures follow from
 * the histories (see summariseCaptures).
 */
export async function captureHistories(db: Sql, scope: SourceScope = {}): Promise<CaptureScan> {
  const params: SqlValue[] = [];
  // The combination travels as text ("1,4,7"): both drivers return it the same way.
  const rows = await db.query<{ kind: string; key: string; n: number }>(
    `WITH ${scopeSql(scope, params)}
     SELECT 'c' AS kind, sources AS key, count(*)::int AS n FROM (
       SELECT person_id, string_agg(source_id::text, ',' ORDER BY source_id) AS sources
       FROM ps GROUP BY person_id) h
     GROUP BY sources
     UNION ALL
     SELECT 'r', source_id::text, count(*)::int FROM recs GROUP BY source_id`,
    params,
  );
  const captures: CaptureRow[] = [];
  const records = new Map<number, number>();
  for (const r of rows) {
    if (r.kind === 'c') captures.push({ sourceIds: r.key.split(',').map(Number), persons: r.n });
    else records.set(Number(r.key), r.n);
  }
  return { captures, records };
}
