import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../src/services/import/import-file.js';
import { TableReadError } from '../src/services/import/readers/index.js';
import { checkIntegrity } from '../src/db/repositories/integrity-repository.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';

/** A list with accepted rows, refused rows and warnings spread over several chunks. */
function list(rows: number): string {
  const lines = ['id,name,age,sex,date of death,witness'];
  for (let i = 0; i < rows; i++) {
    const age = i % 97 === 0 ? 'abc' : String(i % 90);
    const died = i % 13 === 0 ? '05/03/2013' : `2024-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(`${i},محمد ${i} الأسطل,${age},${i % 2 ? 'm' : 'f'},${died},شاهد ${i}`);
  }
  return lines.join('\n');
}

const stored = `SELECT row_number, raw, name, age, sex, event_date_start, event_date_precision, flags,
  restricted, search_text, person_id = id AS own_person
  FROM record WHERE batch_id = $1 ORDER BY row_number`;

describe.each(testStores)('import in a worker thread on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  const run = (path: string, source: string, extra: Partial<ImportOptions>) =>
    importFile(t.db, {
      path,
      source,
      createSource: { nameEn: source },
      actor: 'test',
      maxErrors: null,
      chunkSize: 700,
      ...extra,
    });

  it('stores exactly what parsing in this thread stores, rejections and report included', async () => {
    const path = files.file('list.csv', list(5000));
    const inThread = await run(path, 'here', {
      thread: 'main',
      rejectedPath: join(files.dir, 'here.rejected.csv'),
    });
    const inWorker = await run(path, 'there', {
      thread: 'worker',
      rejectedPath: join(files.dir, 'there.rejected.csv'),
    });
    const strip = (r: typeof inThread) => ({
      ...r,
      source: '',
      batch: null,
      seconds: 0,
      rejectedPath: '',
    });
    expect(strip(inWorker)).toEqual(strip(inThread));
    expect(inWorker).toMatchObject({ status: 'imported', rowsRead: 5000, rowsRejected: 52 });
    expect(inWorker.warnings).toBeGreaterThan(0);
    const a = await t.db.query(stored, [inThread.batch!.id]);
    const b = await t.db.query(stored, [inWorker.batch!.id]);
    expect(b).toHaveLength(5000 - 52);
    expect(b).toEqual(a);
    expect(readFileSync(inWorker.rejectedPath!, 'utf8')).toBe(
      readFileSync(inThread.rejectedPath!, 'utf8'),
    );
    const rejections = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_rejection WHERE batch_id = $1',
      [inWorker.batch!.id],
    );
    expect(rejections[0]!.n).toBe(52);
    expect(await checkIntegrity(t.db)).toEqual({
      recordsWithoutSource: 0,
      recordsWithoutBatch: 0,
      recordsWithoutPerson: 0,
      personsWithoutRecords: 0,
    });
  });

  it('checks without writing on a dry run', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record');
    const report = await run(files.file('dry.csv', list(1500)), 'dry', {
      thread: 'worker',
      dryRun: true,
    });
    expect(report).toMatchObject({ status: 'dry-run', rowsRead: 1500, rowsRejected: 16 });
    expect(await t.db.query('SELECT count(*)::int AS n FROM record')).toEqual(before);
  });

  it('refuses too many errors and an interrupted import, leaving nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM record');
    const batches = await t.db.query('SELECT count(*)::int AS n FROM import_batch');
    const tooMany = await run(files.file('bad.csv', list(3000)), 'bad', {
      thread: 'worker',
      maxErrors: 5,
    });
    expect(tooMany.status).toBe('too-many-errors');
    expect(tooMany.problems.length).toBeGreaterThan(5);

    const controller = new AbortController();
    await expect(
      run(files.file('long.csv', list(20_000)), 'long', {
        thread: 'worker',
        signal: controller.signal,
        onProgress: (p) => {
          if (p.rowsRead >= 2000) controller.abort();
        },
      }),
    ).rejects.toThrow(/interrupted/);
    expect(await t.db.query('SELECT count(*)::int AS n FROM record')).toEqual(before);
    expect(await t.db.query('SELECT count(*)::int AS n FROM import_batch')).toEqual(batches);
    // The store is usable afterwards: the id reservation lock did not outlive the failure.
    const after = await run(files.file('after.csv', list(800)), 'after', { thread: 'worker' });
    expect(after.status).toBe('imported');
  });

  it("keeps the user's errors readable across the thread", async () => {
    const broken = files.file('broken.csv', 'name,age\n"unclosed,3\n');
    const error = await run(broken, 'broken', { thread: 'worker' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as TableReadError).message).toMatch(/quote/i);
    await expect(
      run(files.file('mapped.csv', 'name\nx\n'), 'mapped', {
        thread: 'worker',
        columns: { nosuch: 'age' },
      }),
    ).rejects.toThrow(/does not fit mapped.csv/);
  });
});
