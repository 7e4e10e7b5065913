import { describe, expect, it } from 'vitest';
import { parseNameParts } from './name-parts.js';

describe('parseNameParts', () => {
  it('reads four-part chains', () => {
    expect(parseNameParts(['احمد', 'محمد', 'علي', 'النجار'])).toMatchObject({
      given: 'احمد',
      father: 'محمد',
      grandfather: 'علي',
      family: 'النجار',
    });
  });

  it('reads short forms as given and family', () => {
    const p = parseNameParts(['محمد', 'ابوشماله']);
    expect(p.given).toBe('محمد');
    expect(p.family).toBe('ابوشماله');
    expect(p.father).toBeUndefined();
  });

  it('sets a leading kunya aside, but not Abu Bakr', () => {
    expect(parseNameParts(['ابومحمد', 'خالد', 'النجار'])).toMatchObject({
      kunya: 'ابومحمد',
      given: 'خالد',
    });
    expect(parseNameParts(['ابوبكر', 'النجار']).given).toBe('ابوبكر');
  });

  it('keeps extra middle names of long chains', () => {
    expect(parseNameParts(['a1', 'b2', 'c3', 'd4', 'e5']).middle).toEqual(['d4']);
  });
});
