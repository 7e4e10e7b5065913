import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';

/** Columns the rejected-rows file adds; the importer ignores them when the file comes back. */
export const rejectedRowColumns = ['sijil_row_number', 'sijil_problems'] as const;

/**
 * Writes rejected rows, unchanged and with their reasons, to a CSV the user can fix and import
 * again. The file is created on the first rejected row only.
 */
export class RejectedRowsFile {
  private stringifier: Stringifier | null = null;
  private out: WriteStream | null = null;
  count = 0;

  constructor(
    readonly path: string,
    private readonly headers: readonly string[],
  ) {}

  async write(rowNumber: number, cells: Record<string, string>, problems: string): Promise<void> {
    if (!this.stringifier) {
      // A BOM so that Excel opens Arabic text as UTF-8.
      this.out = createWriteStream(this.path, { encoding: 'utf8' });
      this.out.write('\uFEFF');
      this.stringifier = stringify({
        header: true,
        columns: [...this.headers, ...rejectedRowColumns],
      });
      this.stringifier.pipe(this.out);
    }
    this.count += 1;
    const row = { ...cells, sijil_row_number: String(rowNumber), sijil_problems: problems };
    if (!this.stringifier.write(row)) await once(this.stringifier, 'drain');
  }

  /** Finishes the file; safe to call more than once. */
  async close(): Promise<void> {
    const { stringifier, out } = this;
    if (!stringifier || !out || this.closed) return;
    this.closed = true;
    const finished = once(out, 'finish');
    stringifier.end();
    await finished;
  }

  private closed = false;
}
