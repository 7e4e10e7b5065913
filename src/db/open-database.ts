import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite-database.js';
import { openPostgres } from './postgres-database.js';

export interface StoreOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded store. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded store; `:memory:` keeps it in memory (tests). */
  dataDir?: string | undefined;
}

/** Reads the store settings from the environment: DATABASE_URL, else SIJIL_DATA, else ./sijil-data. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.SIJIL_DATA || './sijil-data' };
}

/** Opens the store and brings its schema up to date. */
export async function openDatabase(options: StoreOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir === ':memory:' ? undefined : options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
