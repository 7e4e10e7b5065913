import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { LinkInputRecord } from '../../core/linkage/index.js';

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

/** A CSV read for linkage: the raw table (for pass-through) and the records. */
export interface LinkTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly records: readonly LinkInputRecord[];
  /** Problems worth telling the user about (missing columns, duplicate ids). */
  readonly warnings: readonly string[];
}

/** Reads a CSV file in the one-shot linkage format. */
export async function readLinkTable(path: string): Promise<LinkTable> {
  const text = await readFile(path, 'utf8');
  return parseLinkTable(text, path);
}

/**
 * Parses CSV text. A missing `source` column puts every row in one source; a
 * missing `record_id` numbers rows from 1. Throws a readable error when there is no
 * name column at all, since nothing could be linked.
 */
export function parseLinkTable(text: string, label = 'input'): LinkTable {
  const table: string[][] = parse(text.replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const header = (table[0] ?? []).map((h) => h.trim());
  if (header.length === 0) throw new Error(`${label}: the file is empty (a header row is needed)`);
  const rows = table.slice(1);
  const index = new Map<string, number>();
  header.forEach((h, i) => index.set(h.toLowerCase(), i));
  const warnings: string[] = [];
  if (!index.has('name') && !index.has('name_latin'))
    throw new Error(
      `${label}: no "name" or "name_latin" column; columns found: ${header.join(', ')}`,
    );
  if (!index.has('source'))
    warnings.push(`${label}: no "source" column; all rows are treated as one source`);
  if (!index.has('record_id'))
    warnings.push(`${label}: no "record_id" column; rows are numbered from 1`);
  const cell = (row: readonly string[], column: string): string => {
    const i = index.get(column);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const seen = new Set<string>();
  let duplicates = 0;
  const records = rows.map((row, r): LinkInputRecord => {
    const source = index.has('source') ? cell(row, 'source') : 'input';
    const recordId = index.has('record_id') ? cell(row, 'record_id') : String(r + 1);
    const key = `${source}\u0000${recordId}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
    return {
      source,
      recordId,
      name: cell(row, 'name'),
      nameLatin: cell(row, 'name_latin'),
      sex: cell(row, 'sex'),
      age: cell(row, 'age'),
      birthDate: cell(row, 'birth_date'),
      deathDate: cell(row, 'death_date'),
      place: cell(row, 'place'),
      idNumber: cell(row, 'id_number'),
    };
  });
  if (duplicates > 0)
    warnings.push(
      `${label}: ${duplicates} rows repeat a (source, record_id) already seen; output keeps every row`,
    );
  return { header, rows, records, warnings };
}
