import type { BatchProvenance } from '../../db/repositories/record-provenance-repository.js';
import type { RecordView } from '../../db/repositories/record-query-repository.js';
import { personFields } from './person-fields.js';

/** Where one value of a record came from. */
export type FieldProvenance =
  /** A column of the source's file: its header and the cell as written there. */
  | { readonly column: string; readonly raw: string | null }
  /** No column: the import's default for every row (`--default field=value`). */
  | { readonly default: string };

/**
 * Where each of a record's values came from, by field key (see personFields): the column its
 * batch mapped to the field, with the cell verbatim, or the import's default. Restricted columns
 * are never named (their cells are not in `raw` either). Fields with neither are absent.
 */
export function recordProvenance(
  record: RecordView,
  batch: BatchProvenance | undefined,
): Record<string, FieldProvenance> {
  const out: Record<string, FieldProvenance> = {};
  if (!batch) return out;
  const columnOf = new Map<string, string>();
  for (const [column, field] of Object.entries(batch.columns))
    if (field && field !== 'restricted' && !columnOf.has(field)) columnOf.set(field, column);
  for (const f of personFields) {
    const column = columnOf.get(f.importField);
    const raw = column === undefined ? undefined : record.raw[column];
    if (column !== undefined && raw !== undefined && raw !== '') {
      out[f.key] = { column, raw };
    } else if (batch.defaults[f.importField] !== undefined && f.value(record) !== null) {
      out[f.key] = { default: batch.defaults[f.importField]! };
    } else if (column !== undefined) {
      out[f.key] = { column, raw: raw ?? null };
    }
  }
  return out;
}
