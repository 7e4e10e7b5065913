import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { spreadsheetSafe } from '../../core/records/spreadsheet-safe.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { queryRecords, type RecordView } from '../../db/repositories/record-query-repository.js';

export type ExportFormat = 'csv' | 'json' | 'jsonl';

export interface ExportOptions {
  format: ExportFormat;
  source?: string;
  /** Restricted records and details; only an admin may ask (the caller checks the role). */
  includeRestricted: boolean;
  actor: string;
  pageSize?: number;
}

const csvColumns = [
  'record_id',
  'person_id',
  'source',
  'batch_id',
  'row_number',
  'source_record_id',
  'name',
  'name_latin',
  'other_names',
  'kunya',
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
  'flags',
  'raw',
] as const;

function csvRow(r: RecordView): (string | number | null)[] {
  const text = (v: string | null) => (v === null ? null : spreadsheetSafe(v));
  const row = [
    r.id,
    r.personId,
    text(r.source),
    r.batchId,
    r.rowNumber,
    text(r.sourceRecordId),
    text(r.name),
    text(r.nameLatin),
    text(r.otherNames.join('; ')),
    text(r.kunya),
    r.sex,
    r.age,
    r.ageCategory,
    r.birthDate.start,
    r.birthDate.end,
    r.birthDate.precision,
    r.eventDate.start,
    r.eventDate.end,
    r.eventDate.precision,
    text(r.place.country),
    text(r.place.governorate),
    text(r.place.locality),
    text(r.place.site),
    r.violation,
    text(r.perpetrator),
    r.confidentiality,
    r.flags.join(' '),
    text(JSON.stringify(r.raw)),
  ];
  if (r.restricted !== undefined)
    row.push(r.restricted === null ? null : text(JSON.stringify(r.restricted)));
  return row;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Streams records to `out` page by page. The export itself is audited: who took which records,
 * and whether restricted details left the register.
 */
export async function exportRecords(
  db: Database,
  out: Writable,
  options: ExportOptions,
): Promise<number> {
  const pageSize = options.pageSize ?? 5000;
  const csv =
    options.format === 'csv'
      ? stringify({
          header: true,
          columns: options.includeRestricted ? [...csvColumns, 'restricted'] : [...csvColumns],
          bom: true,
        })
      : null;
  if (csv) csv.pipe(out, { end: false });
  if (options.format === 'json') await write(out, '[\n');
  let count = 0;
  let afterId = 0;
  for (;;) {
    const page = await queryRecords(db, {
      source: options.source,
      afterId,
      limit: pageSize,
      includeRestricted: options.includeRestricted,
    });
    for (const record of page) {
      if (csv) {
        if (!csv.write(csvRow(record))) await once(csv, 'drain');
      } else if (options.format === 'json') {
        await write(out, (count > 0 ? ',\n' : '') + JSON.stringify(record));
      } else {
        await write(out, JSON.stringify(record) + '\n');
      }
      count += 1;
      afterId = record.id;
    }
    if (page.length < pageSize) break;
  }
  if (csv) {
    const done = once(csv, 'end');
    csv.end();
    await done;
  }
  if (options.format === 'json') await write(out, '\n]\n');
  await db.transaction((tx) =>
    appendAuditEvent(tx, {
      actor: options.actor,
      action: options.includeRestricted ? 'export.restricted' : 'export',
      entityType: 'record',
      after: {
        format: options.format,
        source: options.source ?? null,
        records: count,
        includeRestricted: options.includeRestricted,
      },
    }),
  );
  return count;
}
