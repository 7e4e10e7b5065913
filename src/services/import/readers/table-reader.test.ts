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
import { en } from '../../../../web/src/locales/en.js';
import { fileProblemCodes, TableReadError } from './table-read-error.js';

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

describe('unreadable files', () => {
  /** The problem a file's reading stops on, whether at opening or while reading its rows. */
  async function problemOf(name: string, content: string | Uint8Array, encoding?: 'utf-8') {
    const path = await writeTestFile(dir, name, content);
    try {
      const reader = await openTable(path, encoding ? { encoding } : {});
      try {
        await collect(reader.rows);
      } finally {
        await reader.close();
      }
    } catch (error) {
      expect(error).toBeInstanceOf(TableReadError);
      return (error as TableReadError).problem;
    }
    throw new Error(`${name} was read without a problem`);
  }

  it('are of kinds each with words in the workspace', () => {
    for (const code of fileProblemCodes) expect(en.import.fileProblems, code).toHaveProperty(code);
  });

  it('say what kind of problem stopped them, with what the workspace needs to say it', async () => {
    expect(await problemOf('empty.csv', '')).toEqual({ code: 'empty_file', params: {} });
    expect(await problemOf('quote.csv', 'name,age\n"Ahmad,3\nSara,4\n')).toEqual({
      code: 'unclosed_quote',
      params: { line: 2 },
    });
    const json = await problemOf('bad.json', '[{"name": "Ahmad"},\n {"name": }]');
    expect(json).toMatchObject({ code: 'json_syntax', params: { line: 2 } });
    expect(json?.params.detail).toMatch(/\w/);
    expect(await problemOf('text.json', '[{"name": "Ahmad"},\n "Sara"]')).toEqual({
      code: 'json_not_object',
      params: { line: 2, item: 2 },
    });
    expect(await problemOf('empty.jsonl', '\n\n')).toEqual({ code: 'empty_file', params: {} });
    expect(
      await problemOf('latin1.csv', new Uint8Array([0x6e, 0x0a, 0xe9, 0x0a]), 'utf-8'),
    ).toEqual({ code: 'undecodable', params: { encoding: 'utf-8', offset: 2 } });
    const xlsx = await problemOf('broken.xlsx', 'not a zip file');
    expect(xlsx?.code).toBe('xlsx_unreadable');
    expect(xlsx?.params.detail).toMatch(/\w/);
  });
});
