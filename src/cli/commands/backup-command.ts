import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { BackupError } from '../../services/backup/backup-error.js';
import { restoreBackup } from '../../services/backup/restore-backup.js';
import { takeBackup } from '../../services/backup/take-backup.js';
import { cliActor, say, withDatabase } from '../context.js';

const keepSafe =
  'It holds everything in the register, restricted details (witnesses, contacts) and accounts included: keep it as safe as the register itself.';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write a consistent copy of the embedded store to FILE (a gzip tarball), with the server stopped; holds everything, restricted details included',
    )
    .argument('<file>', 'where to write the backup (must not exist)')
    .action(async (file: string) => {
      if (existsSync(file)) {
        throw new BackupError(
          `${file} already exists: choose a new name (a backup never overwrites a file)`,
        );
      }
      const backup = await withDatabase((db) => takeBackup(db, cliActor(), 'cli'));
      // Written beside the target and renamed, so an interrupted backup never looks complete.
      const partial = `${file}.partial`;
      try {
        await writeFile(partial, Readable.fromWeb(backup.tarball.stream()), { mode: 0o600 });
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      say(`Backup written: ${file} (${megabytes(backup.tarball.size)}).`);
      say(keepSafe);
      say(`To restore it: sijil restore ${file} --data NEW-FOLDER`);
    });

  program
    .command('restore')
    .description('restore a backup as an embedded store in a new or empty folder, and check it')
    .argument('<file>', 'a backup written by `sijil backup` or downloaded from the Admin screen')
    .requiredOption('--data <dir>', 'the new store’s folder: must not exist or be empty')
    .action(async (file: string, flags: { data: string }) => {
      const report = await restoreBackup(file, flags.data);
      const c = report.counts;
      say(
        `Restored into ${flags.data}: ${c.records.toLocaleString('en')} records, ${c.persons.toLocaleString('en')} persons, ${c.sources} sources, ${c.batches} imports, ${c.documents} documents, ${report.accounts} accounts.`,
      );
      if (report.audit.ok) {
        say(`The audit chain holds: ${report.audit.events.toLocaleString('en')} events verified.`);
      } else {
        say(
          `The audit chain is broken at event ${report.audit.brokenAt}: ${report.audit.reason}. ${report.audit.events} events before it verified.`,
        );
        process.exitCode = 3;
      }
      say(
        `Use it with SIJIL_DATA=${flags.data} (for example: SIJIL_DATA=${flags.data} sijil serve).`,
      );
    });
}
