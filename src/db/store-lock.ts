import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The file that says which process has the embedded store in `dataDir` open: beside the folder,
 * not in it, so that backups of the folder do not carry it.
 */
export function lockFileOf(dataDir: string): string {
  const folder = resolve(dataDir);
  return join(dirname(folder), `${basename(folder)}.lock`);
}

/** The embedded store is open in another process: opening it again would corrupt it. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded store in `dataDir` for this process and returns the function that gives it
 * back. The embedded store is PostgreSQL running inside one process: a second process (or a
 * second handle in the same one) writing the same files would corrupt them, and the server's
 * search index counts on being the only writer. A lock left by a process that has died is taken
 * over.
 */
export function lockStore(dataDir: string): () => void {
  const path = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        if (holderOf(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    if (holder !== null && alive(holder))
      throw new StoreInUseError(
        `the embedded store in ${dataDir} is already open${holder === process.pid ? ' in this process' : ` in process ${holder}`} (the server, or another sijil command): stop that first, since two at once would corrupt it. To work on one register from several processes, use a PostgreSQL server (DATABASE_URL). If no such process is running, delete ${path}.`,
      );
    // Left by a process that has ended: take it over.
    rmSync(path, { force: true });
  }
  throw new StoreInUseError(`could not take ${path}: other processes keep making it; try again`);
}

/** The process id a lock file names, or null when it is gone or names none. */
function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
