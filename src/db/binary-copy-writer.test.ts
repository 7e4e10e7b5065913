import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyWriter } from './binary-copy-writer.js';
import { copyLine } from './copy-text.js';
import type { Database } from './database.js';
import { openPglite } from './pglite-database.js';

const columns = ['n', 's', 'a', 'd', 't', 'j'];
const table = (name: string) =>
  `CREATE TABLE ${name} (n integer, s smallint, a text[], d date, t text, j jsonb)`;

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'ب', 'ة', '\\', '\t', '\n', '\r', '"', ',', '{', '😀') }),
  fc.string({ unit: 'grapheme' }),
);
const isoDate = fc
  .date({
    min: new Date('0100-01-01T00:00:00Z'),
    max: new Date('2999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const row = fc.record({
  n: fc.option(fc.integer(), { nil: null }),
  s: fc.option(fc.integer({ min: -32768, max: 32767 }), { nil: null }),
  a: fc.array(text, { maxLength: 3 }),
  d: fc.option(isoDate, { nil: null }),
  t: fc.option(text, { nil: null }),
  j: fc.option(fc.dictionary(text, text, { maxKeys: 3 }), { nil: null }),
});

describe('BinaryCopyWriter', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
    await db.exec(`${table('by_text')}; ${table('by_binary')}`);
  });
  afterAll(() => db.close());

  it('stores exactly what the text format stores, whatever the values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 15 }), async (rows) => {
        await db.exec('TRUNCATE by_text, by_binary');
        // A tiny first buffer makes the writer grow many times.
        const writer = new BinaryCopyWriter(8);
        for (const r of rows)
          writer.row(6).int4(r.n).int2(r.s).textArray(r.a).date(r.d).text(r.t).jsonb(r.j);
        await db.copyRows('by_binary', columns, writer.take(), 'binary');
        const lines = rows.map((r) => copyLine([r.n, r.s, r.a, r.d, r.t, r.j])).join('');
        if (lines) await db.copyRows('by_text', columns, lines);
        const read = (name: string) =>
          db.query(`SELECT n, s, a, d, t, j FROM ${name} ORDER BY n, t, d`);
        expect(await read('by_binary')).toEqual(await read('by_text'));
        expect(await read('by_binary')).toHaveLength(rows.length);
      }),
      { numRuns: 40 },
    );
  });

  it('starts afresh after take', async () => {
    await db.exec('TRUNCATE by_binary');
    const writer = new BinaryCopyWriter();
    writer.row(6).int4(1).int2(null).textArray([]).date('2024-02-29').text('أحمد').jsonb(null);
    await db.copyRows('by_binary', columns, writer.take(), 'binary');
    expect(writer.empty).toBe(true);
    writer.row(6).int4(2).int2(7).textArray(['x']).date(null).text(null).jsonb({ k: 'v' });
    await db.copyRows('by_binary', columns, writer.take(), 'binary');
    expect(await db.query('SELECT n, s, a, d, t, j FROM by_binary ORDER BY n')).toEqual([
      { n: 1, s: null, a: [], d: '2024-02-29', t: 'أحمد', j: null },
      { n: 2, s: 7, a: ['x'], d: null, t: null, j: { k: 'v' } },
    ]);
  });

  it('writes any text as the UTF-8 Buffer#write gives, lone surrogates included', () => {
    const anyUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 })
      .map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(anyUnits, (value) => {
        const bytes = new BinaryCopyWriter(8).row(1).text(value).take();
        const utf8 = Buffer.from(value, 'utf8');
        const field = Buffer.from(bytes.subarray(19 + 2 + 4, bytes.length - 2));
        expect(Buffer.from(bytes.subarray(21, 25)).readInt32BE()).toBe(utf8.length);
        expect(field.equals(utf8)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('writes an object of strings as the text of JSON.stringify, byte for byte', () => {
    const anyUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
      .map((units) => String.fromCharCode(...units));
    // Past 48 code units values take Buffer#write rather than the loop.
    const long = fc.string({
      unit: fc.constantFrom('a', 'ب', '"', '😀'),
      minLength: 49,
      maxLength: 90,
    });
    const value = fc.oneof(text, anyUnits, long);
    // Keys like "7" that JSON.stringify puts first, repeated keys across rows, and odd ones.
    const key = fc.oneof(fc.constantFrom('id', 'الاسم', '7', '0', 'a"b'), value);
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 6 }), { maxLength: 5 }), (rows) => {
        const byHand = new BinaryCopyWriter(8);
        const stringified = new BinaryCopyWriter(8);
        for (const r of rows) {
          byHand.row(1).jsonText(r);
          stringified.row(1).text(JSON.stringify(r));
        }
        expect(Buffer.from(byHand.take()).equals(Buffer.from(stringified.take()))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counts days as PostgreSQL does across calendar edges', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS dates (d date)');
    const days = [
      '0001-01-01',
      '1582-10-15',
      '1900-02-28',
      '1900-03-01',
      '1999-12-31',
      '2000-01-01',
      '2000-02-29',
      '2000-03-01',
      '2024-02-29',
      '2100-03-01',
      '9999-12-31',
    ];
    const writer = new BinaryCopyWriter();
    for (const d of days) writer.row(1).date(d);
    await db.copyRows('dates', ['d'], writer.take(), 'binary');
    const stored = await db.query<{ d: string }>('SELECT d FROM dates');
    expect(stored.map((r) => r.d)).toEqual(days);
  });

  it('refuses integers that do not fit rather than storing other numbers', () => {
    expect(() => new BinaryCopyWriter().row(1).int4(2 ** 31)).toThrow(RangeError);
    expect(() => new BinaryCopyWriter().row(1).int2(40_000)).toThrow(RangeError);
    expect(() => new BinaryCopyWriter().row(1).int4(1.5)).toThrow(RangeError);
  });

  it('refuses a date it cannot read rather than storing a wrong one', () => {
    expect(() => new BinaryCopyWriter().date('29/02/2024')).toThrow(/YYYY-MM-DD/);
  });
});
