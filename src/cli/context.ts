import { userInfo } from 'node:os';
import type { Database } from '../db/database.js';
import { openDatabase, storeOptionsFromEnv } from '../db/open-database.js';

/** Who the audit trail names for work done at this terminal. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Opens the store named by the environment, runs `work`, and always closes it. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(storeOptionsFromEnv());
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Writes a line to stdout. */
export function say(line = ''): void {
  process.stdout.write(line + '\n');
}
