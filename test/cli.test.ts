import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open-database.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';

const cli = new URL('../bin/sijil.js', import.meta.url).pathname;

/**
 * The `sijil` command as a user runs it: the compiled CLI (npm test builds it first) in its own
 * process, against an on-disk embedded store or a PostgreSQL database.
 */
describe.each(testStores)('sijil command on %s', (kind) => {
  const files = tempDir();
  let t: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // A progress line every 0.2 s: the interruption tests signal the import at its first line,
    // which must come while rows are still being stored however fast the store is.
    env = { ...process.env, SIJIL_LOG: 'off', SIJIL_PROGRESS_SECONDS: '0.2' };
    delete env.DATABASE_URL;
    if (kind === 'postgres') {
      t = await openTestDatabase('postgres');
      env.DATABASE_URL = t.url;
    } else {
      env.SIJIL_DATA = join(files.dir, 'store');
    }
  });
  afterAll(async () => {
    await t?.dispose();
    files.cleanup();
  });

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args], {
      env,
      encoding: 'utf8',
      cwd: files.dir,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('imports a list, says what it did, and skips the same file the second time', () => {
    const list = files.file(
      'list.csv',
      'الاسم,العمر,الجنس,تاريخ الوفاة\nأحمد يوسف,٣٤,ذكر,12/03/2013\n=cmd|calc,5,f,2013\n',
    );
    const first = run('import', list, '--source', 'local-committee', '--create-source');
    expect(first.err).not.toMatch(/sijil:/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /Imported list\.csv into source local-committee \(new source\) as batch 1/,
    );
    expect(first.out).toMatch(/Rows: 2 read, 2 accepted, 0 rejected, 1 warnings/);
    expect(first.out).toMatch(
      /row 2, column "تاريخ الوفاة" value "12\/03\/2013": could be day-month or month-day/,
    );
    const second = run('import', list, '--source', 'local-committee');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/already imported into local-committee as batch 1/);
    const sources = JSON.parse(run('sources', '--json').out) as {
      slug: string;
      records: number;
      batches: number;
    }[];
    expect(sources).toEqual([
      expect.objectContaining({ slug: 'local-committee', records: 2, batches: 1 }),
    ]);
  });

  it('finds records whatever the hamza, and exports them safe for spreadsheets', () => {
    const found = run('records', '--search', 'احمد', '--json');
    expect(found.code).toBe(0);
    const records = found.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; age: number; sex: string });
    expect(records).toEqual([expect.objectContaining({ name: 'أحمد يوسف', age: 34, sex: 'male' })]);
    const out = join(files.dir, 'export.csv');
    const exported = run('export', '--format', 'csv', '-o', out);
    expect(exported.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain("'=cmd|calc");
    expect(csv.split('\n')[0]).toMatch(/^\uFEFFrecord_id,person_id,source/);
  });

  it('takes a mapping file and reports a bad one clearly', () => {
    const list = files.file('mapped.csv', 'who,when,what\nليلى,March 2013,arrested\n');
    const mapping = files.file(
      'mapping.json',
      JSON.stringify({ columns: { who: 'name', when: 'event_date', what: 'violation' } }),
    );
    const ok = run('import', list, '--source', 'local-committee', '--mapping', mapping);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('who → name, when → event_date, what → violation');
    const bad = files.file('bad-mapping.json', JSON.stringify({ columns: { who: 'nmae' } }));
    const refused = run('import', list, '--source', 'local-committee', '--mapping', bad);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/mapping file .*bad-mapping\.json is not valid:\n {2}columns\.who/);
  });

  it('refuses a file with too many bad rows, writes the rejected rows, and stores nothing', () => {
    const list = files.file('bad.csv', 'name,age\na,1\nb,old\nc,older\n');
    const result = run('import', list, '--source', 'local-committee', '--max-errors', '1');
    expect(result.code).toBe(2);
    expect(result.out).toMatch(
      /Refused bad\.csv: too many rows were rejected, so nothing was written/,
    );
    expect(readFileSync(join(files.dir, 'bad.rejected.csv'), 'utf8')).toContain('sijil_problems');
    const sources = JSON.parse(run('sources', '--json').out) as { records: number }[];
    expect(sources[0]!.records).toBe(3);
  });

  it('loses nothing when an import is killed halfway, and imports the file again afterwards', async () => {
    const rows = ['name,age'];
    for (let i = 0; i < 600_000; i++) rows.push(`محمد ${i},${i % 100}`);
    const big = join(files.dir, 'big.csv');
    writeFileSync(big, rows.join('\n'));
    const child = spawn(process.execPath, [cli, 'import', big, '--source', 'local-committee'], {
      env,
      cwd: files.dir,
    });
    let progress = '';
    child.stderr.on('data', (d: Buffer) => (progress += d.toString()));
    // Kill it while rows are being stored: the first progress line comes after 0.2 s, long before
    // 600,000 rows are in.
    await firstOutput(child);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const after = JSON.parse(run('sources', '--json').out) as {
      records: number;
      batches: number;
    }[];
    expect(after[0]).toMatchObject({ records: 3, batches: 2 });
    expect(run('audit', 'verify').code).toBe(0);
    // The embedded store had dropped the record indexes for this large import (to build them at
    // the end); recovery rolls the drop back with the rest.
    const db = t?.db ?? (await openDatabase({ dataDir: env.SIJIL_DATA }));
    try {
      const indexes = await db.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('record', 'person')
          ORDER BY indexname`,
      );
      expect(indexes.map((i) => i.name)).toEqual([
        'person_pkey',
        'record_person',
        'record_pkey',
        'record_source_batch',
      ]);
    } finally {
      if (!t) await db.close();
    }
    const again = run('import', big, '--source', 'local-committee');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/600,000 accepted/);
  }, 180_000);

  it('stops cleanly on Ctrl-C, storing nothing from the file', async () => {
    const rows = ['name,age'];
    for (let i = 0; i < 600_000; i++) rows.push(`خالد ${i},${i % 100}`);
    const big = join(files.dir, 'interrupted.csv');
    writeFileSync(big, rows.join('\n'));
    const before = JSON.parse(run('sources', '--json').out) as { records: number }[];
    const child = spawn(process.execPath, [cli, 'import', big, '--source', 'local-committee'], {
      env,
      cwd: files.dir,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await firstOutput(child);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/interrupted; nothing from this file was stored/);
    const after = JSON.parse(run('sources', '--json').out) as { records: number }[];
    expect(after[0]!.records).toBe(before[0]!.records);
  }, 120_000);

  it('verifies the audit trail', () => {
    const result = run('audit', 'verify');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/The audit chain holds: \d+ events verified/);
  });
});

/** Resolves on the child's first line on stderr (the import's first progress line). */
function firstOutput(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stderr!.once('data', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`the import ended (exit ${code}) before any progress`)),
    );
  });
}
