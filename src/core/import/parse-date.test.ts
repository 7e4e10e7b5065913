import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isoDate, parseDate, type FuzzyDate } from './parse-date.js';

// Fixed "today" so tests do not depend on the clock: 1 June 2025.
const TODAY = new Date('2025-06-01T12:00:00Z');

function day(iso: string, ambiguous = false): FuzzyDate {
  return { start: iso, end: iso, precision: 'day', ambiguous };
}
function span(start: string, end: string, precision: FuzzyDate['precision']): FuzzyDate {
  return { start, end, precision, ambiguous: false };
}
function parse(text: string, order: 'dmy' | 'mdy' = 'dmy') {
  return parseDate(text, order, TODAY);
}
function reasonOf(text: string, order: 'dmy' | 'mdy' = 'dmy'): string {
  const result = parse(text, order);
  if (result.ok)
    throw new Error(`expected "${text}" to be rejected, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

const LEVANTINE = [
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
];
const EGYPTIAN = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];
const ENGLISH = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function arabicDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] ?? d);
}

describe('isoDate and daysInMonth', () => {
  it('pads to YYYY-MM-DD', () => {
    expect(isoDate(2013, 3, 5)).toBe('2013-03-05');
  });

  it('knows leap years', () => {
    expect(daysInMonth(2012, 2)).toBe(29);
    expect(daysInMonth(2013, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2013, 4)).toBe(30);
    expect(daysInMonth(2013, 12)).toBe(31);
  });
});

describe('parseDate: year first', () => {
  it.each([
    ['2013-03-05', day('2013-03-05')],
    ['2013-3-5', day('2013-03-05')],
    ['2013/03/05', day('2013-03-05')],
    ['2013.03.05', day('2013-03-05')],
    ['2013-03-05T10:00:00Z', day('2013-03-05')],
    ['2013-03-05T23:30:00.000+03:00', day('2013-03-05')],
    ['2013-03-05 10:00', day('2013-03-05')],
    ['2013-03', span('2013-03-01', '2013-03-31', 'month')],
    ['2012-02', span('2012-02-01', '2012-02-29', 'month')],
    ['2013', span('2013-01-01', '2013-12-31', 'year')],
    ['  2013  ', span('2013-01-01', '2013-12-31', 'year')],
    ['٢٠١٣-٠٣-٠٥', day('2013-03-05')],
    ['۲۰۱۳/۳/۵', day('2013-03-05')],
    ['2013م', span('2013-01-01', '2013-12-31', 'year')],
    ['عام 2013', span('2013-01-01', '2013-12-31', 'year')],
    ['03/2013', span('2013-03-01', '2013-03-31', 'month')],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  it('is never ambiguous, whatever the order', () => {
    expect(parse('2013-05-03', 'mdy')).toEqual({ ok: true, value: day('2013-05-03') });
  });
});

describe('parseDate: day and month numbers', () => {
  it.each([
    ['05/03/2013', 'dmy', day('2013-03-05', true)],
    ['05/03/2013', 'mdy', day('2013-05-03', true)],
    ['5/3/2013', 'dmy', day('2013-03-05', true)],
    ['5-3-13', 'dmy', day('2013-03-05', true)],
    ['5.3.2013', 'dmy', day('2013-03-05', true)],
    ['05/05/2013', 'dmy', day('2013-05-05')],
    ['25/03/2013', 'dmy', day('2013-03-25')],
    // Only one reading is a real date, so the declared order does not matter.
    ['25/03/2013', 'mdy', day('2013-03-25')],
    ['03/25/2013', 'dmy', day('2013-03-25')],
    ['05/03/2013 00:00:00', 'dmy', day('2013-03-05', true)],
    ['5/3/2013 10:15 PM', 'dmy', day('2013-03-05', true)],
    ['٥/٣/٢٠١٣', 'dmy', day('2013-03-05', true)],
    ['\u200f05/03/2013\u200f', 'dmy', day('2013-03-05', true)],
  ] as const)('%j (%s)', (text, order, expected) => {
    expect(parse(text, order)).toEqual({ ok: true, value: expected });
  });

  it('pivots two-digit years on the current year', () => {
    expect(parse('5-3-25')).toMatchObject({ ok: true, value: { start: '2025-03-05' } });
    expect(parse('5-3-26')).toMatchObject({ ok: true, value: { start: '1926-03-05' } });
    expect(parse('5-3-99')).toMatchObject({ ok: true, value: { start: '1999-03-05' } });
    expect(parse('5-3-00')).toMatchObject({ ok: true, value: { start: '2000-03-05' } });
  });
});

describe('parseDate: month names', () => {
  it.each([
    ['March 2013', span('2013-03-01', '2013-03-31', 'month')],
    ['Mar 2013', span('2013-03-01', '2013-03-31', 'month')],
    ['5 March 2013', day('2013-03-05')],
    ['March 5, 2013', day('2013-03-05')],
    ['March 5th, 2013', day('2013-03-05')],
    ['5-Mar-2013', day('2013-03-05')],
    ['5-Mar-13', day('2013-03-05')],
    ['Mar-13', span('2013-03-01', '2013-03-31', 'month')],
    ['Sept 1 2013', day('2013-09-01')],
    ['Tuesday, 5 March 2013', day('2013-03-05')],
    ['2013 March 5', day('2013-03-05')],
    ['feb 29 2012', day('2012-02-29')],
    ['5 آذار 2013', day('2013-03-05')],
    ['٥ آذار ٢٠١٣', day('2013-03-05')],
    ['5 اذار 2013', day('2013-03-05')],
    ['آذار 2013', span('2013-03-01', '2013-03-31', 'month')],
    ['آذار/مارس 2013', span('2013-03-01', '2013-03-31', 'month')],
    ['5 آذار (مارس) 2013م', day('2013-03-05')],
    ['الثلاثاء، ٥ آذار ٢٠١٣', day('2013-03-05')],
    ['كانون الثاني 2014', span('2014-01-01', '2014-01-31', 'month')],
    ['1 كانون ثاني 2014', day('2014-01-01')],
    ['3 كانون الأول 2014', day('2014-12-03')],
    ['3 كانون الاول 2014', day('2014-12-03')],
    ['3 تشرين الأول 2014', day('2014-10-03')],
    ['3 تشرين الثانى 2014', day('2014-11-03')],
    ['إبريل 2014', span('2014-04-01', '2014-04-30', 'month')],
    ['ابريل 2014', span('2014-04-01', '2014-04-30', 'month')],
    ['10 يونيه 2014', day('2014-06-10')],
    ['10 يوليه 2014', day('2014-07-10')],
    ['شهر أيار 2014', span('2014-05-01', '2014-05-31', 'month')],
    ['2 آب 2014', day('2014-08-02')],
    ['2 اب 2014', day('2014-08-02')],
    ['2 أغسطس 2014', day('2014-08-02')],
    ['2 ايلول 2014', day('2014-09-02')],
    ['2 أيـــلول 2014', day('2014-09-02')],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])(
    'knows month %i in all three naming systems',
    (i) => {
      const month = i + 1;
      const expected = isoDate(2014, month, 15);
      for (const names of [LEVANTINE, EGYPTIAN, ENGLISH]) {
        const name = names[i] ?? '';
        expect(parse(`15 ${name} 2014`)).toEqual({ ok: true, value: day(expected) });
        expect(parse(`${name} 2014`)).toMatchObject({ ok: true, value: { precision: 'month' } });
      }
    },
  );
});

describe('parseDate: ranges', () => {
  it.each([
    ['2013-2014', span('2013-01-01', '2014-12-31', 'range')],
    ['2013–2014', span('2013-01-01', '2014-12-31', 'range')],
    ['2013-03-01/2013-03-05', span('2013-03-01', '2013-03-05', 'range')],
    ['2013-03-01 - 2013-03-05', span('2013-03-01', '2013-03-05', 'range')],
    ['March 2013 - May 2013', span('2013-03-01', '2013-05-31', 'range')],
    ['2013-03 to 2013-04', span('2013-03-01', '2013-04-30', 'range')],
    ['آذار 2013 إلى أيار 2013', span('2013-03-01', '2013-05-31', 'range')],
    ['25/3/2013-27/3/2013', span('2013-03-25', '2013-03-27', 'range')],
    ['2013-2013', span('2013-01-01', '2013-12-31', 'year')],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  it('carries ambiguity from either end', () => {
    expect(parse('1/2/2013-1/3/2013')).toEqual({
      ok: true,
      value: { start: '2013-02-01', end: '2013-03-01', precision: 'range', ambiguous: true },
    });
  });

  it('rejects a range that runs backwards', () => {
    expect(reasonOf('2014-2013')).toMatch(/ends before it starts/);
  });
});

describe('parseDate: rejections', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['31/02/2013', /no day 31/],
    ['29/02/2013', /no day 29/],
    ['2013-02-30', /no day 30/],
    ['2013-13-01', /month 13/],
    ['13/13/2013', /month 13/],
    ['2013-00', /month 0/],
    ['2025-06-03', /future/],
    ['2026', /future/],
    ['July 2025', /future/],
    ['1899-12-31', /before 1900/],
    ['1850', /before 1900/],
    ['abc', /not a recognised date/],
    ['yesterday', /not a recognised date/],
    ['12', /not a recognised date/],
    ['5/3/213', /not a recognised date/],
    ['41338', /Excel/],
    ['March', /no year/],
    ['5 March', /no year/],
    ['March 13', /no year/],
    ['5 Marchh 2013', /not a recognised date/],
    ['5 March 2013 foo', /unrecognised word "foo"/],
    ['5 March April 2013', /expected a day/],
    ['2013-03-05 25:00', /time/],
    ['15 رمضان 1434 هـ', /Hijri/],
    ['1434هـ', /Hijri/],
  ])('%j', (text, pattern) => {
    expect(reasonOf(text)).toMatch(pattern);
  });

  it('quotes the input in its reason', () => {
    expect(reasonOf('31/02/2013')).toContain('"31/02/2013"');
  });

  it('accepts today even where it is already tomorrow elsewhere', () => {
    expect(parse('2025-06-01').ok).toBe(true);
    expect(parse('2025-06-02').ok).toBe(true);
    expect(parse('June 2025').ok).toBe(true);
    expect(parse('2025').ok).toBe(true);
  });

  it('uses the real clock by default', () => {
    expect(parseDate('2999-01-01').ok).toBe(false);
    expect(parseDate('2013-03-05').ok).toBe(true);
  });
});

const validDay = fc
  .record({
    year: fc.integer({ min: 1900, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => day <= daysInMonth(year, month));

describe('parseDate: properties', () => {
  it('reads every real date in every supported numeric layout', () => {
    fc.assert(
      fc.property(validDay, fc.constantFrom('/', '-', '.'), ({ year, month, day: d }, sep) => {
        const iso = isoDate(year, month, d);
        const ambiguous = d <= 12 && d !== month;
        expect(parse(iso)).toEqual({ ok: true, value: day(iso) });
        expect(parse(`${year}${sep}${month}${sep}${d}`)).toEqual({ ok: true, value: day(iso) });
        expect(parse(`${d}${sep}${month}${sep}${year}`, 'dmy')).toEqual({
          ok: true,
          value: day(iso, ambiguous),
        });
        expect(parse(`${month}${sep}${d}${sep}${year}`, 'mdy')).toEqual({
          ok: true,
          value: day(iso, ambiguous),
        });
        expect(parse(arabicDigits(`${d}/${month}/${year}`))).toEqual({
          ok: true,
          value: day(iso, ambiguous),
        });
      }),
    );
  });

  it('reads every real date with a month name in English or Arabic', () => {
    fc.assert(
      fc.property(
        validDay,
        fc.constantFrom(ENGLISH, LEVANTINE, EGYPTIAN),
        ({ year, month, day: d }, names) => {
          const name = names[month - 1] ?? '';
          const expected = { ok: true, value: day(isoDate(year, month, d)) };
          expect(parse(`${d} ${name} ${year}`)).toEqual(expected);
          expect(parse(arabicDigits(`${d} ${name} ${year}`))).toEqual(expected);
          expect(parse(`${d}-${name}-${year}`)).toEqual(expected);
        },
      ),
    );
  });

  it('gives the whole month for a year and month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2024 }),
        fc.integer({ min: 1, max: 12 }),
        (year, month) => {
          expect(parse(`${year}-${month}`)).toEqual({
            ok: true,
            value: span(
              isoDate(year, month, 1),
              isoDate(year, month, daysInMonth(year, month)),
              'month',
            ),
          });
        },
      ),
    );
  });

  it('flags ambiguity exactly when both readings are valid and differ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), (a, b) => {
        const result = parse(`${a}/${b}/2013`);
        const dayFirst = b <= 12 && a <= daysInMonth(2013, b);
        const monthFirst = a <= 12 && b <= daysInMonth(2013, a);
        expect(result.ok).toBe(dayFirst || monthFirst);
        if (result.ok) expect(result.value.ambiguous).toBe(dayFirst && monthFirst && a !== b);
      }),
    );
  });

  it('never throws, and anything accepted is a well-formed interval that has begun', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.stringMatching(/^[0-9٠-٩/.\- :]{0,20}$/),
        ),
        fc.constantFrom('dmy', 'mdy'),
        (text, order) => {
          const result = parseDate(text, order, TODAY);
          if (!result.ok) {
            expect(result.reason).not.toBe('');
            return;
          }
          const { start, end } = result.value;
          expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect((start ?? '') <= (end ?? '')).toBe(true);
          expect((start ?? '') >= '1900-01-01').toBe(true);
          expect((start ?? '') <= '2025-06-02').toBe(true);
        },
      ),
    );
  });
});
