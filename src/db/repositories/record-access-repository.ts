import type { Sql } from '../database.js';

/** The confidentiality of each of the given records (missing records are absent). */
export async function confidentialityOfRecords(
  db: Sql,
  recordIds: readonly number[],
): Promise<Map<number, string>> {
  const rows = await db.query<{ id: number; confidentiality: string }>(
    'SELECT id, confidentiality FROM record WHERE id = ANY($1::int[])',
    [[...recordIds]],
  );
  return new Map(rows.map((r) => [r.id, r.confidentiality]));
}
