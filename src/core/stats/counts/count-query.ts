import {
  UNKNOWN,
  countFields,
  describeCountFields,
  isCountField,
  type CountField,
} from './count-fields.js';

/** A count request the user wrote wrongly (unknown field, bad value); the message says why. */
export class CountQueryError extends Error {
  override name = 'CountQueryError';
}

/**
 * Filters on count fields: for each field, the values accepted (any of them). `null` stands for
 * "unknown" (no value recorded).
 */
export type CountFilters = Partial<Record<CountField, readonly (string | null)[]>>;

/** What to count: the breakdown fields (in order) and the filters. */
export interface CountQuery {
  by: readonly CountField[];
  where: CountFilters;
}

/** Parses `--by` values; each may list several fields separated by commas. */
export function parseBy(items: readonly string[]): CountField[] {
  const out: CountField[] = [];
  for (const item of items) {
    for (const name of splitList(item)) {
      const field = fieldName(name);
      if (!out.includes(field)) out.push(field);
    }
  }
  return out;
}

/**
 * Parses `--where field=value` items. Values may be listed with commas (`violation=killed,executed`)
 * and a field may be repeated: a person matches when any listed value fits. `unknown` asks for
 * persons with no value recorded for that field.
 */
export function parseWhere(items: readonly string[]): CountFilters {
  const out: Partial<Record<CountField, (string | null)[]>> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CountQueryError(`"${item}" is not field=value (for example year=2014)`);
    const field = fieldName(item.slice(0, eq));
    const values = splitList(item.slice(eq + 1));
    if (values.length === 0) throw new CountQueryError(`"${item}" gives no value`);
    const list = (out[field] ??= []);
    for (const raw of values) {
      const value = normaliseValue(field, raw);
      if (!list.includes(value)) list.push(value);
    }
  }
  return out;
}

/** The fields a query involves, breakdown fields first, each once. */
export function queryFields(query: CountQuery): CountField[] {
  const fields: CountField[] = [...query.by];
  for (const f of Object.keys(query.where))
    if (isCountField(f) && !fields.includes(f)) fields.push(f);
  return fields;
}

function fieldName(raw: string): CountField {
  const name = raw.trim().toLowerCase().replace(/-/g, '_');
  if (!isCountField(name))
    throw new CountQueryError(
      `there is no count field "${raw}"; use one of ${describeCountFields()}`,
    );
  return name;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function normaliseValue(field: CountField, raw: string): string | null {
  if (raw.toLowerCase() === UNKNOWN) return null;
  const info = countFields[field];
  if (info.values) {
    // Closed lists are lower case; age groups may be typed with an en dash.
    const value = raw.toLowerCase().replace(/[–—]/g, '-');
    if (!info.values.includes(value))
      throw new CountQueryError(
        `${field} cannot be "${raw}"; use one of ${[...info.values, UNKNOWN].join(', ')}`,
      );
    return value;
  }
  const problem = info.check?.(raw) ?? null;
  if (problem !== null) throw new CountQueryError(`${field}=${raw}: ${problem}`);
  // Places and perpetrators are compared as recorded.
  return raw;
}
