import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/locales/en.js';
import { createRecordBuilder } from './build-record.js';
import { parseDate } from './parse-date.js';
import { parseInteger } from './digits.js';
import { parseAge, parseSex, parseViolation } from './field-values.js';
import { problemCodes } from './parse-result.js';

describe('problem codes', () => {
  it('each has words in the workspace (Arabic is checked against English by its type)', () => {
    for (const code of problemCodes) expect(en.import.problems, code).toHaveProperty(code);
  });

  it('come with the reasons, with what the translation needs', () => {
    const today = new Date('2024-06-01T00:00:00Z');
    expect(parseDate('31/02/2013', 'dmy', today)).toMatchObject({
      ok: false,
      code: 'no_such_day',
      params: { month: '2013-02', day: 31 },
    });
    expect(parseDate('12 Smarch 2013', 'dmy', today)).toMatchObject({ ok: false });
    expect(parseDate('2030-01-01', 'dmy', today)).toMatchObject({
      code: 'future_date',
      params: { latest: '2024-06-01' },
    });
    expect(parseDate('1434 هـ', 'dmy', today)).toMatchObject({ code: 'hijri_date' });
    expect(parseInteger('12.5')).toMatchObject({ code: 'not_whole_number' });
    expect(parseAge('٢٠٠')).toMatchObject({ code: 'implausible_age', params: { max: 130 } });
    expect(parseSex('x')).toMatchObject({ code: 'not_in_vocabulary', params: { field: 'sex' } });
    expect(parseViolation(' مفقود ')).toMatchObject({
      code: 'ambiguous_missing',
      params: { value: 'مفقود' },
    });
  });

  it('reach the row problems, warnings included', () => {
    const build = createRecordBuilder({
      mapping: { name: 'name', date: 'event_date', age: 'age' },
      today: new Date('2024-06-01T00:00:00Z'),
    });
    const built = build({ name: '', date: '03/04/2013', age: 'old' });
    expect(built.problems.map((p) => p.code)).toEqual(['not_an_age', 'no_name']);
    expect(built.warnings).toEqual([
      expect.objectContaining({
        code: 'ambiguous_date',
        params: { order: 'dmy', read: '2013-04-03' },
      }),
    ]);
  });
});
