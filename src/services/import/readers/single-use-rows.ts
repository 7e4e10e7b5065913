import { TableReadError } from './table-read-error.js';

/**
 * Wraps a row iterator so it can be iterated only once: rows come straight
 * from disk, so a second loop would silently see nothing. Failing loudly
 * tells the caller to open the file again instead.
 */
export function singleUseRows<T>(iterator: AsyncIterator<T>, path: string): AsyncIterable<T> {
  let used = false;
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (used) {
        throw new TableReadError(
          `The rows of "${path}" were already read; they can be iterated only once. ` +
            `Open the file again to read it a second time.`,
          path,
        );
      }
      used = true;
      return iterator;
    },
  };
}
