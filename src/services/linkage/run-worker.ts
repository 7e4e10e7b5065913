import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Runs one task in a fresh worker thread and resolves with its one reply. */
export function runWorker<T>(url: URL, message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    let done = false;
    worker.once('message', (result: T) => {
      done = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`worker stopped with exit code ${code} before replying`));
    });
    worker.postMessage(message, transfer);
  });
}

/**
 * The compiled worker file `name`.js next to the module at `base`, or undefined when it
 * is not there (running the TypeScript sources under a test runner).
 */
export function compiledWorker(name: string, base: string): URL | undefined {
  const url = new URL(`./${name}.js`, base);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}
