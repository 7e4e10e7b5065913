/**
 * npm run bench:import [-- --rows N]: writes an N-row casualty list (default: 100,000 then
 * 1,000,000) and imports it into a fresh embedded store on disk, end to end (hash, parse, validate,
 * normalise, store). Prints name=value lines. Each size runs in its own process so that its peak
 * RSS is its own: comparing sizes shows whether memory stays flat as files grow. With
 * DATABASE_URL set, the largest size is imported into that PostgreSQL server too (`_postgres`).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/open-database.js';
import { importFile } from '../src/services/import/import-file.js';

const given = [
  'محمد',
  'أحمد',
  'محمود',
  'خالد',
  'يوسف',
  'إبراهيم',
  'علي',
  'حسن',
  'فاطمة',
  'مريم',
  'آمنة',
  'سارة',
  'ليلى',
  'عبد الرحمن',
  'عبدالله',
  'رامي',
  'سامي',
  'هدى',
];
const family = [
  'الدلو',
  'أبو شمالة',
  'شهاب',
  'كسكين',
  'النجار',
  'حمدان',
  'المصري',
  'عوض',
  'أبو صويص',
  'الأسطل',
  'قديح',
  'بركة',
];
const latin = [
  'Muhammad',
  'Ahmed',
  'Mahmoud',
  'Khaled',
  'Yousef',
  'Ibrahim',
  'Ali',
  'Hassan',
  'Fatima',
  'Maryam',
];

/** A deterministic generator, so every run writes the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function writeList(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const r = rng(42);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)]!;
  const digit = (from: number) => from + Math.floor(r() * (10 - from));
  out.write('id,name,en_name,age,dob,sex,date_of_death,governorate,notes\n');
  for (let i = 0; i < rows; i++) {
    const name = `${pick(given)} ${pick(given)} ${pick(given)} ${pick(family)}`;
    const dob = `${1940 + Math.floor(r() * 80)}-0${digit(1)}-1${digit(0)}`;
    const died = `1${digit(3)}/0${digit(1)}/2024`;
    const line = `${400000000 + i},${name},${pick(latin)} ${pick(latin)},${Math.floor(r() * 90)},${dob},${r() < 0.5 ? 'm' : 'f'},${died},Gaza,note ${i}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function runOne(rows: number, postgres: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sijil-bench-'));
  try {
    const file = join(dir, 'list.csv');
    await writeList(file, rows);
    const db = await openDatabase(
      postgres ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: join(dir, 'store') },
    );
    const started = process.hrtime.bigint();
    const report = await importFile(db, {
      path: file,
      source: `bench-${Date.now()}`,
      createSource: { nameEn: 'Benchmark list' },
      actor: 'bench',
      maxErrors: 0,
      rejectedPath: null,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await db.close();
    if (report.rowsAccepted !== rows)
      throw new Error(`expected ${rows} rows accepted, got ${report.rowsAccepted}`);
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    process.stdout.write(
      `file_mb=${mb(statSync(file).size)}\nimport_seconds=${seconds.toFixed(2)}\n` +
        `import_rows_per_s=${Math.round(rows / seconds)}\npeak_rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const rowsAt = args.indexOf('--rows');
// Only when run as a script: bench/api.ts imports writeList.
const runAsScript = process.argv[1] === fileURLToPath(import.meta.url);
if (!runAsScript) {
  // imported: no benchmark
} else if (args.includes('--child')) {
  await runOne(Number(args[rowsAt + 1]), args.includes('--postgres'));
} else {
  const sizes = rowsAt >= 0 ? [Number(args[rowsAt + 1])] : [100_000, 1_000_000];
  const largest = Math.max(...sizes);
  const runs = sizes.map((rows) => ({ rows, postgres: false }));
  if (process.env.DATABASE_URL) runs.push({ rows: largest, postgres: true });
  for (const { rows, postgres } of runs) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--child',
        '--rows',
        String(rows),
        ...(postgres ? ['--postgres'] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`benchmark child for ${rows} rows failed`);
    // The largest embedded run speaks for the benchmark; the others are suffixed.
    const suffix = postgres ? '_postgres' : rows === largest ? '' : `_${rows}`;
    for (const line of child.stdout.trim().split('\n')) {
      const [name, value] = line.split('=');
      process.stdout.write(`${name}${suffix}=${value}\n`);
    }
  }
}
