/** What {@link xlsxCellText} needs to know about the cell besides its value. */
export interface XlsxCellContext {
  /** The cell's number format, e.g. `dd/mm/yyyy` or `0.00`. */
  numFmt?: string;
  /** Whether the workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
  /**
   * exceljs' `cell.result`. For formula cells it is more faithful than
   * `value.result`, which exceljs drops when falsy (0, '', an error read as NaN).
   */
  formulaResult?: unknown;
}

/**
 * Text for a formula whose cached result is an Excel error. The streaming
 * reader cannot tell which error it was, but the row must not look empty.
 */
export const FORMULA_ERROR_TEXT = '#ERROR';

/** Excel serial day 0 in the 1900 date system, as exceljs converts it. */
const SERIAL_ZERO_1900 = '1899-12-30';
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Days between 1899-12-30 and the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25569;
/** Days between the 1900 and the 1904 date systems. */
const DATE_1904_OFFSET = 1462;

/**
 * Converts an exceljs cell value to the text the user sees in the sheet.
 *
 * Strings are verbatim; numbers are printed as JavaScript prints them (no
 * thousands separators, no rounding to the display format); dates become ISO
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when they carry a time (no time zone:
 * Excel times are wall-clock times), or `HH:MM:SS` for a time-only value;
 * booleans `true`/`false`; rich text is concatenated; formulas give their cached
 * result; errors their code such as `#N/A` (a formula whose cached result is an error
 * gives {@link FORMULA_ERROR_TEXT}, as exceljs' streaming reader drops the code). The value is inspected at run time
 * because exceljs' streaming reader does not always match its declared types.
 */
export function xlsxCellText(value: unknown, context: XlsxCellContext): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return excelDateText(value);
  if (typeof value !== 'object') return '';

  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => richTextRun(run)).join('');
  }
  if ('error' in value && typeof value.error === 'string') return value.error;
  if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
    const result =
      context.formulaResult !== undefined
        ? context.formulaResult
        : 'result' in value
          ? value.result
          : undefined;
    // exceljs' streaming reader parses an error result (#DIV/0!) as a number, losing the code.
    if (typeof result === 'number' && Number.isNaN(result)) return FORMULA_ERROR_TEXT;
    // exceljs only turns plain cells into Dates; a formula's date result arrives as a serial number.
    if (typeof result === 'number' && isDateFormat(context.numFmt)) {
      return excelDateText(serialToDate(result, context.date1904));
    }
    return xlsxCellText(result, { ...context, formulaResult: undefined });
  }
  if ('text' in value) return xlsxCellText(value.text, { ...context, formulaResult: undefined }); // hyperlink
  return '';
}

function richTextRun(run: unknown): string {
  if (typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string') {
    return run.text;
  }
  return '';
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}

/**
 * ISO text for an exceljs date. exceljs builds dates in UTC from the serial
 * number, so the UTC fields are the wall-clock values typed in Excel.
 */
export function excelDateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
  if (time === '00:00:00') return day;
  return day === SERIAL_ZERO_1900 ? time : `${day}T${time}`;
}

function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0);
  return new Date(Math.round(days * MS_PER_DAY));
}

/**
 * Whether an Excel number format shows a date or time: same rule as exceljs,
 * ignoring text in quotes and `[...]` sections (colours, locales).
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || numFmt === '') return false;
  const stripped = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(stripped);
}

/** Spreadsheet column letters for a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
