import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../src/db/repositories/integrity-repository.js';
import { importFile } from '../src/services/import/import-file.js';
import { ImportError } from '../src/services/import/import-error.js';
import { tempDir } from './helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';

function list(rows: number, tag: string): string {
  const lines = ['id,name,age,sex,date of death'];
  for (let i = 0; i < rows; i++)
    lines.push(`${tag}${i},محمد ${i} الأسطل,${i % 90},m,2024-01-1${i % 10}`);
  return lines.join('\n');
}

interface IndexRow {
  name: string;
  oid: number;
  definition: string;
}

/**
 * The record and person tables' indexes, with the constraints they back; a rebuilt index keeps
 * its definition but gets a new oid.
 */
async function recordIndexes(t: TestDatabase): Promise<IndexRow[]> {
  return t.db.query<IndexRow>(
    `SELECT c.relname AS name, c.oid::int AS oid,
            pg_get_indexdef(c.oid) || coalesce(' ' || pg_get_constraintdef(k.oid), '') AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
      WHERE i.indrelid IN ('record'::regclass, 'person'::regclass) ORDER BY c.relname`,
  );
}

const definitions = (rows: IndexRow[]) =>
  rows.map(({ name, definition }) => ({ name, definition }));
const oids = (rows: IndexRow[]) => rows.map(({ name, oid }) => ({ name, oid }));

describe.each(testStores)('record indexes during a large import on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  const run = (path: string, source: string, signal?: AbortSignal, onProgress?: () => void) =>
    importFile(t.db, {
      path,
      source,
      createSource: { nameEn: source },
      actor: 'test',
      maxErrors: 0,
      signal,
      onProgress,
    });

  it('an interrupted large import leaves the indexes as they were', async () => {
    const before = await recordIndexes(t);
    const stop = new AbortController();
    await expect(
      run(files.file('cut.csv', list(60_000, 'c')), 'cut', stop.signal, () => stop.abort()),
    ).rejects.toThrow(ImportError);
    expect(await recordIndexes(t)).toEqual(before);
    const [held] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM record');
    expect(held!.n).toBe(0);
  });

  it('the embedded store rebuilds them after an import as large as the register; a server keeps them', async () => {
    const before = await recordIndexes(t);
    expect(before.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'person_pkey',
        'record_person',
        'record_pkey',
        'record_source_batch',
      ]),
    );
    const report = await run(files.file('big.csv', list(60_000, 'b')), 'big');
    expect(report.rowsAccepted).toBe(60_000);
    const after = await recordIndexes(t);
    expect(definitions(after)).toEqual(definitions(before));
    const rebuilt = after.filter((i, n) => i.oid !== before[n]!.oid).map((i) => i.name);
    // The record's primary key stays (foreign keys rely on it); the rest is built again.
    expect(rebuilt).toEqual(
      kind === 'pglite' ? ['person_pkey', 'record_person', 'record_source_batch'] : [],
    );
    const [person] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record WHERE person_id = (SELECT max(person_id) FROM record)`,
    );
    expect(person!.n).toBe(1);
    const [primary] = await t.db.query<{ contype: string }>(
      `SELECT contype FROM pg_constraint WHERE conname = 'person_pkey'`,
    );
    expect(primary?.contype).toBe('p');
    expect(await checkIntegrity(t.db)).toEqual({
      recordsWithoutSource: 0,
      recordsWithoutBatch: 0,
      recordsWithoutPerson: 0,
      personsWithoutRecords: 0,
    });
  });

  it('keeps them for an import smaller than the register', async () => {
    const before = await recordIndexes(t);
    const report = await run(files.file('next.csv', list(55_000, 'n')), 'next');
    expect(report.rowsAccepted).toBe(55_000);
    expect(oids(await recordIndexes(t))).toEqual(oids(before));
  });
});
