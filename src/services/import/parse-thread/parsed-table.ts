import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../import-error.js';
import {
  TableParse,
  type EncodedChunk,
  type OpenedTable,
  type ParseRequest,
  type ParseStart,
  type ParseSummary,
} from '../table-parse.js';
import { receiveError, type FromParseThread, type ToParseThread } from './parse-messages.js';

/** Where the next chunk's records are numbered from; given the number of records it holds. */
export type ReserveIds = (count: number) => Promise<number>;

/** A file being parsed for the importer, in a worker thread or in this one. */
export interface ParsedTable {
  readonly opened: OpenedTable;
  /** Rows in encoded chunks; with `reserveIds` null (a dry run) nothing is encoded. */
  chunks(
    start: Omit<ParseStart, 'encode'>,
    reserveIds: ReserveIds | null,
  ): AsyncIterable<EncodedChunk>;
  /** Counts and samples so far; complete once `chunks` has ended or failed. */
  summary(): ParseSummary;
  /** Asks the parse to stop: `chunks` then fails with an ImportError giving `reason`. */
  stop(reason: string): void;
  /** Stops parsing (if it has not ended) and releases the file; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Files smaller than this are parsed in the calling thread: starting a worker (loading the
 * readers and the normaliser again) takes longer than parsing them.
 */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** Opens `request.path` for parsing: in a worker thread when it is worth one (`thread: 'auto'`). */
export async function openParsedTable(
  request: ParseRequest,
  fileBytes: number,
  thread: 'auto' | 'worker' | 'main' = 'auto',
): Promise<ParsedTable> {
  const useWorker = thread === 'worker' || (thread === 'auto' && fileBytes >= WORKER_MIN_BYTES);
  return useWorker ? openInWorker(request) : openInThisThread(request);
}

async function openInThisThread(request: ParseRequest): Promise<ParsedTable> {
  const parse = await TableParse.open(request);
  let stopReason: string | null = null;
  return {
    opened: parse.opened,
    async *chunks(start, reserveIds) {
      try {
        yield* parse.chunks(
          { ...start, encode: reserveIds !== null },
          (count) => (reserveIds && count > 0 ? reserveIds(count) : Promise.resolve(0)),
          () => (stopReason === null ? null : new ImportError(stopReason)),
        );
      } finally {
        await parse.close();
      }
    },
    summary: () => parse.summary(),
    stop(reason) {
      stopReason ??= reason;
    },
    async close() {
      stopReason ??= 'the import was stopped';
      await parse.close();
    },
  };
}

/**
 * The compiled worker sits next to this module in dist/; under a TypeScript runner (tests, tsx)
 * the source is loaded through tsx in the worker.
 */
function startWorker(request: ParseRequest): Worker {
  const compiled = new URL('./parse-worker.js', import.meta.url);
  if (compiled.protocol === 'file:' && existsSync(fileURLToPath(compiled)))
    return new Worker(compiled, { workerData: request });
  const source = new URL('./parse-worker.ts', import.meta.url).href;
  // tsx's ESM entry, found through its package.json: `require.resolve` would give the CommonJS one.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = new URL('./dist/esm/api/index.mjs', pathToFileURL(tsxPackage)).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData: request });
}

/** Chunks the importer may hold before the worker waits: one being stored, one ready. */
const CREDITS_AHEAD = 2;

async function openInWorker(request: ParseRequest): Promise<ParsedTable> {
  const worker = startWorker(request);
  const inbox: FromParseThread[] = [];
  let wake: (() => void) | null = null;
  let exited: Error | null = null;
  const arrived = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  worker.on('message', (message: FromParseThread) => {
    inbox.push(message);
    arrived();
  });
  worker.on('error', (error) => {
    exited = error;
    arrived();
  });
  worker.on('exit', (code) => {
    exited ??= new Error(`the parsing thread stopped unexpectedly (exit code ${code})`);
    arrived();
  });
  // One reader at a time: `chunks` while it runs, `close` after it.
  const next = async (): Promise<FromParseThread> => {
    for (;;) {
      const message = inbox.shift();
      if (message) return message;
      if (exited) throw exited;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const send = (message: ToParseThread) => worker.postMessage(message);
  let summary: ParseSummary = {
    tally: { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, warnings: 0 },
    problems: [],
    warningSamples: [],
    rejectedCount: 0,
  };
  let ended = false;
  const finish = async () => {
    ended = true;
    await worker.terminate();
  };

  const first = await next().catch(async (error: unknown) => {
    await finish();
    throw error;
  });
  if (first.type !== 'opened') {
    await finish();
    throw first.type === 'failed'
      ? receiveError(first.error)
      : new Error('parsing thread: unexpected reply');
  }

  const stop = (reason: string) => {
    if (!ended) send({ type: 'stop', reason });
  };
  const close = async () => {
    if (ended) return;
    // Let the worker finish the rejected-rows file before it goes.
    stop('the import was stopped');
    const deadline = setTimeout(() => void worker.terminate(), 10_000);
    try {
      for (;;) {
        const message = await next();
        if (message.type === 'done' || message.type === 'failed') {
          if (message.summary) summary = message.summary;
          break;
        }
      }
    } catch {
      // The worker is gone already.
    } finally {
      clearTimeout(deadline);
      await finish();
    }
  };

  return {
    opened: first.table,
    async *chunks(start, reserveIds) {
      let settled = false;
      try {
        send({ type: 'start', ...start, encode: reserveIds !== null });
        const grant = async () => {
          const firstId = reserveIds ? await reserveIds(request.chunkSize) : 0;
          send({ type: 'credit', firstId });
        };
        for (let i = 0; i < CREDITS_AHEAD; i++) await grant();
        for (;;) {
          const message = await next();
          if (message.type === 'chunk') {
            yield message.chunk;
            await grant();
          } else if (message.type === 'done' || message.type === 'failed') {
            settled = true;
            if (message.summary) summary = message.summary;
            if (message.type === 'failed') throw receiveError(message.error);
            return;
          }
        }
      } finally {
        // Stopped from outside (the store failed): the worker still closes its files.
        if (settled) await finish();
        else await close();
      }
    },
    summary: () => summary,
    stop,
    close,
  };
}
