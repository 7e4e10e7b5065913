/**
 * Age groups for counts. Children are split in three (0–4, 5–11, 12–17) so that child casualties
 * can be reported separately and by stage; adults in four broad bands.
 */

export interface AgeGroup {
  readonly label: string;
  /** Smallest age in years that belongs to the group. */
  readonly from: number;
  /** Largest age in years that belongs to the group; null for no upper bound. */
  readonly to: number | null;
  readonly child: boolean;
}

export const ageGroups: readonly AgeGroup[] = [
  { label: '0-4', from: 0, to: 4, child: true },
  { label: '5-11', from: 5, to: 11, child: true },
  { label: '12-17', from: 12, to: 17, child: true },
  { label: '18-29', from: 18, to: 29, child: false },
  { label: '30-44', from: 30, to: 44, child: false },
  { label: '45-59', from: 45, to: 59, child: false },
  { label: '60+', from: 60, to: null, child: false },
];

/** Age from which a person is an adult: one threshold for counts, filters and charts. */
export { ADULT_AGE } from '../../records/age-group.js';

/** The group label of an age in whole years, or null when the age is unknown or invalid. */
export function ageGroupOf(age: number | null): string | null {
  if (age === null || !Number.isFinite(age) || age < 0) return null;
  for (const g of ageGroups) if (age >= g.from && (g.to === null || age <= g.to)) return g.label;
  return null;
}
