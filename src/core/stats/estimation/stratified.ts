import { captureTable, collapseTable, listTotal, type CaptureTable } from './capture-table.js';
import type { EstimationWarning } from './data-checks.js';

/** One stratum (a period, a place) ready for estimation. */
export interface Stratum {
  readonly key: string;
  /** The stratum's table restricted to the lists that recorded anyone in it. */
  readonly table: CaptureTable;
  /** Lists left out because they recorded nobody in this stratum. */
  readonly dropped: readonly string[];
  readonly warnings: readonly EstimationWarning[];
  /** False when fewer than `minLists` lists remain: no estimate should be made. */
  readonly estimable: boolean;
}

/**
 * Prepares strata for separate estimates. A list that recorded people in some
 * strata but nobody in this one most likely did not cover it (it started later,
 * or never worked there); keeping it would read as "this list looked and found no
 * one", which drives the estimate towards the observed count. Such lists are
 * dropped from the stratum, with a warning; with fewer than `minLists` lists left
 * the stratum is marked as not estimable.
 */
export function prepareStrata(strata: ReadonlyMap<string, CaptureTable>, minLists = 2): Stratum[] {
  const tables = [...strata.values()];
  const lists = tables[0]?.lists ?? [];
  for (const t of tables)
    if (t.lists.join('\u0000') !== lists.join('\u0000'))
      throw new Error('every stratum must have the same lists');
  const recordsAnywhere = lists.map((_, j) => tables.some((t) => listTotal(t, j) > 0));
  return [...strata].map(([key, table]) => {
    const keep: number[] = [];
    const dropped: string[] = [];
    lists.forEach((name, j) => {
      if (listTotal(table, j) > 0) keep.push(j);
      else if (recordsAnywhere[j]) dropped.push(name);
    });
    const warnings: EstimationWarning[] = [];
    if (dropped.length > 0)
      warnings.push({
        code: 'list-missing-in-stratum',
        message: `${dropped.join(', ')} recorded no one in ${key} but did elsewhere: probably not covering ${key}, so left out of its estimate.`,
        lists: dropped,
      });
    const estimable = keep.length >= minLists;
    if (!estimable)
      warnings.push({
        code: 'too-few-lists',
        message: `Only ${keep.length} list${keep.length === 1 ? '' : 's'} cover${keep.length === 1 ? 's' : ''} ${key}; at least ${minLists} are needed, so no estimate is made for it.`,
      });
    const reduced =
      keep.length === lists.length || keep.length < 2 ? table : collapseTable(table, keep);
    return { key, table: reduced, dropped, warnings, estimable };
  });
}

/**
 * Splits capture-history CSV text by a stratum column: one table per value. The
 * other columns are the 0/1 list columns and `count`, as `parseCaptureCsv` reads.
 */
export function parseStratifiedCaptureCsv(text: string, column: string): Map<string, CaptureTable> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const at = header.indexOf(column);
  if (at < 0) throw new Error(`no column "${column}" in the capture file`);
  const countAt = header.findIndex((h) => h.toLowerCase() === 'count');
  const listAt = header.map((_, i) => i).filter((i) => i !== at && i !== countAt);
  const lists = listAt.map((i) => header[i] ?? '');
  const cells = new Map<string, { pattern: number; count: number }[]>();
  lines.slice(1).forEach((line, r) => {
    const v = line.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
    const key = v[at] ?? '';
    let pattern = 0;
    listAt.forEach((i, j) => {
      if (v[i] === '1') pattern |= 1 << j;
      else if (v[i] !== '0') throw new Error(`row ${r + 2}: list columns must be 0 or 1`);
    });
    const count = countAt >= 0 ? Number(v[countAt]) : 1;
    const list = cells.get(key) ?? [];
    list.push({ pattern, count });
    cells.set(key, list);
  });
  return new Map([...cells].map(([k, c]) => [k, captureTable(lists, c)]));
}
