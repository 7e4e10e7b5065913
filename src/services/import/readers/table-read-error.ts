/**
 * Where in the source file a problem was found. Every field is optional because
 * some problems (an unknown extension, an unreadable file) have no position.
 */
export interface TableReadLocation {
  /** 1-based line in the decoded text (CSV, JSON, JSONL). */
  line?: number;
  /** Row number as the user sees it (CSV data row, XLSX sheet row, JSON item index). */
  row?: number;
  /** 0-based byte offset in the file (undecodable bytes). */
  byteOffset?: number;
}

/**
 * A problem with the user's file (not a bug in Sijil): unreadable bytes, broken
 * quoting, malformed JSON, a missing sheet. The message says what went wrong,
 * where, why, and what the user can do about it, so the importer can show it as-is.
 */
export class TableReadError extends Error {
  /** The file being read. */
  readonly path: string;
  /** Position of the problem, when known. */
  readonly location: TableReadLocation;

  constructor(
    message: string,
    path: string,
    location: TableReadLocation = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TableReadError';
    this.path = path;
    this.location = location;
  }
}
