/**
 * Linkage benchmark: `sijil dedupe` end to end on the shared Gaza releases, on
 * held-out sets derived from them (each pair of releases alone; a Latin/short-form
 * "monitor" list against Arabic names, also linked as the register links a new batch) and on
 * a synthetic set, scored against truth.
 * Prints name=value lines; never fails on time.
 * Usage: node link.js [--records N] [--sources K] [--seed S] [--workers W] [--synth-only]
 * The million-record figures (link_1m_*) come from `npm run bench:link-1m` (bench/link-1m.ts),
 * which runs the dedupe in a process of its own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dedupeFile,
  evaluateFiles,
  synthFiles,
  writeEvaluationSets,
} from '../src/services/linkage/index.js';
import { linkLikeTheRegister } from './register-link-run.js';
import { hasFlag, numberOption } from './options.js';

const workers = numberOption('workers', 2);
const dir = mkdtempSync(join(tmpdir(), 'sijil-bench-link-'));

const print = (name: string, value: string | number): void => {
  process.stdout.write(`${name}=${value}\n`);
};

async function run(label: string, input: string, truth: string, cross?: string): Promise<void> {
  const output = join(dir, `${label}.out.csv`);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const summary = await dedupeFile({ input, output, workers });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const e = await evaluateFiles(truth, output, cross);
  print(`rows_${label}`, summary.rows);
  print(`candidate_pairs_${label}`, summary.report.candidatePairs);
  print(`attached_${label}`, summary.report.attached);
  print(`precision_${label}`, e.precision.toFixed(4));
  print(`recall_${label}`, e.recall.toFixed(4));
  print(`f1_${label}`, e.f1.toFixed(4));
  print(`seconds_${label}`, seconds.toFixed(2));
  // Process CPU (worker threads included): a load-independent figure on a shared machine.
  print(`cpu_seconds_${label}`, ((cpu.user + cpu.system) / 1e6).toFixed(2));
  for (const [phase, s] of Object.entries(summary.report.seconds))
    print(`phase_seconds_${label}_${phase}`, s.toFixed(2));
}

print(
  'load_average',
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
);
try {
  // The shared data sits next to the repository (see ../shared/data/README.md).
  const shared = join(process.cwd(), '..', 'shared', 'data', 'linkage');
  const gaza = join(shared, 'gaza-releases.csv');
  const gazaTruth = join(shared, 'gaza-releases.truth.csv');
  if (hasFlag('synth-only')) print('gaza_skipped', '--synth-only');
  else if (existsSync(gaza)) {
    await run('gaza', gaza, gazaTruth);
    print('peak_rss_mb', (process.resourceUsage().maxRSS / 1024).toFixed(0));
    for (const set of await writeEvaluationSets(gaza, gazaTruth, dir)) {
      const label = set.name.replaceAll('-', '_');
      await run(label, set.input, set.truth, set.crossSource);
      if (set.crossSource === undefined) continue;
      const register = await linkLikeTheRegister(set.input, set.truth, set.crossSource);
      print(`attached_register_${label}`, register.attached);
      print(`precision_register_${label}`, register.evaluation.precision.toFixed(4));
      print(`recall_register_${label}`, register.evaluation.recall.toFixed(4));
      print(`f1_register_${label}`, register.evaluation.f1.toFixed(4));
    }
  } else print('gaza_skipped', '../shared/data/linkage/gaza-releases.csv not found');

  const synthInput = join(dir, 'synth.csv');
  const synthTruth = join(dir, 'synth.truth.csv');
  const synthStart = performance.now();
  await synthFiles({
    records: numberOption('records', 100_000),
    sources: numberOption('sources', 5),
    seed: numberOption('seed', 1),
    output: synthInput,
    truth: synthTruth,
  });
  print('seconds_synth_generate', ((performance.now() - synthStart) / 1000).toFixed(2));
  await run('synth', synthInput, synthTruth);
  print('peak_rss_mb_all', (process.resourceUsage().maxRSS / 1024).toFixed(0));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
