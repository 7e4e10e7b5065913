import {
  headerKey,
  resolveMapping,
  type ColumnMapping,
  type MappableField,
} from '../../core/import/column-mapping.js';
import type { EncodingEvidence, TextEncodingName } from '../../core/import/encoding.js';
import type { DateOrder } from '../../core/import/parse-date.js';
import { openParsedTable } from '../import/parse-thread/parsed-table.js';
import { openTable, type FileFormat, type FileProblem } from '../import/readers/index.js';
import { rejectedRowColumns } from '../import/rejected-rows-file.js';
import type { RowProblem, RowTally } from '../import/row-parser.js';
import { previewRows, type PreviewRow } from './preview-rows.js';
import { userMessageOf, userProblemOf } from './user-message.js';
import type { CheckProgress, Upload } from './upload-store.js';

/** What the user chose for reading a file: the same choices a mapping file gives the command. */
export interface CheckOptions {
  /** Column → field (null: kept verbatim only); columns left out are matched by header name. */
  columns: ColumnMapping;
  /** Values for fields a row leaves empty or the file lacks. */
  defaults: Partial<Record<MappableField, string>>;
  /** Source-specific codes, e.g. {"sex": {"1": "male"}}. */
  valueMaps: Partial<Record<MappableField, Record<string, string>>>;
  dateOrder: DateOrder;
  /** Null: detected. */
  encoding: TextEncodingName | null;
}

export const defaultCheckOptions: CheckOptions = {
  columns: {},
  defaults: {},
  valueMaps: {},
  dateOrder: 'dmy',
  encoding: null,
};

/** Two or more columns feeding one field: which is right is the user's call. */
export interface MappingConflict {
  field: MappableField;
  columns: string[];
}

/** A full dry run of an upload, with the first rows as they would be stored. Nothing is written. */
export interface UploadCheck {
  options: CheckOptions;
  checkedAt: Date;
  seconds: number;
  /** Why the file could not be checked (unreadable, a mapping that does not fit); null if it was. */
  error: string | null;
  /** The same, as a kind the workspace says in the reader's language, when it has one. */
  errorProblem: FileProblem | null;
  format: FileFormat;
  encoding: string | null;
  encodingReason: string | null;
  encodingEvidence: EncodingEvidence | null;
  /** The file's columns, in order; empty when the file could not be opened. */
  headers: string[];
  mapping: ColumnMapping;
  conflicts: MappingConflict[];
  /** Columns the options name that the file does not have. */
  missingColumns: string[];
  /** Rows read, accepted, rejected and warned about; null when the dry run could not run. */
  tally: RowTally | null;
  /** The first problems and warnings of the whole file (at most 50 of each). */
  problems: RowProblem[];
  warnings: RowProblem[];
  preview: PreviewRow[];
}

export interface CheckRun {
  previewRows: number;
  /** Where to write the rejected rows (created only if a row is rejected). */
  rejectedPath: string;
  signal: AbortSignal;
  onProgress: (progress: CheckProgress) => void;
}

export interface CheckOutcome {
  check: UploadCheck;
  rejectedRows: number;
}

function conflictsOf(mapping: ColumnMapping): MappingConflict[] {
  const byField = new Map<MappableField, string[]>();
  for (const [column, field] of Object.entries(mapping)) {
    // Many columns may hold restricted details: they are kept together.
    if (field === null || field === 'restricted') continue;
    byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  return [...byField]
    .filter(([, columns]) => columns.length > 1)
    .map(([field, columns]) => ({ field, columns }));
}

function missingColumnsOf(headers: readonly string[], columns: ColumnMapping): string[] {
  const keys = new Set(headers.map(headerKey));
  return Object.keys(columns).filter((c) => !headers.includes(c) && !keys.has(headerKey(c)));
}

function mappingError(conflicts: MappingConflict[], missing: string[]): string | null {
  const problems = [
    ...missing.map((c) => `the mapping names the column "${c}", which the file does not have`),
    ...conflicts.map(
      (c) =>
        `the columns ${c.columns.map((x) => `"${x}"`).join(' and ')} all map to ${c.field}: choose another field for all but one, or keep them verbatim only`,
    ),
  ];
  return problems.length === 0 ? null : problems.join('; ');
}

/**
 * Reads the whole upload as the importer would, writing nothing to the store: detects the format
 * and encoding, maps the columns, builds the first rows for the preview, and counts and samples
 * the problems of every row (a worker thread parses large files). Problems with the file or the
 * mapping come back in `check.error`, with the file's name, never its place on disk.
 */
export async function checkUpload(
  upload: Upload,
  options: CheckOptions,
  run: CheckRun,
): Promise<CheckOutcome> {
  const started = Date.now();
  const table = { format: upload.format, encoding: options.encoding ?? undefined };
  const check: UploadCheck = {
    options,
    checkedAt: new Date(started),
    seconds: 0,
    error: null,
    errorProblem: null,
    format: upload.format,
    // What was asked for, until the file says what it is.
    encoding: options.encoding,
    encodingReason: options.encoding ? 'chosen' : null,
    encodingEvidence: options.encoding ? { code: 'chosen' } : null,
    headers: [],
    mapping: {},
    conflicts: [],
    missingColumns: [],
    tally: null,
    problems: [],
    warnings: [],
    preview: [],
  };
  const finished = (rejectedRows = 0): CheckOutcome => {
    check.seconds = (Date.now() - started) / 1000;
    return { check, rejectedRows };
  };
  const hidden = [upload.path, run.rejectedPath];

  try {
    const reader = await openTable(upload.path, table);
    try {
      check.encoding = reader.encoding;
      check.encodingReason = reader.encodingReason;
      check.encodingEvidence = reader.encodingEvidence;
      check.headers = reader.headers.filter(
        (h) => !(rejectedRowColumns as readonly string[]).includes(h),
      );
      check.mapping = resolveMapping(check.headers, options.columns).mapping;
      check.conflicts = conflictsOf(check.mapping);
      check.missingColumns = missingColumnsOf(check.headers, options.columns);
      check.preview = await previewRows(
        reader.rows,
        {
          mapping: check.mapping,
          defaults: options.defaults,
          valueMaps: options.valueMaps,
          dateOrder: options.dateOrder,
        },
        run.previewRows,
      );
    } finally {
      await reader.close();
    }
  } catch (error) {
    check.error = userMessageOf(error, upload.fileName, hidden);
    check.errorProblem = userProblemOf(error, upload.fileName, hidden);
    return finished();
  }
  check.error = mappingError(check.conflicts, check.missingColumns);
  if (check.error !== null) return finished();

  const parsed = await openParsedTable(
    {
      path: upload.path,
      fileName: upload.fileName,
      table,
      columns: options.columns,
      defaults: options.defaults,
      valueMaps: options.valueMaps,
      dateOrder: options.dateOrder,
      chunkSize: 5000,
      maxErrors: null,
      rejectedPath: run.rejectedPath,
    },
    upload.bytes,
  );
  const stop = () => parsed.stop('the check was stopped before the end of the file');
  run.signal.addEventListener('abort', stop);
  try {
    for await (const chunk of parsed.chunks({ sourceId: 0, batchId: null }, null))
      run.onProgress({
        rowsRead: chunk.tally.rowsRead,
        bytesRead: chunk.bytesRead,
        totalBytes: chunk.totalBytes,
      });
  } catch (error) {
    if (run.signal.aborted) throw error;
    check.error = userMessageOf(error, upload.fileName, hidden);
    check.errorProblem = userProblemOf(error, upload.fileName, hidden);
  } finally {
    run.signal.removeEventListener('abort', stop);
    await parsed.close();
  }
  const summary = parsed.summary();
  check.tally = summary.tally;
  check.problems = summary.problems;
  check.warnings = summary.warningSamples;
  return finished(summary.rejectedCount);
}
