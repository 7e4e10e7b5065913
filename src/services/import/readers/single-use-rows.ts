import type { SourceRow } from './table-reader.js';
import { TableReadError } from './table-read-error.js';

/** A file's rows, readable once: in batches (as the reader decodes them) or one at a time. */
export interface SingleUseRows {
  batches: AsyncIterable<readonly SourceRow[]>;
  rows: AsyncIterable<SourceRow>;
  /** Ends the reading, running the reader's clean-up. */
  stop(): Promise<void>;
}

/**
 * Wraps a reader's batches so they can be iterated only once, whichever way: rows come straight
 * from disk, so a second loop would silently see nothing. Failing loudly tells the caller to open
 * the file again instead. Batches spare the importer an asynchronous step per row.
 */
export function singleUseRows(
  batches: AsyncGenerator<readonly SourceRow[], void, undefined>,
  path: string,
): SingleUseRows {
  let used = false;
  const claim = () => {
    if (used) {
      throw new TableReadError(
        `The rows of "${path}" were already read; they can be iterated only once. ` +
          `Open the file again to read it a second time.`,
        path,
      );
    }
    used = true;
  };
  async function* oneByOne(): AsyncGenerator<SourceRow, void, undefined> {
    for await (const batch of batches) yield* batch;
  }
  return {
    batches: {
      [Symbol.asyncIterator]() {
        claim();
        return batches;
      },
    },
    rows: {
      [Symbol.asyncIterator]() {
        claim();
        return oneByOne();
      },
    },
    stop: async () => {
      await batches.return(undefined);
    },
  };
}

/** Batches of one row, for readers that produce rows one by one. */
export async function* batchesOfOne(
  rows: AsyncIterable<SourceRow>,
): AsyncGenerator<readonly SourceRow[], void, undefined> {
  for await (const row of rows) yield [row];
}
