import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClaimsCommand } from '../../src/cli/commands/claims-command.js';
import { addDocument } from '../../src/services/documents/add-document.js';
import { demoDir } from '../../src/services/demo/load-demo.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** `sijil claims` in this process, its standard output captured. */
const run = (...args: string[]): Promise<string> =>
  runInProcess(registerClaimsCommand, ['claims', ...args]);

interface Line {
  id: number;
  value: number;
  category: string;
  status: string;
  quote: string;
  start: number;
  end: number;
}

describe.each(testStores)('sijil claims ledger commands on %s', (kind) => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  const bodies = new Map<number, string>();
  let t: TestDatabase | null = null;

  beforeAll(async () => {
    const dataDir = join(files.dir, 'store');
    const store = await openTestDatabase(kind, kind === 'pglite' ? dataDir : undefined);
    // The demo register's five seed documents, stored as `sijil demo` stores them.
    const dir = join(demoDir, 'documents');
    for (const name of readdirSync(dir).sort()) {
      const bytes = readFileSync(join(dir, name));
      const { id } = await addDocument(
        store.db,
        { sourceId: null, title: name, language: 'en', bytes },
        'test',
      );
      const [row] = await store.db.query<{ body: string }>(
        'SELECT body FROM document WHERE id = $1',
        [id],
      );
      bodies.set(id, row!.body);
    }
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

  it('proposes claims for the seed documents, confirms nothing, and never doubles them', async () => {
    expect(bodies.size).toBe(5);
    let total = 0;
    const scopes: Record<string, unknown>[] = [];
    for (const id of bodies.keys()) {
      const lines = (await run('propose', String(id), '--json'))
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line);
      for (const c of lines) {
        expect(c.status).toBe('proposed');
        expect(bodies.get(id)!.slice(c.start, c.end)).toBe(c.quote);
        scopes.push((c as Line & { scope: Record<string, unknown> }).scope);
      }
      total += lines.length;
    }
    expect(total).toBeGreaterThan(10);
    // Proposed with the scope their sentences state, for a person to confirm.
    expect(scopes).toContainEqual({
      population: 'Palestinians',
      perpetrator: 'Syrian regime',
      period: { start: '2011-03' },
    });
    const again = await run('extract', '--document', '1', '--save');
    expect(again).toMatch(/0 claim\(s\) proposed for document 1 \(\d+ already in the ledger\)/);
    // Without --save, extraction from a stored document stores nothing.
    expect(await run('extract', '--document', '1', '--json')).toMatch(/"value"/);
  });

  it('confirms with a scope, rejects, and lists claims side by side', async () => {
    const before = JSON.parse(await run('list', '--category', 'killed', '--json')) as {
      questions: { category: string; claims: Line[] }[];
    };
    const killed = before.questions[0]!.claims;
    expect(killed.length).toBeGreaterThan(2);
    const target = killed.find((c) => c.value === 3207)!;
    const out = await run(
      'confirm',
      String(target.id),
      '--scope',
      'population=Palestinians in Syria',
      '--scope',
      'period-start=2011-03',
    );
    expect(out).toMatch(
      /confirmed: at_least 3,207 killed; scope: population=Palestinians in Syria/,
    );
    await run('reject', String(killed.find((c) => c.id !== target.id)!.id));
    await expect(run('confirm', String(target.id), '--scope', 'nonsense')).rejects.toThrow(
      /not key=value/,
    );
    const text = await run('list', '--category', 'killed');
    expect(text).toMatch(/== killed ==/);
    expect(text).toMatch(/\[confirmed\]/);
    expect(text).toMatch(/open-ended period/);
    expect(text).toMatch(/register: 0 unique persons with violation=killed/);
    const rejected = JSON.parse(await run('list', '--status', 'rejected', '--json')) as {
      questions: { claims: Line[] }[];
    };
    expect(rejected.questions.flatMap((q) => q.claims)).toHaveLength(1);
  });
});
