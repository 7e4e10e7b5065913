import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { mergePartials, type PreparedRecords } from '../../core/linkage/index.js';
import { cellText, scanCsvRows } from './csv-rows.js';
import type { PrepareRequest } from './prepare-worker.js';
import { prepareRows, type PreparedRows } from './prepare-rows.js';
import { compiledWorker, runWorker } from './run-worker.js';

/** Columns of the one-shot linkage format; all optional, other columns pass through. */
export const LINK_COLUMNS = [
  'source',
  'record_id',
  'name',
  'name_latin',
  'sex',
  'age',
  'birth_date',
  'death_date',
  'place',
  'id_number',
] as const;

/**
 * A CSV read for linkage: the file's bytes and where each row lies in them (rows are
 * written back from their own bytes), and the rows prepared for linkage.
 */
export interface LinkTable {
  readonly header: readonly string[];
  readonly bytes: Uint8Array;
  /** Byte range of data row r: `rowStart[r]`..`rowEnd[r]` (line break excluded). */
  readonly rowStart: Float64Array;
  readonly rowEnd: Float64Array;
  /** 1 when row r has exactly as many cells as the header. */
  readonly regular: Uint8Array;
  readonly records: PreparedRecords;
  /** Problems worth telling the user about (missing columns, duplicate ids). */
  readonly warnings: readonly string[];
}

/** Below this many rows one thread prepares them all: a worker's start-up would cost more. */
const MIN_ROWS_PER_WORKER = 50_000;

/**
 * Reads a CSV file in the one-shot linkage format, preparing its rows in up to
 * `workers` worker threads (each a contiguous range of rows; the file's bytes are
 * shared, not copied). The result does not depend on the number of workers.
 */
export async function readLinkTable(path: string, workers = 0): Promise<LinkTable> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    // Shared memory when workers will read it; the file is read straight into it.
    const bytes = new Uint8Array(workers > 0 ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return await parseLinkTable(bytes, path, workers);
  } finally {
    await file.close();
  }
}

/**
 * Parses CSV bytes (UTF-8). A missing `source` column puts every row in one source; a
 * missing `record_id` numbers rows from 1. Throws a readable error when there is no
 * name column at all, since nothing could be linked.
 */
export async function parseLinkTable(
  bytes: Uint8Array,
  label = 'input',
  workers = 0,
): Promise<LinkTable> {
  let header: string[] | undefined;
  let starts: Float64Array = new Float64Array(1024);
  let ends: Float64Array = new Float64Array(1024);
  let regular = new Uint8Array(1024);
  let rows = 0;
  // One pass finds the rows (quotes may hold line breaks); cells are read later.
  scanCsvRows(bytes, (cells, rowStart, rowEnd) => {
    if (header === undefined) {
      header = Array.from({ length: cells.count }, (_, k) => cellText(bytes, cells, k).trim());
      return;
    }
    if (rows === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
      const r = new Uint8Array(regular.length * 2);
      r.set(regular);
      regular = r;
    }
    starts[rows] = rowStart;
    ends[rows] = rowEnd;
    regular[rows] = cells.count === header.length ? 1 : 0;
    rows++;
  });
  if (header === undefined || header.length === 0)
    throw new Error(`${label}: the file is empty (a header row is needed)`);
  const index = new Map(header.map((h, k) => [h.toLowerCase(), k]));
  const warnings: string[] = [];
  if (!index.has('name') && !index.has('name_latin'))
    throw new Error(
      `${label}: no "name" or "name_latin" column; columns found: ${header.join(', ')}`,
    );
  if (!index.has('source'))
    warnings.push(`${label}: no "source" column; all rows are treated as one source`);
  if (!index.has('record_id'))
    warnings.push(`${label}: no "record_id" column; rows are numbered from 1`);
  const columns = LINK_COLUMNS.map((c) => index.get(c) ?? -1);
  const rowStart = shareIf(workers > 0, starts.subarray(0, rows));
  const rowEnd = shareIf(workers > 0, ends.subarray(0, rows));
  const parts = await prepareInParts(bytes, rowStart, rowEnd, columns, workers);
  const duplicates = countRepeated(parts.map((p) => p.keys));
  if (duplicates > 0)
    warnings.push(
      `${label}: ${duplicates} rows repeat a (source, record_id) already seen; output keeps every row`,
    );
  return {
    header,
    bytes,
    rowStart,
    rowEnd,
    regular: regular.slice(0, rows),
    records: mergePartials(parts.map((p) => p.partial)),
    warnings,
  };
}

/** Prepares all rows, in contiguous ranges over worker threads when there are enough rows. */
async function prepareInParts(
  bytes: Uint8Array,
  rowStart: Float64Array,
  rowEnd: Float64Array,
  columns: readonly number[],
  workers: number,
): Promise<PreparedRows[]> {
  const rows = rowStart.length;
  const url = compiledWorker('prepare-worker', import.meta.url);
  const parts = Math.min(workers, availableParallelism(), Math.floor(rows / MIN_ROWS_PER_WORKER));
  if (url === undefined || parts < 2 || !(bytes.buffer instanceof SharedArrayBuffer))
    return [prepareRows(bytes, rowStart, rowEnd, 0, rows, columns)];
  const size = Math.ceil(rows / parts);
  return Promise.all(
    Array.from({ length: parts }, (_, k) => {
      const request: PrepareRequest = {
        bytes,
        rowStart,
        rowEnd,
        from: k * size,
        to: Math.min(rows, (k + 1) * size),
        columns,
      };
      return runWorker<PreparedRows>(url, request);
    }),
  );
}

/** Rows whose key another row already has (keys are 53-bit hashes of source and record id). */
function countRepeated(keys: readonly Float64Array[]): number {
  const all = new Float64Array(keys.reduce((s, k) => s + k.length, 0));
  let at = 0;
  for (const k of keys) {
    all.set(k, at);
    at += k.length;
  }
  all.sort();
  let repeated = 0;
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) repeated++;
  return repeated;
}

function shareIf(share: boolean, a: Float64Array): Float64Array {
  if (!share) return a.slice();
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** The cells of data row r, as text (for the few rows written cell by cell). */
export function rowCells(table: LinkTable, r: number): string[] {
  const out: string[] = [];
  scanCsvRows(
    table.bytes,
    (cells) => {
      for (let k = 0; k < cells.count; k++) out.push(cellText(table.bytes, cells, k));
    },
    table.rowStart[r] ?? 0,
    table.rowEnd[r] ?? 0,
  );
  return out;
}

/** The (source, record_id) of data row r as the linkage read them. */
export function rowKey(table: LinkTable, r: number): { source: string; recordId: string } {
  const cells = rowCells(table, r);
  const at = (c: string): number => table.header.findIndex((h) => h.toLowerCase() === c);
  const source = at('source');
  const recordId = at('record_id');
  return {
    source: source >= 0 ? (cells[source] ?? '').trim() : 'input',
    recordId: recordId >= 0 ? (cells[recordId] ?? '').trim() : String(r + 1),
  };
}

function grow(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length * 2);
  out.set(a);
  return out;
}
