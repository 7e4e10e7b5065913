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

/** The open queue, most informative first, at most `limit` entries. */
export async function listOpenReviewPairs(db: Sql, limit: number): Promise<ReviewItem[]> {
  const rows = await db.query<ItemRow>(
    `SELECT c.record_a, c.record_b, c.probability, c.match_weight, c.priority,
            (ra.person_id = rb.person_id) AS same_person, c.explanation,
            ${recordJson('ra')} AS a, ${recordJson('rb')} AS b
       FROM match_candidate c
       JOIN record ra ON ra.id = c.record_a JOIN source ras ON ras.id = ra.source_id
       JOIN record rb ON rb.id = c.record_b JOIN source rbs ON rbs.id = rb.source_id
      WHERE c.status = 'open'
      ORDER BY c.priority DESC, c.record_a, c.record_b
      LIMIT $1`,
    [limit],
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

/** Number of open queue entries. */
export async function countOpenReviewPairs(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM match_candidate WHERE status = 'open'",
  );
  return rows[0]?.n ?? 0;
}
