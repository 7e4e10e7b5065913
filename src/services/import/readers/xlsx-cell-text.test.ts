import { describe, expect, it } from 'vitest';
import {
  columnLetters,
  excelDateText,
  FORMULA_ERROR_TEXT,
  isDateFormat,
  xlsxCellText,
} from './xlsx-cell-text.js';

const plain = { date1904: false };

describe('xlsxCellText', () => {
  it.each<[unknown, string]>([
    [null, ''],
    [undefined, ''],
    ['  نص  ', '  نص  '],
    [42, '42'],
    [-0, '0'],
    [1234567.891, '1234567.891'],
    [1e21, '1e+21'],
    [true, 'true'],
    [false, 'false'],
    [{ richText: [{ text: 'أ' }, { text: 'ب', font: { bold: true } }] }, 'أب'],
    [{ text: 'موقع', hyperlink: 'https://example.org' }, 'موقع'],
    [{ error: '#REF!' }, '#REF!'],
    [{ formula: 'A1', result: 'x' }, 'x'],
    [{ formula: 'A1', result: { error: '#N/A' } }, '#N/A'],
    [{ formula: 'A1' }, ''],
    [{ formula: '', result: 3 }, '3'],
  ])('converts %j', (value, text) => {
    expect(xlsxCellText(value, plain)).toBe(text);
  });

  it('prefers the cell result exceljs keeps for falsy formula results', () => {
    expect(xlsxCellText({ formula: 'A1-A1' }, { ...plain, formulaResult: 0 })).toBe('0');
    expect(xlsxCellText({ formula: '1/0' }, { ...plain, formulaResult: NaN })).toBe(
      FORMULA_ERROR_TEXT,
    );
  });

  it('turns a formula date serial into a date when the cell has a date format', () => {
    expect(xlsxCellText({ formula: 'A1', result: 45306 }, { ...plain, numFmt: 'dd/mm/yyyy' })).toBe(
      '2024-01-15',
    );
    expect(
      xlsxCellText({ formula: 'A1', result: 43844 }, { date1904: true, numFmt: 'yyyy-mm-dd' }),
    ).toBe('2024-01-15');
    expect(xlsxCellText({ formula: 'A1', result: 45306 }, { ...plain, numFmt: '0.00' })).toBe(
      '45306',
    );
  });
});

describe('excelDateText', () => {
  it.each([
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    [new Date(Date.UTC(2024, 1, 29, 8, 5, 0)), '2024-02-29T08:05:00'],
    [new Date(Date.UTC(2024, 1, 29, 8, 5, 0, 250)), '2024-02-29T08:05:00.250'],
    [new Date(Date.UTC(1899, 11, 30, 10, 30)), '10:30:00'],
    [new Date(Number.NaN), ''],
  ])('formats %s', (date, text) => {
    expect(excelDateText(date)).toBe(text);
  });
});

describe('isDateFormat', () => {
  it.each([
    ['dd/mm/yyyy', true],
    ['[$-ar-SA]d mmmm yyyy', true],
    ['h:mm AM/PM', true],
    ['0.00', false],
    ['#,##0 "days"', false],
    ['[Red]0', false],
    ['General', false],
    [undefined, false],
  ])('%j → %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });
});

describe('columnLetters', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [28, 'AB'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('%i → %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });
});
