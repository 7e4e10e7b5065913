import { createRecordBuilder, type RecordBuildOptions } from '../../core/import/build-record.js';
import {
  resolveMapping,
  type ColumnMapping,
  type MappableField,
} from '../../core/import/column-mapping.js';
import type { DateOrder } from '../../core/import/parse-date.js';
import { BinaryCopyWriter } from '../../db/binary-copy-writer.js';
import { RecordChunkEncoder, encodeRejections } from '../../db/repositories/record-repository.js';
import { ImportError } from './import-error.js';
import { openTable, type OpenTableOptions, type TableReader } from './readers/index.js';
import { RejectedRowsFile, rejectedRowColumns } from './rejected-rows-file.js';
import { RowParser, type RowProblem, type RowTally } from './row-parser.js';

/** Everything needed to parse one file: plain data, so it can cross to a worker thread. */
export interface ParseRequest {
  path: string;
  fileName: string;
  table: OpenTableOptions;
  columns: ColumnMapping;
  defaults: Partial<Record<MappableField, string>>;
  valueMaps: Partial<Record<MappableField, Record<string, string>>>;
  dateOrder: DateOrder;
  chunkSize: number;
  maxErrors: number | null;
  rejectedPath: string | null;
}

/** What opening the file told us, before any row is read. */
export interface OpenedTable {
  format: string;
  encoding: string | null;
  encodingReason: string | null;
  headers: string[];
  mapping: ColumnMapping;
}

/** Where the rows go: which source and batch, and whether to encode them for the store at all. */
export interface ParseStart {
  sourceId: number;
  batchId: number | null;
  /** False for a dry run: rows are checked and counted, not encoded. */
  encode: boolean;
}

/** One chunk of parsed rows, encoded in COPY text format (see record-repository.ts). */
export interface EncodedChunk {
  accepted: number;
  /** The id of the first record; the others follow it. */
  firstId: number;
  records: Uint8Array | null;
  rejections: Uint8Array | null;
  tally: RowTally;
  bytesRead: number;
  totalBytes: number;
}

/** How the parse went: counts, the first problems and warnings, and the rejected-rows file. */
export interface ParseSummary {
  tally: RowTally;
  problems: RowProblem[];
  warningSamples: RowProblem[];
  rejectedCount: number;
}

/**
 * A file opened for import, its columns mapped. `chunks` reads, validates, normalises and
 * encodes its rows; `idsFor(count)` gives the first id of the block the next chunk may use.
 */
export class TableParse {
  private parser: RowParser | null = null;
  private rejected: RejectedRowsFile | null = null;

  private constructor(
    readonly request: ParseRequest,
    readonly opened: OpenedTable,
    private readonly reader: TableReader,
    private readonly buildOptions: RecordBuildOptions,
  ) {}

  static async open(request: ParseRequest): Promise<TableParse> {
    const reader = await openTable(request.path, request.table);
    try {
      const known = new Set<string>(rejectedRowColumns);
      const headers = reader.headers.filter((h) => !known.has(h));
      const { mapping, errors } = resolveMapping(headers, request.columns);
      if (errors.length > 0)
        throw new ImportError(
          `the column mapping does not fit ${request.fileName}:\n  ${errors.join('\n  ')}`,
        );
      const opened: OpenedTable = {
        format: reader.format,
        encoding: reader.encoding,
        encodingReason: reader.encodingReason,
        headers: reader.headers,
        mapping,
      };
      return new TableParse(request, opened, reader, {
        mapping,
        defaults: request.defaults,
        valueMaps: request.valueMaps,
        dateOrder: request.dateOrder,
      });
    } catch (error) {
      await reader.close();
      throw error;
    }
  }

  async *chunks(
    start: ParseStart,
    idsFor: (count: number) => Promise<number>,
    stopped?: () => Error | null,
  ): AsyncGenerator<EncodedChunk> {
    const { request } = this;
    this.rejected = request.rejectedPath
      ? new RejectedRowsFile(request.rejectedPath, this.reader.headers)
      : null;
    const writer = new BinaryCopyWriter();
    const encoder =
      start.encode && start.batchId !== null
        ? new RecordChunkEncoder({ sourceId: start.sourceId, batchId: start.batchId }, writer)
        : null;
    this.parser = new RowParser(createRecordBuilder(this.buildOptions), {
      chunkSize: request.chunkSize,
      maxErrors: request.maxErrors,
      rejected: this.rejected,
      stopped,
      accept: encoder ? (row) => encoder.add(row) : () => undefined,
    });
    for await (const { accepted, refused } of this.parser.chunks(this.reader.batches)) {
      const firstId = await idsFor(accepted);
      let records: Uint8Array | null = null;
      let rejections: Uint8Array | null = null;
      if (encoder && start.batchId !== null) {
        records = encoder.take(firstId);
        if (refused.length > 0) rejections = encodeRejections(refused, start.batchId, writer);
      }
      yield {
        accepted,
        firstId,
        records,
        rejections,
        tally: { ...this.parser.tally },
        bytesRead: this.reader.bytesRead(),
        totalBytes: this.reader.totalBytes,
      };
    }
  }

  summary(): ParseSummary {
    return {
      tally: this.parser
        ? { ...this.parser.tally }
        : { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, warnings: 0 },
      problems: this.parser?.problems ?? [],
      warningSamples: this.parser?.warningSamples ?? [],
      rejectedCount: this.rejected?.count ?? 0,
    };
  }

  /** Closes the file and finishes the rejected-rows file; safe to call more than once. */
  async close(): Promise<void> {
    try {
      await this.reader.close();
    } finally {
      await this.rejected?.close();
    }
  }
}
