import type { RecordView } from '../../db/repositories/record-query-repository.js';

/** A field shown side by side on a person's page. */
export interface PersonField {
  /** The API's name for it (a RecordView property; place parts are `place.<part>`). */
  readonly key: string;
  /** The import field a column of the source's file fed (see core/import/column-mapping.ts). */
  readonly importField: string;
  /** The value in one comparable form; null when the record does not say. */
  readonly value: (r: RecordView) => string | null;
}

const text = (v: string | null): string | null => (v === null || v.trim() === '' ? null : v.trim());
const interval = (d: RecordView['birthDate']): string | null =>
  d.start === null ? null : `${d.start}/${d.end ?? d.start}/${d.precision}`;

/** The fields of a record in the order a person's page shows them. */
export const personFields: readonly PersonField[] = [
  { key: 'name', importField: 'name', value: (r) => text(r.name) },
  { key: 'nameLatin', importField: 'name_latin', value: (r) => text(r.nameLatin) },
  {
    key: 'otherNames',
    importField: 'other_names',
    value: (r) => (r.otherNames.length === 0 ? null : [...r.otherNames].sort().join(' | ')),
  },
  { key: 'kunya', importField: 'kunya', value: (r) => text(r.kunya) },
  { key: 'sex', importField: 'sex', value: (r) => r.sex },
  { key: 'age', importField: 'age', value: (r) => (r.age === null ? null : String(r.age)) },
  { key: 'ageCategory', importField: 'age_category', value: (r) => r.ageCategory },
  { key: 'birthDate', importField: 'birth_date', value: (r) => interval(r.birthDate) },
  { key: 'eventDate', importField: 'event_date', value: (r) => interval(r.eventDate) },
  { key: 'place.country', importField: 'place_country', value: (r) => text(r.place.country) },
  {
    key: 'place.governorate',
    importField: 'place_governorate',
    value: (r) => text(r.place.governorate),
  },
  { key: 'place.locality', importField: 'place_locality', value: (r) => text(r.place.locality) },
  { key: 'place.site', importField: 'place_site', value: (r) => text(r.place.site) },
  { key: 'violation', importField: 'violation', value: (r) => r.violation },
  { key: 'perpetrator', importField: 'perpetrator', value: (r) => text(r.perpetrator) },
  { key: 'sourceRecordId', importField: 'record_id', value: (r) => text(r.sourceRecordId) },
  { key: 'confidentiality', importField: 'confidentiality', value: (r) => r.confidentiality },
];

/**
 * The fields on which the records disagree: two or more different values among the records that
 * give one. A record that says nothing does not disagree (silence is not a contradiction). The
 * source's own identifier is left out: sources number their rows independently.
 */
export function differingFields(records: readonly RecordView[]): string[] {
  return personFields
    .filter((f) => f.key !== 'sourceRecordId')
    .filter((f) => {
      const values = new Set<string>();
      for (const r of records) {
        const v = f.value(r);
        if (v !== null) values.add(v);
      }
      return values.size > 1;
    })
    .map((f) => f.key);
}
