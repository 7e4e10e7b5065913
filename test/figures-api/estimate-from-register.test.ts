import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEstimateCommand } from '../../src/cli/commands/estimate-command.js';
import { parseWhere } from '../../src/core/stats/counts/index.js';
import { parseCaptureCsv } from '../../src/core/stats/estimation/index.js';
import {
  estimateCaptures,
  registerCaptureTable,
  registerStrata,
} from '../../src/services/estimation/index.js';
import { importFile } from '../../src/services/import/import-file.js';
import { captureHistoriesCsv } from '../../src/services/stats/index.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** Persons recorded by each combination of the three lists (a: bit 0, b: bit 1, c: bit 2). */
const histories: Record<number, number> = { 1: 10, 2: 8, 3: 5, 4: 6, 5: 4, 6: 3, 7: 2 };
const lists = ['a', 'b', 'c'];

/** `sijil estimate` in this process, its standard output captured. */
const run = (...args: string[]): Promise<string> =>
  runInProcess(registerEstimateCommand, ['estimate', ...args]);

describe.each(testStores)('sijil estimate --from-register on %s', (kind) => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  const dataDir = join(files.dir, 'store');
  let t: TestDatabase | null = null;

  beforeAll(async () => {
    t = await openTestDatabase(kind, kind === 'pglite' ? dataDir : undefined);
    // One record per list a person is on; persons alternate between 2014 and 2015.
    const rows: Record<string, string[]> = { a: [], b: [], c: [] };
    let person = 0;
    for (const [pattern, count] of Object.entries(histories)) {
      for (let i = 0; i < count; i++) {
        person += 1;
        const year = person % 2 === 0 ? 2014 : 2015;
        lists.forEach((list, j) => {
          if (Number(pattern) & (1 << j))
            rows[list]!.push(`${list}${person},P${person},${year},killed,p${person}`);
        });
      }
    }
    for (const list of lists)
      await importFile(t.db, {
        path: files.file(`${list}.csv`, ['id,name,date,violation,key', ...rows[list]!].join('\n')),
        source: list,
        createSource: { nameEn: list },
        actor: 'test',
      });
    // Link each person's records, as linkage would: the smallest record id survives.
    await t.db.query(
      `UPDATE record r SET person_id = f.first FROM
         (SELECT raw::jsonb->>'key' AS k, min(id) AS first FROM record GROUP BY raw::jsonb->>'key') f
       WHERE r.raw::jsonb->>'key' = f.k`,
    );
    await t.db.query('DELETE FROM person WHERE id NOT IN (SELECT person_id FROM record)');
  });
  afterAll(async () => {
    await t?.dispose();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.data === undefined) delete process.env.SIJIL_DATA;
    else process.env.SIJIL_DATA = saved.data;
    files.cleanup();
  });

  it('builds the capture table from linked persons, as the stats service exports it', async () => {
    const db = t!.db;
    const table = await registerCaptureTable(db);
    expect(table.lists).toEqual(lists);
    expect([...table.counts]).toEqual([0, 10, 8, 5, 6, 4, 3, 2]);
    expect(parseCaptureCsv(await captureHistoriesCsv(db)).counts).toEqual(table.counts);
    const filtered = await registerCaptureTable(db, { where: parseWhere(['year=2014']) });
    expect(filtered.counts.reduce((s, x) => s + x, 0)).toBe(19);
    const strata = await registerStrata(db, 'year');
    expect(strata.map((s) => s.key)).toEqual(['2014', '2015']);
    expect(strata.every((s) => s.estimable)).toBe(true);
    const report = await estimateCaptures(table, { method: 'chapman', lists: ['a', 'b'] });
    // a: 21, b: 18, both: 7 → (22·19)/8 − 1.
    expect(report.estimate).toBeCloseTo((22 * 19) / 8 - 1, 9);
  });

  it('estimates from the register on the command line, in plain words and as JSON', async () => {
    if (kind === 'pglite') {
      // The command opens the on-disk store itself.
      await t!.dispose();
      t = null;
      delete process.env.DATABASE_URL;
      process.env.SIJIL_DATA = dataDir;
    } else process.env.DATABASE_URL = t!.url;
    const json = JSON.parse(await run('--from-register', '--method', 'loglinear', '--json')) as {
      method: string;
      observed: number;
      estimate: number;
      lists: string[];
    };
    expect(json).toMatchObject({ method: 'loglinear', observed: 38, lists });
    expect(json.estimate).toBeGreaterThan(38);
    const words = await run('--from-register', '--method', 'chapman', '--lists', 'a,b');
    expect(words).toMatch(/people are recorded on at least one of 2 lists \(a, b\)/);
    expect(words).toMatch(/not a count of identified people/);
    const byYear = await run('--from-register', '--by', 'year', '--where', 'violation=killed');
    expect(byYear).toMatch(/== year = 2014 ==/);
    expect(byYear).toMatch(/== year = 2015 ==/);
    await expect(run('--from-register', '--where', 'year=twenty')).rejects.toThrow(/four digits/);
    await expect(run('--from-register', '--captures', 'x.csv')).rejects.toThrow(/not both/);
  });
});
