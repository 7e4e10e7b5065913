/**
 * Streaming readers that turn a user's CSV, XLSX, JSON or JSONL file into rows
 * of verbatim text cells for the importer.
 */
export {
  openTable,
  resolveFileFormat,
  type FileFormat,
  type OpenTableOptions,
  type SourceRow,
  type TableReader,
} from './table-reader.js';
export { readCsv, type ReadCsvOptions } from './read-csv.js';
export { readXlsx, type ReadXlsxOptions } from './read-xlsx.js';
export { readJson, readJsonLines, type ReadJsonOptions } from './read-json.js';
export {
  fileProblemCodes,
  TableReadError,
  type FileProblem,
  type TableReadLocation,
} from './table-read-error.js';
export { detectDelimiter, CANDIDATE_DELIMITERS } from './detect-delimiter.js';
export { normalizeHeaderNames } from './header-names.js';
