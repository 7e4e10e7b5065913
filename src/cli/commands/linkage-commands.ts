import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { formatBySourcePair, formatEvaluation } from '../../core/linkage/index.js';
import {
  dedupeFile,
  evaluateFiles,
  evaluateFilesBySource,
  synthFiles,
} from '../../services/linkage/index.js';

function probability(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1)
    throw new InvalidArgumentError('expected a probability between 0 and 1');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/** Adds `dedupe`, `synth` and `eval`: the one-shot linkage path for spreadsheets. */
export function registerLinkageCommands(program: Command): void {
  program
    .command('dedupe')
    .description(
      'find the same person within and across lists in a CSV; writes every row with a cluster_id',
    )
    .argument(
      '<in>',
      'input CSV (source,record_id,name,name_latin,sex,age,birth_date,death_date,place,…)',
    )
    .requiredOption('-o, --output <out>', 'output CSV')
    .option('--threshold <p>', 'match probability a link must reach (0–1)', probability)
    .option('--explain <pairs>', 'also write the candidate pairs with field-by-field weights')
    .option(
      '--workers <n>',
      'worker threads for the comparison phase (0 = none)',
      count,
      Math.min(4, availableParallelism()),
    )
    .action(
      async (
        input: string,
        opts: { output: string; threshold?: number; explain?: string; workers: number },
      ) => {
        const summary = await dedupeFile({ input, ...opts });
        for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
        const r = summary.report;
        for (const b of r.oversizedBlocks.slice(0, 10))
          process.stderr.write(
            `note: block "${b.key}" of rule ${b.rule} has ${b.size} records; compared within a window\n`,
          );
        if (r.oversizedBlocks.length > 10)
          process.stderr.write(`note: ${r.oversizedBlocks.length} oversized blocks in all\n`);
        process.stdout.write(
          `${summary.rows} rows, ${summary.clusters} persons, ${r.candidatePairs} candidate pairs` +
            (opts.explain !== undefined ? `, ${summary.explainedPairs} pairs explained` : '') +
            '\n',
        );
      },
    );

  program
    .command('synth')
    .description('write synthetic lists with known truth (seeded: same seed, same bytes)')
    .requiredOption('--records <n>', 'number of rows', count)
    .requiredOption('--sources <k>', 'number of sources', count)
    .option('--seed <s>', 'random seed', count, 1)
    .requiredOption('-o, --output <out>', 'output CSV')
    .requiredOption('--truth <truth>', 'truth CSV (source,record_id,entity)')
    .action(
      async (opts: {
        records: number;
        sources: number;
        seed: number;
        output: string;
        truth: string;
      }) => {
        const rows = await synthFiles(opts);
        process.stdout.write(`${rows} rows written\n`);
      },
    );

  program
    .command('eval')
    .description('pairwise precision, recall, F1 and cluster-level figures of a linkage result')
    .argument('<truth>', 'truth CSV (source,record_id,entity)')
    .argument('<result>', 'result CSV (source,record_id,cluster_id)')
    .option('--cross <source>', 'count only pairs with exactly one record from this source')
    .option('--by-source', 'also give pairwise figures for each pair of sources')
    .action(async (truth: string, result: string, opts: { cross?: string; bySource?: boolean }) => {
      process.stdout.write(`${formatEvaluation(await evaluateFiles(truth, result, opts.cross))}\n`);
      if (opts.bySource === true)
        process.stdout.write(`${formatBySourcePair(await evaluateFilesBySource(truth, result))}\n`);
    });
}
