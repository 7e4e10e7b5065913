import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompareRequest } from './compare-worker.js';
import {
  encodeRecords,
  FIELD_COUNT,
  inProcessComparer,
  NAME_FIELD_COUNT,
  type ComparedPairs,
  type PairComparer,
} from '../../core/linkage/index.js';

/**
 * Below this many pairs a worker's start-up (loading modules, decoding the records,
 * cloning name frequencies) costs more than it saves: measured again on the Gaza file
 * (311,790 pairs) on two loaded cores, one worker cost 0.8 s more CPU and saved no
 * wall time, two were slower than none.
 */
const MIN_PAIRS_FOR_WORKERS = 500_000;

/**
 * A comparer that splits candidate pairs into contiguous partitions, one per worker
 * thread. Partitions are independent (the same design lets a job queue spread them
 * over processes or machines). With `workers` = 0, or when the compiled worker file
 * is not present (running TypeScript sources under a test runner), it compares in
 * the calling thread.
 */
export function createWorkerComparer(workers: number): PairComparer {
  const url = new URL('./compare-worker.js', import.meta.url);
  const available = workers > 0 && url.protocol === 'file:' && existsSync(fileURLToPath(url));
  if (!available) return inProcessComparer;
  return {
    async compare(records, freq, left, right) {
      const n = left.length;
      if (n < MIN_PAIRS_FOR_WORKERS) return inProcessComparer.compare(records, freq, left, right);
      const parts = Math.min(workers, Math.ceil(n / MIN_PAIRS_FOR_WORKERS));
      const size = Math.ceil(n / parts);
      // Columns are encoded once; each worker gets a copy of the typed arrays
      // (transferred, not cloned element by element) and its own slice of pairs.
      const columns = encodeRecords(records);
      const results = await Promise.all(
        Array.from({ length: parts }, (_, k) => {
          const request: CompareRequest = {
            freq,
            records: {
              count: columns.count,
              strings: columns.strings,
              fixed: columns.fixed.slice(),
              lists: columns.lists.slice(),
            },
            left: left.slice(k * size, Math.min(n, (k + 1) * size)),
            right: right.slice(k * size, Math.min(n, (k + 1) * size)),
          };
          return runWorker(url, request, [
            request.records.fixed.buffer as ArrayBuffer,
            request.records.lists.buffer as ArrayBuffer,
            request.left.buffer as ArrayBuffer,
            request.right.buffer as ArrayBuffer,
          ]);
        }),
      );
      const levels = new Uint8Array(n * FIELD_COUNT);
      const tf = new Float32Array(n * NAME_FIELD_COUNT);
      results.forEach((r, k) => {
        levels.set(r.levels, k * size * FIELD_COUNT);
        tf.set(r.tf, k * size * NAME_FIELD_COUNT);
      });
      return { levels, tf };
    },
  };
}

function runWorker(
  url: URL,
  request: CompareRequest,
  transfer: ArrayBuffer[],
): Promise<ComparedPairs> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', (result: ComparedPairs) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`comparison worker stopped with exit code ${code}`));
    });
    worker.postMessage(request, transfer);
  });
}
