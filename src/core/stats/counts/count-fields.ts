/**
 * The fields the register's person counts break down and filter by.
 *
 * Two kinds, because a person is a group of records that may disagree:
 * - **event** fields (violation, period, place, perpetrator) describe what happened according to
 *   one record; a person counts under every value any of their records gives (someone detained
 *   in 2012 and killed in 2014 is under both), and filters on several event fields must be met by
 *   the same record;
 * - **person** fields (sex, age group, child) describe the individual and take one value per
 *   person: the most frequent non-null value among their records, ties going to the value whose
 *   first record (smallest record id) comes first.
 *
 * Unknown values are a group of their own ("unknown"), but a record that says less than another
 * record of the same person, and nothing that contradicts it, adds no group: a person with one
 * dated and one undated record of the same killing is counted under the date only. Dates count by
 * the start of the interval when the precision is day, month or year (or a range within one year,
 * or one month, for months); wider ranges and unknown dates count as unknown. Persons are the
 * groups of records sharing `record.person_id`, so counts follow linkage. Counts cover every
 * record, restricted ones included (a count discloses no details); record lists leave restricted
 * records out unless asked.
 */

import { ageGroups } from './age-groups.js';
import { violationTypes } from '../../records/record-fields.js';

export type CountFieldKind = 'event' | 'person';

export const countFieldNames = [
  'violation',
  'year',
  'month',
  'country',
  'governorate',
  'locality',
  'site',
  'perpetrator',
  'sex',
  'age_group',
  'child',
] as const;

export type CountField = (typeof countFieldNames)[number];

export interface CountFieldInfo {
  readonly kind: CountFieldKind;
  readonly description: string;
  /** The values the field can take when they are a closed list ('unknown' excepted). */
  readonly values?: readonly string[];
  /** Checks a free value (years, months); returns an explanation when it cannot be one. */
  readonly check?: (value: string) => string | null;
}

/** The label of a missing value, in output and in filters. */
export const UNKNOWN = 'unknown';

export const countFields: Readonly<Record<CountField, CountFieldInfo>> = {
  violation: {
    kind: 'event',
    description: 'violation type; a person counts under every type any record gives',
    values: violationTypes,
  },
  year: {
    kind: 'event',
    description:
      'year of the event date: the start of the interval when precision is day, month or year, or a range within one year; else unknown',
    check: (v) => (/^\d{4}$/.test(v) ? null : 'a year is four digits, such as 2014'),
  },
  month: {
    kind: 'event',
    description:
      'month of the event date (YYYY-MM) when precision is day or month, or a range within one month; else unknown',
    check: (v) =>
      /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? null : 'a month is written YYYY-MM, such as 2014-03',
  },
  country: { kind: 'event', description: 'country of the event, as recorded' },
  governorate: { kind: 'event', description: 'governorate (first subdivision), as recorded' },
  locality: { kind: 'event', description: 'city, town, village or area, as recorded' },
  site: { kind: 'event', description: 'camp, prison, hospital or other site, as recorded' },
  perpetrator: { kind: 'event', description: 'perpetrator as the source attributes it' },
  sex: {
    kind: 'person',
    description: "the person's most frequent recorded sex (ties: earliest record)",
    values: ['female', 'male'],
  },
  age_group: {
    kind: 'person',
    description:
      "age group of the person's most frequent recorded age (ties: earliest record); children under 18 in three groups",
    values: ageGroups.map((g) => g.label),
  },
  child: {
    kind: 'person',
    description:
      'child (under 18) or adult, from the age when known, else from the most frequent recorded age category',
    values: ['child', 'adult'],
  },
};

/** Whether `name` is a field the counts know. */
export function isCountField(name: string): name is CountField {
  return (countFieldNames as readonly string[]).includes(name);
}

/** Every known field name, for messages. */
export function describeCountFields(): string {
  return countFieldNames.join(', ');
}

/**
 * Orders two values of a field for display: closed lists in their own order, other values as
 * text (years and months sort by time), unknown (null) last.
 */
export function compareFieldValues(field: CountField, a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const values = countFields[field].values;
  if (values) {
    const ia = values.indexOf(a);
    const ib = values.indexOf(b);
    if (ia !== ib) return (ia < 0 ? values.length : ia) - (ib < 0 ? values.length : ib);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
