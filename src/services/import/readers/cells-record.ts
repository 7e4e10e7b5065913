/**
 * Creates the object that holds a row's cells.
 *
 * It has no prototype because column names come from user files: a header
 * called `__proto__` or `constructor` must be stored as a plain key, not
 * reach `Object.prototype`.
 */
export function createCells(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** True when every cell is empty or whitespace, i.e. the row carries no data. */
export function isBlankRow(values: Iterable<string>): boolean {
  for (const value of values) {
    if (value.trim() !== '') return false;
  }
  return true;
}
