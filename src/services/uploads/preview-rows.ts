import { createRecordBuilder, type RecordBuildOptions } from '../../core/import/build-record.js';
import type { RecordFields } from '../../core/records/record-fields.js';
import type { SourceRow } from '../import/readers/index.js';
import { rejectedRowColumns } from '../import/rejected-rows-file.js';
import { shapeProblem, type RowProblem } from '../import/row-parser.js';

/** One row of a file as the import would store it: the cells verbatim and the normalised fields. */
export interface PreviewRow {
  rowNumber: number;
  /** False when the import would reject the row (see `problems`). */
  accepted: boolean;
  /** The cells as written, less the columns mapped to restricted (those are in fields.restricted). */
  raw: Record<string, string>;
  fields: RecordFields;
  problems: RowProblem[];
  warnings: RowProblem[];
}

const ownColumns = new Set<string>(rejectedRowColumns);

/**
 * Builds the first `limit` rows with the same record builder the importer uses, so the preview
 * shows exactly what would be stored. The columns a rejected-rows file adds are left out, as the
 * importer leaves them out.
 */
export async function previewRows(
  rows: AsyncIterable<SourceRow>,
  options: RecordBuildOptions,
  limit: number,
): Promise<PreviewRow[]> {
  const build = createRecordBuilder(options);
  const preview: PreviewRow[] = [];
  if (limit <= 0) return preview;
  for await (const row of rows) {
    const cells = Object.fromEntries(Object.entries(row.cells).filter(([c]) => !ownColumns.has(c)));
    const built = build(cells);
    const at = (p: (typeof built.problems)[number]): RowProblem => ({ ...p, row: row.rowNumber });
    const problems = built.problems.map(at);
    const shape = shapeProblem(row);
    if (shape) problems.unshift(shape);
    preview.push({
      rowNumber: row.rowNumber,
      accepted: problems.length === 0,
      raw: built.raw,
      fields: built.fields,
      problems,
      warnings: built.warnings.map(at),
    });
    if (preview.length >= limit) break;
  }
  return preview;
}
