import { describe, expect, it } from 'vitest';
import { ageGroups } from '../stats/counts/age-groups.js';
import {
  ADULT_AGE,
  ageGroupOfAge,
  ELDERLY_AGE,
  recordAgeGroupOf,
  recordAgeGroupRanges,
} from './age-group.js';

describe('broad age groups', () => {
  it('puts under 18 in child, 18 to 59 in adult, 60 and over in elderly', () => {
    expect([0, 17, 18, 59, 60, 130].map(ageGroupOfAge)).toEqual([
      'child',
      'child',
      'adult',
      'adult',
      'elderly',
      'elderly',
    ]);
    expect([ADULT_AGE, ELDERLY_AGE]).toEqual([18, 60]);
  });

  it('knows no group for a missing or impossible age', () => {
    expect(ageGroupOfAge(null)).toBeNull();
    expect(ageGroupOfAge(-1)).toBeNull();
    expect(ageGroupOfAge(Number.NaN)).toBeNull();
  });

  it('takes the age over the recorded category, and the category when there is no age', () => {
    expect(recordAgeGroupOf(15, 'adult')).toBe('child');
    expect(recordAgeGroupOf(null, 'elderly')).toBe('elderly');
    expect(recordAgeGroupOf(null, 'child')).toBe('child');
    expect(recordAgeGroupOf(null, null)).toBeNull();
    expect(recordAgeGroupOf(null, 'teenager')).toBeNull();
  });

  it('has ranges that cover every age once, and count bands that never straddle them', () => {
    for (let age = 0; age <= 130; age++) {
      const holding = recordAgeGroupRanges.filter(
        (r) => age >= r.from && (r.to === null || age <= r.to),
      );
      expect(
        holding.map((r) => r.group),
        `age ${age}`,
      ).toEqual([ageGroupOfAge(age)]);
    }
    for (const band of ageGroups) {
      const last = band.to ?? 130;
      expect(ageGroupOfAge(band.from), band.label).toBe(ageGroupOfAge(last));
    }
  });
});
