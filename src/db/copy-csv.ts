/** Encodes values as PostgreSQL COPY … (FORMAT csv) text: NULL is an empty unquoted field. */

export type CopyValue = string | number | boolean | null | readonly string[] | object;

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A text[] literal: every element quoted so commas, braces and quotes survive. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return quote(arrayLiteral(value as readonly string[]));
  return quote(JSON.stringify(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  return values.map(copyField).join(',') + '\n';
}
