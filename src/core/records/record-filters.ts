import type { RecordAgeGroup } from './age-group.js';
import type { Sex, ViolationType } from './record-fields.js';

/**
 * What a search narrows records by. Within a field any listed value matches; across fields every
 * field must match. `null` stands for "unknown": the record gives no value for that field.
 *
 * These filters read one record at a time (a record list answers "which records say this"),
 * unlike the person counts of `src/core/stats/counts`, which give each person the values of all
 * their records. `sourceSet` is the one person-level filter: it keeps the records of persons whose
 * records come from exactly those sources, the groups of a source-overlap chart.
 */
export interface RecordFilters {
  /** Folded search words (see foldForSearch); each must appear in the record's names. */
  words?: readonly string[];
  /** Source slugs. */
  sources?: readonly string[];
  violation?: readonly (ViolationType | null)[];
  country?: readonly (string | null)[];
  governorate?: readonly (string | null)[];
  /** Years of the event date (YYYY), read as the person counts read them. */
  year?: readonly (string | null)[];
  /** Months of the event date (YYYY-MM), read as the person counts read them. */
  month?: readonly (string | null)[];
  sex?: readonly (Sex | null)[];
  /** Broad age groups (see age-group.ts). */
  age?: readonly (RecordAgeGroup | null)[];
  /** The finer age bands of the counts ('0-4' … '60+'); unknown is "no age recorded". */
  ageBand?: readonly (string | null)[];
  /** Slugs of the exact set of sources a person's records come from. */
  sourceSet?: readonly string[];
}

/**
 * The fields the search screen shows counts for (facets), in display order. Months, age bands and
 * source sets filter (charts link to them) but are not listed as facets.
 */
export const recordFacetNames = [
  'source',
  'violation',
  'country',
  'governorate',
  'year',
  'sex',
  'age',
] as const;
export type RecordFacetName = (typeof recordFacetNames)[number];
