import type { RecordFields } from '../../core/records/record-fields.js';
import { BinaryCopyWriter } from '../binary-copy-writer.js';
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
 * Records as binary COPY rows. Each record founds its own person, who takes the record's id (the
 * linkage issue merges persons later), so person ids are stable and need no sequence. Pure, so an
 * import can encode in a worker thread while the store inserts.
 *
 * Encodes records one at a time as they are parsed, and numbers them when the chunk is taken
 * (its block of ids is reserved only once its size is known). Encoding at once lets each parsed
 * row be garbage as soon as it is read: holding a chunk's rows as objects until the end made the
 * collector copy them over and over, which cost an import as much as parsing them.
 */
export class RecordChunkEncoder {
  private readonly rowStarts: number[] = [];

  constructor(
    private readonly origin: RecordOrigin,
    private readonly writer = new BinaryCopyWriter(),
  ) {}

  get count(): number {
    return this.rowStarts.length;
  }

  add(record: RecordContent): void {
    this.rowStarts.push(this.writer.size);
    const f = record.fields;
    this.writer
      .row(recordColumns.length)
      .int4(0) // id and person_id: set by `take`
      .int4(0)
      .int4(this.origin.sourceId)
      .int4(this.origin.batchId)
      .int4(record.rowNumber)
      .text(f.sourceRecordId)
      .jsonText(record.raw)
      .text(f.name)
      .text(f.nameLatin)
      .textArray(f.otherNames)
      .text(f.kunya)
      .text(record.searchText)
      .text(f.sex)
      .int2(f.age)
      .text(f.ageCategory)
      .date(f.birthDate?.start ?? null)
      .date(f.birthDate?.end ?? null)
      .text(f.birthDate?.precision ?? 'unknown')
      .date(f.eventDate?.start ?? null)
      .date(f.eventDate?.end ?? null)
      .text(f.eventDate?.precision ?? 'unknown')
      .text(f.placeCountry)
      .text(f.placeGovernorate)
      .text(f.placeLocality)
      .text(f.placeSite)
      .text(f.violation)
      .text(f.perpetrator)
      .text(f.confidentiality ?? 'internal')
      .jsonb(f.restricted)
      .textArray(f.flags);
  }

  /** The rows added since the last take, numbered from `firstId`, in a buffer of their own. */
  take(firstId: number): Uint8Array {
    const last = firstId + this.count - 1;
    if (this.count > 0 && (!Number.isInteger(firstId) || firstId < 1 || last > 0x7fffffff))
      throw new RangeError(`cannot number ${this.count} records from ${firstId}`);
    const bytes = this.writer.take();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.rowStarts.forEach((start, i) => {
      // A row starts with its field count (2 bytes); each int4 field is a length (4) and a value.
      view.setInt32(start + 6, firstId + i);
      view.setInt32(start + 14, firstId + i);
    });
    this.rowStarts.length = 0;
    return bytes;
  }
}

/** Stores `count` records encoded by `RecordChunkEncoder` from `firstId`, with their persons. */
export async function storeEncodedRecords(
  tx: Sql,
  firstId: number,
  count: number,
  encoded: Uint8Array,
): Promise<void> {
  if (count === 0) return;
  // COPY inserts the persons many to a page and a log record, where INSERT … SELECT
  // generate_series would insert and log them one at a time.
  const persons = new BinaryCopyWriter(32 + count * 10);
  for (let id = firstId; id < firstId + count; id++) persons.row(1).int4(id);
  await tx.copyRows('person', ['id'], persons.take(), 'binary');
  await tx.copyRows('record', recordColumns, encoded, 'binary');
}

/** Refused rows as binary COPY rows of import_rejection. */
export function encodeRejections(
  rejections: readonly RejectionContent[],
  batchId: number,
  writer = new BinaryCopyWriter(),
): Uint8Array {
  for (const r of rejections)
    writer
      .row(rejectionColumns.length)
      .int4(batchId)
      .int4(r.rowNumber)
      .jsonText(r.raw)
      .jsonb(r.restricted)
      .jsonb(r.problems);
  return writer.take();
}

/** Stores rows encoded by `encodeRejections`. */
export async function storeEncodedRejections(tx: Sql, encoded: Uint8Array): Promise<void> {
  await tx.copyRows('import_rejection', rejectionColumns, encoded, 'binary');
}
