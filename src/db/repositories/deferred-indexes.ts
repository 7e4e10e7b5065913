import type { Sql } from '../database.js';

/**
 * Indexes of a table that a large load builds once at the end instead of row by row.
 *
 * Keeping an index up to date costs the embedded store a few microseconds a row (the record
 * table's two plain indexes 4–6 µs of its 18–22 µs a record, the person table's primary key about
 * 3 µs); building one at the end takes about 1 µs a row, as the rows arrive in key order. A load
 * at least as large as what the table holds gains.
 *
 * Dropped: plain indexes, and primary keys and unique constraints that no foreign key relies on
 * (those are checked once, when they are added back: a duplicate fails the load then). The drop
 * and the rebuild belong to the caller's transaction, so a failed or interrupted load rolls both
 * back and leaves the table as it was. Dropping locks every reader of the table out until the
 * transaction ends: use this only where the loader holds the store alone anyway (the embedded
 * store's single connection).
 */
export class DeferredIndexes {
  private constructor(private readonly rebuildStatements: readonly string[]) {}

  /** Drops the indexes the tables can do without for a while, keeping how to rebuild them. */
  static async drop(tx: Sql, tables: readonly string[]): Promise<DeferredIndexes> {
    const rebuild: string[] = [];
    for (const table of tables) rebuild.push(...(await dropIndexes(tx, table)));
    return new DeferredIndexes(rebuild);
  }

  /** Builds again what `drop` dropped, as it was defined. */
  async rebuild(tx: Sql): Promise<void> {
    for (const statement of this.rebuildStatements) await tx.query(statement);
  }
}

/** Drops one table's deferrable indexes; returns the statements that build them again. */
async function dropIndexes(tx: Sql, table: string): Promise<string[]> {
  const rows = await tx.query<{ constraintName: string | null; name: string; definition: string }>(
    `SELECT k.conname AS "constraintName", c.relname AS name,
              coalesce(pg_get_constraintdef(k.oid), pg_get_indexdef(i.indexrelid)) AS definition
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                                  AND k.contype IN ('p', 'u')
        WHERE i.indrelid = $1::regclass
          AND (k.oid IS NOT NULL OR NOT i.indisunique)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                           WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
        ORDER BY c.relname`,
    [table],
  );
  const target = quoteIdentifier(table);
  const rebuild: string[] = [];
  for (const { constraintName, name, definition } of rows) {
    if (constraintName === null) {
      await tx.query(`DROP INDEX ${quoteIdentifier(name)}`);
      rebuild.push(definition);
    } else {
      await tx.query(`ALTER TABLE ${target} DROP CONSTRAINT ${quoteIdentifier(constraintName)}`);
      rebuild.push(
        `ALTER TABLE ${target} ADD CONSTRAINT ${quoteIdentifier(constraintName)} ${definition}`,
      );
    }
  }
  return rebuild;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
