import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { TextEncodingName } from '../../../core/import/encoding.js';
import { createCells, isBlankRow } from './cells-record.js';
import { detectDelimiter, firstCsvLine } from './detect-delimiter.js';
import { normalizeHeaderNames } from './header-names.js';
import { countLineBreaks } from './line-breaks.js';
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
const MAX_RECORD_BYTES = 8 * 1024 * 1024;

interface RawRecord {
  record: string[];
  raw: string;
}

/**
 * Opens a CSV (or TSV / delimited .txt) file as a streaming {@link TableReader}.
 *
 * Bytes are decoded chunk by chunk and fed to csv-parse, so a file of any size
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

  const parser = parse({
    delimiter,
    // Explicit list so files mixing line endings (concatenated exports) still split per line.
    record_delimiter: ['\r\n', '\n', '\r'],
    quote: '"',
    escape: '"',
    // Stray quotes inside unquoted cells (5" pipe, نقطة "أ") are kept as typed.
    relax_quotes: true,
    // Cell-count mismatches are reported per row (SourceRow.problem), not fatal.
    relax_column_count: true,
    skip_empty_lines: true,
    // raw text lets us number lines ourselves: csv-parse's info.lines miscounts CRLF inside quotes.
    raw: true,
    bom: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  const input = Readable.from(prefixThenRest(prefix, source.chunks));
  // Errors from either side surface through the parser's iterator below.
  pipeline(input, parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<unknown>;

  let nextLine = 1;
  let finished = false;
  const close = async (): Promise<void> => {
    if (!finished) {
      finished = true;
      input.destroy();
      parser.destroy();
    }
    await source.close();
  };

  /** Next non-blank record with the line it starts on, or null at end of file. */
  const nextRecord = async (): Promise<{ values: string[]; line: number } | null> => {
    for (;;) {
      let result: IteratorResult<unknown>;
      try {
        result = await records.next();
      } catch (error) {
        throw explainParseError(path, nextLine, error);
      }
      if (result.done === true) return null;
      const { record, raw } = asRawRecord(result.value);
      const span = rawLineSpan(raw);
      const line = nextLine + span.leading;
      nextLine += span.total;
      if (!isBlankRow(record)) return { values: record, line };
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
    );
  }
  const headers = normalizeHeaderNames(header.values);

  async function* readRows(): AsyncGenerator<SourceRow, void, undefined> {
    try {
      for (let next = await nextRecord(); next !== null; next = await nextRecord()) {
        yield toSourceRow(headers, next.values, next.line);
      }
    } finally {
      await close();
    }
  }

  const rows = readRows();
  return {
    format: 'csv',
    encoding: source.encoding,
    encodingReason: source.encodingReason,
    headers,
    rows: singleUseRows(rows, path),
    bytesRead: () => source.bytesRead(),
    totalBytes: source.totalBytes,
    close: async () => {
      await rows.return(undefined);
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
  const problem =
    `row has ${values.length} ${values.length === 1 ? 'cell' : 'cells'} but the header has ` +
    `${headers.length} columns; check for a missing or extra delimiter or an unquoted ` +
    `delimiter inside a value on line ${line}`;
  return { rowNumber: line, cells, problem };
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

function asRawRecord(value: unknown): RawRecord {
  // csv-parse with `raw: true` yields { record, raw }; checked rather than cast blindly.
  if (typeof value === 'object' && value !== null && 'record' in value && 'raw' in value) {
    const { record, raw } = value;
    if (Array.isArray(record) && typeof raw === 'string') {
      return { record: record.map(String), raw };
    }
  }
  throw new Error('csv-parse returned a record in an unexpected shape');
}

/**
 * Lines covered by one csv-parse raw record: `leading` blank lines skipped
 * before it, and `total` lines from its start to the next record's start.
 * csv-parse drops the `\n` of a CRLF record delimiter from `raw`, so outside
 * quotes every `\r` or `\n` is one line; inside quoted cells text is verbatim.
 */
function rawLineSpan(raw: string): { leading: number; total: number } {
  let start = 0;
  while (start < raw.length && (raw[start] === '\r' || raw[start] === '\n')) start += 1;
  let end = raw.length;
  const last = raw[end - 1];
  const trailing = end > start && (last === '\r' || last === '\n') ? 1 : 0;
  end -= trailing;
  return { leading: start, total: start + countLineBreaks(raw.slice(start, end)) + trailing };
}

function explainParseError(path: string, line: number, error: unknown): Error {
  if (error instanceof TableReadError || !(error instanceof CsvError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const where = `on or after line ${line}`;
  let message: string;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      message =
        `a quoted cell starting ${where} is never closed, so the file ends inside it. ` +
        `Find the cell that opens with " and add the missing closing ".`;
      break;
    case 'CSV_MAX_RECORD_SIZE':
      message =
        `the row starting ${where} is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MiB. ` +
        `This usually means a quote " that is never closed, so the following lines are ` +
        `swallowed into one cell. Check the quotes around that line.`;
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      message =
        `a quoted cell ${where} has text right after its closing quote. ` +
        `Inside a quoted cell a quote must be doubled ("").`;
      break;
    default:
      message = `the CSV structure is broken ${where}: ${error.message}.`;
  }
  return new TableReadError(
    `Cannot read CSV "${path}": ${message}`,
    path,
    { line },
    { cause: error },
  );
}
