import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  makeTempDir,
  removeTempDir,
  writeTestFile,
} from '../../../../test/helpers/test-files.js';
import { readXlsx } from './read-xlsx.js';
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

async function saveWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  fileCount += 1;
  const path = join(dir, `book-${fileCount}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function readAll(reader: TableReader): Promise<SourceRow[]> {
  return (await collect(reader.rows)).map((row) => ({ ...row, cells: { ...row.cells } }));
}

/** A register-like sheet exercising every kind of cell value. */
function buildRegister(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('الضحايا');
  sheet.getCell('A1').value = null; // leading empty rows: the header is the first non-empty row
  sheet.getRow(3).values = [
    'الاسم',
    'العمر',
    'تاريخ الوفاة',
    'الوقت',
    'متوفى',
    'ملاحظة',
    ' المصدر ',
  ];
  sheet.getRow(4).values = [
    'محمد أحمد',
    34,
    new Date(Date.UTC(2024, 0, 15)),
    new Date(Date.UTC(2024, 0, 15, 14, 30, 5)),
    true,
    { richText: [{ text: 'قصف ', font: { bold: true } }, { text: 'جوي' }] },
    { text: 'رابط', hyperlink: 'https://example.org/a' },
  ];
  sheet.getRow(5).values = ['فاطمة', 1234567.25, null, null, false, '  padded  ', '007'];
  sheet.getRow(6).values = [
    'علي',
    { formula: 'B4+1', result: 35 },
    { formula: 'C4+1', result: new Date(Date.UTC(2024, 0, 16)) },
    { error: '#N/A' },
    { formula: '1/0', result: { error: '#DIV/0!' } },
    { formula: 'A4&"!"', result: 'محمد أحمد!' },
    0.1,
  ];
  sheet.getRow(7).values = [
    'زينب',
    { formula: 'B4-B4', result: 0 },
    null,
    { formula: 'A1', result: true },
    { formula: 'A9&""', result: '' },
    { formula: 'B4' }, // never calculated: no cached result
  ];
  sheet.getRow(9).values = []; // blank row inside the data: skipped
  sheet.getRow(10).values = ['ليلى', 5, null, null, null, null, null, 'stray'];
  sheet.getCell('C4').numFmt = 'dd/mm/yyyy';
  sheet.getCell('D4').numFmt = 'dd/mm/yyyy hh:mm:ss';
  sheet.getCell('C6').numFmt = 'yyyy-mm-dd';

  const other = workbook.addWorksheet('Sheet2');
  other.addRow(['code', 'value']);
  other.addRow(['x', 1]);
}

describe('readXlsx', () => {
  it('reads the first sheet with every cell as text', async () => {
    const path = await saveWorkbook(buildRegister);
    const reader = await readXlsx(path);
    expect(reader.format).toBe('xlsx');
    expect(reader.encoding).toBeNull();
    expect(reader.encodingReason).toBeNull();
    expect(reader.headers).toEqual([
      'الاسم',
      'العمر',
      'تاريخ الوفاة',
      'الوقت',
      'متوفى',
      'ملاحظة',
      'المصدر',
    ]);
    const rows = await readAll(reader);
    expect(rows.map((row) => row.rowNumber)).toEqual([4, 5, 6, 7, 10]);
    expect(rows[0]?.cells).toEqual({
      الاسم: 'محمد أحمد',
      العمر: '34',
      'تاريخ الوفاة': '2024-01-15',
      الوقت: '2024-01-15T14:30:05',
      متوفى: 'true',
      ملاحظة: 'قصف جوي',
      المصدر: 'رابط',
    });
    expect(rows[1]?.cells).toEqual({
      الاسم: 'فاطمة',
      العمر: '1234567.25',
      'تاريخ الوفاة': '',
      الوقت: '',
      متوفى: 'false',
      ملاحظة: '  padded  ',
      المصدر: '007',
    });
    expect(rows[2]?.cells).toEqual({
      الاسم: 'علي',
      العمر: '35',
      'تاريخ الوفاة': '2024-01-16',
      الوقت: '#N/A',
      متوفى: '#ERROR', // exceljs' streaming reader loses the code of a formula error
      ملاحظة: 'محمد أحمد!',
      المصدر: '0.1',
    });
    expect(rows[3]?.cells).toEqual({
      الاسم: 'زينب',
      العمر: '0',
      'تاريخ الوفاة': '',
      الوقت: '1', // exceljs' streaming reader gives boolean formula results as 1/0
      متوفى: '',
      ملاحظة: '',
      المصدر: '',
    });
    expect(rows[2]?.problem).toBeUndefined();
    expect(rows[4]?.problem?.reason).toMatch(/column H, right of the last header column \(G\)/);
    expect(rows[4]?.problem).toMatchObject({
      code: 'stray_values',
      params: { columns: 'H', last: 'G' },
    });
    expect(rows[4]?.cells.الاسم).toBe('ليلى');
    expect(reader.bytesRead()).toBe(reader.totalBytes);
  });

  it('reads a sheet chosen by name, ignoring case', async () => {
    const path = await saveWorkbook(buildRegister);
    const reader = await readXlsx(path, { sheet: 'sheet2' });
    expect(reader.headers).toEqual(['code', 'value']);
    expect(await readAll(reader)).toEqual([{ rowNumber: 2, cells: { code: 'x', value: '1' } }]);
  });

  it('starts with the first visible sheet', async () => {
    const path = await saveWorkbook((workbook) => {
      const hidden = workbook.addWorksheet('lookup', { state: 'hidden' });
      hidden.addRow(['hidden']);
      workbook.addWorksheet('data').addRow(['shown']);
    });
    expect((await readXlsx(path)).headers).toEqual(['shown']);
  });

  it('lists the sheets when the named one is missing', async () => {
    const path = await saveWorkbook(buildRegister);
    await expect(readXlsx(path, { sheet: 'Victims' })).rejects.toThrow(
      /no sheet named "Victims".*"الضحايا", "Sheet2"/,
    );
  });

  it('names empty header cells and de-duplicates repeated ones', async () => {
    const path = await saveWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('s');
      sheet.getRow(1).values = ['name', null, 'name', 'x'];
      sheet.getRow(2).values = ['a', 'b', 'c', 'd'];
    });
    const reader = await readXlsx(path);
    expect(reader.headers).toEqual(['name', 'column_2', 'name_2', 'x']);
    expect(await readAll(reader)).toEqual([
      { rowNumber: 2, cells: { name: 'a', column_2: 'b', name_2: 'c', x: 'd' } },
    ]);
  });

  it('rejects an empty sheet', async () => {
    const path = await saveWorkbook((workbook) => workbook.addWorksheet('empty'));
    await expect(readXlsx(path)).rejects.toThrow(/empty, so there is no header row/);
  });

  it('rejects a file that is not a workbook', async () => {
    const path = await writeTestFile(dir, 'fake.xlsx', 'name,age\nمحمد,3\n');
    const error = await readXlsx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as Error).message).toMatch(/not.*\.xlsx|Excel workbook/);
  });

  it('can be closed early and iterated only once', async () => {
    const path = await saveWorkbook(buildRegister);
    const reader = await readXlsx(path);
    for await (const row of reader.rows) {
      expect(row.rowNumber).toBe(4);
      break;
    }
    expect(() => reader.rows[Symbol.asyncIterator]()).toThrow(TableReadError);
    await reader.close();
  });
});
