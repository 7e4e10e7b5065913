import { open } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  encodeText,
  makeTempDir,
  removeTempDir,
  writeTestFile,
  type TestEncoding,
} from '../../../../test/helpers/test-files.js';
import { readCsv } from './read-csv.js';
import { TableReadError } from './table-read-error.js';
import type { SourceRow } from './table-reader.js';

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeTempDir(dir);
});

async function csvFile(content: string | Uint8Array): Promise<string> {
  fileCount += 1;
  return writeTestFile(dir, `file-${fileCount}.csv`, content);
}

/** Plain objects for comparison (cells have a null prototype). */
function plain(
  rows: SourceRow[],
): { rowNumber: number; cells: Record<string, string>; problem?: SourceRow['problem'] }[] {
  return rows.map((row) => ({ ...row, cells: { ...row.cells } }));
}

async function readAll(path: string, options: Parameters<typeof readCsv>[1] = {}) {
  const reader = await readCsv(path, options);
  const rows = plain(await collect(reader.rows));
  return { reader, rows };
}

describe('readCsv encodings', () => {
  const text = 'الاسم,المدينة\nمحمد,حلب\nفاطمة,دمشق\n';
  const expected = [
    { rowNumber: 2, cells: { الاسم: 'محمد', المدينة: 'حلب' } },
    { rowNumber: 3, cells: { الاسم: 'فاطمة', المدينة: 'دمشق' } },
  ];

  it.each<[TestEncoding, string]>([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8'],
    ['utf-16le-bom', 'utf-16le'],
    ['utf-16be-bom', 'utf-16be'],
    ['windows-1256', 'windows-1256'],
  ])('reads Arabic text in %s', async (encoding, detected) => {
    const path = await csvFile(encodeText(text, encoding));
    const { reader, rows } = await readAll(path);
    expect(reader.format).toBe('csv');
    expect(reader.encoding).toBe(detected);
    expect(reader.encodingReason).toEqual(expect.any(String));
    expect(reader.headers).toEqual(['الاسم', 'المدينة']);
    expect(rows).toEqual(expected);
    expect(reader.bytesRead()).toBe(reader.totalBytes);
  });

  it('decodes the windows-1256 bytes E3 CD E3 CF as محمد', async () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('name,city\n'),
      0xe3,
      0xcd,
      0xe3,
      0xcf,
      ...new TextEncoder().encode(',x\n'),
    ]);
    const { reader, rows } = await readAll(await csvFile(bytes));
    expect(reader.encoding).toBe('windows-1256');
    expect(rows[0]?.cells).toEqual({ name: 'محمد', city: 'x' });
  });

  it('uses the encoding given by the caller', async () => {
    const path = await csvFile(encodeText('name\nمحمد\n', 'windows-1256'));
    const { reader, rows } = await readAll(path, { encoding: 'windows-1256' });
    expect(reader.encodingReason).toMatch(/explicitly/);
    expect(rows[0]?.cells).toEqual({ name: 'محمد' });
  });

  it('reports undecodable bytes with their byte offset', async () => {
    const path = await csvFile(encodeText('name\nمحمد\n', 'windows-1256'));
    // The bad bytes are in the first chunk, read while looking for the header.
    const failure = await readCsv(path, { encoding: 'utf-8' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TableReadError);
    expect((failure as TableReadError).message).toMatch(/byte offset 5/);
    expect((failure as TableReadError).location.byteOffset).toBe(5);
  });
  it('fails at the undecodable row when only later bytes break the detected encoding', async () => {
    // The 64 KiB sample is pure ASCII, so detection says UTF-8; windows-1256 bytes come later.
    const lines = ['id,name'];
    for (let i = 1; i <= 5000; i += 1) lines.push(`${i},name number ${i}`);
    const head = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const tail = encodeText('5001,محمد\n', 'windows-1256');
    const path = await csvFile(Uint8Array.from([...head, ...tail]));
    const reader = await readCsv(path);
    expect(reader.encoding).toBe('utf-8');
    let count = 0;
    const error = await (async () => {
      for await (const _row of reader.rows) count += 1;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as TableReadError).location.byteOffset).toBe(head.length + 5);
    expect((error as Error).message).toMatch(/windows-1256/);
    // Rows already buffered when the error strikes are dropped: the importer rejects the file.
    expect(count).toBeLessThan(5000);
  });
});

describe('readCsv delimiters and structure', () => {
  it.each([
    [';', 'a;b;c\n1;2,5;3\n'],
    ['\t', 'a\tb\tc\n1\t2,5\t3\n'],
    ['|', 'a|b|c\n1|2,5|3\n'],
  ])('detects the %j delimiter from the header', async (_delimiter, text) => {
    const { reader, rows } = await readAll(await csvFile(text));
    expect(reader.headers).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([{ rowNumber: 2, cells: { a: '1', b: '2,5', c: '3' } }]);
  });

  it('ignores candidate delimiters inside quoted header names', async () => {
    const { reader } = await readAll(await csvFile('"a;b";"c;d",e\n1,2\n'));
    expect(reader.headers).toEqual(['"a;b";"c;d"', 'e']);
  });

  it('honours an explicit delimiter, including "tab"', async () => {
    const { reader, rows } = await readAll(await csvFile('a;b\tc\n1;2\t3\n'), { delimiter: 'tab' });
    expect(reader.headers).toEqual(['a;b', 'c']);
    expect(rows[0]?.cells).toEqual({ 'a;b': '1;2', c: '3' });
  });

  it('rejects an unusable delimiter', async () => {
    await expect(readCsv(await csvFile('a,b\n'), { delimiter: '"' })).rejects.toThrow(
      TableReadError,
    );
  });

  it('numbers rows by the line they start on, with CRLF, blank lines and multi-line cells', async () => {
    const text = [
      '',
      'id,note',
      '1,"first line',
      'second line"',
      '',
      '2,plain',
      '3,"a\r\nb\r\nc"',
      '4,"""quoted"" text"',
      '   ',
      '5,last',
    ].join('\r\n');
    const { reader, rows } = await readAll(await csvFile(text));
    expect(reader.headers).toEqual(['id', 'note']);
    expect(rows).toEqual([
      { rowNumber: 3, cells: { id: '1', note: 'first line\r\nsecond line' } },
      { rowNumber: 6, cells: { id: '2', note: 'plain' } },
      { rowNumber: 7, cells: { id: '3', note: 'a\r\nb\r\nc' } },
      { rowNumber: 10, cells: { id: '4', note: '"quoted" text' } },
      { rowNumber: 12, cells: { id: '5', note: 'last' } },
    ]);
  });

  it('counts lines correctly when line endings are mixed or old-Mac CR', async () => {
    const { rows } = await readAll(await csvFile('a,b\r1,2\n\n3,"x\ry"\r\n4,5\r'));
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 4, 6]);
    expect(rows[1]?.cells).toEqual({ a: '3', b: 'x\ry' });
  });

  it('keeps cell text verbatim', async () => {
    const { rows } = await readAll(await csvFile('a,b,c,d\n  padded  ,007,1e5,5" pipe\n'));
    expect(rows[0]?.cells).toEqual({ a: '  padded  ', b: '007', c: '1e5', d: '5" pipe' });
  });

  it('trims header names, names empty ones and de-duplicates repeats', async () => {
    const { reader } = await readAll(await csvFile(' name ,,name,name_2, ,name\n1,2,3,4,5,6\n'));
    expect(reader.headers).toEqual([
      'name',
      'column_2',
      'name_2',
      'name_2_2',
      'column_5',
      'name_3',
    ]);
  });

  it('stores hostile header names as plain keys', async () => {
    const { rows } = await readAll(await csvFile('__proto__,constructor\nx,y\n'));
    expect(rows[0]?.cells).toEqual({ ['__proto__']: 'x', constructor: 'y' });
  });

  it('yields rows with the wrong number of cells with a problem', async () => {
    const { rows } = await readAll(await csvFile('a,b,c\n1,2\n1,2,3,4\n1,2,3\n'));
    expect(rows[0]).toMatchObject({ rowNumber: 2, cells: { a: '1', b: '2' } });
    expect(rows[0]?.problem?.reason).toMatch(/2 cells but the header has 3 columns.*line 2/);
    expect(rows[0]?.problem).toMatchObject({
      code: 'cell_count',
      params: { cells: 2, columns: 3, line: 2 },
    });
    expect(rows[1]).toMatchObject({ rowNumber: 3, cells: { a: '1', b: '2', c: '3' } });
    expect(rows[1]?.problem?.reason).toMatch(/4 cells/);
    expect(rows[2]).toEqual({ rowNumber: 4, cells: { a: '1', b: '2', c: '3' } });
  });

  it('skips rows that hold nothing but delimiters or spaces', async () => {
    const { rows } = await readAll(await csvFile('a,b\n,\n , \n1,2\n'));
    expect(rows).toEqual([{ rowNumber: 4, cells: { a: '1', b: '2' } }]);
  });

  it('reads a header-only file as no rows', async () => {
    const { reader, rows } = await readAll(await csvFile('a,b\r\n'));
    expect(reader.headers).toEqual(['a', 'b']);
    expect(rows).toEqual([]);
  });

  it.each(['', '\r\n\r\n', '\uFEFF'])('rejects a file without a header row (%j)', async (text) => {
    const error = await readCsv(await csvFile(text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as Error).message).toMatch(/empty.*header/);
  });

  it('explains an unclosed quote with the line it starts on', async () => {
    const reader = await readCsv(await csvFile('a,b\n1,2\n3,"never closed\n4,5\n'));
    const error = await collect(reader.rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as Error).message).toMatch(/line 3 is never closed/);
  });

  it('rejects a missing file clearly', async () => {
    await expect(readCsv(join(dir, 'missing.csv'))).rejects.toThrow(/does not exist/);
  });
});

describe('readCsv streaming', () => {
  it('gives the same rows whatever the chunk size', async () => {
    const text =
      '\uFEFFالاسم;ملاحظة\r\nمحمد;"سطر\r\nثانٍ"\r\n\r\nفاطمة;"قال ""نعم"""\r\nعلي;😀 emoji\r\n';
    for (const encoding of ['utf-8-bom', 'utf-16le-bom', 'windows-1256'] as const) {
      const source = encoding === 'windows-1256' ? text.replace('😀 ', '').slice(1) : text.slice(1);
      const path = await csvFile(encodeText(source, encoding));
      const reference = (await readAll(path)).rows;
      expect(reference.map((row) => row.rowNumber)).toEqual([2, 5, 6]);
      for (const chunkBytes of [1, 2, 3, 5, 7, 64]) {
        expect((await readAll(path, { chunkBytes })).rows).toEqual(reference);
      }
    }
  });

  it('streams a 200,000-row file with the right row numbers', async () => {
    const total = 200_000;
    const path = join(dir, 'big.csv');
    const handle = await open(path, 'w');
    await handle.write('id,name,note\n');
    const batch: string[] = [];
    for (let i = 1; i <= total; i += 1) {
      batch.push(i % 1000 === 0 ? `${i},"محمد ${i}","two\nlines"\n` : `${i},محمد ${i},ok\n`);
      if (batch.length === 5000) {
        await handle.write(batch.join(''));
        batch.length = 0;
      }
    }
    await handle.write(batch.join(''));
    await handle.close();

    const reader = await readCsv(path);
    let count = 0;
    let expectedLine = 2;
    for await (const row of reader.rows) {
      count += 1;
      if (row.rowNumber !== expectedLine || row.cells.id !== String(count)) {
        throw new Error(`row ${count} came out as line ${row.rowNumber}, id ${row.cells.id}`);
      }
      expect(row.problem).toBeUndefined();
      expectedLine += count % 1000 === 0 ? 2 : 1;
    }
    expect(count).toBe(total);
    expect(reader.bytesRead()).toBe(reader.totalBytes);
  });

  it('lets rows be iterated only once and closes early without error', async () => {
    const reader = await readCsv(await csvFile('a\n1\n2\n3\n'));
    for await (const row of reader.rows) {
      expect(row.cells.a).toBe('1');
      break;
    }
    expect(() => reader.rows[Symbol.asyncIterator]()).toThrow(TableReadError);
    await reader.close();
    await reader.close();
  });

  it('can be closed before reading any row', async () => {
    const reader = await readCsv(await csvFile('a\n1\n'));
    await reader.close();
    expect(await collect(reader.rows)).toEqual([]);
  });
});

/** Quotes a cell the way csv-stringify does: only when it contains a special character. */
function quoteCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

describe('readCsv round trip (property)', () => {
  const cell = fc.oneof(
    fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '"', ',', ';', '\n', '\r', 'م', 'ح', 'د', '😀'),
    }),
    fc.string(),
  );

  it('reads back random tables cell for cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            headers: fc.uniqueArray(
              fc.stringMatching(/^[a-zA-Z\u0621-\u064A][a-zA-Z0-9_\u0621-\u064A]{0,8}$/),
              {
                minLength: width,
                maxLength: width,
              },
            ),
            rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              maxLength: 12,
            }),
          }),
        ),
        fc.constantFrom<TestEncoding>('utf-8', 'utf-8-bom', 'utf-16le-bom'),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 64 }),
        async ({ headers, rows }, encoding, delimiter, newline, chunkBytes) => {
          // A row of only empty/blank cells is skipped by design, so keep each row non-blank.
          const kept = rows.filter((row) => row.some((value) => value.trim() !== ''));
          const text =
            [headers, ...kept]
              .map((row) => row.map((value) => quoteCell(value, delimiter)).join(delimiter))
              .join(newline) + newline;
          const path = await csvFile(encodeText(text, encoding));
          const { reader, rows: read } = await readAll(path, { delimiter, chunkBytes });
          expect(reader.headers).toEqual(headers);
          expect(read.map((row) => headers.map((h) => row.cells[h]))).toEqual(kept);
          expect(read.every((row) => row.problem === undefined)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
