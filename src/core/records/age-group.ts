/**
 * The broad age groups the workspace filters and charts by: child (under 18), adult (18 to 59)
 * and elderly (60 and over); a record with neither an age nor an age category is of unknown age.
 *
 * The age in years decides when it is known. Sources that give only a category (a list saying
 * "child" without an age) are taken at their word: the record's `age_category` decides then.
 * Children are under 18 as in the Convention on the Rights of the Child; 60 is the United
 * Nations' usual threshold for older persons. The finer bands of the counts
 * (src/core/stats/counts/age-groups.ts) nest inside these groups: none straddles a threshold.
 */
export const recordAgeGroups = ['child', 'adult', 'elderly'] as const;
export type RecordAgeGroup = (typeof recordAgeGroups)[number];

/** Age from which a person is an adult: below it, a child. */
export const ADULT_AGE = 18;
/** Age from which a person counts as elderly. */
export const ELDERLY_AGE = 60;

/** The group of an age in whole years, or null when the age is unknown or not a valid age. */
export function ageGroupOfAge(age: number | null): RecordAgeGroup | null {
  if (age === null || !Number.isFinite(age) || age < 0) return null;
  if (age < ADULT_AGE) return 'child';
  return age < ELDERLY_AGE ? 'adult' : 'elderly';
}

/** Whether `value` names a broad age group. */
export function isRecordAgeGroup(value: string): value is RecordAgeGroup {
  return (recordAgeGroups as readonly string[]).includes(value);
}

/**
 * The group of one record (or of one person's majority values): from the age when known, else
 * from the age category the source gave, else null (unknown).
 */
export function recordAgeGroupOf(
  age: number | null,
  ageCategory: string | null,
): RecordAgeGroup | null {
  const fromAge = ageGroupOfAge(age);
  if (fromAge !== null) return fromAge;
  return ageCategory !== null && isRecordAgeGroup(ageCategory) ? ageCategory : null;
}

/** Each group's ages in years, for labels ("child: 0 to 17"); `to` is null for no upper bound. */
export const recordAgeGroupRanges: readonly {
  group: RecordAgeGroup;
  from: number;
  to: number | null;
}[] = [
  { group: 'child', from: 0, to: ADULT_AGE - 1 },
  { group: 'adult', from: ADULT_AGE, to: ELDERLY_AGE - 1 },
  { group: 'elderly', from: ELDERLY_AGE, to: null },
];
