import { describe, expect, it } from 'vitest';
import { ageGroupOf } from './age-groups.js';
import { formatCaptureCsv } from './capture-csv.js';
import { compareFieldValues } from './count-fields.js';
import { CountQueryError, parseBy, parseWhere, queryFields } from './count-query.js';
import { summariseCaptures } from './source-overlaps.js';

describe('count queries', () => {
  it('parses breakdown fields, with commas and repeats', () => {
    expect(parseBy(['year,sex', 'Age-Group', 'year'])).toEqual(['year', 'sex', 'age_group']);
    expect(() => parseBy(['colour'])).toThrow(CountQueryError);
  });

  it('parses filters: repeated fields and lists mean either, unknown means none recorded', () => {
    expect(
      parseWhere(['violation=killed', 'violation=Executed,killed', 'sex=unknown', 'year=2014']),
    ).toEqual({ violation: ['killed', 'executed'], sex: [null], year: ['2014'] });
    expect(parseWhere(['age_group=12–17', 'governorate=Rif Dimashq'])).toEqual({
      age_group: ['12-17'],
      governorate: ['Rif Dimashq'],
    });
    expect(() => parseWhere(['violation=murdered'])).toThrow(/violation cannot be "murdered"/);
    expect(() => parseWhere(['year=14'])).toThrow(/four digits/);
    expect(() => parseWhere(['month=2014-13'])).toThrow(/YYYY-MM/);
    expect(() => parseWhere(['sex'])).toThrow(/field=value/);
  });

  it('lists the fields a query involves, breakdown first', () => {
    expect(queryFields({ by: ['year'], where: parseWhere(['sex=male', 'year=2014']) })).toEqual([
      'year',
      'sex',
    ]);
  });

  it('orders values: closed lists in their order, others as text, unknown last', () => {
    const ages = ['60+', null, '5-11', '0-4', '12-17'];
    expect(ages.sort((a, b) => compareFieldValues('age_group', a, b))).toEqual([
      '0-4',
      '5-11',
      '12-17',
      '60+',
      null,
    ]);
    expect(['2015', null, '2013'].sort((a, b) => compareFieldValues('year', a, b))).toEqual([
      '2013',
      '2015',
      null,
    ]);
  });
});

describe('age groups', () => {
  it('puts children under 18 in three groups and adults in four', () => {
    expect([0, 4, 5, 11, 12, 17, 18, 29, 30, 44, 45, 59, 60, 130].map(ageGroupOf)).toEqual([
      '0-4',
      '0-4',
      '5-11',
      '5-11',
      '12-17',
      '12-17',
      '18-29',
      '18-29',
      '30-44',
      '30-44',
      '45-59',
      '45-59',
      '60+',
      '60+',
    ]);
    expect(ageGroupOf(null)).toBeNull();
    expect(ageGroupOf(-1)).toBeNull();
  });
});

describe('capture CSV', () => {
  it('writes one 0/1 column per source and a count, rows in pattern order', () => {
    expect(
      formatCaptureCsv(
        ['a', 'b'],
        [
          { sources: ['a', 'b'], count: 3 },
          { sources: ['b'], count: 2 },
          { sources: ['a'], count: 1 },
        ],
      ),
    ).toBe('a,b,count\n1,0,1\n0,1,2\n1,1,3\n');
    expect(() => formatCaptureCsv(['count'], [])).toThrow(/clash/);
  });
});

describe('source overlaps from capture histories', () => {
  it('derives persons, only-here and every pair, zero pairs included', () => {
    const s = summariseCaptures(
      ['a', 'b', 'c'],
      [
        { sources: ['a'], count: 2 },
        { sources: ['a', 'b'], count: 3 },
        { sources: ['a', 'b', 'c'], count: 1 },
      ],
    );
    expect(s.persons).toBe(6);
    expect(s.sources).toEqual([
      { source: 'a', persons: 6, onlyHere: 2 },
      { source: 'b', persons: 4, onlyHere: 0 },
      { source: 'c', persons: 1, onlyHere: 0 },
    ]);
    expect(s.pairs).toEqual([
      { sources: ['a', 'b'], persons: 4 },
      { sources: ['a', 'c'], persons: 1 },
      { sources: ['b', 'c'], persons: 1 },
    ]);
  });
});
