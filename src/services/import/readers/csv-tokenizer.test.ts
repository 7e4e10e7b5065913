import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText } from '../../../../test/helpers/cut-text.js';
import { CsvSyntaxError, CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';

function tokenize(chunks: string[], delimiter = ','): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  for (const chunk of chunks) tokenizer.push(chunk, out);
  tokenizer.end(out);
  return out;
}

describe('CsvTokenizer', () => {
  it('splits cells, unquotes quoted cells and numbers records by their first line', () => {
    const records = tokenize(['a,"b ""x"", c"\r\n"multi\r\nline",2\n\n3,\r4,"5"']);
    expect(records).toEqual([
      { values: ['a', 'b "x", c'], line: 1 },
      { values: ['multi\r\nline', '2'], line: 2 },
      { values: ['3', ''], line: 5 },
      { values: ['4', '5'], line: 6 },
    ]);
  });

  it('keeps stray quotes and text after a closing quote as typed', () => {
    expect(tokenize(['5" pipe,"a";"b"\n']).map((r) => r.values)).toEqual([['5" pipe', '"a";"b"']]);
  });

  it('reports a quoted cell that is never closed, with its line', () => {
    expect(() => tokenize(['a,b\n1,"open\n2,3\n'])).toThrow(CsvSyntaxError);
    expect(() => tokenize(['a,b\n1,"open\n2,3\n'])).toThrow(/starts on line 2 is never closed/);
  });

  it('refuses a record larger than its limit', () => {
    const tokenizer = new CsvTokenizer(',', 10);
    expect(() => tokenizer.push('"0123456789abc', [])).toThrow(/larger than/);
  });

  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom('', '"', '""', '\r\n', '\r', '\n', ',', 'محمد, "أحمد"'),
  );
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 12,
  });
  const newline = fc.constantFrom('\n', '\r\n', '\r');
  /** The text cut at the given points (taken modulo its length), in order. */
  const cutAt = (text: string, cuts: number[]): string[] =>
    cutText(
      text,
      [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b),
    );

  it('gives the same records however the text is cut into chunks (property)', () => {
    fc.assert(
      fc.property(table, newline, fc.array(fc.nat(), { maxLength: 8 }), (rows, eol, cuts) => {
        const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const chunks = cutAt(text, cuts);
        const whole = tokenize([text]);
        expect(whole.map((r) => r.values)).toEqual(rows);
        expect(tokenize(chunks)).toEqual(whole);
        // Each record starts on the line after the line breaks of the records before it.
        let line = 1;
        rows.forEach((r, i) => {
          expect(whole[i]!.line).toBe(line);
          line += 1 + r.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        });
      }),
    );
  });

  it('reads unquoted and quoted cells alike however the text is cut (property)', () => {
    // Unquoted: anything but the delimiter and line breaks, not opening with a quote.
    const plain = fc
      .string({ unit: fc.constantFrom('a', 'ب', ' ', '"', '٣', '-', 'x'), minLength: 1 })
      .filter((c) => !c.startsWith('"'));
    const mixed = fc.array(
      fc.array(
        fc.oneof(
          plain.map((c) => ({ c, quoted: false })),
          cell.map((c) => ({ c, quoted: true })),
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(mixed, newline, fc.array(fc.nat(), { maxLength: 8 }), (rows, eol, cuts) => {
        const write = ({ c, quoted }: { c: string; quoted: boolean }) =>
          quoted ? `"${c.replace(/"/g, '""')}"` : c;
        const text = rows.map((r) => r.map(write).join(',')).join(eol) + eol;
        const chunks = cutAt(text, cuts);
        const whole = tokenize([text]);
        expect(whole.map((r) => r.values)).toEqual(rows.map((r) => r.map((x) => x.c)));
        expect(tokenize(chunks)).toEqual(whole);
      }),
    );
  });
});
