import { createReadStream } from 'node:fs';
import { Transform, pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { createRecordBuilder } from '../../core/import/build-record.js';
import { spreadsheetSafe } from '../../core/records/spreadsheet-safe.js';
import { rejectedRowColumns } from '../import/rejected-rows-file.js';
import type { RejectedRows } from './upload-store.js';

/**
 * The rejected rows as a CSV to download, fix and import again: every cell made safe to open in a
 * spreadsheet (no formulas run), UTF-8 with a BOM for Excel. Without `includeRestricted`, as
 * everywhere in the register, the columns mapped to restricted are left out, and so are rows
 * marked restricted (or whose confidentiality cannot be read).
 */
export function rejectedRowsDownload(rejected: RejectedRows, includeRestricted: boolean): Readable {
  const build = createRecordBuilder(rejected.read);
  const ownColumns = new Set<string>(rejectedRowColumns);
  let header: string[] | null = null;
  let keep: number[] = [];

  const isRestrictedRecord = (cells: Record<string, string>): boolean => {
    const built = build(cells);
    return (
      built.fields.confidentiality === 'restricted' ||
      built.problems.some((p) => p.field === 'confidentiality')
    );
  };

  const select = new Transform({
    objectMode: true,
    transform(row: string[], _encoding, done) {
      if (header === null) {
        header = row;
        keep = row
          .map((column, i) => ({ column, i }))
          .filter(
            ({ column }) => includeRestricted || rejected.read.mapping[column] !== 'restricted',
          )
          .map(({ i }) => i);
        return done(
          null,
          keep.map((i) => spreadsheetSafe(row[i] ?? '')),
        );
      }
      if (!includeRestricted) {
        const columns = header;
        const cells = Object.fromEntries(
          columns.map((c, i) => [c, row[i] ?? ''] as const).filter(([c]) => !ownColumns.has(c)),
        );
        if (isRestrictedRecord(cells)) return done();
      }
      done(
        null,
        keep.map((i) => spreadsheetSafe(row[i] ?? '')),
      );
    },
  });
  const out = stringify({ bom: true });
  pipeline(
    createReadStream(rejected.path),
    parse({ bom: true, relax_column_count: true }),
    select,
    out,
    () => undefined, // errors reach `out`, which the server's reply sees
  );
  return out;
}
