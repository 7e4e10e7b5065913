import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  encodeText,
  makeTempDir,
  removeTempDir,
  writeTestFile,
  type TestEncoding,
} from '../../../../test/helpers/test-files.js';
import { readJson, readJsonLines } from './read-json.js';
import { TableReadError } from './table-read-error.js';
import type { SourceRow, TableReader } from './table-reader.js';

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeTempDir(dir);
});

async function file(extension: string, content: string | Uint8Array): Promise<string> {
  fileCount += 1;
  return writeTestFile(dir, `file-${fileCount}.${extension}`, content);
}

function plain(rows: SourceRow[]): SourceRow[] {
  return rows.map((row) => ({ ...row, cells: { ...row.cells } }));
}

async function readAll(reader: TableReader): Promise<SourceRow[]> {
  return plain(await collect(reader.rows));
}

async function failure(read: () => Promise<TableReader>): Promise<TableReadError> {
  const error = await read()
    .then((reader) => collect(reader.rows))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(TableReadError);
  return error as TableReadError;
}

describe('readJson', () => {
  const records = [
    { الاسم: 'محمد', العمر: 34, متوفى: true, ملاحظة: null },
    { الاسم: 'فاطمة', العمر: 7.5, متوفى: false, ملاحظة: 'طفلة', extra: 'x' },
  ];
  const expected = [
    { rowNumber: 1, cells: { الاسم: 'محمد', العمر: '34', متوفى: 'true', ملاحظة: '' } },
    {
      rowNumber: 2,
      cells: { الاسم: 'فاطمة', العمر: '7.5', متوفى: 'false', ملاحظة: 'طفلة', extra: 'x' },
    },
  ];

  it.each<TestEncoding>(['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom'])(
    'reads an array of objects in %s',
    async (encoding) => {
      const path = await file('json', encodeText(JSON.stringify(records, null, 2), encoding));
      const reader = await readJson(path);
      expect(reader.format).toBe('json');
      expect(reader.headers).toEqual(['الاسم', 'العمر', 'متوفى', 'ملاحظة']);
      expect(await readAll(reader)).toEqual(expected);
      expect(reader.bytesRead()).toBe(reader.totalBytes);
    },
  );

  it('gives the same rows whatever the chunk size', async () => {
    const text = JSON.stringify([
      ...records,
      { الاسم: 'a "quoted" \\ [name] {x}, ok', n: [1, { b: 2 }] },
    ]);
    const path = await file('json', encodeText(text, 'utf-16le-bom'));
    const reference = await readAll(await readJson(path));
    expect(reference).toHaveLength(3);
    for (const chunkBytes of [1, 2, 3, 5, 8, 13]) {
      expect(await readAll(await readJson(path, { chunkBytes }))).toEqual(reference);
    }
  });

  it('keeps numbers as written and serializes nested values', async () => {
    const path = await file(
      'json',
      '[{"id": 12345678901234567890, "score": 1.50, "exp": 1e3, "tags": ["أ", 2], "geo": {"lat": 36.2}}]',
    );
    const rows = await readAll(await readJson(path));
    expect(rows[0]?.cells).toEqual({
      id: '12345678901234567890',
      score: '1.50',
      exp: '1e3',
      tags: '["أ",2]',
      geo: '{"lat":36.2}',
    });
  });

  it('keeps the key order of the first object, even for numeric-looking keys', async () => {
    const reader = await readJson(await file('json', '[{"name": "a", "2024": "x", "1": "y"}]'));
    expect(reader.headers).toEqual(['name', '2024', '1']);
  });

  it('accepts an object wrapping the array', async () => {
    const path = await file(
      'json',
      '{"exported": "2024-05-01", "meta": {"by": [1, 2]}, "records": [{"a": "1"}, {"a": "2"}], "count": 2}',
    );
    const rows = await readAll(await readJson(path));
    expect(rows).toEqual([
      { rowNumber: 1, cells: { a: '1' } },
      { rowNumber: 2, cells: { a: '2' } },
    ]);
  });

  it('reads an empty array as no headers and no rows', async () => {
    const reader = await readJson(await file('json', ' [ ] '));
    expect(reader.headers).toEqual([]);
    expect(await readAll(reader)).toEqual([]);
  });

  it('streams a large array item by item', async () => {
    const path = join(dir, 'big.json');
    const handle = await open(path, 'w');
    await handle.write('[\n');
    const total = 50_000;
    const batch: string[] = [];
    for (let i = 1; i <= total; i += 1) {
      batch.push(`${JSON.stringify({ id: i, name: `محمد ${i}` })}${i < total ? ',' : ''}\n`);
      if (batch.length === 5000) {
        await handle.write(batch.join(''));
        batch.length = 0;
      }
    }
    await handle.write(`${batch.join('')}]\n`);
    await handle.close();
    let count = 0;
    for await (const row of (await readJson(path)).rows) {
      count += 1;
      if (row.rowNumber !== count || row.cells.id !== String(count))
        throw new Error(`row ${count}`);
    }
    expect(count).toBe(total);
  });

  it.each([
    ['[{"a": 1}, "text"]', /item 2 \(starting on line 1\) is a text value.*must be an object/],
    ['[{"a": 1},\n {"a": tru}]', /item 2 \(starting on line 2\) is not valid JSON.*line 2/],
    ['[{"a": 1},\n {"a": 2}\n', /ends before the JSON is complete/],
    ['[{"a": 1},\n {"a": 2', /ends before the JSON is complete inside item 2/],
    ['[{"a": 1},]', /comma after item 1/],
    ['[{"a": 1}] [', /more text after the end/],
    ['{"a": 1}', /no array of records/],
    ['{"a": [], "b": []}', /more than one array/],
    ['"hello"', /must hold an array of objects/],
    ['', /empty/],
    ['  \n', /empty/],
  ])('explains the problem in %j', async (text, message) => {
    const error = await failure(async () => readJson(await file('json', text)));
    expect(error.message).toMatch(message);
  });

  it('yields the rows before an error, in order', async () => {
    const reader = await readJson(await file('json', '[{"a": 1}, {"a": 2}, 3]'));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const row of reader.rows) seen.push(row.cells.a ?? '');
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['1', '2']);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as TableReadError).location).toEqual({ line: 1, row: 3 });
  });
});

describe('readJsonLines', () => {
  it('reads one object per line, numbering rows by line and skipping blank lines', async () => {
    const text =
      '{"name": "محمد", "age": 34}\r\n\r\n{"name": "علي", "age": null, "x": [1]}\n   \n{"name": "ليلى"}';
    const reader = await readJsonLines(await file('jsonl', encodeText(text, 'utf-16le-bom')));
    expect(reader.format).toBe('jsonl');
    expect(reader.encoding).toBe('utf-16le');
    expect(reader.headers).toEqual(['name', 'age']);
    expect(await readAll(reader)).toEqual([
      { rowNumber: 1, cells: { name: 'محمد', age: '34' } },
      { rowNumber: 3, cells: { name: 'علي', age: '', x: '[1]' } },
      { rowNumber: 5, cells: { name: 'ليلى' } },
    ]);
  });

  it('gives the same rows whatever the chunk size', async () => {
    const path = await file('jsonl', '{"a": "محمد"}\n{"a": "b\\nc"}\r\n\n{"a": "😀"}\n');
    const reference = await readAll(await readJsonLines(path));
    expect(reference.map((row) => row.rowNumber)).toEqual([1, 2, 4]);
    for (const chunkBytes of [1, 2, 3, 7]) {
      expect(await readAll(await readJsonLines(path, { chunkBytes }))).toEqual(reference);
    }
  });

  it.each([
    ['{"a": 1}\n[1, 2]\n', /line 2 is an array/],
    ['{"a": 1}\n\n{"a": }\n', /line 3 is not valid JSON/],
    ['\n\n', /empty/],
  ])('explains the problem in %j', async (text, message) => {
    const error = await failure(async () => readJsonLines(await file('jsonl', text)));
    expect(error.message).toMatch(message);
  });
});
