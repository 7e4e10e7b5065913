import type { RecordFields } from '../../core/records/record-fields.js';
import { copyLine } from '../copy-text.js';
import type { Sql } from '../database.js';

/** A record ready to store: its fields plus where it came from. */
export interface NewRecord {
  sourceId: number;
  batchId: number | null;
  rowNumber: number | null;
  raw: Record<string, string>;
  searchText: string;
  fields: RecordFields;
}

export interface NewRejection {
  batchId: number;
  rowNumber: number;
  raw: Record<string, string>;
  restricted: Record<string, string> | null;
  problems: object[];
}

const recordColumns = [
  'id',
  'source_id',
  'batch_id',
  'row_number',
  'source_record_id',
  'person_id',
  'raw',
  'name',
  'name_latin',
  'other_names',
  'kunya',
  'search_text',
  'sex',
  'age',
  'age_category',
  'birth_date_start',
  'birth_date_end',
  'birth_date_precision',
  'event_date_start',
  'event_date_end',
  'event_date_precision',
  'place_country',
  'place_governorate',
  'place_locality',
  'place_site',
  'violation',
  'perpetrator',
  'confidentiality',
  'restricted',
  'flags',
] as const;

/** Reserves `count` record ids in one round trip. */
export async function allocateRecordIds(tx: Sql, count: number): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    "SELECT nextval('record_id_seq')::int AS id FROM generate_series(1, $1::int)",
    [count],
  );
  return rows.map((r) => r.id);
}

/**
 * Stores records with COPY, each as its own person (the linkage issue merges them later): a new
 * person takes the id of the record that founds it, so person ids are stable and need no sequence.
 */
export async function copyRecords(tx: Sql, records: readonly NewRecord[]): Promise<number[]> {
  if (records.length === 0) return [];
  const ids = await allocateRecordIds(tx, records.length);
  let persons = '';
  let lines = '';
  records.forEach((record, i) => {
    const id = ids[i]!;
    const f = record.fields;
    persons += `${id}\n`;
    lines += copyLine([
      id,
      record.sourceId,
      record.batchId,
      record.rowNumber,
      f.sourceRecordId,
      id,
      record.raw,
      f.name,
      f.nameLatin,
      f.otherNames,
      f.kunya,
      record.searchText,
      f.sex,
      f.age,
      f.ageCategory,
      f.birthDate?.start ?? null,
      f.birthDate?.end ?? null,
      f.birthDate?.precision ?? 'unknown',
      f.eventDate?.start ?? null,
      f.eventDate?.end ?? null,
      f.eventDate?.precision ?? 'unknown',
      f.placeCountry,
      f.placeGovernorate,
      f.placeLocality,
      f.placeSite,
      f.violation,
      f.perpetrator,
      f.confidentiality ?? 'internal',
      f.restricted,
      f.flags,
    ]);
  });
  await tx.copyRows('person', ['id'], persons);
  await tx.copyRows('record', recordColumns, lines);
  return ids;
}

export async function copyRejections(tx: Sql, rejections: readonly NewRejection[]): Promise<void> {
  if (rejections.length === 0) return;
  const lines = rejections
    .map((r) => copyLine([r.batchId, r.rowNumber, r.raw, r.restricted, JSON.stringify(r.problems)]))
    .join('');
  await tx.copyRows(
    'import_rejection',
    ['batch_id', 'row_number', 'raw', 'restricted', 'problems'],
    lines,
  );
}
