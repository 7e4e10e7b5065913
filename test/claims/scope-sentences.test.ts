import { describe, expect, it } from 'vitest';
import { extractClaims, type ProposedScope } from '../../src/core/claims/index.js';

/**
 * Sentences the scope rules were tuned on (kept apart from the held-out set in
 * fixtures/held-out-scopes.ts), one figure each, with the scope expected exactly.
 */
const cases: Array<[string, number, ProposedScope | undefined]> = [
  [
    'At least 312 Palestinian refugees were killed in Syria between January 2012 and December 2013.',
    312,
    {
      population: 'Palestinian refugees',
      place: { country: 'Syria' },
      period: { start: '2012-01', end: '2013-12' },
    },
  ],
  [
    'As of 15 March 2024, the network had recorded 2,950 deaths at the hands of Syrian regime forces.',
    2950,
    { perpetrator: 'Syrian regime', asOf: '2024-03-15' },
  ],
  [
    'Israeli airstrikes killed 58 people, among them 21 women, in Rafah on Saturday.',
    21,
    { population: 'women', perpetrator: 'Israeli forces', place: { locality: 'Rafah' } },
  ],
  [
    'The report lists 1,204 victims in Douma from 2013 to 2018.',
    1204,
    {
      place: { locality: 'Douma' },
      period: { start: '2013', end: '2018' },
    },
  ],
  [
    'Some 40 detainees are held in Khan Dannoun camp.',
    40,
    { place: { site: 'Khan Dannoun camp' } },
  ],
  ['The figure rose to 900 in 2019.', 900, { period: { start: '2019', end: '2019' } }],
  // Nothing to say: no scope at all, rather than a guess.
  ['More than 300 were wounded.', 300, undefined],
  // A year in a range is not read as a figure's own date; the figure is not a year.
  ['Up to 2,000 people fled, the agency said on Monday.', 2000, undefined],
  [
    'وثقت الشبكة مقتل 1200 مدني على يد قوات النظام في ريف دمشق منذ مطلع عام 2012.',
    1200,
    {
      population: 'civilians',
      perpetrator: 'Syrian regime',
      place: { governorate: 'Rif Dimashq' },
      period: { start: '2012' },
    },
  ],
  [
    'قُتل ٣٤ طفلاً في غارات إسرائيلية على قطاع غزة في أيار ٢٠٢١.',
    34,
    {
      population: 'children',
      perpetrator: 'Israeli forces',
      place: { governorate: 'Gaza' },
      period: { start: '2021-05', end: '2021-05' },
    },
  ],
  [
    'بلغ عدد اللاجئين الفلسطينيين في الأردن أكثر من 2.3 مليون لاجئ حتى نهاية عام 2022.',
    2300000,
    { population: 'Palestinian refugees', place: { country: 'Jordan' }, asOf: '2022-12' },
  ],
  [
    'اعتقل تنظيم داعش 150 شخصاً في دير الزور بين آذار 2014 وأيلول 2015.',
    150,
    {
      perpetrator: 'ISIS',
      place: { governorate: 'Deir ez-Zor' },
      period: { start: '2014-03', end: '2015-09' },
    },
  ],
  ['توفي 45 معتقلاً في سجن عدرا.', 45, { place: { site: 'Adra prison' } }],
];

describe('claim scopes on tuning sentences', () => {
  it.each(cases)('%s', (text, value, scope) => {
    const claim = extractClaims(text).find((c) => c.value === value);
    expect(claim, `no figure ${value}`).toBeDefined();
    expect(claim?.scope).toEqual(scope);
    for (const e of claim?.scopeEvidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('takes a place between two figures for the first, and one after both for both', () => {
    const [a, b] = extractClaims('43 people were killed in Gaza and 12 in the West Bank.');
    expect(a?.scope?.place).toEqual({ governorate: 'Gaza' });
    expect(b?.scope?.place).toEqual({ governorate: 'West Bank' });
    const [c, d] = extractClaims('43 were killed and 120 injured in Jenin.');
    expect(c?.scope?.place).toEqual({ locality: 'Jenin' });
    expect(d?.scope?.place).toEqual({ locality: 'Jenin' });
  });

  it('does not take "Israel" as a perpetrator without an act, nor an adjective as a place', () => {
    const [claim] = extractClaims('Israel hosts 2,400 asylum seekers, the Syrian report says.');
    expect(claim?.scope?.perpetrator).toBeUndefined();
    expect(claim?.scope?.place).toBeUndefined();
    const [bombed] = extractClaims('Israel has bombed 300 homes.');
    expect(bombed?.scope?.perpetrator).toBe('Israeli forces');
  });
});
