import type { CellProblem, createRecordBuilder } from '../../core/import/build-record.js';
import type { RecordFields } from '../../core/records/record-fields.js';
import { searchText } from '../../core/records/search-text.js';
import type { SourceRow } from './readers/index.js';
import { rejectedRowColumns, type RejectedRowsFile } from './rejected-rows-file.js';

/** One rejected or doubtful cell, located for the user. */
export interface RowProblem extends CellProblem {
  row: number;
}

export interface RowTally {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: number;
}

/** An accepted row, normalised and ready to store. */
export interface AcceptedRow {
  rowNumber: number;
  raw: Record<string, string>;
  searchText: string;
  fields: RecordFields;
}

/** A refused row, kept with its reasons so nothing is lost. */
export interface RefusedRow {
  rowNumber: number;
  raw: Record<string, string>;
  restricted: Record<string, string> | null;
  problems: RowProblem[];
}

/** A chunk's worth of rows: how many were accepted (each handed to `accept`), and the refused. */
export interface ParsedRows {
  accepted: number;
  refused: RefusedRow[];
}

/** Thrown when more rows are refused than the import allows. */
export class TooManyErrors extends Error {
  override readonly name = 'TooManyErrors';
}

const sampleLimit = 50;

/** The problem of a row that does not fit the table (see SourceRow.problem), or null. */
export function shapeProblem(row: SourceRow): RowProblem | null {
  if (!row.problem) return null;
  return { row: row.rowNumber, column: null, field: null, value: '', ...row.problem };
}

export function describeProblem(p: RowProblem): string {
  const where = p.column === null ? `row ${p.row}` : `row ${p.row}, column "${p.column}"`;
  const value =
    p.value === '' ? '' : ` value "${p.value.length > 60 ? p.value.slice(0, 57) + '…' : p.value}"`;
  return `${where}${value}: ${p.reason}`;
}

/**
 * Turns a file's rows into accepted records and refused rows, in chunks of at most `chunkSize`
 * of each, counting as it goes and keeping the first problems and warnings for the report.
 * Refused rows go to the rejected-rows file as they come.
 */
export class RowParser {
  readonly tally: RowTally = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, warnings: 0 };
  readonly problems: RowProblem[] = [];
  readonly warningSamples: RowProblem[] = [];

  constructor(
    private readonly build: ReturnType<typeof createRecordBuilder>,
    private readonly options: {
      chunkSize: number;
      /** Most rows that may be refused; null for no limit. */
      maxErrors: number | null;
      rejected: RejectedRowsFile | null;
      /** Checked before each row: true stops the parse with this error. */
      stopped?: () => Error | null;
      /** Takes each accepted row as it is parsed (to encode it at once: see RecordChunkEncoder). */
      accept: (row: AcceptedRow) => void;
    },
  ) {}

  async *chunks(batches: AsyncIterable<readonly SourceRow[]>): AsyncGenerator<ParsedRows> {
    const { chunkSize, maxErrors, rejected, stopped, accept } = this.options;
    let accepted = 0;
    let refused: RefusedRow[] = [];
    for await (const batch of batches)
      for (const row of batch) {
        const stop = stopped?.();
        if (stop) throw stop;
        this.tally.rowsRead += 1;
        const built = this.build(stripOwnColumns(row.cells));
        for (const w of built.warnings) {
          this.tally.warnings += 1;
          if (this.warningSamples.length < sampleLimit)
            this.warningSamples.push({ ...w, row: row.rowNumber });
        }
        if (built.problems.length > 0 || row.problem) {
          const rowProblems: RowProblem[] = built.problems.map((p) => ({
            ...p,
            row: row.rowNumber,
          }));
          const shape = shapeProblem(row);
          if (shape) rowProblems.unshift(shape);
          this.tally.rowsRejected += 1;
          for (const p of rowProblems)
            if (this.problems.length < sampleLimit) this.problems.push(p);
          await rejected?.write(
            row.rowNumber,
            row.cells,
            rowProblems.map((p) => describeProblem(p)).join('; '),
          );
          refused.push({
            rowNumber: row.rowNumber,
            raw: built.raw,
            restricted: built.fields.restricted,
            problems: rowProblems,
          });
          if (maxErrors !== null && this.tally.rowsRejected > maxErrors) throw new TooManyErrors();
        } else {
          this.tally.rowsAccepted += 1;
          accepted += 1;
          accept({
            rowNumber: row.rowNumber,
            raw: built.raw,
            searchText: searchText(built.fields),
            fields: built.fields,
          });
        }
        // Bounded by accepted and refused rows separately: a chunk never holds more records than
        // the block of ids reserved for it, and memory stays flat whatever the file's size.
        if (accepted >= chunkSize || refused.length >= chunkSize) {
          yield { accepted, refused };
          accepted = 0;
          refused = [];
        }
      }
    yield { accepted, refused };
  }
}

function stripOwnColumns(cells: Record<string, string>): Record<string, string> {
  if (!(rejectedRowColumns[0] in cells)) return cells;
  const copy = { ...cells };
  for (const column of rejectedRowColumns) delete copy[column];
  return copy;
}
