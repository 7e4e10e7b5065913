/**
 * The outcome of parsing one cell of an imported list: a value, or a reason a person can read.
 * Parsers never throw on bad input, because one bad cell must reject a row, not the whole file.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Wraps a successfully parsed value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure; assignable to any `ParseResult<T>`. */
export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
