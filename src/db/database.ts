/**
 * The one door to the store. Both the embedded PGlite store and a PostgreSQL server sit behind
 * this small interface, so every repository and test runs unchanged on either.
 */
export type StoreKind = 'pglite' | 'postgres';

export type SqlValue = string | number | boolean | null | Date | string[] | number[] | object;

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Bulk-loads rows in COPY text format (see copy-text.ts), as text or as its UTF-8 bytes;
   * `data` holds whole rows only.
   */
  copyRows(table: string, columns: readonly string[], data: string | Uint8Array): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: StoreKind;
  /** A human description of where the store lives, with no credentials in it. */
  readonly location: string;
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function copyStatement(table: string, columns: readonly string[], from: string): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
}
