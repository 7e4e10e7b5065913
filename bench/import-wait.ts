/**
 * npm run bench:import-wait [-- --register N --rows M --runs K]: how long the workspace waits
 * while a list is imported. A real server on loopback over an embedded store holding N records
 * (default 100,000) answers facet counts for a signed-in viewer, one request every 20 ms, while M
 * more (default 200,000) are imported into the same store, and until searches see them. Prints
 * name=value lines, each the median of K runs (default 3), each run on a fresh store:
 *
 * - import_seconds: the import, end to end;
 * - longest_wait_ms: the slowest request (on the embedded store, requests wait for the
 *   import's transaction);
 * - after_commit_p95_ms / after_commit_max_ms: requests sent after the import returned, while
 *   its records were being added to search;
 * - searchable_seconds: from the import's return until the counts include its records.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/open-database.js';
import { buildServer } from '../src/server/app.js';
import { importFile } from '../src/services/import/import-file.js';
import { writeList } from './import.js';
import { numberOption } from './options.js';
import { signInViewer } from './viewer-session.js';

const registerRows = numberOption('register', 100_000);
const importRows = numberOption('rows', 200_000);
const runs = numberOption('runs', 3);

interface Poll {
  sentAt: number;
  ms: number;
  records: number;
  indexing: number;
}

interface RunFigures {
  importSeconds: number;
  longestWaitMs: number;
  afterCommitP95Ms: number;
  afterCommitMaxMs: number;
  searchableSeconds: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const median = (values: number[]): number => percentile(values, 0.5);

async function run(dir: string, registerFile: string, importList: string): Promise<RunFigures> {
  const db = await openDatabase({ dataDir: join(dir, `store-${randomBytes(4).toString('hex')}`) });
  await importFile(db, {
    path: registerFile,
    source: 'register',
    createSource: { nameEn: 'Register' },
    actor: 'bench',
  });
  // The poller asks 50 times a second: no rate limit in the way of what is measured.
  const app = await buildServer({ db, rateLimitPerMinute: 1e9 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const cookie = await signInViewer(db, base);
    const polls: Poll[] = [];
    let stop = false;
    const poller = (async () => {
      while (!stop) {
        const sentAt = performance.now();
        const res = await fetch(`${base}/api/records/facets`, { headers: { cookie } });
        if (!res.ok) throw new Error(`facet counts answered ${res.status}`);
        const body = (await res.json()) as { records: number; indexing: number };
        polls.push({ sentAt, ms: performance.now() - sentAt, ...body });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // The index is filled and answering before the import starts.
    while (polls.length < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await importFile(db, {
      path: importList,
      source: 'new-list',
      createSource: { nameEn: 'New list' },
      actor: 'bench',
    });
    const committed = performance.now();
    const total = registerRows + importRows;
    while (!polls.some((p) => p.sentAt >= committed && p.records === total)) {
      if (performance.now() - committed > 120_000) throw new Error('the import never showed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    await poller;
    const after = polls.filter((p) => p.sentAt >= committed);
    const searchable = after.find((p) => p.records === total)!;
    return {
      importSeconds: (committed - started) / 1000,
      longestWaitMs: Math.max(...polls.map((p) => p.ms)),
      afterCommitP95Ms: percentile(
        after.map((p) => p.ms),
        0.95,
      ),
      afterCommitMaxMs: Math.max(...after.map((p) => p.ms)),
      searchableSeconds: (searchable.sentAt + searchable.ms - committed) / 1000,
    };
  } finally {
    await app.close();
    await db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sijil-bench-import-wait-'));
try {
  const registerFile = join(dir, 'register.csv');
  const importList = join(dir, 'list.csv');
  await writeList(registerFile, registerRows);
  await writeList(importList, importRows);
  const figures: RunFigures[] = [];
  for (let i = 0; i < runs; i++) figures.push(await run(dir, registerFile, importList));
  const line = (name: string, pick: (f: RunFigures) => number, digits: number) =>
    console.log(`${name}=${median(figures.map(pick)).toFixed(digits)}`);
  console.log(`register_records=${registerRows}`);
  console.log(`imported_records=${importRows}`);
  console.log(`runs=${runs}`);
  line('import_seconds', (f) => f.importSeconds, 2);
  line('longest_wait_ms', (f) => f.longestWaitMs, 0);
  line('after_commit_p95_ms', (f) => f.afterCommitP95Ms, 0);
  line('after_commit_max_ms', (f) => f.afterCommitMaxMs, 0);
  line('searchable_seconds', (f) => f.searchableSeconds, 2);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
