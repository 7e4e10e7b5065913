import type { Sql } from '../database.js';

/** Whether any of the records has a decision (standing or undone) or an incident linked. */
export interface RecordLinks {
  decisions: boolean;
  incidents: boolean;
}

/**
 * One cheap look before the full queries: most persons have neither decisions nor incidents, and
 * on the embedded store planning the full queries' joins costs more than this whole probe.
 */
export async function probeRecordLinks(
  db: Sql,
  recordIds: readonly number[],
): Promise<RecordLinks> {
  if (recordIds.length === 0) return { decisions: false, incidents: false };
  const rows = await db.query<RecordLinks>(
    `SELECT EXISTS (SELECT 1 FROM match_decision WHERE record_a = ANY($1::int[]))
         OR EXISTS (SELECT 1 FROM match_decision WHERE record_b = ANY($1::int[])) AS decisions,
            EXISTS (SELECT 1 FROM record_incident WHERE record_id = ANY($1::int[])) AS incidents`,
    [[...recordIds]],
  );
  return rows[0]!;
}
