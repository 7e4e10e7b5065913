import { ImportError } from '../import-error.js';
import { TableReadError, type FileProblem, type TableReadLocation } from '../readers/index.js';
import { TooManyErrors } from '../row-parser.js';
import type { EncodedChunk, OpenedTable, ParseStart, ParseSummary } from '../table-parse.js';

/** What the parse thread tells the importer. */
export type FromParseThread =
  | { type: 'opened'; table: OpenedTable }
  | { type: 'chunk'; chunk: EncodedChunk }
  | { type: 'done'; summary: ParseSummary }
  | { type: 'failed'; error: SentError; summary: ParseSummary | null };

/** What the importer tells the parse thread. */
export type ToParseThread =
  | ({ type: 'start' } & ParseStart)
  /** Leave to send one more chunk, whose records are numbered from `firstId`. */
  | { type: 'credit'; firstId: number }
  | { type: 'stop'; reason: string };

/** An error as it crosses threads: the user's errors keep their class, so they keep their meaning. */
export interface SentError {
  name: string;
  message: string;
  path?: string;
  location?: TableReadLocation;
  problem?: FileProblem | null;
  stack?: string;
}

export function sendError(error: unknown): SentError {
  if (error instanceof TableReadError)
    return {
      name: error.name,
      message: error.message,
      path: error.path,
      location: error.location,
      problem: error.problem,
    };
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function receiveError(sent: SentError): Error {
  switch (sent.name) {
    case 'TableReadError':
      return new TableReadError(sent.message, sent.path ?? '', sent.location ?? {}, {
        problem: sent.problem ?? undefined,
      });
    case 'ImportError':
      return new ImportError(sent.message);
    case 'TooManyErrors':
      return new TooManyErrors(sent.message);
    default: {
      const error = new Error(sent.message);
      error.name = sent.name;
      if (sent.stack) error.stack = sent.stack;
      return error;
    }
  }
}
