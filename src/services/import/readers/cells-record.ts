export { createCells } from '../../../core/import/cells.js';

/** True when every cell is empty or whitespace, i.e. the row carries no data. */
export function isBlankRow(values: Iterable<string>): boolean {
  for (const value of values) {
    if (value.trim() !== '') return false;
  }
  return true;
}
