/**
 * npm run bench:api [-- --rows N --seconds S --connections C]: the search, facets and person
 * endpoints of a real server on loopback, over a register of N records (default 1,000,000) on the
 * embedded store. Prints name=value lines: requests/s and p95/p99 latency under load (autocannon,
 * C connections for S seconds per endpoint), and the p95 of single requests sent one at a time
 * (the median of three runs).
 *
 * The register is the import benchmark's synthetic list (bench/import.ts), imported once with the
 * import service and kept in a folder under the OS temp dir named after the generator, so later
 * runs start at once. The server runs in a child process, so that autocannon does not share its
 * event loop; the bench signs in as a viewer with a password made up for the run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/open-database.js';
import { buildServer } from '../src/server/app.js';
import { importFile } from '../src/services/import/import-file.js';
import { writeList } from './import.js';
import { numberOption, textOption } from './options.js';
import { signInViewer } from './viewer-session.js';

const rows = numberOption('rows', 1_000_000);
const seconds = numberOption('seconds', 10);
const connections = numberOption('connections', 10);

/** The searches: a common Arabic name, a rare full name, a Latin spelling, a typo, a filter. */
const searches = [
  { name: 'common', query: `search=${encodeURIComponent('محمد')}` },
  { name: 'rare', query: `search=${encodeURIComponent('سارة هدى رامي كسكين')}` },
  { name: 'latin', query: 'search=Mohammed' },
  { name: 'typo', query: `search=${encodeURIComponent('ابراهين')}` },
  { name: 'filtered', query: `search=${encodeURIComponent('فاطمة')}&sex=female&age=child` },
];

/** A folder per generator and size: a changed generator never reuses an old register. */
function registerDir(): string {
  const version = createHash('sha256').update(writeList.toString()).digest('hex').slice(0, 12);
  return join(tmpdir(), `sijil-bench-api-${version}-${rows}`);
}

async function ensureRegister(dir: string): Promise<void> {
  if (existsSync(join(dir, 'ready'))) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'list.csv');
  process.stderr.write(`writing and importing ${rows} records into ${dir}…\n`);
  await writeList(file, rows);
  const db = await openDatabase({ dataDir: join(dir, 'store') });
  const report = await importFile(db, {
    path: file,
    source: 'bench-list',
    createSource: { nameEn: 'Benchmark list' },
    actor: 'bench',
    maxErrors: 0,
    rejectedPath: null,
  });
  await db.close();
  rmSync(file);
  if (report.rowsAccepted !== rows) throw new Error(`imported ${report.rowsAccepted} of ${rows}`);
  writeFileSync(join(dir, 'ready'), '');
}

interface Served {
  base: string;
  cookie: string;
  firstId: number;
  lastId: number;
}

/** The child: opens the register, serves it on loopback and signs a viewer in. */
async function serve(dir: string): Promise<void> {
  const db = await openDatabase({ dataDir: join(dir, 'store') });
  const app = await buildServer({ db, rateLimitPerMinute: 1e9, authAttemptsPerMinute: 1000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const cookie = await signInViewer(db, base);
  const ids = await db.query<{ first: number; last: number }>(
    'SELECT min(id) AS first, max(id) AS last FROM record',
  );
  const served: Served = { base, cookie, firstId: ids[0]!.first, lastId: ids[0]!.last };
  process.stdout.write(`${JSON.stringify(served)}\n`);
  // Until the parent closes stdin.
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await app.close();
  await db.close();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const personPath = (s: Served) =>
  `/api/persons/${s.firstId + Math.floor(Math.random() * (s.lastId - s.firstId + 1))}`;

async function get(s: Served, path: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${s.base}${path}`, { headers: { cookie: s.cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return performance.now() - started;
}

/** p95 of single requests one at a time, over every path: the median of three runs. */
async function singleP95(s: Served, paths: () => string[], perRun: number): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const times: number[] = [];
    while (times.length < perRun) for (const path of paths()) times.push(await get(s, path));
    runs.push(
      percentile(
        times.sort((a, b) => a - b),
        95,
      ),
    );
  }
  return median(runs);
}

/** Requests/s and latency percentiles of C connections for S seconds. */
async function load(
  s: Served,
  paths: () => string[],
): Promise<{ rps: number; p95: number; p99: number }> {
  const times: number[] = [];
  let i = 0;
  let list = paths();
  const instance = autocannon({
    url: s.base,
    connections,
    duration: seconds,
    headers: { cookie: s.cookie },
    requests: [
      {
        setupRequest: (req) => {
          if (i === list.length) {
            i = 0;
            list = paths();
          }
          return { ...req, method: 'GET', path: list[i++]! };
        },
      },
    ],
  });
  // autocannon passes the client first (its typings leave it out).
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms),
  );
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  times.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.total / (result.duration || seconds)),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

async function main(): Promise<void> {
  const dir = registerDir();
  await ensureRegister(dir);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', dir],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    });
    const s = JSON.parse(line) as Served;
    // From starting the server to its first search answered, which waits for the index.
    await get(s, `/api/records?${searches[0]!.query}`);
    const fmt = (ms: number) => ms.toFixed(1);
    const out = (name: string, value: string | number) =>
      process.stdout.write(`${name}=${value}\n`);
    out('records', rows);
    out('ready_seconds', ((performance.now() - started) / 1000).toFixed(1));
    const endpoints: [string, () => string[]][] = [
      ['search', () => searches.map((q) => `/api/records?${q.query}`)],
      ['facets', () => searches.map((q) => `/api/records/facets?${q.query}`)],
      ['person', () => Array.from({ length: 20 }, () => personPath(s))],
    ];
    // Each search alone, one request at a time.
    for (const q of searches) {
      out(
        `search_${q.name}_single_p95_ms`,
        fmt(await singleP95(s, () => [`/api/records?${q.query}`], 20)),
      );
      out(
        `facets_${q.name}_single_p95_ms`,
        fmt(await singleP95(s, () => [`/api/records/facets?${q.query}`], 20)),
      );
    }
    for (const [name, paths] of endpoints) {
      out(`${name}_single_p95_ms`, fmt(await singleP95(s, paths, 100)));
      const result = await load(s, paths);
      out(`${name}_rps`, result.rps);
      out(`${name}_p95_ms`, fmt(result.p95));
      out(`${name}_p99_ms`, fmt(result.p99));
    }
  } finally {
    child.stdin.end();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

// The server's own process: `--serve DIR`.
const serveDir = textOption('serve', '');
if (serveDir) await serve(serveDir);
else await main();
