import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseForMatching,
  parseAge,
  parseAgeCategory,
  parseConfidentiality,
  parseSex,
  parseViolation,
} from './field-values.js';
import type { ParseResult } from './parse-result.js';

function expectValue<T>(result: ParseResult<T>, value: T): void {
  expect(result).toEqual({ ok: true, value });
}

function expectRejected<T>(result: ParseResult<T>, pattern?: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok && pattern) expect(result.reason).toMatch(pattern);
}

interface Noise {
  upper: boolean;
  pad: string;
  tatweel: boolean;
  harakat: boolean;
  rlm: boolean;
}

/** How the same word arrives from different typists: case, padding, tatweel, harakat, bidi marks. */
const typingNoise: fc.Arbitrary<Noise> = fc.record({
  upper: fc.boolean(),
  pad: fc.constantFrom('', ' ', '  ', '\t', '\u00a0'),
  tatweel: fc.boolean(),
  harakat: fc.boolean(),
  rlm: fc.boolean(),
});

function addNoise(word: string, noise: Noise): string {
  let text = noise.upper ? word.toUpperCase() : word;
  // Tatweel may only sit between two joining Arabic letters; after the first one is enough here.
  if (noise.tatweel) text = text.replace(/([\u0628-\u064a])(?=[\u0628-\u064a])/, '$1\u0640');
  if (noise.harakat) text = text.replace(/([\u0621-\u064a])/, '$1\u064e');
  if (noise.rlm) text = `\u200f${text}`;
  return `${noise.pad}${text}${noise.pad}`;
}

describe('normaliseForMatching', () => {
  it('folds the common variants of Arabic spelling', () => {
    expect(normaliseForMatching('إمرأة')).toBe(normaliseForMatching('امراه'));
    expect(normaliseForMatching('أنثى')).toBe('انثي');
    expect(normaliseForMatching('آذار')).toBe('اذار');
    expect(normaliseForMatching('مختفٍ قسراً')).toBe('مختف قسرا');
    expect(normaliseForMatching('شـــهـيـد')).toBe('شهيد');
    expect(normaliseForMatching('  Died   Under\tTorture ')).toBe('died under torture');
    expect(normaliseForMatching('٣٥ سنة')).toBe('35 سنه');
    expect(normaliseForMatching('\u200fذكر\u200f')).toBe('ذكر');
    // Persian keyboard letters and presentation forms (text copied from PDFs).
    expect(normaliseForMatching('ی ک')).toBe('ي ك');
    expect(normaliseForMatching('\ufee3\ufea4\ufee4\ufeaa')).toBe('محمد');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normaliseForMatching(text);
        expect(normaliseForMatching(once)).toBe(once);
      }),
    );
  });
});

describe('parseSex', () => {
  it.each(['m', 'M', 'male', 'Male', 'MAN', 'boy', 'ذكر', 'ذ', 'رجل', ' ذكر ', 'M.', '(ذكر)'])(
    '%j → male',
    (text) => expectValue(parseSex(text), 'male'),
  );

  it.each([
    'f',
    'F',
    'female',
    'woman',
    'girl',
    'أنثى',
    'انثى',
    'انثي',
    'أ',
    'امرأة',
    'إمرأة',
    'امراة',
  ])('%j → female', (text) => expectValue(parseSex(text), 'female'));

  it.each(['', '  ', 'u', 'U', 'unknown', 'غير معروف', '-', '?', '—', 'N/A', '#N/A'])(
    '%j → null (unknown)',
    (text) => expectValue(parseSex(text), null),
  );

  it.each(['طفل', 'child', 'x', 'ن', 'mf', 'males'])(
    '%j is refused, listing accepted values',
    (text) => {
      expectRejected(
        parseSex(text),
        /accepted: male \(m, man, boy, ذكر, ذ, رجل.*female \(f, woman, girl, أنثى, أ, امرأة/,
      );
    },
  );

  it('ignores typing noise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['ذكر', 'male'], ['رجل', 'male'], ['أنثى', 'female'], ['Woman', 'female']),
        typingNoise,
        ([word, code], noise) => {
          expectValue(parseSex(addNoise(word, noise)), code);
        },
      ),
    );
  });
});

describe('parseViolation', () => {
  it.each([
    ['killed', 'killed'],
    ['Killed', 'killed'],
    ['death', 'killed'],
    ['dead', 'killed'],
    ['Martyr', 'killed'],
    ['قتل', 'killed'],
    ['مقتول', 'killed'],
    ['شهيد', 'killed'],
    ['شهيدة', 'killed'],
    ['استشهد', 'killed'],
    ['قتيل', 'killed'],
    ['died under torture', 'died_under_torture'],
    ['died_under_torture', 'died_under_torture'],
    ['torture', 'died_under_torture'],
    ['تحت التعذيب', 'died_under_torture'],
    ['توفي تحت التعذيب', 'died_under_torture'],
    ['توفّي تحت التعذيب', 'died_under_torture'],
    ['التعذيب', 'died_under_torture'],
    ['died under siege', 'died_under_siege'],
    ['starvation', 'died_under_siege'],
    ['siege', 'died_under_siege'],
    ['الحصار', 'died_under_siege'],
    ['الجوع', 'died_under_siege'],
    ['تجويع', 'died_under_siege'],
    ['executed', 'executed'],
    ['execution', 'executed'],
    ['إعدام', 'executed'],
    ['اعدام', 'executed'],
    ['أعدم', 'executed'],
    ['detained', 'detained'],
    ['arrested', 'detained'],
    ['detention', 'detained'],
    ['معتقل', 'detained'],
    ['اعتقال', 'detained'],
    ['محتجز', 'detained'],
    ['احتجاز', 'detained'],
    ['أسير', 'detained'],
    ['forcibly disappeared', 'forcibly_disappeared'],
    ['Forcibly-Disappeared', 'forcibly_disappeared'],
    ['disappeared', 'forcibly_disappeared'],
    ['مختفي قسرا', 'forcibly_disappeared'],
    ['مختفٍ قسرياً', 'forcibly_disappeared'],
    ['مختفى قسراً', 'forcibly_disappeared'],
    ['إخفاء قسري', 'forcibly_disappeared'],
    ['مغيب', 'forcibly_disappeared'],
    ['injured', 'injured'],
    ['wounded', 'injured'],
    ['جريح', 'injured'],
    ['مصاب', 'injured'],
    ['إصابة', 'injured'],
    ['displaced', 'displaced'],
    ['نازح', 'displaced'],
    ['تهجير', 'displaced'],
    ['مهجر', 'displaced'],
  ] as const)('%j → %s', (text, code) => expectValue(parseViolation(text), code));

  it('maps empty to null', () => {
    expectValue(parseViolation(''), null);
    expectValue(parseViolation('   '), null);
  });

  it.each(['missing', 'Missing', 'مفقود', 'مفقودة'])('refuses %j as ambiguous', (text) => {
    expectRejected(parseViolation(text), /ambiguous/);
  });

  it('refuses unknown words, naming the codes', () => {
    expectRejected(
      parseViolation('kidnapped'),
      /not a recognised violation; accepted: killed .*displaced/,
    );
  });

  it('ignores typing noise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['شهيد', 'killed'],
          ['معتقل', 'detained'],
          ['مغيب', 'forcibly_disappeared'],
          ['Wounded', 'injured'],
          ['نازح', 'displaced'],
        ),
        typingNoise,
        ([word, code], noise) => expectValue(parseViolation(addNoise(word, noise)), code),
      ),
    );
  });
});

describe('parseConfidentiality', () => {
  it.each([
    ['public', 'public'],
    ['Public', 'public'],
    ['عام', 'public'],
    ['internal', 'internal'],
    ['داخلي', 'internal'],
    ['restricted', 'restricted'],
    ['مقيد', 'restricted'],
    ['سري', 'restricted'],
    ['سرّي', 'restricted'],
  ] as const)('%j → %s', (text, code) => expectValue(parseConfidentiality(text), code));

  it('maps empty to null and refuses the rest', () => {
    expectValue(parseConfidentiality(''), null);
    expectRejected(parseConfidentiality('top'), /confidentiality; accepted: public/);
  });
});

describe('parseAgeCategory', () => {
  it.each([
    ['child', 'child'],
    ['Minor', 'child'],
    ['طفل', 'child'],
    ['طفلة', 'child'],
    ['قاصر', 'child'],
    ['adult', 'adult'],
    ['بالغ', 'adult'],
    ['راشد', 'adult'],
    ['elderly', 'elderly'],
    ['مسن', 'elderly'],
    ['مسنّة', 'elderly'],
    ['كبير السن', 'elderly'],
  ] as const)('%j → %s', (text, code) => expectValue(parseAgeCategory(text), code));

  it('maps empty to null and refuses the rest', () => {
    expectValue(parseAgeCategory(''), null);
    expectRejected(parseAgeCategory('teen'), /age category/);
  });
});

describe('parseAge', () => {
  it.each([
    ['35', 35],
    [' 35 ', 35],
    ['٣٥', 35],
    ['35.0', 35],
    ['0', 0],
    ['130', 130],
    ['35 years', 35],
    ['35 yrs', 35],
    ['35y', 35],
    ['35 years old', 35],
    ['35 سنة', 35],
    ['٣٥ سنة', 35],
    ['35 عاماً', 35],
    ['35 سنوات', 35],
    ['3 months', 0],
    ['٣ أشهر', 0],
    ['3 شهور', 0],
    ['18 months', 1],
    ['2 weeks', 0],
    ['10 days', 0],
    ['١٠ أيام', 0],
    ['شهر', 0],
    ['شهرين', 0],
    ['سنة', 1],
    ['سنتان', 2],
    ['عامين', 2],
  ])('%j → %d', (text, value) => expectValue(parseAge(text), value));

  it('maps empty and unknown to null', () => {
    expectValue(parseAge(''), null);
    expectValue(parseAge('?'), null);
    expectValue(parseAge('غير معروف'), null);
  });

  it.each([
    ['131', /above 130/],
    ['-1', /negative/],
    ['35.5', /not an age/],
    ['abc', /not an age/],
    ['30-35', /not an age/],
    ['35 apples', /not an age/],
    ['1600 months', /above 130/],
  ])('refuses %j', (text, pattern) => expectRejected(parseAge(text), pattern));

  it('accepts every age 0–130 in either digit set, with or without a unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 130 }),
        fc.constantFrom('', ' years', ' سنة', 'y'),
        fc.boolean(),
        (age, unit, arabic) => {
          const digits = arabic
            ? String(age).replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] ?? d)
            : String(age);
          expectValue(parseAge(`${digits}${unit}`), age);
        },
      ),
    );
  });

  it('converts months to completed years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), (months) => {
        expectValue(parseAge(`${months} months`), Math.floor(months / 12));
      }),
    );
  });
});

describe('all field parsers', () => {
  it('never throw, and either give a value or a non-empty reason', () => {
    const parsers = [parseSex, parseViolation, parseConfidentiality, parseAgeCategory, parseAge];
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const parse of parsers) {
          const result: ParseResult<unknown> = parse(text);
          if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
