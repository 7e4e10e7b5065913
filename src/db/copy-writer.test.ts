import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyLine, type CopyValue } from './copy-text.js';
import { CopyWriter } from './copy-writer.js';

const value: fc.Arbitrary<CopyValue> = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', 'ب', '\\', '\t', '\n', '\r', '"', ',', '{', '😀') }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string({ unit: 'binary' }), { maxKeys: 3 }),
);

describe('CopyWriter', () => {
  it('writes the same bytes as copyLine, however many rows and whatever the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { maxLength: 20 }),
        (rows) => {
          // A tiny first buffer makes the writer grow many times.
          const writer = new CopyWriter(8);
          for (const row of rows) {
            for (const v of row) writer.field(v);
            writer.endRow();
          }
          const expected = Buffer.from(rows.map((row) => copyLine(row)).join(''), 'utf8');
          expect(Buffer.from(writer.take())).toEqual(expected);
        },
      ),
    );
  });

  it('starts afresh after take, and what it took stays as it was', () => {
    const writer = new CopyWriter(4);
    const first = writer.field('أحمد').field(1).endRow().take();
    const second = writer.field('x').endRow().take();
    expect(Buffer.from(first).toString('utf8')).toBe('أحمد\t1\n');
    expect(Buffer.from(second).toString('utf8')).toBe('x\n');
  });
});
