/**
 * The million-record linkage benchmark (issue 3's scale target): `sijil synth` writes
 * about 1,000,000 records from 5 sources, then `sijil dedupe` links them in a child
 * process (so that its peak RSS is its own), and the result is scored against the truth.
 * Prints name=value lines; never fails on time. Wall times depend on what else the
 * machine runs: the load average is printed with them.
 * Usage: node link-1m.js [--records N] [--sources K] [--seed S] [--workers W] [--runs R]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateFiles, synthFiles } from '../src/services/linkage/index.js';
import { numberOption } from './options.js';

const print = (name: string, value: string | number): void => {
  process.stdout.write(`${name}=${value}\n`);
};
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  rows: number;
  candidatePairs: number;
  attached: number;
  phases: Record<string, number>;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'sijil-bench-link-1m-'));
try {
  const input = join(dir, 'synth.csv');
  const truth = join(dir, 'synth.truth.csv');
  const output = join(dir, 'linked.csv');
  const started = performance.now();
  await synthFiles({
    records: numberOption('records', 1_000_000),
    sources: numberOption('sources', 5),
    seed: numberOption('seed', 1),
    output: input,
    truth,
  });
  print('link_1m_synth_seconds', ((performance.now() - started) / 1000).toFixed(2));
  const runner = join(dirname(fileURLToPath(import.meta.url)), 'link-dedupe-run.js');
  const runs: Run[] = [];
  for (let r = 0; r < numberOption('runs', 1); r++) {
    print(`link_1m_load_before_run${r + 1}`, load());
    const child = spawnSync(
      process.execPath,
      [runner, input, output, String(numberOption('workers', 2))],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (child.status !== 0) throw new Error(`dedupe run failed: ${child.stderr}`);
    const run = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Run;
    runs.push(run);
    print(`link_1m_seconds_run${r + 1}`, run.seconds.toFixed(2));
    print(`link_1m_load_after_run${r + 1}`, load());
  }
  const last = runs[runs.length - 1];
  if (!last) throw new Error('no run');
  const e = await evaluateFiles(truth, output);
  print('link_1m_rows', last.rows);
  print('link_1m_candidate_pairs', last.candidatePairs);
  print('link_1m_attached', last.attached);
  print('link_1m_seconds', median(runs.map((r) => r.seconds)).toFixed(2));
  print('link_1m_cpu_seconds', median(runs.map((r) => r.cpuSeconds)).toFixed(2));
  print('link_1m_peak_rss_mb', median(runs.map((r) => r.peakRssMb)).toFixed(0));
  for (const [phase, s] of Object.entries(last.phases))
    print(`link_1m_phase_seconds_${phase}`, s.toFixed(2));
  print('link_1m_precision', e.precision.toFixed(4));
  print('link_1m_recall', e.recall.toFixed(4));
  print('link_1m_f1', e.f1.toFixed(4));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
