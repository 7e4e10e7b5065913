import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database, StoreKind } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open-database.js';

/** The stores every integration test runs against: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const testStores: StoreKind[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase {
  db: Database;
  /** Connection options to open the same store again (another process, a restart). */
  url: string | undefined;
  dataDir: string | undefined;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated store for one test file: an in-memory (or on-disk, if `dataDir` is given)
 * PGlite, or a throwaway database on the PostgreSQL server, dropped afterwards.
 */
export async function openTestDatabase(kind: StoreKind, dataDir?: string): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: dataDir ?? ':memory:' });
    return { db, url: undefined, dataDir, dispose: () => db.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `sijil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    url: url.toString(),
    dataDir: undefined,
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
