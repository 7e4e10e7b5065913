import { basename } from 'node:path';
import type { ColumnMapping, MappableField } from '../../core/import/column-mapping.js';
import type { DateOrder } from '../../core/import/parse-date.js';
import type { Database, Sql } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findBatchByHash,
  finishBatch,
  insertBatch,
  type Batch,
} from '../../db/repositories/batch-repository.js';
import type { DeferredIndexes } from '../../db/repositories/deferred-indexes.js';
import {
  reserveRecordIds,
  storeEncodedRecords,
  storeEncodedRejections,
} from '../../db/repositories/record-repository.js';
import { findSourceBySlug, type SourceInput } from '../../db/repositories/source-repository.js';
import { createSource } from '../sources/sources-service.js';
import { hashFile } from './hash-file.js';
import { ImportError } from './import-error.js';
import { deferRecordIndexes } from './index-deferral.js';
import { openParsedTable } from './parse-thread/parsed-table.js';
import type { OpenTableOptions } from './readers/index.js';
import { TooManyErrors, type RowProblem } from './row-parser.js';

export { describeProblem, type RowProblem } from './row-parser.js';

export interface ImportProgress {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions extends OpenTableOptions {
  path: string;
  source: string;
  /** Describes the source to create when the slug is new; without it a new slug is an error. */
  createSource?: Omit<SourceInput, 'slug'>;
  actor: string;
  /** Explicit column choices (`--map`, mapping file); the rest is matched by header name. */
  columns?: ColumnMapping;
  defaults?: Partial<Record<MappableField, string>>;
  valueMaps?: Partial<Record<MappableField, Record<string, string>>>;
  dateOrder?: DateOrder;
  dryRun?: boolean;
  /** Most rows that may be rejected before the whole import is refused; null for no limit. */
  maxErrors?: number | null;
  /** Largest share of rows read (0–1) that may be rejected, checked at the end; null for no limit. */
  maxErrorShare?: number | null;
  /** Where to write rejected rows; null to write none. */
  rejectedPath?: string | null;
  /** The file name to record, when `path` is a temporary copy (uploads). */
  fileName?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  chunkSize?: number;
  /** Where rows are parsed: 'auto' (default) uses a worker thread for all but small files. */
  thread?: 'auto' | 'worker' | 'main';
}

export type ImportStatus = 'imported' | 'dry-run' | 'duplicate' | 'too-many-errors';

export interface ImportReport {
  status: ImportStatus;
  source: string;
  sourceCreated: boolean;
  batch: Batch | null;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
  encodingReason: string | null;
  mapping: ColumnMapping;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: number;
  /** The first problems and warnings (at most `sampleLimit` of each), for the report. */
  problems: RowProblem[];
  warningSamples: RowProblem[];
  rejectedPath: string | null;
  seconds: number;
}

/**
 * Imports one file as one batch of one source, atomically: either every accepted row, the batch,
 * the rejected rows and the audit event are committed together, or nothing is.
 */
export async function importFile(db: Database, options: ImportOptions): Promise<ImportReport> {
  const started = new Date();
  const fileName = options.fileName ?? basename(options.path);
  const { sha256, bytes } = await hashFile(options.path);
  let source = await findSourceBySlug(db, options.source);
  if (!source && !options.createSource) {
    throw new ImportError(
      `there is no source "${options.source}"; create it with \`sijil sources add ${options.source} --name-en "…"\`, or pass --create-source`,
    );
  }

  const table = await openParsedTable(
    {
      path: options.path,
      fileName,
      table: {
        format: options.format,
        encoding: options.encoding,
        sheet: options.sheet,
        delimiter: options.delimiter,
      },
      columns: options.columns ?? {},
      defaults: options.defaults ?? {},
      valueMaps: options.valueMaps ?? {},
      dateOrder: options.dateOrder ?? 'dmy',
      chunkSize: options.chunkSize ?? 5000,
      maxErrors: options.maxErrors ?? null,
      rejectedPath: options.rejectedPath ?? null,
    },
    bytes,
    options.thread,
  );
  const stopOnAbort = () => table.stop(interrupted);
  options.signal?.addEventListener('abort', stopOnAbort);
  try {
    const { opened } = table;
    const base = {
      source: options.source,
      sourceCreated: false,
      fileName,
      sha256,
      format: opened.format,
      encoding: opened.encoding,
      encodingReason: opened.encodingReason,
      mapping: opened.mapping,
    };
    const report = (status: ImportStatus, batch: Batch | null, sourceCreated: boolean) => {
      const summary = table.summary();
      return {
        ...base,
        status,
        sourceCreated,
        batch,
        ...summary.tally,
        problems: summary.problems,
        warningSamples: summary.warningSamples,
        rejectedPath:
          options.rejectedPath && summary.rejectedCount > 0 ? options.rejectedPath : null,
        seconds: secondsSince(started),
      };
    };

    if (source) {
      const previous = await findBatchByHash(db, source.id, sha256);
      if (previous) return report('duplicate', previous, false);
    }

    let sourceCreated = false;
    const run = async (tx: Sql | null) => {
      let batchId: number | null = null;
      let sourceId = source?.id ?? 0;
      if (tx) {
        if (!source) {
          source = await createSource(
            tx,
            { slug: options.source, ...options.createSource },
            options.actor,
          );
          sourceCreated = true;
        }
        sourceId = source.id;
        batchId = await insertBatch(tx, {
          sourceId,
          fileName,
          fileFormat: opened.format,
          encoding: opened.encoding,
          sha256,
          byteSize: bytes,
          mapping: {
            columns: opened.mapping,
            defaults: options.defaults ?? {},
            valueMaps: options.valueMaps ?? {},
            dateOrder: options.dateOrder ?? 'dmy',
          },
          importedBy: options.actor,
          startedAt: started,
        });
      }
      const reserve = tx ? (count: number) => reserveRecordIds(tx, count) : null;
      let deferred: DeferredIndexes | null | undefined;
      // While this thread stores one chunk, the parser (a worker thread for large files) reads
      // the next.
      for await (const chunk of table.chunks({ sourceId, batchId }, reserve)) {
        if (options.signal?.aborted) throw new ImportError(interrupted);
        if (tx && chunk.records !== null) {
          // Decided once, on the first chunk: undefined until then, null for "keep them".
          if (deferred === undefined) {
            deferred = await deferRecordIndexes(tx, db.kind, {
              rowsRead: chunk.tally.rowsRead,
              bytesRead: chunk.bytesRead,
              totalBytes: chunk.totalBytes,
            });
          }
          await storeEncodedRecords(tx, chunk.firstId, chunk.accepted, chunk.records);
          if (chunk.rejections !== null) await storeEncodedRejections(tx, chunk.rejections);
        }
        // Let the server answer other requests between chunks (the embedded store is one
        // connection: those needing it still wait for the import, the rest need not).
        await new Promise((resolve) => setImmediate(resolve));
        options.onProgress?.({
          ...chunk.tally,
          bytesRead: chunk.bytesRead,
          totalBytes: chunk.totalBytes,
        });
      }
      const { tally } = table.summary();
      const share = options.maxErrorShare;
      if (share !== null && share !== undefined && tally.rowsRejected > share * tally.rowsRead)
        throw new TooManyErrors();
      if (!tx || batchId === null) return null;
      await deferred?.rebuild(tx);
      const batch = await finishBatch(tx, batchId, tally);
      await appendAuditEvent(tx, {
        actor: options.actor,
        action: 'import.commit',
        entityType: 'import_batch',
        entityId: batch.id,
        after: { source: options.source, fileName, sha256, ...tally },
      });
      return batch;
    };

    try {
      const batch = options.dryRun ? await run(null) : await db.transaction(run);
      return report(options.dryRun ? 'dry-run' : 'imported', batch, sourceCreated);
    } catch (error) {
      if (error instanceof TooManyErrors) return report('too-many-errors', null, false);
      if (options.signal?.aborted) throw new ImportError(interrupted);
      throw error;
    }
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort);
    await table.close();
  }
}

const interrupted = 'the import was interrupted; nothing from this file was stored';

function secondsSince(start: Date): number {
  return (Date.now() - start.getTime()) / 1000;
}
