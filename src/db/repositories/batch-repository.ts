import type { Sql } from '../database.js';

export interface BatchInput {
  sourceId: number;
  fileName: string;
  fileFormat: string;
  encoding: string | null;
  sha256: string;
  byteSize: number;
  mapping: object;
  importedBy: string;
  startedAt: Date;
}

export interface BatchCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: number;
}

export interface Batch extends BatchCounts {
  id: number;
  sourceId: number;
  fileName: string;
  fileFormat: string;
  encoding: string | null;
  sha256: string;
  importedBy: string;
  finishedAt: string;
}

interface BatchRow {
  id: number;
  source_id: number;
  file_name: string;
  file_format: string;
  encoding: string | null;
  sha256: string;
  imported_by: string;
  finished_at: Date;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  warnings: number;
}

function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    sourceId: row.source_id,
    fileName: row.file_name,
    fileFormat: row.file_format,
    encoding: row.encoding,
    sha256: row.sha256,
    importedBy: row.imported_by,
    finishedAt: row.finished_at.toISOString(),
    rowsRead: row.rows_read,
    rowsAccepted: row.rows_accepted,
    rowsRejected: row.rows_rejected,
    warnings: row.warnings,
  };
}

export async function findBatchByHash(
  db: Sql,
  sourceId: number,
  sha256: string,
): Promise<Batch | null> {
  const rows = await db.query<BatchRow>(
    'SELECT * FROM import_batch WHERE source_id = $1 AND sha256 = $2',
    [sourceId, sha256],
  );
  return rows[0] ? toBatch(rows[0]) : null;
}

/** Opens a batch with zero counts; the same transaction fills them in with `finishBatch`. */
export async function insertBatch(tx: Sql, input: BatchInput): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO import_batch (source_id, file_name, file_format, encoding, sha256, byte_size, mapping,
       rows_read, rows_accepted, rows_rejected, imported_by, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, $8, $9) RETURNING id`,
    [
      input.sourceId,
      input.fileName,
      input.fileFormat,
      input.encoding,
      input.sha256,
      input.byteSize,
      JSON.stringify(input.mapping),
      input.importedBy,
      input.startedAt,
    ],
  );
  return rows[0]!.id;
}

export async function finishBatch(tx: Sql, id: number, counts: BatchCounts): Promise<Batch> {
  const rows = await tx.query<BatchRow>(
    `UPDATE import_batch SET rows_read = $2, rows_accepted = $3, rows_rejected = $4, warnings = $5,
       finished_at = now() WHERE id = $1 RETURNING *`,
    [id, counts.rowsRead, counts.rowsAccepted, counts.rowsRejected, counts.warnings],
  );
  return toBatch(rows[0]!);
}
