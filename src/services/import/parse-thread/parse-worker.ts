/**
 * Worker thread entry: parses one file for the importer (see parsed-table.ts), so that reading,
 * validating, normalising and encoding rows runs on one core while the store inserts on another.
 * Chunks go out only as the importer grants credit, at most two ahead: memory stays flat.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../import-error.js';
import { TableParse, type ParseRequest } from '../table-parse.js';
import { sendError, type FromParseThread, type ToParseThread } from './parse-messages.js';

const port = parentPort!;
const post = (message: FromParseThread, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

const credits: number[] = [];
let creditArrived: (() => void) | null = null;
let stopReason: string | null = null;
let startArrived: ((start: ToParseThread & { type: 'start' }) => void) | null = null;

port.on('message', (message: ToParseThread) => {
  if (message.type === 'credit') credits.push(message.firstId);
  else if (message.type === 'stop') stopReason = message.reason;
  else startArrived?.(message);
  creditArrived?.();
});

function nextCredit(): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (stopReason !== null) return reject(new ImportError(stopReason));
      const firstId = credits.shift();
      if (firstId === undefined) {
        creditArrived = check;
        return;
      }
      creditArrived = null;
      resolve(firstId);
    };
    check();
  });
}

const request = workerData as ParseRequest;
let parse: TableParse | null = null;
try {
  parse = await TableParse.open(request);
  post({ type: 'opened', table: parse.opened });
  const start = await new Promise<ToParseThread & { type: 'start' }>((resolve, reject) => {
    startArrived = resolve;
    creditArrived = () => {
      if (stopReason !== null) reject(new ImportError(stopReason));
    };
  });
  creditArrived = null;
  const stopped = () => (stopReason === null ? null : new ImportError(stopReason));
  for await (const chunk of parse.chunks(start, nextCredit, stopped)) {
    const transfer = [chunk.records, chunk.rejections].flatMap((part) =>
      part ? [part.buffer as ArrayBuffer] : [],
    );
    post({ type: 'chunk', chunk }, transfer);
  }
  await parse.close();
  post({ type: 'done', summary: parse.summary() });
} catch (error) {
  await parse?.close().catch(() => undefined);
  post({ type: 'failed', error: sendError(error), summary: parse?.summary() ?? null });
}
