import type { Sql } from '../database.js';

export interface RegisterCounts {
  records: number;
  persons: number;
  sources: number;
  batches: number;
  documents: number;
}

export async function registerCounts(db: Sql): Promise<RegisterCounts> {
  const rows = await db.query<RegisterCounts>(
    `SELECT (SELECT count(*) FROM record)::int AS records, (SELECT count(*) FROM person)::int AS persons,
            (SELECT count(*) FROM source)::int AS sources, (SELECT count(*) FROM import_batch)::int AS batches,
            (SELECT count(*) FROM document)::int AS documents`,
  );
  return rows[0]!;
}
