import { copyLine } from '../copy-text.js';
import type { Sql } from '../database.js';

/** One uncertain pair waiting for a reviewer; `recordA` < `recordB`. */
export interface ReviewPair {
  recordA: number;
  recordB: number;
  probability: number;
  matchWeight: number;
  priority: number;
  samePerson: boolean;
  /** The model's reasons, field by field (see services/register-linkage/review-queue.ts). */
  explanation: object;
}

/** Replaces the open queue with a run's pairs (COPY); decided entries stay as history. */
export async function replaceOpenReviewPairs(
  tx: Sql,
  runId: number,
  pairs: readonly ReviewPair[],
): Promise<void> {
  await tx.query("DELETE FROM match_candidate WHERE status = 'open'");
  if (pairs.length === 0) return;
  let text = '';
  for (const p of pairs)
    text += copyLine([
      p.recordA,
      p.recordB,
      runId,
      p.probability,
      p.matchWeight,
      p.priority,
      p.samePerson,
      p.explanation,
    ]);
  await tx.copyRows(
    'match_candidate',
    [
      'record_a',
      'record_b',
      'run_id',
      'probability',
      'match_weight',
      'priority',
      'same_person',
      'explanation',
    ],
    text,
  );
}

/** Takes a pair out of the open queue once it is decided. */
export async function closeReviewPair(tx: Sql, recordA: number, recordB: number): Promise<void> {
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  await tx.query(
    "UPDATE match_candidate SET status = 'decided' WHERE record_a = $1 AND record_b = $2 AND status = 'open'",
    [a, b],
  );
}

/** A record as a reviewer sees it next to another. */
export interface ReviewRecord {
  id: number;
  personId: number;
  source: string;
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  sex: string | null;
  age: number | null;
  birthDate: string | null;
  eventDate: string | null;
  place: string | null;
}

/** An open queue entry with both records. */
export interface ReviewItem extends ReviewPair {
  a: ReviewRecord;
  b: ReviewRecord;
}

interface ItemRow {
  record_a: number;
  record_b: number;
  probability: number;
  match_weight: number;
  priority: number;
  same_person: boolean;
  explanation: object;
  a: ReviewRecord;
  b: ReviewRecord;
}

const recordJson = (alias: string): string =>
  `json_build_object('id', ${alias}.id, 'personId', ${alias}.person_id, 'source', ${alias}s.slug,
     'sourceRecordId', ${alias}.source_record_id, 'name', ${alias}.name,
     'nameLatin', ${alias}.name_latin, 'sex', ${alias}.sex, 'age', ${alias}.age,
     'birthDate', CASE WHEN ${alias}.birth_date_start IS NULL THEN NULL
       WHEN ${alias}.birth_date_precision = 'day' THEN ${alias}.birth_date_start::text
       ELSE ${alias}.birth_date_start::text || '…' || ${alias}.birth_date_end::text END,
     'eventDate', CASE WHEN ${alias}.event_date_start IS NULL THEN NULL
       WHEN ${alias}.event_date_precision = 'day' THEN ${alias}.event_date_start::text
       ELSE ${alias}.event_date_start::text || '…' || ${alias}.event_date_end::text END,
     'place', concat_ws(', ', ${alias}.place_site, ${alias}.place_locality,
       ${alias}.place_governorate, ${alias}.place_country))`;

/** Where a page of the queue starts: just after this pair, in queue order. */
export interface ReviewCursor {
  priority: number;
  recordA: number;
  recordB: number;
}

/** Which open pairs a caller sees. */
export interface OpenReviewFilter {
  /** Leave out pairs with a restricted record (for callers who may not see them). */
  withoutRestricted?: boolean;
}

/** SQL conditions on the queue `c` and its records `ra`, `rb` for a filter. */
function filterSql(filter: OpenReviewFilter): string {
  return filter.withoutRestricted
    ? " AND ra.confidentiality <> 'restricted' AND rb.confidentiality <> 'restricted'"
    : '';
}

/**
 * The open queue, most informative first, at most `limit` entries; after `after` when given
 * (keyset paging: a reviewer who skips pairs moves on without the queue changing under them).
 */
export async function listOpenReviewPairs(
  db: Sql,
  limit: number,
  options: OpenReviewFilter & { after?: ReviewCursor } = {},
): Promise<ReviewItem[]> {
  const params: (number | string)[] = [limit];
  let page = '';
  if (options.after) {
    params.push(options.after.priority, options.after.recordA, options.after.recordB);
    page = ` AND (c.priority < $2 OR (c.priority = $2 AND (c.record_a > $3
               OR (c.record_a = $3 AND c.record_b > $4))))`;
  }
  const rows = await db.query<ItemRow>(
    `SELECT c.record_a, c.record_b, c.probability, c.match_weight, c.priority,
            (ra.person_id = rb.person_id) AS same_person, c.explanation,
            ${recordJson('ra')} AS a, ${recordJson('rb')} AS b
       FROM match_candidate c
       JOIN record ra ON ra.id = c.record_a JOIN source ras ON ras.id = ra.source_id
       JOIN record rb ON rb.id = c.record_b JOIN source rbs ON rbs.id = rb.source_id
      WHERE c.status = 'open'${filterSql(options)}${page}
      ORDER BY c.priority DESC, c.record_a, c.record_b
      LIMIT $1`,
    params,
  );
  return rows.map((r) => ({
    recordA: r.record_a,
    recordB: r.record_b,
    probability: r.probability,
    matchWeight: r.match_weight,
    priority: r.priority,
    samePerson: r.same_person,
    explanation: r.explanation,
    a: r.a,
    b: r.b,
  }));
}

/** The queue position of a pair (its latest queue entry, open or decided), if it was queued. */
export async function findReviewCursor(
  db: Sql,
  recordA: number,
  recordB: number,
): Promise<ReviewCursor | null> {
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  const rows = await db.query<{ priority: number }>(
    'SELECT priority FROM match_candidate WHERE record_a = $1 AND record_b = $2 ORDER BY id DESC LIMIT 1',
    [a, b],
  );
  const row = rows[0];
  return row ? { priority: row.priority, recordA: a, recordB: b } : null;
}

/**
 * Puts a decided pair back in the open queue (its decision was undone), if the pair was queued
 * and is not open already. Returns true when it is open afterwards.
 */
export async function reopenReviewPair(
  tx: Sql,
  recordA: number,
  recordB: number,
): Promise<boolean> {
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  await tx.query(
    `UPDATE match_candidate SET status = 'open'
      WHERE id = (SELECT max(id) FROM match_candidate WHERE record_a = $1 AND record_b = $2)
        AND status = 'decided'
        AND NOT EXISTS (SELECT 1 FROM match_candidate
                         WHERE record_a = $1 AND record_b = $2 AND status = 'open')`,
    [a, b],
  );
  const open = await tx.query(
    "SELECT 1 FROM match_candidate WHERE record_a = $1 AND record_b = $2 AND status = 'open'",
    [a, b],
  );
  return open.length > 0;
}

/**
 * Progress through the queue of the latest run: pairs decided since it was filled, and pairs
 * still open (that the caller sees).
 */
export async function reviewProgress(
  db: Sql,
  filter: OpenReviewFilter = {},
): Promise<{ decided: number; remaining: number }> {
  const rows = await db.query<{ decided: number; remaining: number }>(
    `SELECT count(*) FILTER (WHERE c.status = 'decided'
                               AND c.run_id = (SELECT max(id) FROM link_run))::int
              AS decided,
            count(*) FILTER (WHERE c.status = 'open')::int AS remaining
       FROM match_candidate c
       JOIN record ra ON ra.id = c.record_a JOIN record rb ON rb.id = c.record_b
      WHERE true${filterSql(filter)}`,
  );
  return { decided: rows[0]?.decided ?? 0, remaining: rows[0]?.remaining ?? 0 };
}

/** Number of open queue entries. */
export async function countOpenReviewPairs(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM match_candidate WHERE status = 'open'",
  );
  return rows[0]?.n ?? 0;
}
