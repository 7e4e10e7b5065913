import type { RecordFields } from '../../core/records/record-fields.js';
import { CopyWriter } from '../copy-writer.js';
import type { Sql } from '../database.js';

/** What a record says, as the importer read it. */
export interface RecordContent {
  rowNumber: number | null;
  raw: Record<string, string>;
  searchText: string;
  fields: RecordFields;
}

/** A row an import refused, kept with its reasons. */
export interface RejectionContent {
  rowNumber: number;
  raw: Record<string, string>;
  restricted: Record<string, string> | null;
  problems: object[];
}

/** Where records come from: a source, and the import batch that brought them. */
export interface RecordOrigin {
  sourceId: number;
  batchId: number;
}

const recordColumns = [
  'id',
  'person_id',
  'source_id',
  'batch_id',
  'row_number',
  'source_record_id',
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

const rejectionColumns = ['batch_id', 'row_number', 'raw', 'restricted', 'problems'] as const;

/**
 * Reserves `count` (at least 1) consecutive record ids and returns the first. One nextval per id
 * costs the embedded store several microseconds each; moving the sequence once does not. The
 * session lock keeps two importers from reserving overlapping ranges and is released as soon as
 * the sequence has moved (sequences ignore transactions); if the statement fails, the
 * transaction fails and `Database.transaction` releases the lock on rollback.
 */
export async function reserveRecordIds(tx: Sql, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot reserve ${count} ids`);
  await tx.query('SELECT pg_advisory_lock(727003)');
  const [row] = await tx.query<{ last: number }>(
    "SELECT setval('record_id_seq', nextval('record_id_seq') + $1::int - 1)::int AS last",
    [count],
  );
  await tx.query('SELECT pg_advisory_unlock(727003)');
  return row!.last - count + 1;
}

/**
 * Records as COPY rows, numbered from `firstId`. Each record founds its own person, who takes the
 * record's id (the linkage issue merges persons later), so person ids are stable and need no
 * sequence. Pure, so an import can encode in a worker thread while the store inserts.
 */
export function encodeRecords(
  records: readonly RecordContent[],
  origin: RecordOrigin,
  firstId: number,
  writer = new CopyWriter(),
): Uint8Array {
  records.forEach((record, i) => {
    const id = firstId + i;
    const f = record.fields;
    writer
      .field(id)
      .field(id)
      .field(origin.sourceId)
      .field(origin.batchId)
      .field(record.rowNumber)
      .field(f.sourceRecordId)
      .field(record.raw)
      .field(f.name)
      .field(f.nameLatin)
      .field(f.otherNames)
      .field(f.kunya)
      .field(record.searchText)
      .field(f.sex)
      .field(f.age)
      .field(f.ageCategory)
      .field(f.birthDate?.start ?? null)
      .field(f.birthDate?.end ?? null)
      .field(f.birthDate?.precision ?? 'unknown')
      .field(f.eventDate?.start ?? null)
      .field(f.eventDate?.end ?? null)
      .field(f.eventDate?.precision ?? 'unknown')
      .field(f.placeCountry)
      .field(f.placeGovernorate)
      .field(f.placeLocality)
      .field(f.placeSite)
      .field(f.violation)
      .field(f.perpetrator)
      .field(f.confidentiality ?? 'internal')
      .field(f.restricted)
      .field(f.flags)
      .endRow();
  });
  return writer.take();
}

/** Stores `count` records encoded by `encodeRecords` from `firstId`, with their persons. */
export async function storeEncodedRecords(
  tx: Sql,
  firstId: number,
  count: number,
  encoded: string | Uint8Array,
): Promise<void> {
  if (count === 0) return;
  // The ids are consecutive, so the persons are one generated series, not rows to parse.
  await tx.query('INSERT INTO person (id) SELECT generate_series($1::int, $2::int)', [
    firstId,
    firstId + count - 1,
  ]);
  await tx.copyRows('record', recordColumns, encoded);
}

/** Refused rows as COPY rows of import_rejection. */
export function encodeRejections(
  rejections: readonly RejectionContent[],
  batchId: number,
  writer = new CopyWriter(),
): Uint8Array {
  for (const r of rejections)
    writer
      .field(batchId)
      .field(r.rowNumber)
      .field(r.raw)
      .field(r.restricted)
      .field(JSON.stringify(r.problems))
      .endRow();
  return writer.take();
}

export async function storeEncodedRejections(tx: Sql, encoded: string | Uint8Array): Promise<void> {
  if (encoded.length === 0) return;
  await tx.copyRows('import_rejection', rejectionColumns, encoded);
}
