/**
 * Linkage benchmark: `sijil dedupe` end to end on the shared Gaza releases and on a
 * synthetic set, scored against truth. Prints name=value lines; never fails on time.
 * Usage: node link.js [--records N] [--sources K] [--workers W]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupeFile, evaluateFiles, synthFiles } from '../src/services/linkage/index.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
};
const workers = arg('workers', 2);
const dir = mkdtempSync(join(tmpdir(), 'sijil-bench-link-'));

async function run(label: string, input: string, truth: string): Promise<void> {
  const output = join(dir, `${label}.out.csv`);
  const start = performance.now();
  const summary = await dedupeFile({ input, output, workers });
  const seconds = (performance.now() - start) / 1000;
  const e = await evaluateFiles(truth, output);
  const lines = {
    rows: summary.rows,
    candidate_pairs: summary.report.candidatePairs,
    precision: e.precision.toFixed(4),
    recall: e.recall.toFixed(4),
    f1: e.f1.toFixed(4),
    seconds: seconds.toFixed(2),
    peak_rss_mb: (process.resourceUsage().maxRSS / 1024).toFixed(0),
  };
  for (const [k, v] of Object.entries(lines)) process.stdout.write(`${label}_${k}=${v}\n`);
}

try {
  // The shared data sits next to the repository (see ../shared/data/README.md).
  const shared = join(process.cwd(), '..', 'shared', 'data', 'linkage');
  const gaza = join(shared, 'gaza-releases.csv');
  if (existsSync(gaza)) await run('gaza', gaza, join(shared, 'gaza-releases.truth.csv'));
  else process.stdout.write('gaza_skipped=../shared/data/linkage/gaza-releases.csv not found\n');

  const synthInput = join(dir, 'synth.csv');
  const synthTruth = join(dir, 'synth.truth.csv');
  await synthFiles({
    records: arg('records', 100_000),
    sources: arg('sources', 5),
    seed: arg('seed', 1),
    output: synthInput,
    truth: synthTruth,
  });
  await run('synth', synthInput, synthTruth);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
