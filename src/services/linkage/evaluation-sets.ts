import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * Held-out evaluation sets derived from one labelled multi-source file (the shared
 * Gaza releases): the model must do well on lists it was not looked at with, so the
 * benchmark scores it on
 * - each pair of consecutive sources linked on its own (`split-…`), truth filtered
 *   to those sources;
 * - a "monitor" list made from the later source: no birth dates, and each record's
 *   name given in one of four forms — full Latin transliteration, Latin
 *   "given family", Arabic "given family", full Arabic — linked against the earlier
 *   source's Arabic names only; scored on cross-source pairs (`--cross monitor`).
 * Which form a record gets depends on a hash of its id: same input, same sets.
 */
export interface EvaluationSet {
  readonly name: string;
  readonly input: string;
  readonly truth: string;
  /** Score only pairs with exactly one record from this source. */
  readonly crossSource?: string;
}

type Row = Record<string, string>;

/** The source name given to the derived monitor list. */
export const MONITOR_SOURCE = 'monitor';

/** FNV-1a, 32 bits: a stable hash for picking forms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function firstAndLast(name: string): string {
  const words = name.split(/\s+/).filter((w) => w !== '');
  const first = words[0];
  const last = words[words.length - 1];
  return words.length >= 2 && first !== undefined && last !== undefined ? `${first} ${last}` : name;
}

/** Writes the derived sets into `dir`; returns them (none when there are fewer than two sources). */
export async function writeEvaluationSets(
  inputPath: string,
  truthPath: string,
  dir: string,
): Promise<EvaluationSet[]> {
  const read = async (p: string): Promise<Row[]> =>
    parse<Row>((await readFile(p, 'utf8')).replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  const rows = await read(inputPath);
  const truth = new Map<string, string>();
  for (const t of await read(truthPath))
    truth.set(`${t.source ?? ''}\u0000${t.record_id ?? ''}`, t.entity ?? '');
  const header = Object.keys(rows[0] ?? {});
  const sources = [...new Set(rows.map((r) => r.source ?? ''))].sort();
  const sets: EvaluationSet[] = [];
  const write = async (
    name: string,
    picked: { row: Row; originalSource: string }[],
    crossSource?: string,
  ): Promise<void> => {
    const input = join(dir, `${name}.csv`);
    const truthOut = join(dir, `${name}.truth.csv`);
    await writeFile(
      input,
      stringify([header, ...picked.map((p) => header.map((h) => p.row[h] ?? ''))]),
    );
    await writeFile(
      truthOut,
      stringify([
        ['source', 'record_id', 'entity'],
        ...picked.map((p) => [
          p.row.source ?? '',
          p.row.record_id ?? '',
          truth.get(`${p.originalSource}\u0000${p.row.record_id ?? ''}`) ?? '',
        ]),
      ]),
    );
    sets.push(
      crossSource === undefined
        ? { name, input, truth: truthOut }
        : { name, input, truth: truthOut, crossSource },
    );
  };
  for (let k = 0; k + 1 < sources.length; k++) {
    const pair = new Set([sources[k], sources[k + 1]]);
    await write(
      `split-${k + 1}-${k + 2}`,
      rows
        .filter((r) => pair.has(r.source ?? ''))
        .map((row) => ({ row, originalSource: row.source ?? '' })),
    );
  }
  const earlier = sources[sources.length - 2];
  const later = sources[sources.length - 1];
  if (earlier !== undefined && later !== undefined) {
    const picked: { row: Row; originalSource: string }[] = [];
    for (const r of rows) {
      if (r.source === earlier)
        picked.push({ row: { ...r, name_latin: '' }, originalSource: earlier });
      else if (r.source === later && hash(`m${r.record_id ?? ''}`) % 3 === 0) {
        const form = hash(`f${r.record_id ?? ''}`) % 4;
        const name = r.name ?? '';
        const latin = r.name_latin ?? '';
        const row: Row = { ...r, source: MONITOR_SOURCE, birth_date: '' };
        if (form === 0) Object.assign(row, { name: '', name_latin: latin });
        else if (form === 1) Object.assign(row, { name: '', name_latin: firstAndLast(latin) });
        else if (form === 2) Object.assign(row, { name: firstAndLast(name), name_latin: '' });
        else Object.assign(row, { name, name_latin: '' });
        picked.push({ row, originalSource: later });
      }
    }
    if (header.includes('name_latin')) await write('monitor-latin-short', picked, MONITOR_SOURCE);
  }
  return sets;
}
