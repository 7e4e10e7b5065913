import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spreadsheetSafe } from './spreadsheet-safe.js';

describe('spreadsheetSafe', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(spreadsheetSafe('+1')).toBe(`'+1`);
    expect(spreadsheetSafe('-2+3')).toBe(`'-2+3`);
    expect(spreadsheetSafe('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(spreadsheetSafe('\t=1')).toBe(`'\t=1`);
  });

  it('leaves ordinary text, Arabic names and dates alone', () => {
    expect(spreadsheetSafe('محمد أحمد')).toBe('محمد أحمد');
    expect(spreadsheetSafe('2013-03-05')).toBe('2013-03-05');
    expect(spreadsheetSafe('a=b')).toBe('a=b');
  });

  it('never leaves a dangerous first character', () => {
    fc.assert(fc.property(fc.string(), (s) => !/^[=+\-@\t\r]/.test(spreadsheetSafe(s))));
  });
});
