import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/**
 * Writes an embedded store into `dataDir` from a tarball made by its `dumpDataDir`, then starts
 * and stops it once, so that a tarball PGlite cannot start from fails here and not later.
 * `dataDir` must not hold a store already (PGlite refuses to load over one).
 */
export async function loadPgliteDataDir(dataDir: string, tarball: Blob): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const pg = new PGlite(dataDir, { loadDataDir: tarball });
  await pg.waitReady;
  await pg.close();
}
