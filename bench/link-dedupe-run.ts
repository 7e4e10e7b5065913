/**
 * One `sijil dedupe` run in its own process, for bench/link-1m.ts: the parent measures
 * wall time, and this process reports its own peak RSS (worker threads included) and
 * CPU time as one JSON line. Usage: node link-dedupe-run.js IN.csv OUT.csv [WORKERS]
 */
import { dedupeFile } from '../src/services/linkage/index.js';

const [input, output, workers] = process.argv.slice(2);
if (input === undefined || output === undefined)
  throw new Error('usage: link-dedupe-run IN.csv OUT.csv [WORKERS]');
const start = performance.now();
const summary = await dedupeFile({ input, output, workers: Number(workers ?? 2) });
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMb: usage.maxRSS / 1024,
    rows: summary.rows,
    candidatePairs: summary.report.candidatePairs,
    attached: summary.report.attached,
    phases: summary.report.seconds,
  })}\n`,
);
