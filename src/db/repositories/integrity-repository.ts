import type { Sql } from '../database.js';

export interface IntegrityReport {
  recordsWithoutSource: number;
  recordsWithoutBatch: number;
  recordsWithoutPerson: number;
  personsWithoutRecords: number;
}

/** Checks the links the schema leaves to the services (see the record table's comment). */
export async function checkIntegrity(db: Sql): Promise<IntegrityReport> {
  const rows = await db.query<IntegrityReport>(
    `SELECT
       (SELECT count(*)::int FROM record r WHERE NOT EXISTS (SELECT 1 FROM source s WHERE s.id = r.source_id))
         AS "recordsWithoutSource",
       (SELECT count(*)::int FROM record r
         WHERE r.batch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = r.batch_id))
         AS "recordsWithoutBatch",
       (SELECT count(*)::int FROM record r WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = r.person_id))
         AS "recordsWithoutPerson",
       (SELECT count(*)::int FROM person p WHERE NOT EXISTS (SELECT 1 FROM record r WHERE r.person_id = p.id))
         AS "personsWithoutRecords"`,
  );
  return rows[0]!;
}
