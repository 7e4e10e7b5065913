import type { Database, Sql } from '../../db/database.js';
import { DeferredIndexes } from '../../db/repositories/deferred-indexes.js';

/** Below this many rows an import is over in a second or two and the rebuild is not worth it. */
const FEWEST_ROWS = 50_000;

export interface ReadSoFar {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/**
 * Rows the whole file should give, from the rows its first bytes gave; null while nothing has
 * been read to judge by.
 */
export function expectedRows({ rowsRead, bytesRead, totalBytes }: ReadSoFar): number | null {
  if (rowsRead <= 0 || bytesRead <= 0 || totalBytes <= 0) return null;
  return Math.round((rowsRead * totalBytes) / Math.min(bytesRead, totalBytes));
}

/**
 * Whether an import expecting `rows` rows into a register holding at most `recordsHeld` records
 * should build the record and person indexes at the end: the rebuild costs about 3 µs for every
 * record, old and new, and saves 7–9 µs for every new one, so it pays once the import is as large
 * as the register.
 */
export function deferIndexesFor(rows: number, recordsHeld: number): boolean {
  return rows >= FEWEST_ROWS && rows >= recordsHeld;
}

/**
 * Drops the record and person tables' deferrable indexes (see DeferredIndexes) inside the
 * import's transaction when the import looks large enough (judged from its first chunk), on the
 * embedded store only: there the import holds the store's one connection anyway, while on a
 * PostgreSQL server the drop would lock readers out of the table until the import commits.
 * Returns what to rebuild before committing, or null.
 */
export async function deferRecordIndexes(
  tx: Sql,
  kind: Database['kind'],
  firstChunk: ReadSoFar,
): Promise<DeferredIndexes | null> {
  if (kind !== 'pglite') return null;
  const rows = expectedRows(firstChunk);
  if (rows === null || rows < FEWEST_ROWS) return null;
  // Record ids only grow, so the highest one bounds how many records there are (one index probe).
  const [held] = await tx.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM record');
  if (!deferIndexesFor(rows, held!.n)) return null;
  return DeferredIndexes.drop(tx, ['record', 'person']);
}
