import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  makeTempDir,
  removeTempDir,
  writeTestFile,
} from '../../../../test/helpers/test-files.js';
import { openTable, resolveFileFormat } from './table-reader.js';
import { TableReadError } from './table-read-error.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeTempDir(dir);
});

describe('resolveFileFormat', () => {
  it.each([
    ['a.csv', 'csv'],
    ['a.TSV', 'csv'],
    ['a.txt', 'csv'],
    ['a.xlsx', 'xlsx'],
    ['a.json', 'json'],
    ['a.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
  ])('%s → %s', (path, format) => {
    expect(resolveFileFormat(path)).toBe(format);
  });

  it('lets an explicit format win', () => {
    expect(resolveFileFormat('export.dat', 'csv')).toBe('csv');
  });

  it.each(['victims.xls', 'victims', 'victims.constructor'])(
    'rejects %s listing the supported formats',
    (path) => {
      expect(() => resolveFileFormat(path)).toThrow(TableReadError);
      expect(() => resolveFileFormat(path)).toThrow(/\.csv, \.tsv, \.txt, \.xlsx, \.json/);
    },
  );
});

describe('openTable', () => {
  it('dispatches on the extension', async () => {
    const tsv = await writeTestFile(dir, 'a.tsv', 'name\tage\nمحمد\t3\n');
    const json = await writeTestFile(dir, 'a.json', '[{"name": "محمد", "age": 3}]');
    const jsonl = await writeTestFile(dir, 'a.ndjson', '{"name": "محمد", "age": 3}\n');
    const xlsx = join(dir, 'a.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRows([
      ['name', 'age'],
      ['محمد', 3],
    ]);
    await workbook.xlsx.writeFile(xlsx);

    for (const [path, format] of [
      [tsv, 'csv'],
      [json, 'json'],
      [jsonl, 'jsonl'],
      [xlsx, 'xlsx'],
    ] as const) {
      const reader = await openTable(path);
      expect(reader.format).toBe(format);
      expect(reader.headers).toEqual(['name', 'age']);
      const rows = await collect(reader.rows);
      expect(rows.map((row) => ({ ...row.cells }))).toEqual([{ name: 'محمد', age: '3' }]);
      expect(reader.totalBytes).toBeGreaterThan(0);
    }
  });

  it('passes options through', async () => {
    const path = await writeTestFile(dir, 'export.dat', 'a|b\n1|2\n');
    const reader = await openTable(path, { format: 'csv', delimiter: '|' });
    expect(reader.headers).toEqual(['a', 'b']);
    await reader.close();
  });

  it('rejects a folder', async () => {
    await expect(openTable(dir, { format: 'csv' })).rejects.toThrow(/folder/);
  });
});
