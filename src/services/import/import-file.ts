import { basename } from 'node:path';
import {
  createRecordBuilder,
  type CellProblem,
  type RecordBuildOptions,
} from '../../core/import/build-record.js';
import {
  resolveMapping,
  type ColumnMapping,
  type MappableField,
} from '../../core/import/column-mapping.js';
import type { DateOrder } from '../../core/import/parse-date.js';
import { searchText } from '../../core/records/search-text.js';
import type { Database, Sql } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  findBatchByHash,
  finishBatch,
  insertBatch,
  type Batch,
} from '../../db/repositories/batch-repository.js';
import {
  copyRecords,
  copyRejections,
  type NewRecord,
  type NewRejection,
} from '../../db/repositories/record-repository.js';
import { findSourceBySlug, type SourceInput } from '../../db/repositories/source-repository.js';
import { createSource } from '../sources/sources-service.js';
import { hashFile } from './hash-file.js';
import { ImportError } from './import-error.js';
import { openTable, type OpenTableOptions } from './readers/index.js';
import { RejectedRowsFile, rejectedRowColumns } from './rejected-rows-file.js';

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
}

/** One rejected or doubtful cell, located for the user. */
export interface RowProblem extends CellProblem {
  row: number;
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

const sampleLimit = 50;

export function describeProblem(p: RowProblem): string {
  const where = p.column === null ? `row ${p.row}` : `row ${p.row}, column "${p.column}"`;
  const value =
    p.value === '' ? '' : ` value "${p.value.length > 60 ? p.value.slice(0, 57) + '…' : p.value}"`;
  return `${where}${value}: ${p.reason}`;
}

class TooManyErrors extends Error {}

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

  const reader = await openTable(options.path, options);
  try {
    const known = new Set<string>(rejectedRowColumns);
    const headers = reader.headers.filter((h) => !known.has(h));
    const { mapping, errors } = resolveMapping(headers, options.columns ?? {});
    if (errors.length > 0)
      throw new ImportError(
        `the column mapping does not fit ${fileName}:\n  ${errors.join('\n  ')}`,
      );
    const buildOptions: RecordBuildOptions = {
      mapping,
      defaults: options.defaults ?? {},
      valueMaps: options.valueMaps ?? {},
      dateOrder: options.dateOrder ?? 'dmy',
    };
    const build = createRecordBuilder(buildOptions);
    const base = {
      source: options.source,
      sourceCreated: false,
      fileName,
      sha256,
      format: reader.format,
      encoding: reader.encoding,
      encodingReason: reader.encodingReason,
      mapping,
    };

    if (source) {
      const previous = await findBatchByHash(db, source.id, sha256);
      if (previous) {
        return {
          ...base,
          status: 'duplicate',
          batch: previous,
          rowsRead: 0,
          rowsAccepted: 0,
          rowsRejected: 0,
          warnings: 0,
          problems: [],
          warningSamples: [],
          rejectedPath: null,
          seconds: secondsSince(started),
        };
      }
    }

    const rejected = options.rejectedPath
      ? new RejectedRowsFile(options.rejectedPath, reader.headers)
      : null;
    const tally = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, warnings: 0 };
    const problems: RowProblem[] = [];
    const warningSamples: RowProblem[] = [];
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
          fileFormat: reader.format,
          encoding: reader.encoding,
          sha256,
          byteSize: bytes,
          mapping: {
            columns: mapping,
            defaults: buildOptions.defaults,
            valueMaps: buildOptions.valueMaps,
            dateOrder: buildOptions.dateOrder,
          },
          importedBy: options.actor,
          startedAt: started,
        });
      }
      const chunkSize = options.chunkSize ?? 5000;
      let records: NewRecord[] = [];
      let rejections: NewRejection[] = [];
      // One chunk is stored while the next is read: a PostgreSQL server inserts in parallel with
      // parsing (on the embedded store both share one thread, and nothing is lost either way).
      let storing: Promise<void> = Promise.resolve();
      const flush = async () => {
        const chunk = { records, rejections };
        records = [];
        rejections = [];
        await storing;
        if (tx) {
          const stored = (async () => {
            await copyRecords(tx, chunk.records);
            await copyRejections(tx, chunk.rejections);
          })();
          // Awaited at the next flush or at the end; this only keeps Node from calling it unhandled.
          stored.catch(() => undefined);
          storing = stored;
        }
        options.onProgress?.({
          ...tally,
          bytesRead: reader.bytesRead(),
          totalBytes: reader.totalBytes,
        });
      };

      try {
        for await (const row of reader.rows) {
          if (options.signal?.aborted)
            throw new ImportError('the import was interrupted; nothing from this file was stored');
          tally.rowsRead += 1;
          const built = build(stripOwnColumns(row.cells));
          const rowProblems: RowProblem[] = built.problems.map((p) => ({
            ...p,
            row: row.rowNumber,
          }));
          if (row.problem)
            rowProblems.unshift({
              row: row.rowNumber,
              column: null,
              field: null,
              value: '',
              reason: row.problem,
            });
          for (const w of built.warnings) {
            tally.warnings += 1;
            if (warningSamples.length < sampleLimit)
              warningSamples.push({ ...w, row: row.rowNumber });
          }
          if (rowProblems.length > 0) {
            tally.rowsRejected += 1;
            for (const p of rowProblems) if (problems.length < sampleLimit) problems.push(p);
            await rejected?.write(
              row.rowNumber,
              row.cells,
              rowProblems.map((p) => describeProblem(p)).join('; '),
            );
            if (batchId !== null) {
              rejections.push({
                batchId,
                rowNumber: row.rowNumber,
                raw: built.raw,
                restricted: built.fields.restricted,
                problems: rowProblems,
              });
            }
            if (
              options.maxErrors !== null &&
              options.maxErrors !== undefined &&
              tally.rowsRejected > options.maxErrors
            ) {
              throw new TooManyErrors();
            }
            continue;
          }
          tally.rowsAccepted += 1;
          records.push({
            sourceId,
            batchId,
            rowNumber: row.rowNumber,
            raw: built.raw,
            searchText: searchText(built.fields),
            fields: built.fields,
          });
          if (records.length + rejections.length >= chunkSize) await flush();
        }
        await flush();
        await storing;
      } catch (error) {
        // Let a chunk still being stored finish before the transaction is rolled back.
        await storing.catch(() => undefined);
        throw error;
      }
      const share = options.maxErrorShare;
      if (share !== null && share !== undefined && tally.rowsRejected > share * tally.rowsRead)
        throw new TooManyErrors();
      if (!tx || batchId === null) return null;
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

    let batch: Batch | null = null;
    let status: ImportStatus = options.dryRun ? 'dry-run' : 'imported';
    try {
      batch = options.dryRun ? await run(null) : await db.transaction(run);
    } catch (error) {
      if (!(error instanceof TooManyErrors)) throw error;
      status = 'too-many-errors';
      batch = null;
      sourceCreated = false;
    } finally {
      await rejected?.close();
    }
    return {
      ...base,
      status,
      sourceCreated,
      batch,
      ...tally,
      problems,
      warningSamples,
      rejectedPath: rejected && rejected.count > 0 ? rejected.path : null,
      seconds: secondsSince(started),
    };
  } finally {
    await reader.close();
  }
}

function stripOwnColumns(cells: Record<string, string>): Record<string, string> {
  if (!(rejectedRowColumns[0] in cells)) return cells;
  const copy = { ...cells };
  for (const column of rejectedRowColumns) delete copy[column];
  return copy;
}

function secondsSince(start: Date): number {
  return (Date.now() - start.getTime()) / 1000;
}
