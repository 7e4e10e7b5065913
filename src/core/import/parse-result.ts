/**
 * The outcome of parsing one cell of an imported list: a value, or a reason a person can read.
 * Parsers never throw on bad input, because one bad cell must reject a row, not the whole file.
 */
export type ParseResult<T> = { ok: true; value: T } | Failure;

/**
 * Why a cell was refused, as a code the workspace translates (with `params` to fill in); the
 * `reason` is the same in English, for the command line, logs and the rejected-rows file.
 */
export const problemCodes = [
  'empty_number',
  'not_whole_number',
  'ambiguous_decimal',
  'number_too_large',
  'not_in_vocabulary',
  'ambiguous_missing',
  'not_an_age',
  'negative_age',
  'implausible_age',
  'empty_date',
  'hijri_date',
  'not_a_date',
  'no_such_month',
  'no_such_day',
  'excel_serial',
  'unknown_word',
  'no_year',
  'day_month_year_expected',
  'year_too_early',
  'future_date',
  'bad_time',
  'range_reversed',
  'ambiguous_date',
  'unstorable_text',
  'no_name',
  'cell_count',
  'stray_values',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export type ProblemParams = Record<string, string | number>;

export interface Failure {
  ok: false;
  reason: string;
  code?: ProblemCode;
  params?: ProblemParams;
}

/** Wraps a successfully parsed value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure; assignable to any `ParseResult<T>`. */
export function fail(reason: string, code?: ProblemCode, params?: ProblemParams): Failure {
  return code === undefined
    ? { ok: false, reason }
    : { ok: false, reason, code, params: params ?? {} };
}
