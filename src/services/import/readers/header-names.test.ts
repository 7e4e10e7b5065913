import { describe, expect, it } from 'vitest';
import { normalizeHeaderNames } from './header-names.js';

describe('normalizeHeaderNames', () => {
  it('trims, names empty columns and de-duplicates deterministically', () => {
    expect(normalizeHeaderNames([' الاسم ', '', 'الاسم', '\t', 'الاسم'])).toEqual([
      'الاسم',
      'column_2',
      'الاسم_2',
      'column_4',
      'الاسم_3',
    ]);
  });

  it('never produces a name twice, even against existing suffixes', () => {
    const names = normalizeHeaderNames(['a', 'a_2', 'a', 'a', 'column_2', '']);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['a', 'a_2', 'a_3', 'a_4', 'column_2', 'column_6']);
  });
});
