import type { TextEncodingName } from '../../../core/import/encoding.js';
import { createCells, isBlankRow } from './cells-record.js';
import { detectDelimiter, firstCsvLine } from './detect-delimiter.js';
import { normalizeHeaderNames } from './header-names.js';
import { CsvSyntaxError, CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import { singleUseRows } from './single-use-rows.js';
import { TableReadError } from './table-read-error.js';
import type { SourceRow, TableReader } from './table-reader.js';
import { openTextSource, type TextSource } from './text-source.js';

/** Options for {@link readCsv}. */
export interface ReadCsvOptions {
  /** Skip encoding detection. */
  encoding?: TextEncodingName;
  /** Field delimiter; `tab` and `\t` (backslash-t) are accepted for a tab. Detected when absent. */
  delimiter?: string;
  /** Bytes per disk read (tests use tiny values to cross chunk boundaries). */
  chunkBytes?: number;
}

/** How much text to search for the header line before giving up on delimiter detection. */
const HEADER_SEARCH_CHARS = 1024 * 1024;
/** Larger records are almost always an unclosed quote swallowing the rest of the file. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Opens a CSV (or TSV / delimited .txt) file as a streaming {@link TableReader}.
 *
 * Bytes are decoded chunk by chunk and fed to the tokenizer, so a file of any size
 * is read with flat memory. The first non-blank record is the header. Cell text
 * is kept verbatim; rows whose cell count differs from the header are yielded
 * with a `problem` instead of being fixed; blank rows are skipped.
 * @throws TableReadError when the file cannot be read or has no header row.
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<TableReader> {
  const source = await openTextSource(path, {
    encoding: options.encoding,
    chunkBytes: options.chunkBytes,
  });
  try {
    return await startCsv(path, source, options);
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function startCsv(
  path: string,
  source: TextSource,
  options: ReadCsvOptions,
): Promise<TableReader> {
  const prefix: string[] = [];
  const delimiter =
    options.delimiter === undefined
      ? detectDelimiter(await readHeaderLine(source, prefix))
      : normalizeDelimiter(path, options.delimiter);

  const tokenizer = new CsvTokenizer(delimiter, MAX_RECORD_CHARS);
  let finished = false;
  const close = async (): Promise<void> => {
    finished = true;
    await source.close();
  };

  // Records come in batches, one per decoded chunk; rows are handed out one at a time.
  const batch: CsvRecord[] = [];
  let taken = 0;
  const chunks = prefixThenRest(prefix, source.chunks);
  const refill = async (): Promise<boolean> => {
    batch.length = 0;
    taken = 0;
    while (batch.length === 0) {
      if (finished) return false;
      const next = await chunks.next();
      try {
        if (next.done === true) {
          finished = true;
          tokenizer.end(batch);
          return batch.length > 0;
        }
        tokenizer.push(next.value, batch);
      } catch (error) {
        throw explainSyntaxError(path, error);
      }
    }
    return true;
  };

  /** Next non-blank record with the line it starts on, or null at end of file. */
  const nextRecord = async (): Promise<CsvRecord | null> => {
    for (;;) {
      if (taken >= batch.length && !(await refill())) return null;
      const record = batch[taken++]!;
      if (!isBlankRow(record.values)) return record;
    }
  };

  let header: Awaited<ReturnType<typeof nextRecord>>;
  try {
    header = await nextRecord();
  } catch (error) {
    await close();
    throw error;
  }
  if (header === null) {
    await close();
    throw new TableReadError(
      `Cannot import "${path}": the file is empty, so there is no header row. ` +
        `The first line must hold the column names.`,
      path,
      { line: 1 },
      { problem: { code: 'empty_file', params: {} } },
    );
  }
  const headers = normalizeHeaderNames(header.values);

  async function* readBatches(): AsyncGenerator<readonly SourceRow[], void, undefined> {
    try {
      for (;;) {
        if (taken >= batch.length && !(await refill())) return;
        const rows: SourceRow[] = [];
        for (; taken < batch.length; taken++) {
          const record = batch[taken]!;
          if (!isBlankRow(record.values))
            rows.push(toSourceRow(headers, record.values, record.line));
        }
        if (rows.length > 0) yield rows;
      }
    } finally {
      await close();
    }
  }

  const rows = singleUseRows(readBatches(), path);
  return {
    format: 'csv',
    encoding: source.encoding,
    encodingReason: source.encodingReason,
    encodingEvidence: source.encodingEvidence,
    headers,
    rows: rows.rows,
    batches: rows.batches,
    bytesRead: () => source.bytesRead(),
    totalBytes: source.totalBytes,
    close: async () => {
      await rows.stop();
      await close();
    },
  };
}

function toSourceRow(
  headers: readonly string[],
  values: readonly string[],
  line: number,
): SourceRow {
  const cells = createCells();
  const width = Math.min(headers.length, values.length);
  for (let i = 0; i < width; i += 1) {
    cells[headers[i] as string] = values[i] as string;
  }
  if (values.length === headers.length) return { rowNumber: line, cells };
  const reason =
    `row has ${values.length} ${values.length === 1 ? 'cell' : 'cells'} but the header has ` +
    `${headers.length} columns; check for a missing or extra delimiter or an unquoted ` +
    `delimiter inside a value on line ${line}`;
  const params = { cells: values.length, columns: headers.length, line };
  return { rowNumber: line, cells, problem: { reason, code: 'cell_count', params } };
}

/**
 * Pulls decoded chunks into `prefix` until the first non-blank line is complete
 * (or enough text was seen), and returns that line for delimiter detection.
 */
async function readHeaderLine(source: TextSource, prefix: string[]): Promise<string> {
  let text = '';
  for (;;) {
    const next = await source.chunks.next();
    if (next.done === true) return firstCsvLine(text, true) ?? '';
    prefix.push(next.value);
    text += next.value;
    const line = firstCsvLine(text, text.length >= HEADER_SEARCH_CHARS);
    if (line !== null) return line;
  }
}

async function* prefixThenRest(
  prefix: readonly string[],
  rest: AsyncIterable<string>,
): AsyncGenerator<string, void, undefined> {
  yield* prefix;
  yield* rest;
}

function normalizeDelimiter(path: string, delimiter: string): string {
  if (delimiter === 'tab' || delimiter === '\\t') return '\t';
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new TableReadError(
      `Cannot read "${path}" with the delimiter ${JSON.stringify(delimiter)}: a delimiter must be ` +
        `non-empty and cannot contain quotes or line breaks. Use , ; | or tab.`,
      path,
    );
  }
  return delimiter;
}

function explainSyntaxError(path: string, error: unknown): Error {
  if (!(error instanceof CsvSyntaxError))
    return error instanceof Error ? error : new Error(String(error));
  return new TableReadError(
    `Cannot read CSV "${path}": ${error.message}.`,
    path,
    { line: error.line },
    { cause: error, problem: error.problem },
  );
}
