import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-files.js';
import { openPglite } from './pglite-database.js';
import { lockFileOf, StoreInUseError } from './store-lock.js';

describe('the embedded store’s lock', () => {
  const files = tempDir();
  afterAll(() => files.cleanup());

  it('keeps a second handle off a store that is open, until the first is closed', async () => {
    const dir = join(files.dir, 'one');
    const first = await openPglite(dir);
    expect(existsSync(lockFileOf(dir))).toBe(true);
    const second = openPglite(dir);
    await expect(second).rejects.toThrow(StoreInUseError);
    await expect(second).rejects.toThrow(/already open in this process.*corrupt/);
    await first.query('CREATE TABLE kept (n integer)');
    await first.close();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    const again = await openPglite(dir);
    expect(await again.query('SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
    await again.close();
  });

  it('refuses a store another living process holds, and takes over one a dead process left', async () => {
    const dir = join(files.dir, 'two');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFileOf(dir), `${sleeper.pid}\n`);
      await expect(openPglite(dir)).rejects.toThrow(`in process ${sleeper.pid}`);
    } finally {
      sleeper.kill();
    }
    const ended = spawnSync(process.execPath, ['-e', '0']);
    writeFileSync(lockFileOf(dir), `${ended.pid}\n`);
    const db = await openPglite(dir);
    await db.close();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });
});
