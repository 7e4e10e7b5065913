/**
 * Capture histories: how many people were recorded by each combination of lists.
 * Cells are indexed by a bit mask (bit j set when list j recorded the person), so a
 * table with J lists has 2^J cells and cell 0, "on no list", is the one to estimate.
 */
export interface CaptureTable {
  /** List names, in column order; bit j of a pattern is lists[j]. */
  readonly lists: readonly string[];
  /** counts[pattern] for pattern in [0, 2^J); counts[0] is always 0 (unobserved). */
  readonly counts: Float64Array;
}

/** Most lists the estimators accept: 2^6 cells keeps every model small. */
export const MAX_LISTS = 6;

/** Builds a table from (pattern, count) pairs, adding repeated patterns together. */
export function captureTable(
  lists: readonly string[],
  cells: Iterable<{ readonly pattern: number; readonly count: number }>,
): CaptureTable {
  if (lists.length < 2) throw new Error('capture–recapture needs at least two lists');
  if (lists.length > MAX_LISTS)
    throw new Error(`at most ${MAX_LISTS} lists are supported (got ${lists.length})`);
  if (new Set(lists).size !== lists.length) throw new Error('list names must be distinct');
  const counts = new Float64Array(1 << lists.length);
  for (const { pattern, count } of cells) {
    if (!Number.isInteger(pattern) || pattern < 0 || pattern >= counts.length)
      throw new Error(`capture pattern ${pattern} is out of range`);
    if (!Number.isFinite(count) || count < 0 || !Number.isInteger(count))
      throw new Error(`counts must be whole numbers ≥ 0 (got ${count})`);
    if (pattern === 0) {
      // Nobody can be counted as "recorded by no list": that is what is estimated.
      if (count > 0) throw new Error('a row with no list marked cannot have a count above 0');
      continue;
    }
    counts[pattern] = (counts[pattern] ?? 0) + count;
  }
  return { lists: [...lists], counts };
}

/**
 * Reads capture histories from CSV text: one 0/1 column per list and a `count`
 * column (any column order); without a `count` column each row is one person.
 */
export function parseCaptureCsv(text: string): CaptureTable {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const header = lines[0];
  if (header === undefined) throw new Error('the capture file is empty');
  const names = splitCsvLine(header);
  const countAt = names.findIndex((n) => n.toLowerCase() === 'count');
  const listAt = names.map((_, i) => i).filter((i) => i !== countAt);
  const lists = listAt.map((i) => names[i] ?? '');
  const cells: { pattern: number; count: number }[] = [];
  lines.slice(1).forEach((line, r) => {
    const values = splitCsvLine(line);
    if (values.length !== names.length)
      throw new Error(`row ${r + 2} has ${values.length} values, the header has ${names.length}`);
    let pattern = 0;
    listAt.forEach((i, j) => {
      const v = values[i];
      if (v === '1') pattern |= 1 << j;
      else if (v !== '0')
        throw new Error(`row ${r + 2}, column ${names[i]}: expected 0 or 1, got "${v}"`);
    });
    const count = countAt >= 0 ? Number(values[countAt]) : 1;
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`row ${r + 2}: count must be a whole number ≥ 0`);
    cells.push({ pattern, count });
  });
  return captureTable(lists, cells);
}

/** Splits one CSV line (quoted fields allowed, no embedded newlines). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

/** Number of people recorded by at least one list. */
export function observedCount(table: CaptureTable): number {
  let n = 0;
  for (let m = 1; m < table.counts.length; m++) n += table.counts[m] ?? 0;
  return n;
}

/** How many people list j recorded. */
export function listTotal(table: CaptureTable, j: number): number {
  let n = 0;
  for (let m = 1; m < table.counts.length; m++) if (m & (1 << j)) n += table.counts[m] ?? 0;
  return n;
}

/** How many people both lists a and b recorded. */
export function pairOverlap(table: CaptureTable, a: number, b: number): number {
  const both = (1 << a) | (1 << b);
  let n = 0;
  for (let m = 1; m < table.counts.length; m++) if ((m & both) === both) n += table.counts[m] ?? 0;
  return n;
}

/** The table seen through a subset of its lists (people on none of them drop out). */
export function collapseTable(table: CaptureTable, keep: readonly number[]): CaptureTable {
  const cells: { pattern: number; count: number }[] = [];
  for (let m = 1; m < table.counts.length; m++) {
    let p = 0;
    keep.forEach((j, i) => {
      if (m & (1 << j)) p |= 1 << i;
    });
    if (p !== 0) cells.push({ pattern: p, count: table.counts[m] ?? 0 });
  }
  return captureTable(
    keep.map((j) => table.lists[j] ?? `list${j + 1}`),
    cells,
  );
}

/** The cells as rows of 0/1 flags and a count, for display and export. */
export function captureRows(table: CaptureTable): { flags: number[]; count: number }[] {
  const rows: { flags: number[]; count: number }[] = [];
  for (let m = 1; m < table.counts.length; m++) {
    rows.push({ flags: table.lists.map((_, j) => (m >> j) & 1), count: table.counts[m] ?? 0 });
  }
  return rows;
}
