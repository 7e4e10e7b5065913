import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/open-database.js';
import { loadPgliteDataDir } from '../../db/pglite-restore.js';
import { registerCounts, type RegisterCounts } from '../../db/repositories/register-counts.js';
import { countUserAccounts } from '../../db/repositories/user-account-repository.js';
import { verifyAudit, type AuditVerification } from '../audit/verify-audit.js';
import { BackupError } from './backup-error.js';

export interface RestoreReport {
  counts: RegisterCounts;
  accounts: number;
  audit: AuditVerification;
}

/** Accepts a folder that does not exist yet (`created`) or is empty; refuses anything else. */
function checkTarget(dir: string): { created: boolean } {
  if (!existsSync(dir)) return { created: true };
  if (!statSync(dir).isDirectory()) throw new BackupError(`${dir} is a file, not a folder`, 400);
  if (readdirSync(dir).length > 0) {
    throw new BackupError(
      `${dir} is not empty: restore into a new or empty folder (a restore never writes over anything)`,
      400,
    );
  }
  return { created: false };
}

/**
 * Restores a backup made by `sijil backup` (or the Admin screen's download) as an embedded store
 * in `dataDir`, a new or empty folder; brings its schema up to date and checks it: the report
 * gives its counts and whether its audit chain holds. On failure the folder is left as it was.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<RestoreReport> {
  const { created } = checkTarget(dataDir);
  const bytes = await readFile(file);
  // Every backup is gzip; its first two bytes say so.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new BackupError(`${file} is not a Sijil backup: it is not a gzip tarball`, 400);
  }
  try {
    await loadPgliteDataDir(dataDir, new Blob([bytes], { type: 'application/x-gzip' }));
  } catch (error) {
    if (created) rmSync(dataDir, { recursive: true, force: true });
    else
      for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true });
    throw new BackupError(
      `${file} could not be restored (is it a Sijil backup?): ${error instanceof Error ? error.message : String(error)}`,
      400,
    );
  }
  const db = await openDatabase({ dataDir });
  try {
    return {
      counts: await registerCounts(db),
      accounts: await countUserAccounts(db),
      audit: await verifyAudit(db),
    };
  } finally {
    await db.close();
  }
}
