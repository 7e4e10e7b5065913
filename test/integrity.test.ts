import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../src/db/repositories/integrity-repository.js';
import { importFile } from '../src/services/import/import-file.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';

describe.each(testStores)('referential integrity on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  it('holds after imports, refused imports and interrupted imports', async () => {
    const rows = ['name,age'];
    for (let i = 0; i < 12_000; i++) rows.push(`اسم ${i},${i % 7 === 0 ? 'x' : i % 90}`);
    const path = files.file('list.csv', rows.join('\n'));
    const imported = await importFile(t.db, {
      path,
      source: 'a',
      createSource: {},
      actor: 'test',
      maxErrors: null,
      chunkSize: 1000,
    });
    expect(imported.rowsAccepted).toBeGreaterThan(10_000);
    const refused = await importFile(t.db, {
      path: files.file('refused.csv', rows.join('\n') + '\n'),
      source: 'a',
      actor: 'test',
      maxErrors: 10,
    });
    expect(refused.status).toBe('too-many-errors');
    const controller = new AbortController();
    await expect(
      importFile(t.db, {
        path: files.file('cut.csv', rows.join('\r\n')),
        source: 'a',
        actor: 'test',
        maxErrors: null,
        chunkSize: 1000,
        signal: controller.signal,
        onProgress: (p) => (p.rowsRead > 4000 ? controller.abort() : undefined),
      }),
    ).rejects.toThrow(/interrupted/);
    expect(await checkIntegrity(t.db)).toEqual({
      recordsWithoutSource: 0,
      recordsWithoutBatch: 0,
      recordsWithoutPerson: 0,
      personsWithoutRecords: 0,
    });
  });

  it('notices a record whose person is missing', async () => {
    await t.db.query('DELETE FROM person WHERE id = (SELECT min(id) FROM person)');
    expect((await checkIntegrity(t.db)).recordsWithoutPerson).toBe(1);
  });
});
