import type { TextEncodingName } from '../../../core/import/encoding.js';
import { createCells } from './cells-record.js';
import {
  JsonArraySplitter,
  JsonSplitError,
  MAX_ITEM_CHARS,
  type JsonArrayItem,
} from './json-array-splitter.js';
import {
  describeJsonType,
  jsonValueToCellText,
  JsonSyntaxError,
  parseJsonValue,
  type JsonObject,
} from './json-value.js';
import { batchesOfOne, singleUseRows } from './single-use-rows.js';
import { TableReadError } from './table-read-error.js';
import type { FileFormat, SourceRow, TableReader } from './table-reader.js';
import { openTextSource, type TextSource } from './text-source.js';

/** Options for {@link readJson} and {@link readJsonLines}. */
export interface ReadJsonOptions {
  /** Skip encoding detection. */
  encoding?: TextEncodingName;
  /** Bytes per disk read (tests use tiny values to cross chunk boundaries). */
  chunkBytes?: number;
}

/** A parsed object with the row number the user will be told about. */
interface NumberedObject {
  rowNumber: number;
  object: JsonObject;
}

/**
 * Opens a `.json` file holding an array of objects (or an object with one
 * array member such as `{"records": [...]}`) as a streaming {@link TableReader}.
 *
 * The array is cut into items as the text streams in, so only one item is in
 * memory at a time. Row numbers are 1-based item indexes. Headers are the keys
 * of the first object in order; keys that appear only later are still in that
 * row's cells, and keys a row lacks are absent from its cells.
 * @throws TableReadError when the file is unreadable, empty or not an array of objects.
 */
export async function readJson(path: string, options: ReadJsonOptions = {}): Promise<TableReader> {
  return openObjectTable(path, options, 'json', (source) => arrayObjects(path, source));
}

/**
 * Opens a `.jsonl` / `.ndjson` file (one JSON object per line, blank lines
 * ignored) as a streaming {@link TableReader}. Row numbers are line numbers.
 * @throws TableReadError when the file is unreadable or has no object.
 */
export async function readJsonLines(
  path: string,
  options: ReadJsonOptions = {},
): Promise<TableReader> {
  return openObjectTable(path, options, 'jsonl', (source) => lineObjects(path, source));
}

async function openObjectTable(
  path: string,
  options: ReadJsonOptions,
  format: FileFormat,
  readObjects: (source: TextSource) => AsyncGenerator<NumberedObject, void, undefined>,
): Promise<TableReader> {
  const source = await openTextSource(path, {
    encoding: options.encoding,
    chunkBytes: options.chunkBytes,
  });
  const objects = readObjects(source);
  const close = async (): Promise<void> => {
    await objects.return(undefined);
    await source.close();
  };

  let first: IteratorResult<NumberedObject, void>;
  try {
    first = await objects.next();
  } catch (error) {
    await close();
    throw error;
  }
  const headers = first.done === true ? [] : [...first.value.object.keys()];

  async function* readRows(): AsyncGenerator<SourceRow, void, undefined> {
    try {
      if (first.done === true) return;
      yield toSourceRow(first.value);
      for await (const next of objects) yield toSourceRow(next);
    } finally {
      await close();
    }
  }

  const rows = singleUseRows(batchesOfOne(readRows()), path);
  return {
    format,
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

function toSourceRow({ rowNumber, object }: NumberedObject): SourceRow {
  const cells = createCells();
  for (const [key, value] of object) cells[key] = jsonValueToCellText(value);
  return { rowNumber, cells };
}

async function* arrayObjects(
  path: string,
  source: TextSource,
): AsyncGenerator<NumberedObject, void, undefined> {
  const splitter = new JsonArraySplitter();
  let sawText = false;
  for await (const chunk of source.chunks) {
    sawText ||= chunk.trim() !== '';
    const items: JsonArrayItem[] = [];
    let failure: unknown = null;
    try {
      splitter.push(chunk, items);
    } catch (error) {
      failure = error;
    }
    for (const item of items) {
      yield { rowNumber: item.index, object: parseItem(path, item) };
    }
    if (failure !== null) throw explainSplitError(path, failure);
  }
  if (!sawText) throw emptyFileError(path);
  try {
    splitter.end();
  } catch (error) {
    throw explainSplitError(path, error);
  }
}

function parseItem(path: string, item: JsonArrayItem): JsonObject {
  const where = `item ${item.index} (starting on line ${item.line})`;
  const value = parseOrExplain(path, item.text, item.line, where, { row: item.index });
  if (value instanceof Map) return value;
  throw new TableReadError(
    `Cannot read JSON "${path}": ${where} is ${describeJsonType(value)}, but every item of the ` +
      `array must be an object like {"name": "..."}. Each object becomes one row.`,
    path,
    { line: item.line, row: item.index },
    { problem: { code: 'json_not_object', params: { line: item.line, item: item.index } } },
  );
}

async function* lineObjects(
  path: string,
  source: TextSource,
): AsyncGenerator<NumberedObject, void, undefined> {
  let sawText = false;
  for await (const { line, text } of splitLines(path, source.chunks)) {
    if (text.trim() === '') continue;
    sawText = true;
    const where = `line ${line}`;
    const value = parseOrExplain(path, text, line, where, { line, row: line });
    if (!(value instanceof Map)) {
      throw new TableReadError(
        `Cannot read JSON Lines "${path}": ${where} is ${describeJsonType(value)}, but each line ` +
          `must be one object like {"name": "..."}. Each object becomes one row.`,
        path,
        { line, row: line },
        { problem: { code: 'json_not_object', params: { line, item: line } } },
      );
    }
    yield { rowNumber: line, object: value };
  }
  if (!sawText) throw emptyFileError(path);
}

/** Splits decoded text into lines (LF or CRLF) without joining the whole file. */
async function* splitLines(
  path: string,
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; text: string }, void, undefined> {
  let line = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, newline);
      const text = pending.length === 0 ? piece : pending.join('') + piece;
      pending = [];
      pendingLength = 0;
      line += 1;
      yield { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.slice(start));
      pendingLength += chunk.length - start;
      if (pendingLength > MAX_ITEM_CHARS) {
        throw new TableReadError(
          `Cannot read JSON Lines "${path}": line ${line + 1} is longer than ` +
            `${MAX_ITEM_CHARS / 1024 / 1024} MiB. A JSON Lines file must hold one object per line; ` +
            `if this is a JSON array, name the file .json.`,
          path,
          { line: line + 1 },
        );
      }
    }
  }
  if (pending.length > 0) yield { line: line + 1, text: pending.join('') };
}

function parseOrExplain(
  path: string,
  text: string,
  firstLine: number,
  where: string,
  location: { line?: number; row?: number },
): ReturnType<typeof parseJsonValue> {
  try {
    return parseJsonValue(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const line = firstLine + countNewlines(text, error.position);
    throw new TableReadError(
      `Cannot read JSON "${path}": ${where} is not valid JSON — ${error.message} on line ${line}. ` +
        `Fix that spot in a text editor or export the file again.`,
      path,
      { ...location, line },
      { cause: error, problem: { code: 'json_syntax', params: { line, detail: error.message } } },
    );
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

function explainSplitError(path: string, error: unknown): Error {
  if (!(error instanceof JsonSplitError))
    return error instanceof Error ? error : new Error(String(error));
  const row = error.index === null ? {} : { row: error.index };
  return new TableReadError(
    `Cannot read JSON "${path}" (line ${error.line}): ${error.message}.`,
    path,
    { line: error.line, ...row },
    {
      cause: error,
      problem: { code: 'json_syntax', params: { line: error.line, detail: error.message } },
    },
  );
}

function emptyFileError(path: string): TableReadError {
  return new TableReadError(
    `Cannot import "${path}": the file is empty. It must hold a JSON array of objects ` +
      `(or, for .jsonl, one object per line).`,
    path,
    { line: 1 },
    { problem: { code: 'empty_file', params: {} } },
  );
}
