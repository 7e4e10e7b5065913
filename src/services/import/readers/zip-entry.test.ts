import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipEntry } from './zip-entry.js';

describe('readZipEntry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sijil-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the last entry of an archive through its central directory', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('قائمة').addRow(['الاسم']);
    workbook.addWorksheet('Second').addRow(['x']);
    const path = join(dir, 'book.xlsx');
    await workbook.xlsx.writeFile(path);
    const part = await readZipEntry(path, 'xl/workbook.xml');
    expect(part?.toString('utf8')).toMatch(/<sheet [^>]*name="قائمة"/);
    expect(await readZipEntry(path, 'xl/no-such-part.xml')).toBeNull();
  });

  it('refuses a file that is not a zip archive', async () => {
    const path = join(dir, 'not.xlsx');
    writeFileSync(path, 'name,age\nسعيد,40\n');
    await expect(readZipEntry(path, 'xl/workbook.xml')).rejects.toThrow(/not a zip archive/);
  });
});
