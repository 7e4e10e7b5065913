import { extname } from 'node:path';
import type { EncodingEvidence, TextEncodingName } from '../../../core/import/encoding.js';
import { readCsv } from './read-csv.js';
import { readJson, readJsonLines } from './read-json.js';
import { readXlsx } from './read-xlsx.js';
import { TableReadError } from './table-read-error.js';

/** File formats the importer can read. */
export type FileFormat = 'csv' | 'xlsx' | 'json' | 'jsonl';

/** One data row of a source file, with every cell as the text the user typed. */
export interface SourceRow {
  /**
   * Where the user finds this row in the file: for CSV the line on which the
   * record starts (the header is usually line 1, so the first data row is 2);
   * for XLSX the sheet row number; for JSON the 1-based item index in the
   * array; for JSONL the line number.
   */
  rowNumber: number;
  /** Cell text keyed by column name; verbatim, never trimmed or type-cast. */
  cells: Record<string, string>;
  /**
   * Set when the row does not fit the table shape (e.g. a CSV row with more or
   * fewer cells than the header). The row is still yielded so the importer can
   * reject just this row with this reason.
   */
  problem?: RowShapeProblem;
}

/** Why a row does not fit the table, in English and as a code the workspace translates. */
export interface RowShapeProblem {
  reason: string;
  code: 'cell_count' | 'stray_values';
  params: Record<string, string | number>;
}

/** An open, streaming view of a tabular file. */
export interface TableReader {
  format: FileFormat;
  /** Text encoding used to decode the file; null for XLSX (binary format). */
  encoding: string | null;
  /** Why that encoding was chosen (BOM, detection, caller); null for XLSX. */
  encodingReason: string | null;
  /** The same, as a code (see core/import/encoding.ts). */
  encodingEvidence: EncodingEvidence | null;
  /** Column names, unique and non-empty (see `normalizeHeaderNames`). */
  headers: string[];
  /** Data rows, read lazily from disk. Can be iterated only once, as rows or as batches. */
  rows: AsyncIterable<SourceRow>;
  /** The same rows in the batches the reader decodes them in (a CSV's are thousands long). */
  batches: AsyncIterable<readonly SourceRow[]>;
  /** Bytes of the file read so far, for progress reporting. */
  bytesRead(): number;
  /** Size of the file in bytes. */
  totalBytes: number;
  /** Releases the file; safe to call more than once and mid-iteration. */
  close(): Promise<void>;
}

/** Options for {@link openTable}. Everything is optional: the defaults are detected. */
export interface OpenTableOptions {
  /** Overrides the format implied by the file extension. */
  format?: FileFormat;
  /** Overrides encoding detection (CSV, JSON, JSONL). */
  encoding?: TextEncodingName;
  /** XLSX sheet name; defaults to the first visible sheet. */
  sheet?: string;
  /** CSV delimiter (one character); defaults to detection among `,` `;` tab `|`. */
  delimiter?: string;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/**
 * Picks the file format from the explicit option or the file extension.
 * @throws TableReadError when the extension is not one Sijil can read.
 */
export function resolveFileFormat(path: string, format?: FileFormat): FileFormat {
  if (format !== undefined) return format;
  const extension = extname(path).toLowerCase();
  const detected = Object.hasOwn(FORMAT_BY_EXTENSION, extension)
    ? FORMAT_BY_EXTENSION[extension]
    : undefined;
  if (detected !== undefined) return detected;
  const supported = Object.keys(FORMAT_BY_EXTENSION).join(', ');
  const found = extension === '' ? 'no extension' : `the extension "${extension}"`;
  throw new TableReadError(
    `Cannot tell the format of "${path}": it has ${found}. Supported files are ${supported} ` +
      `(Excel .xls files must be re-saved as .xlsx). Rename the file or choose the format explicitly.`,
    path,
  );
}

/**
 * Opens a CSV, XLSX, JSON or JSONL file for streaming import.
 *
 * Reads just enough of the file to know the encoding and the header, then
 * returns; rows are read from disk as they are iterated, so memory stays flat
 * however large the file is. Call `close()` if you stop before the last row.
 * @throws TableReadError when the file cannot be opened or has no header.
 */
export async function openTable(
  path: string,
  options: OpenTableOptions = {},
): Promise<TableReader> {
  const format = resolveFileFormat(path, options.format);
  switch (format) {
    case 'csv':
      return readCsv(path, { encoding: options.encoding, delimiter: options.delimiter });
    case 'xlsx':
      return readXlsx(path, { sheet: options.sheet });
    case 'json':
      return readJson(path, { encoding: options.encoding });
    case 'jsonl':
      return readJsonLines(path, { encoding: options.encoding });
  }
}
