import { open } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { rowCells, type LinkTable } from './link-csv.js';

/** Output is written in chunks of this many bytes. */
const CHUNK = 1 << 20;

/** Cluster ids are the 1-based row number of the cluster's first row: stable for a given file. */
export function clusterLabel(firstRow: number): string {
  return `p${firstRow + 1}`;
}

/**
 * Writes every input row, in order, with a `cluster_id` column (replaced when present).
 * A row with as many cells as the header is written as its own bytes plus the new cell,
 * so the output keeps the input verbatim; other rows are padded or cut to the header and
 * written cell by cell.
 */
export async function writeClusteredCsv(
  table: LinkTable,
  clusterOf: Int32Array,
  path: string,
): Promise<void> {
  const existing = table.header.findIndex((h) => h.toLowerCase() === 'cluster_id');
  const header = existing >= 0 ? [...table.header] : [...table.header, 'cluster_id'];
  const file = await open(path, 'w');
  try {
    let chunk = Buffer.allocUnsafe(CHUNK);
    let used = 0;
    const flush = async (): Promise<void> => {
      if (used > 0) await file.write(chunk, 0, used);
      used = 0;
    };
    const put = async (bytes: Uint8Array): Promise<void> => {
      if (used + bytes.length > chunk.length) {
        await flush();
        if (bytes.length > chunk.length) chunk = Buffer.allocUnsafe(bytes.length * 2);
      }
      chunk.set(bytes, used);
      used += bytes.length;
    };
    await put(Buffer.from(stringify([header])));
    const rows = table.rowStart.length;
    for (let r = 0; r < rows; r++) {
      const label = clusterLabel(clusterOf[r] ?? r);
      if (existing < 0 && table.regular[r] === 1) {
        const from = table.rowStart[r] ?? 0;
        const to = table.rowEnd[r] ?? 0;
        // Row bytes, a comma, the label and a line break, straight into the chunk.
        if (used + (to - from) + label.length + 2 > chunk.length) await flush();
        if (to - from + label.length + 2 > chunk.length) {
          await put(Buffer.concat([table.bytes.subarray(from, to), Buffer.from(`,${label}\n`)]));
          continue;
        }
        chunk.set(table.bytes.subarray(from, to), used);
        used += to - from;
        chunk[used++] = 44;
        used += chunk.write(label, used, 'latin1');
        chunk[used++] = 10;
        continue;
      }
      const cells = rowCells(table, r);
      const out = header.map((_, c) => cells[c] ?? '');
      out[existing >= 0 ? existing : header.length - 1] = label;
      await put(Buffer.from(stringify([out])));
    }
    await flush();
  } finally {
    await file.close();
  }
}
