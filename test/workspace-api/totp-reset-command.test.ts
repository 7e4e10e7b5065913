import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUserCommand } from '../../src/cli/commands/user-command.js';
import { findStoredTotp, findUserByEmail } from '../../src/db/repositories/user-repository.js';
import { activateTotp, startTotpEnrolment } from '../../src/services/users/totp-enrolment.js';
import { addUser } from '../../src/services/users/users-service.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { nextTotpCode } from '../helpers/totp-codes.js';

const run = (...args: string[]): Promise<string> =>
  runInProcess(registerUserCommand, ['user', ...args]);

/** `sijil user reset-2fa`: an administrator clears a user's TOTP, audited. */
describe.each(testStores)('sijil user reset-2fa on %s', (kind) => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  const dataDir = join(files.dir, 'store');
  let t: TestDatabase | null = null;
  const email = 'layla@example.org';

  /** The store as the test sees it: the CLI's own connection is closed between commands. */
  const withStore = async <T>(work: (store: TestDatabase) => Promise<T>): Promise<T> => {
    if (t) return work(t);
    const store = await openTestDatabase('pglite', dataDir);
    try {
      return await work(store);
    } finally {
      await store.dispose();
    }
  };

  beforeAll(async () => {
    const store = await openTestDatabase(kind, kind === 'pglite' ? dataDir : undefined);
    const { user } = await addUser(store.db, { email, role: 'editor' }, 'test');
    const { secret } = await startTotpEnrolment(store.db, user.id);
    await activateTotp(store.db, user.id, await nextTotpCode(store.db, email, secret));
    if (kind === 'pglite') {
      await store.dispose();
      delete process.env.DATABASE_URL;
      process.env.SIJIL_DATA = dataDir;
    } else {
      t = store;
      process.env.DATABASE_URL = store.url;
    }
  });
  afterAll(async () => {
    await t?.dispose();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.data === undefined) delete process.env.SIJIL_DATA;
    else process.env.SIJIL_DATA = saved.data;
    files.cleanup();
  });

  it('turns it off, drops the recovery codes and audits who did it', async () => {
    const out = await run('reset-2fa', 'Layla@Example.org');
    expect(out).toMatch(/Two-step sign-in is off for Layla@Example.org/);
    await withStore(async ({ db }) => {
      const user = await findUserByEmail(db, email);
      expect(user!.totpEnabled).toBe(false);
      expect(await findStoredTotp(db, user!.id)).toEqual({
        secret: null,
        enabledAt: null,
        lastStep: null,
      });
      expect(await db.query('SELECT 1 FROM totp_recovery_code')).toHaveLength(0);
      const events = await db.query<{ actor: string; after: unknown }>(
        "SELECT actor, after FROM audit_event WHERE action = 'user.totp-cleared'",
      );
      expect(events).toHaveLength(1);
      expect(events[0]!.actor).toMatch(/^cli:/);
      expect(JSON.stringify(events[0]!.after)).toBe('{"wasEnabled":true}');
    });
  });

  it('says so when there was nothing to turn off, and names an unknown user', async () => {
    expect(await run('reset-2fa', email)).toMatch(/had no two-step sign-in/);
    await expect(run('reset-2fa', 'nobody@example.org')).rejects.toThrow(
      /there is no user nobody@example.org/,
    );
  });
});
