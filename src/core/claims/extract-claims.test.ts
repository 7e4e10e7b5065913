import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractClaims } from './extract-claims.js';

const values = (text: string) => extractClaims(text).map((c) => c.value);
const first = (text: string) => extractClaims(text)[0];

describe('numbers as written', () => {
  it.each([
    ['killed 3,207 people', 3207],
    ['killed 3.207 people', 3207],
    ['killed ٣٬٢٠٧ people', 3207],
    ['مقتل ٣٢٠٧ شخصاً', 3207],
    ['مقتل ۳۲۰۷ شخصاً', 3207],
    ['killed 10\u00a0000 people', 10000],
    ['1.5 million people displaced', 1500000],
    ['نزوح 120 ألف شخص', 120000],
    ['نزوح ١٢٠ ألفاً', 120000],
    ['اعتقال ٣ آلاف شخص', 3000],
    ['نزوح ٢٫٥ مليون شخص', 2500000],
    ['ten thousand people displaced', 10000],
    ['two hundred and fifty people killed', 250],
    ['twenty-five people killed', 25],
    ['half a million people displaced', 500000],
    ['اعتقال عشرة آلاف شخص', 10000],
    ['مقتل خمسة وعشرين مدنياً', 25],
    ['more than 5k displaced', 5000],
  ])('%s → %d', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('does not read vague amounts as figures', () => {
    for (const text of [
      'thousands were killed',
      'hundreds of thousands displaced',
      'dozens of detainees',
      'scores of Palestinians killed',
      'مقتل عشرات المدنيين',
      'نزوح آلاف العائلات',
      'اعتقال مئات الشبان',
      'one of the victims',
    ]) {
      expect(values(text), text).toEqual([]);
    }
  });
});

describe('numbers that are not figures', () => {
  it.each([
    ['in 1948 they fled', 'year'],
    ['since 2011 the regime', 'year'],
    ['killed on 7 October', 'date'],
    ['killed on October 7, 2023', 'date'],
    ['the 24th of February 2022', 'ordinal'],
    ['on 2 November 2023', 'date'],
    ['on 12/03/2013 at 10:30', 'numeric date'],
    ['a five-year siege', 'duration'],
    ['for 75 years', 'duration'],
    ['over the past 12 years', 'duration'],
    ['a 6-year old was killed', 'age'],
    ['a boy aged 14 was killed', 'age'],
    ['children under 18 were arrested', 'age'],
    ['the late 1980s', 'decade'],
    ['Resolution 2254', 'reference'],
    ['Article 7 of the convention', 'reference'],
    ['decree No. 10', 'reference'],
    ['IV586 November', 'code'],
    ['call +963 944 123 456', 'phone'],
    ['see https://example.org/spip.php?article8300', 'url'],
    ['F-16 jets', 'model'],
    ['منذ عام ٢٠١١', 'Arabic year'],
    ['في ٣ آذار', 'Arabic date'],
    ['حصار دام خمس سنوات', 'Arabic duration'],
    ['طفل يبلغ من العمر ١٢ عاماً', 'Arabic age'],
    ['القرار رقم ٢١٣٩', 'Arabic reference'],
    ['shelled 20 km from the border', 'distance'],
  ])('%s (%s)', (text) => {
    expect(values(text)).toEqual([]);
  });

  it('skips numbered lists', () => {
    const list = 'Signed:\n  1. Razan Saffour, Editor\n  2. Robin Yassin-Kassab\n  130. Sabri\n';
    expect(extractClaims(list)).toEqual([]);
    expect(extractClaims('١- أحمد\n٢- محمد\n')).toEqual([]);
  });

  it('keeps a year-like number when a qualifier or a count noun makes it a count', () => {
    expect(first('at least 2011 people were killed')?.value).toBe(2011);
    expect(first('2000 civilians were killed')?.value).toBe(2000);
  });
});

describe('qualifiers', () => {
  it.each([
    ['at least 20 killed', 'at_least'],
    ['no fewer than 20 killed', 'at_least'],
    ['ما لا يقل عن 20 قتيلاً', 'at_least'],
    ['20 قتيلاً على الأقل', 'at_least'],
    ['more than 20 killed', 'more_than'],
    ['over 20 killed', 'more_than'],
    ['أكثر من ٢٠ قتيلاً', 'more_than'],
    ['ما يزيد على ٢٠ قتيلاً', 'more_than'],
    ['close to 20 killed', 'close_to'],
    ['nearly 20 killed', 'close_to'],
    ['almost 20 killed', 'close_to'],
    ['قرابة ٢٠ قتيلاً', 'close_to'],
    ['ما يقارب ٢٠ قتيلاً', 'close_to'],
    ['about 20 killed', 'about'],
    ['around 20 killed', 'about'],
    ['some 20 killed', 'about'],
    ['نحو ٢٠ قتيلاً', 'about'],
    ['حوالي ٢٠ قتيلاً', 'about'],
    ['up to 20 killed', 'up_to'],
    ['as many as 20 killed', 'up_to'],
    ['ما يصل إلى ٢٠ قتيلاً', 'up_to'],
    ['no more than 20 killed', 'up_to'],
    ['20 killed', 'exactly'],
  ])('%s → %s', (text, qualifier) => {
    expect(first(text)?.qualifier).toBe(qualifier);
  });
});

describe('categories', () => {
  it.each([
    ['20 people were killed', 'killed'],
    ['استشهاد ٢٠ فلسطينياً', 'killed'],
    ['سقوط ٢٠ شهيداً', 'killed'],
    ['20 children were killed', 'children_killed'],
    ['مقتل ٢٠ طفلاً', 'children_killed'],
    ['20 died under torture', 'died_under_torture'],
    ['وفاة ٢٠ معتقلاً تحت التعذيب', 'died_under_torture'],
    ['20 starved to death', 'died_under_siege'],
    ['20 died because of the siege', 'died_under_siege'],
    ['وفاة ٢٠ شخصاً بسبب الحصار', 'died_under_siege'],
    ['20 killed in besieged Ghouta', 'killed'],
    ['20 people were arrested', 'detained_or_disappeared'],
    ['20 forcibly disappeared', 'detained_or_disappeared'],
    ['اختفاء ٢٠ شخصاً قسرياً', 'detained_or_disappeared'],
    ['٢٠ أسيراً', 'detained_or_disappeared'],
    ['20 people were injured', 'injured'],
    ['إصابة ٢٠ مدنياً', 'injured'],
    ['20 families were displaced', 'displaced'],
    ['تهجير ٢٠ عائلة', 'displaced'],
    ['20 refugees fled', 'displaced'],
    ['a population of 20,000', 'population'],
    ['20 percent of the dead', 'share'],
    ['٢٠٪ من القتلى', 'share'],
    ['٢٠ بالمئة من القتلى', 'share'],
    ['20 schools were destroyed', 'other'],
  ])('%s → %s', (text, category) => {
    expect(first(text)?.category).toBe(category);
  });

  it('gives each figure of a compound sentence its own category', () => {
    const claims = extractClaims(
      'Airstrikes killed 20 people and injured 50 others, while 300 families fled the area.',
    );
    expect(claims.map((c) => [c.value, c.category])).toEqual([
      [20, 'killed'],
      [50, 'injured'],
      [300, 'displaced'],
    ]);
  });
});

describe('quotes and offsets', () => {
  it('quotes the words around the figure and points at them', () => {
    const text = 'Yesterday at least 3,207 Palestinians were killed in the camp.';
    const [claim] = extractClaims(text);
    expect(claim?.quote).toBe('at least 3,207 Palestinians were killed');
    expect(text.slice(claim?.start, claim?.end)).toBe(claim?.quote);
  });

  it('keeps offsets into the text as given, BOM and diacritics included', () => {
    const text = '\ufeffقُتِلَ ما لا يقلّ عن ٣٠ مدنياً.';
    const [claim] = extractClaims(text);
    expect(claim?.value).toBe(30);
    expect(claim?.quote).toBe('قُتِلَ ما لا يقلّ عن ٣٠ مدنياً');
    expect(text.slice(claim?.start, claim?.end)).toBe(claim?.quote);
  });

  it('always returns an exact slice, whatever the text', () => {
    const pieces = fc.constantFrom(
      'killed',
      'at least',
      '3,207',
      '٣٬٢٠٧',
      'قتيلاً',
      'ما لا يقل عن',
      ', ',
      '. ',
      '\n',
      '1. ',
      'children',
      'أطفال',
      'في',
      '2011',
      'ألف',
      'percent',
      ' ',
      '\ufeff',
      'ـ',
      'و',
      '٪',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        for (const c of extractClaims(text)) {
          expect(text.slice(c.start, c.end)).toBe(c.quote);
          expect(c.quote.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
