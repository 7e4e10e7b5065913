import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { BackupError } from './backup-error.js';
import { backupFileName } from './backup-file-name.js';

export const postgresBackupAdvice =
  'this register is on a PostgreSQL server: back it up with pg_dump (for example ' +
  '`pg_dump --format=custom --file=sijil.dump DBNAME`), which copies it consistently while it runs';

export interface Backup {
  fileName: string;
  /** The embedded store's data folder as a gzip tarball: everything, restricted details included. */
  tarball: Blob;
}

/**
 * A consistent copy of the embedded store, for `sijil restore`. Audited first, in its own
 * transaction, so the copy holds the event that records it and no copy leaves unrecorded.
 */
export async function takeBackup(
  db: Database,
  actor: string,
  via: 'cli' | 'download',
): Promise<Backup> {
  if (!db.dumpDataDir) throw new BackupError(postgresBackupAdvice);
  const fileName = backupFileName(new Date());
  await db.transaction((tx) =>
    appendAuditEvent(tx, {
      actor,
      action: 'backup.create',
      entityType: 'register',
      after: { fileName, via },
    }),
  );
  return { fileName, tarball: await db.dumpDataDir() };
}
