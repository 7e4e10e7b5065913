import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInteger, stripInvisibles, toAsciiDigits } from './digits.js';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

function toArabicIndic(ascii: string, digits = ARABIC_INDIC): string {
  return ascii.replace(/[0-9]/g, (d) => digits[Number(d)] ?? d);
}

describe('toAsciiDigits', () => {
  it('converts Arabic-Indic and Persian digits and separators', () => {
    expect(toAsciiDigits(ARABIC_INDIC)).toBe('0123456789');
    expect(toAsciiDigits(PERSIAN)).toBe('0123456789');
    expect(toAsciiDigits('١٢٫٥')).toBe('12.5');
    expect(toAsciiDigits('١٬٢٣٤٬٥٦٧')).toBe('1234567');
    expect(toAsciiDigits('عمره ٣٥ سنة')).toBe('عمره 35 سنة');
  });

  it('leaves the Arabic percent sign and other text alone', () => {
    expect(toAsciiDigits('٪ abc ١')).toBe('٪ abc 1');
  });

  it('is the identity on text without Arabic digits or separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        fc.pre(!/[\u0660-\u0669\u066b\u066c\u06f0-\u06f9]/.test(text));
        expect(toAsciiDigits(text)).toBe(text);
      }),
    );
  });

  it('round-trips any number written in either digit set', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(ARABIC_INDIC, PERSIAN), (n, digits) => {
        expect(toAsciiDigits(toArabicIndic(String(n), digits))).toBe(String(n));
      }),
    );
  });
});

describe('stripInvisibles', () => {
  it('removes bidi marks and zero-width characters', () => {
    expect(stripInvisibles('\u200f12\u200e/\u061c3\u2066\u2069\ufeff')).toBe('12/3');
  });
});

describe('parseInteger', () => {
  it.each([
    ['42', 42],
    [' 42 ', 42],
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['١٢٣', 123],
    ['١٬٢٣٤', 1234],
    ['12.0', 12],
    ['12.00', 12],
    ['-7', -7],
    ['+7', 7],
    ['-0', 0],
    ['\u200f٣٥\u200f', 35],
  ])('parses %j as %d', (text, value) => {
    expect(parseInteger(text)).toEqual({ ok: true, value });
  });

  it.each(['12.5', 'abc', '', '   ', '1,23', '12,5', '1.000', '12 3', '1e3', '0x10', '--1', '٣.٥'])(
    'rejects %j with a reason',
    (text) => {
      const result = parseInteger(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
    },
  );

  it('says why an empty cell fails', () => {
    expect(parseInteger('')).toEqual({
      ok: false,
      reason: 'empty: expected a whole number',
      code: 'empty_number',
      params: {},
    });
  });

  it('rejects numbers beyond the safe integer range', () => {
    expect(parseInteger('9007199254740993').ok).toBe(false);
  });

  it('parses every safe integer however a spreadsheet formats it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('en-US', 'ar-EG', 'ar-SA', 'fa-IR'),
        (n, locale) => {
          const forms = [String(n), `${n}.0`, n.toLocaleString(locale), toArabicIndic(String(n))];
          for (const form of forms) expect(parseInteger(form)).toEqual({ ok: true, value: n });
        },
      ),
    );
  });

  it('rejects any non-zero fraction', () => {
    fc.assert(
      fc.property(fc.integer(), fc.stringMatching(/^[0-9]{0,4}[1-9][0-9]{0,4}$/), (n, fraction) => {
        expect(parseInteger(`${n}.${fraction}`).ok).toBe(false);
      }),
    );
  });
});
