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
   * Bulk-loads rows in COPY text format (see copy-text.ts), as text or as its UTF-8 bytes, or in
   * binary format (see binary-copy-writer.ts, `format: 'binary'`); `data` holds whole rows only.
   */
  copyRows(
    table: string,
    columns: readonly string[],
    data: string | Uint8Array,
    format?: CopyFormat,
  ): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: StoreKind;
  /** A human description of where the store lives, with no credentials in it. */
  readonly location: string;
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The embedded store only: a consistent copy of its data folder as a gzip tarball, taken
   * between transactions (a PostgreSQL server is backed up with pg_dump).
   */
  dumpDataDir?(): Promise<Blob>;
  /**
   * The embedded store only, where this process is the only writer: a number that changes once
   * anything that may have written has finished (a transaction, or a statement other than a
   * plain SELECT). While it stays the same, nothing has been committed since. Absent for a
   * PostgreSQL server, which other processes write to.
   */
  writesFinished?(): number;
}

export type CopyFormat = 'text' | 'binary';

export function copyStatement(
  table: string,
  columns: readonly string[],
  from: string,
  format: CopyFormat = 'text',
): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${from}${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`;
}
