import { RecordPreparer, type PartialRecords } from '../../core/linkage/index.js';
import { cellText, scanCsvRows, type RowCells } from './csv-rows.js';

/** Where the linkage columns are in a file (-1 when absent), in LINK_COLUMNS order. */
export type ColumnIndex = readonly number[];

/** Rows `from`..`to` of a CSV held in `bytes`, prepared, with a 53-bit key per row. */
export interface PreparedRows {
  readonly partial: PartialRecords;
  /** A hash of each row's (source, record_id), to count repeated keys. */
  readonly keys: Float64Array;
}

function fnv(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Prepares rows `from`..`to` (data rows, by their byte ranges). A missing `source`
 * column puts every row in one source; a missing `record_id` numbers rows from 1.
 */
export function prepareRows(
  bytes: Uint8Array,
  rowStart: Float64Array,
  rowEnd: Float64Array,
  from: number,
  to: number,
  columns: ColumnIndex,
): PreparedRows {
  const preparer = new RecordPreparer();
  const keys = new Float64Array(to - from);
  // One mutable record: the preparer copies what it keeps.
  const record = {
    source: '',
    recordId: '',
    name: '',
    nameLatin: '',
    sex: '',
    age: '',
    birthDate: '',
    deathDate: '',
    place: '',
    idNumber: '',
  };
  const [source, recordId, name, nameLatin, sex, age, birth, death, place, idNumber] = columns;
  let row = from;
  const cell = (cells: RowCells, column: number | undefined): string =>
    column === undefined || column < 0 ? '' : cellText(bytes, cells, column).trim();
  const visit = (cells: RowCells): void => {
    record.source = (source ?? -1) >= 0 ? cell(cells, source) : 'input';
    record.recordId = (recordId ?? -1) >= 0 ? cell(cells, recordId) : String(row + 1);
    record.name = cell(cells, name);
    record.nameLatin = cell(cells, nameLatin);
    record.sex = cell(cells, sex);
    record.age = cell(cells, age);
    record.birthDate = cell(cells, birth);
    record.deathDate = cell(cells, death);
    record.place = cell(cells, place);
    record.idNumber = cell(cells, idNumber);
    preparer.add(record);
    const key = `${record.source}\u0000${record.recordId}`;
    keys[row - from] = fnv(key, 0x811c9dc5) * 2097152 + (fnv(key, 0x2f1b8e37) & 0x1fffff);
    row++;
  };
  // The rows are contiguous: one scan over their bytes visits them in order.
  if (to > from) scanCsvRows(bytes, visit, rowStart[from] ?? 0, rowEnd[to - 1] ?? 0);
  if (row !== to) throw new Error(`expected ${to - from} rows, read ${row - from}`);
  return { partial: preparer.partial(), keys };
}
