import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { copyStatement, type Database, type Sql, type SqlValue } from './database.js';

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(runner: Runner): Sql {
  return {
    async query<T>(text: string, params: readonly SqlValue[] = []) {
      const result = await runner.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text: string) {
      await runner.exec(text);
    },
    async copyRows(table, columns, data, format) {
      // PGlite reads COPY input from a virtual /dev/blob file.
      await runner.query(copyStatement(table, columns, "'/dev/blob'", format), [], {
        blob: new Blob([data]),
      });
    },
  };
}

/** Opens (creating if needed) the embedded store in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Dates stay YYYY-MM-DD strings, as with the pg driver: a date of death has no time zone.
  const options = { parsers: { [types.DATE]: (value: string) => value } };
  const pg = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await pg.waitReady;
  const base = wrap(pg);
  return {
    ...base,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    async transaction(work) {
      try {
        return await pg.transaction((tx) => work(wrap(tx)));
      } catch (error) {
        // As on PostgreSQL: no session lock taken inside a failed transaction outlives it.
        await pg.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        throw error;
      }
    },
    close: () => pg.close(),
    dumpDataDir: () =>
      // In a transaction of its own, so that no other is half-way through while the copy is
      // taken; the checkpoint writes everything out, leaving next to nothing to replay on restore.
      pg.transaction(async (tx) => {
        await tx.exec('CHECKPOINT');
        return pg.dumpDataDir('gzip');
      }),
  };
}
