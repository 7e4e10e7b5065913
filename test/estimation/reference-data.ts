import { readFileSync } from 'node:fs';
import { parseCaptureCsv, type CaptureTable } from '../../src/core/stats/estimation/index.js';

/** Reads a fixture from test/fixtures/mse/. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/mse/${name}`, import.meta.url), 'utf8');
}

/** The Kosovo table (4 lists, 4,400 people). */
export function kosovo(): CaptureTable {
  return parseCaptureCsv(fixture('kosovo.csv'));
}

/** A reference CSV as objects; quoted strings kept as strings, the rest as numbers. */
export function referenceRows(name: string): Record<string, string | number>[] {
  const lines = fixture(name).trim().split(/\r?\n/);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const rawHeader = lines[0] ?? '';
  const header = split(rawHeader);
  const quotedAt = (line: string) => {
    // Which fields were quoted: those are names, not numbers.
    const flags: boolean[] = [];
    let quoted = false;
    let wasQuoted = false;
    for (const ch of line) {
      if (ch === '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (ch === ',' && !quoted) {
        flags.push(wasQuoted);
        wasQuoted = false;
      }
    }
    flags.push(wasQuoted);
    return flags;
  };
  return lines.slice(1).map((line) => {
    const values = split(line);
    const q = quotedAt(line);
    const row: Record<string, string | number> = {};
    header.forEach((h, i) => {
      const v = values[i] ?? '';
      row[h === '' ? 'name' : h] = q[i] || v === 'TRUE' || v === 'FALSE' ? v : Number(v);
    });
    return row;
  });
}

/** Relative difference, for "agrees to six significant digits" (< 5e-7). */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Six significant digits. */
export const SIX_DIGITS = 5e-7;
