import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBackupCommands } from '../src/cli/commands/backup-command.js';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open-database.js';
import { verifyAudit } from '../src/services/audit/verify-audit.js';
import { takeBackup } from '../src/services/backup/take-backup.js';
import { importFile } from '../src/services/import/import-file.js';
import { addUser } from '../src/services/users/users-service.js';
import { runInProcess } from './helpers/run-in-process.js';
import { tempDir } from './helpers/temp-files.js';
import { openTestDatabase } from './helpers/test-database.js';

/** `sijil backup` or `sijil restore` in this process, its standard output captured. */
const run = (...args: string[]): Promise<string> => runInProcess(registerBackupCommands, args);

/** Everything a restore must bring back, read the same way from either store. */
async function snapshot(db: Database) {
  return {
    records: await db.query(
      `SELECT id, person_id, source_id, batch_id, name, name_latin, sex, age, violation,
              raw, restricted, confidentiality FROM record ORDER BY id`,
    ),
    sources: await db.query('SELECT id, slug, name_en, name_ar FROM source ORDER BY id'),
    batches: await db.query('SELECT id, sha256, rows_accepted FROM import_batch ORDER BY id'),
    users: await db.query('SELECT id, email, role, password_hash FROM app_user ORDER BY id'),
    audit: await db.query('SELECT id, action, hash FROM audit_event ORDER BY id'),
  };
}

describe('sijil backup and sijil restore (embedded store)', () => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  const storeDir = join(files.dir, 'store');
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    const t = await openTestDatabase('pglite', storeDir);
    await importFile(t.db, {
      path: files.file(
        'list.csv',
        'name,sex,age,violation,witness\nسعيد الأحمد,male,17,detained,أم خالد 0999\nفاطمة علي,female,29,killed,\n',
      ),
      source: 'north',
      createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      columns: { witness: 'restricted' },
      actor: 'test',
    });
    await addUser(t.db, { email: 'layla@example.org', role: 'editor' }, 'test');
    before = await snapshot(t.db);
    // The command opens the store itself: one process at a time on an embedded store.
    await t.dispose();
    delete process.env.DATABASE_URL;
    process.env.SIJIL_DATA = storeDir;
  });
  afterAll(() => {
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.data === undefined) delete process.env.SIJIL_DATA;
    else process.env.SIJIL_DATA = saved.data;
    files.cleanup();
  });

  it('writes a backup that restores to the same register, restricted details and all, with a verifying audit chain', async () => {
    const file = join(files.dir, 'register.tar.gz');
    const out = await run('backup', file);
    expect(out).toMatch(/^Backup written: .*register\.tar\.gz \(\d+\.\d MB\)\./);
    expect(out).toContain('restricted details');
    expect(out).toContain('as safe as the register itself');
    // Readable by its owner only: it holds everything.
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const restoredDir = join(files.dir, 'restored');
    const restored = await run('restore', file, '--data', restoredDir);
    expect(restored).toContain(
      'Restored into ' +
        restoredDir +
        ': 2 records, 2 persons, 1 sources, 1 imports, 0 documents, 1 accounts.',
    );
    expect(restored).toMatch(/The audit chain holds: \d+ events verified\./);

    const db = await openDatabase({ dataDir: restoredDir });
    try {
      const after = await snapshot(db);
      expect(after.records).toEqual(before.records);
      expect(JSON.stringify(after.records)).toContain('أم خالد 0999');
      expect(after.sources).toEqual(before.sources);
      expect(after.batches).toEqual(before.batches);
      expect(after.users).toEqual(before.users);
      // The same events, and one more: the backup itself, recorded before the copy was taken.
      expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
      expect(after.audit.slice(before.audit.length).map((e) => e.action)).toEqual([
        'backup.create',
      ]);
      const verification = await verifyAudit(db);
      expect(verification).toMatchObject({ ok: true, brokenAt: null });
      expect(verification.events).toBe(before.audit.length + 1);
      const [event] = await db.query<{ actor: string; after: { fileName: string; via: string } }>(
        "SELECT actor, after FROM audit_event WHERE action = 'backup.create'",
      );
      expect(event!.actor).toMatch(/^cli:/);
      expect(event!.after).toMatchObject({ via: 'cli' });
      expect(event!.after.fileName).toMatch(/^sijil-backup-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz$/);
    } finally {
      await db.close();
    }
  });

  describe('refusals', () => {
    const backupFile = join(files.dir, 'second.tar.gz');
    it('never writes over an existing file', async () => {
      const existing = files.file('existing.tar.gz', 'keep me');
      await expect(run('backup', existing)).rejects.toThrow(
        /existing\.tar\.gz already exists: choose a new name/,
      );
    });

    it('restores only into a new or empty folder, and leaves a non-empty one untouched', async () => {
      await run('backup', backupFile);
      const busy = join(files.dir, 'busy');
      mkdirSync(busy);
      writeFileSync(join(busy, 'notes.txt'), 'mine');
      await expect(run('restore', backupFile, '--data', busy)).rejects.toThrow(
        /busy is not empty: restore into a new or empty folder/,
      );
      expect(readdirSync(busy)).toEqual(['notes.txt']);

      // An empty folder that exists is fine.
      const empty = join(files.dir, 'empty');
      mkdirSync(empty);
      expect(await run('restore', backupFile, '--data', empty)).toContain('audit chain holds');
    });

    it('refuses a file that is not a backup, leaving no folder behind', async () => {
      const notBackup = files.file('list.csv', 'name\nأحمد\n');
      const target = join(files.dir, 'from-csv');
      await expect(run('restore', notBackup, '--data', target)).rejects.toThrow(
        /list\.csv is not a Sijil backup: it is not a gzip tarball/,
      );
      expect(existsSync(target)).toBe(false);
    });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('sijil backup on PostgreSQL', () => {
  it('says to use pg_dump rather than copying anything itself, and records nothing', async () => {
    const t = await openTestDatabase('postgres');
    const saved = process.env.DATABASE_URL;
    const files = tempDir();
    try {
      process.env.DATABASE_URL = t.url;
      const file = join(files.dir, 'register.tar.gz');
      await expect(run('backup', file)).rejects.toThrow(
        /this register is on a PostgreSQL server: back it up with pg_dump/,
      );
      expect(existsSync(file)).toBe(false);
      await expect(takeBackup(t.db, 'test', 'download')).rejects.toThrow(/pg_dump/);
      const events = await t.db.query("SELECT 1 FROM audit_event WHERE action = 'backup.create'");
      expect(events).toHaveLength(0);
    } finally {
      process.env.DATABASE_URL = saved;
      files.cleanup();
      await t.dispose();
    }
  });
});
