import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { copyStatement, type Database, type Sql, type SqlValue } from './database.js';
import { lockStore } from './store-lock.js';

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction;

/** The part of PGlite's (Emscripten's) in-memory file system that COPY input goes through. */
interface MemoryFiles {
  writeFile(path: string, data: string | Uint8Array, options?: { canOwn?: boolean }): void;
  unlink(path: string): void;
}

let copyFiles = 0;

/** A plain SELECT of the register's own queries: none of them calls a function that writes. */
const plainSelect = /^\s*SELECT\s/i;

/** Counts statements that may write, once they have finished (see Database.writesFinished). */
class WriteCounter {
  count = 0;
  async after<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      this.count++;
    }
  }
}

function wrap(runner: Runner, fs: MemoryFiles, writes: WriteCounter): Sql {
  return {
    async query<T>(text: string, params: readonly SqlValue[] = []) {
      const running = runner.query<T>(text, params as unknown[]);
      const result = await (plainSelect.test(text) ? running : writes.after(running));
      return result.rows;
    },
    async exec(text: string) {
      await writes.after(runner.exec(text));
    },
    async copyRows(table, columns, data, format) {
      // COPY reads a file of PGlite's in-memory file system, a block at a time. (PGlite's own
      // /dev/blob device copies its input a byte at a time: a sixth of an import's store time.)
      const path = `/tmp/sijil-copy-${++copyFiles}.bin`;
      // The file takes the bytes as they are (no copy): nothing writes to them once encoded.
      fs.writeFile(path, data, { canOwn: true });
      try {
        await writes.after(runner.query(copyStatement(table, columns, `'${path}'`, format)));
      } finally {
        fs.unlink(path);
      }
    },
  };
}

/** Opens (creating if needed) the embedded store in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockStore(dataDir) : () => undefined;
  // Dates stay YYYY-MM-DD strings, as with the pg driver: a date of death has no time zone.
  const options = { parsers: { [types.DATE]: (value: string) => value } };
  const pg = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  try {
    await pg.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  // New WAL segments are not filled with zeros first: an import of a million rows wrote 0.75 GB
  // less (of 2.1 GB) and ran 3–20% faster in each of four interleaved runs. The zeros only
  // reserve disk space ahead; recovery does not need them.
  await pg.exec('SET wal_init_zero = off');
  const files = pg.Module.FS as MemoryFiles;
  const writes = new WriteCounter();
  const base = wrap(pg, files, writes);
  return {
    ...base,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    writesFinished: () => writes.count,
    async transaction(work) {
      try {
        return await writes.after(pg.transaction((tx) => work(wrap(tx, files, writes))));
      } catch (error) {
        // As on PostgreSQL: no session lock taken inside a failed transaction outlives it.
        await pg.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        throw error;
      }
    },
    async close() {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
    dumpDataDir: () =>
      // In a transaction of its own, so that no other is half-way through while the copy is
      // taken; the checkpoint writes everything out, leaving next to nothing to replay on restore.
      pg.transaction(async (tx) => {
        await tx.exec('CHECKPOINT');
        return pg.dumpDataDir('gzip');
      }),
  };
}
