import { Readable, Transform, pipeline } from 'node:stream';
import ExcelJS from 'exceljs';
import { createCells, isBlankRow } from './cells-record.js';
import { normalizeHeaderNames } from './header-names.js';
import { openSourceFile } from './open-source-file.js';
import { batchesOfOne, singleUseRows } from './single-use-rows.js';
import { TableReadError } from './table-read-error.js';
import type { SourceRow, TableReader } from './table-reader.js';
import { columnLetters, xlsxCellText } from './xlsx-cell-text.js';
import { readZipEntry } from './zip-entry.js';

/** Options for {@link readXlsx}. */
export interface ReadXlsxOptions {
  /** Sheet to read; defaults to the first visible sheet. Matched exactly, then ignoring case. */
  sheet?: string;
}

/** The parts of exceljs' streaming worksheet reader we use (its typings omit `name`). */
interface StreamedSheet {
  name?: unknown;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

/** Workbook metadata exceljs fills in after reading `xl/workbook.xml`. */
interface SheetEntry {
  name: string;
  visible: boolean;
}

/** A sheet row reduced to cell text by column number. */
interface SheetRow {
  rowNumber: number;
  texts: Map<number, string>;
}

/**
 * Opens the first visible sheet (or the named one) of an `.xlsx` workbook as a
 * streaming {@link TableReader}, using exceljs' streaming reader so large
 * workbooks are not loaded whole. The first non-empty row is the header; row
 * numbers are sheet row numbers. Cells become text as described in
 * `xlsxCellText`. A value in a column right of the last header is reported as
 * the row's `problem`.
 * @throws TableReadError when the file is not a readable workbook, the sheet
 *   is missing, or the sheet has no header row.
 */
export async function readXlsx(path: string, options: ReadXlsxOptions = {}): Promise<TableReader> {
  const { handle, size } = await openSourceFile(path);
  let bytesRead = 0;
  const file = handle.createReadStream();
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      callback(null, chunk);
    },
  });
  // A read error ends the zip stream early; exceljs then reports a broken archive.
  pipeline(file, counted, () => undefined);

  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });

  await primeWorkbook(workbook, path);
  let closed = false;
  const sheetRows = readSheetRows(path, workbook, options.sheet);
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await sheetRows.return(undefined);
    file.destroy();
    counted.destroy();
  };

  let header: SheetRow | null = null;
  try {
    for (let next = await sheetRows.next(); next.done !== true; next = await sheetRows.next()) {
      if (!isBlankRow(next.value.texts.values())) {
        header = next.value;
        break;
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  if (header === null) {
    await close();
    throw new TableReadError(
      `Cannot import "${path}": the sheet is empty, so there is no header row. ` +
        `The first non-empty row must hold the column names.`,
      path,
      {},
      { problem: { code: 'empty_file', params: {} } },
    );
  }

  const width = Math.max(
    0,
    ...[...header.texts].filter(([, t]) => t.trim() !== '').map(([c]) => c),
  );
  const rawHeaders = Array.from({ length: width }, (_, i) => header.texts.get(i + 1) ?? '');
  const headers = normalizeHeaderNames(rawHeaders);

  async function* readRows(): AsyncGenerator<SourceRow, void, undefined> {
    try {
      for await (const row of sheetRows) {
        if (isBlankRow(row.texts.values())) continue;
        yield toSourceRow(headers, row);
      }
    } finally {
      await close();
    }
  }

  const rows = singleUseRows(batchesOfOne(readRows()), path);
  return {
    format: 'xlsx',
    encoding: null,
    encodingReason: null,
    encodingEvidence: null,
    headers,
    rows: rows.rows,
    batches: rows.batches,
    bytesRead: () => bytesRead,
    totalBytes: size,
    close: async () => {
      await rows.stop();
      await close();
    },
  };
}

function toSourceRow(headers: readonly string[], row: SheetRow): SourceRow {
  const cells = createCells();
  headers.forEach((name) => {
    cells[name] = '';
  });
  const beyond: number[] = [];
  for (const [column, text] of row.texts) {
    const name = headers[column - 1];
    if (name !== undefined) cells[name] = text;
    else if (text.trim() !== '') beyond.push(column);
  }
  if (beyond.length === 0) return { rowNumber: row.rowNumber, cells };
  const columns = beyond.map(columnLetters).join(', ');
  const last = headers.length === 0 ? 'none' : columnLetters(headers.length);
  return {
    rowNumber: row.rowNumber,
    cells,
    problem: {
      reason:
        `row has ${beyond.length === 1 ? 'a value in column' : 'values in columns'} ${columns}, ` +
        `right of the last header column (${last}); add a header for ` +
        `${beyond.length === 1 ? 'it' : 'them'} or remove the stray ${beyond.length === 1 ? 'value' : 'values'}`,
      code: 'stray_values',
      params: { columns, last },
    },
  };
}

/**
 * Gives exceljs the workbook part (sheet names, the 1904 date system) before it streams the
 * sheets. Its streamed read can end before the archive's last entry, which is where some writers
 * (exceljs among them) put xl/workbook.xml; the read then failed at random (exceljs issue 3064).
 * A file that is not a zip archive is left to exceljs, which says so in its own words.
 */
async function primeWorkbook(workbook: object, path: string): Promise<void> {
  const part = await readZipEntry(path, 'xl/workbook.xml').catch(() => null);
  const parse: unknown = Reflect.get(workbook, '_parseWorkbook');
  if (part === null || typeof parse !== 'function') return;
  await (parse as (entry: Readable) => Promise<void>).call(workbook, Readable.from([part]));
}

/** Streams the chosen sheet's rows as text, translating exceljs failures. */
async function* readSheetRows(
  path: string,
  workbook: ExcelJS.stream.xlsx.WorkbookReader,
  requested: string | undefined,
): AsyncGenerator<SheetRow, void, undefined> {
  const seen: string[] = [];
  let target: string | null | undefined; // undefined: not resolved yet; null: take the first sheet
  try {
    for await (const sheet of workbook as AsyncIterable<StreamedSheet>) {
      const name = typeof sheet.name === 'string' ? sheet.name : `Sheet${seen.length + 1}`;
      seen.push(name);
      target ??= resolveTarget(path, sheetEntries(workbook), requested);
      if (target !== null && name !== target) continue;
      const date1904 = isDate1904(workbook);
      for await (const row of sheet) {
        yield { rowNumber: row.number, texts: rowTexts(row, date1904) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new TableReadError(
      `Cannot read "${path}" as an Excel workbook: ${detail}. ` +
        `Check that it is an .xlsx file (Excel 2007 or later, not password-protected); ` +
        `re-save .xls files as .xlsx.`,
      path,
      {},
      { cause: error, problem: { code: 'xlsx_unreadable', params: { detail } } },
    );
  }
  const names = seen.length === 0 ? 'none' : seen.map((n) => `"${n}"`).join(', ');
  throw new TableReadError(
    requested === undefined
      ? `Cannot import "${path}": the workbook has no worksheet.`
      : `Cannot import "${path}": there is no sheet named "${requested}". Sheets found: ${names}.`,
    path,
    {},
    requested === undefined ? { problem: { code: 'no_sheet', params: {} } } : {},
  );
}

function rowTexts(row: ExcelJS.Row, date1904: boolean): Map<number, string> {
  const texts = new Map<number, string>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const formulaResult: unknown = cell.result;
    texts.set(column, xlsxCellText(cell.value, { numFmt: cell.numFmt, date1904, formulaResult }));
  });
  return texts;
}

/**
 * Name of the sheet to read, null to take the first sheet streamed. Resolved
 * from the workbook's sheet list when exceljs has read it (it normally has by
 * the time the first worksheet streams in).
 */
function resolveTarget(
  path: string,
  entries: SheetEntry[] | null,
  requested: string | undefined,
): string | null {
  if (entries === null || entries.length === 0) return requested ?? null;
  if (requested === undefined) {
    // The first tab the user sees, which may not be the first sheet stored in the file.
    return (entries.find((entry) => entry.visible) ?? entries[0])?.name ?? null;
  }
  const exact = entries.find((entry) => entry.name === requested);
  if (exact !== undefined) return exact.name;
  const wanted = requested.trim().toLocaleLowerCase();
  const loose = entries.filter((entry) => entry.name.trim().toLocaleLowerCase() === wanted);
  if (loose.length === 1 && loose[0] !== undefined) return loose[0].name;
  const names = entries.map((entry) => `"${entry.name}"`).join(', ');
  throw new TableReadError(
    `Cannot import "${path}": there is no sheet named "${requested}". Sheets in the workbook: ${names}.`,
    path,
  );
}

/** Reads exceljs' internal sheet list (`workbook.model.sheets`), checked at run time. */
function sheetEntries(workbook: object): SheetEntry[] | null {
  const model: unknown = Reflect.get(workbook, 'model');
  if (typeof model !== 'object' || model === null) return null;
  const sheets: unknown = Reflect.get(model, 'sheets');
  if (!Array.isArray(sheets)) return null;
  const entries: SheetEntry[] = [];
  for (const sheet of sheets as unknown[]) {
    if (typeof sheet !== 'object' || sheet === null) continue;
    const name: unknown = Reflect.get(sheet, 'name');
    const state: unknown = Reflect.get(sheet, 'state');
    if (typeof name === 'string')
      entries.push({ name, visible: state === undefined || state === 'visible' });
  }
  return entries;
}

/** Whether the workbook uses the 1904 date system (`workbook.properties.model.date1904`). */
function isDate1904(workbook: object): boolean {
  const properties: unknown = Reflect.get(workbook, 'properties');
  if (typeof properties !== 'object' || properties === null) return false;
  const model: unknown = Reflect.get(properties, 'model');
  if (typeof model !== 'object' || model === null) return false;
  return Reflect.get(model, 'date1904') === true;
}
