import { describe, expect, it } from 'vitest';
import { detectDelimiter, firstCsvLine } from './detect-delimiter.js';

describe('detectDelimiter', () => {
  it.each([
    ['name,age,city', ','],
    ['الاسم;العمر;المدينة', ';'],
    ['name\tage', '\t'],
    ['a|b|c', '|'],
    ['"a,b";c;d', ';'],
    ['single', ','],
    ['a,b;c', ','], // tie: the earlier candidate wins
  ])('%j → %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('firstCsvLine', () => {
  it('skips blank lines and keeps quoted line breaks', () => {
    expect(firstCsvLine('\r\n  \n"a\nb",c\nrest', false)).toBe('"a\nb",c');
  });

  it('waits for more text until the line is complete', () => {
    expect(firstCsvLine('a,b', false)).toBeNull();
    expect(firstCsvLine('a,b', true)).toBe('a,b');
    expect(firstCsvLine('\n\n', true)).toBe('');
  });
});
