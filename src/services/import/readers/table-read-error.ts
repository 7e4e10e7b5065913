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
 * What kind of problem it is, for the workspace to say in the reader's language (the message
 * stays the English words for the command line and logs). `detail` params are the reader's own
 * technical words, in English.
 */
export interface FileProblem {
  code: FileProblemCode;
  params: Record<string, string | number>;
}

export const fileProblemCodes = [
  'empty_file',
  'unclosed_quote',
  'row_too_large',
  'json_syntax',
  'json_not_object',
  'undecodable',
  'xlsx_unreadable',
  'no_sheet',
] as const;
export type FileProblemCode = (typeof fileProblemCodes)[number];

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
  /** Its kind, when the workspace can say it in Arabic too. */
  readonly problem: FileProblem | null;

  constructor(
    message: string,
    path: string,
    location: TableReadLocation = {},
    options?: { cause?: unknown; problem?: FileProblem },
  ) {
    super(message, options);
    this.name = 'TableReadError';
    this.path = path;
    this.location = location;
    this.problem = options?.problem ?? null;
  }
}
