import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStatsCommand } from '../../src/cli/commands/stats-command.js';
import { importFile } from '../../src/services/import/import-file.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { runInProcess } from '../helpers/run-in-process.js';

const lists: Record<string, string> = {
  moh: 'id,name,sex,age,date,violation\nm1,Ahmad,m,7,2014-03-05,killed\nm2,Fatima,f,34,2015,killed\n',
  ngo: 'id,name,sex,age,date,violation\nn1,Ahmad,m,7,2014-03-05,killed\nn2,Omar,m,,,detained\n',
};

/** `sijil stats` in this process, its standard output captured. */
const run = (...args: string[]): Promise<string> =>
  runInProcess(registerStatsCommand, ['stats', ...args]);

describe.each(testStores)('sijil stats on %s', (kind) => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  let t: TestDatabase | null = null;

  beforeAll(async () => {
    const dataDir = join(files.dir, 'store');
    const store = await openTestDatabase(kind, kind === 'pglite' ? dataDir : undefined);
    for (const [source, text] of Object.entries(lists))
      await importFile(store.db, {
        path: files.file(`${source}.csv`, text),
        source,
        createSource: { nameEn: source },
        actor: 'test',
      });
    // Link Ahmad's two records into one person.
    await store.db.query(
      `UPDATE record SET person_id = (SELECT id FROM record WHERE source_record_id = 'm1')
       WHERE source_record_id = 'n1'`,
    );
    await store.db.query('DELETE FROM person WHERE id NOT IN (SELECT person_id FROM record)');
    if (kind === 'pglite') {
      // The command opens the on-disk store itself.
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

  it('prints breakdowns as a table and as JSON', async () => {
    const text = await run('--by', 'violation', 'year');
    expect(text).toMatch(/violation\s+year\s+persons/);
    expect(text).toMatch(/killed\s+2014\s+1/);
    expect(text).toMatch(/detained\s+unknown\s+1/);
    expect(text).toMatch(/3 unique persons\./);
    const json = JSON.parse(await run('--by', 'sex', '--where', 'violation=killed', '--json')) as {
      total: number;
      groups: { values: { sex: string }; persons: number }[];
    };
    expect(json.total).toBe(2);
    expect(json.groups.map((g) => [g.values.sex, g.persons])).toEqual([
      ['female', 1],
      ['male', 1],
    ]);
  });

  it('lists the persons behind a count and the records behind a person', async () => {
    const ids = (await run('--where', 'violation=killed', '--where', 'year=2014', '--persons'))
      .trim()
      .split('\n');
    expect(ids).toHaveLength(1);
    const records = await run('person', ids[0]!);
    expect(records).toMatch(/person \d+: 2 record\(s\)/);
    expect(records).toMatch(/moh\s+m1\s+Ahmad/);
    expect(records).toMatch(/ngo\s+n1\s+Ahmad/);
  });

  it('compares sources and exports capture histories', async () => {
    const json = JSON.parse(await run('sources', '--json')) as {
      persons: number;
      sources: { source: string; persons: number; onlyHere: number }[];
      pairs: { persons: number }[];
    };
    expect(json.persons).toBe(3);
    expect(json.sources.map((s) => [s.source, s.persons, s.onlyHere])).toEqual([
      ['moh', 2, 1],
      ['ngo', 2, 1],
    ]);
    expect(json.pairs[0]!.persons).toBe(1);
    expect(await run('sources')).toMatch(/Capture histories/);
    expect(await run('captures')).toBe('moh,ngo,count\n1,0,1\n0,1,1\n1,1,1\n');
    const out = join(files.dir, 'captures.csv');
    await run('captures', '--where', 'violation=killed', '-o', out);
    expect(readFileSync(out, 'utf8')).toBe('moh,ngo,count\n1,0,1\n1,1,1\n');
  });
});
