import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  countOpenReviewPairs,
  listOpenReviewPairs,
  type ReviewItem,
  type ReviewRecord,
} from '../../db/repositories/linkage-queue-repository.js';
import {
  createPartitionedComparer,
  defaultWorkerId,
  DEFAULT_PARTITIONS,
  runLinkWorker,
} from '../../services/link-partitions/index.js';
import { createWorkerComparer } from '../../services/linkage/index.js';
import {
  decidePair,
  LinkageError,
  linkRegister,
  undoDecision,
} from '../../services/register-linkage/index.js';
import { cliActor, say, withDatabase } from '../context.js';

function probability(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1)
    throw new InvalidArgumentError('expected a probability between 0 and 1');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number > 0');
  return n;
}

function wholeOrZero(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

interface LinkFlags {
  threshold?: number;
  workers?: number;
  distributed?: boolean;
  partitions: number;
  workAfter: number;
  json?: boolean;
}

interface WorkerFlags {
  lease: number;
  idle: number;
  poll: number;
  run?: number;
  throttleMs?: number;
}

/** Turns a refused request into a message and exit code 1, not a stack trace. */
async function refusing(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof LinkageError)) throw error;
    process.stderr.write(`sijil: ${error.message}\n`);
    process.exitCode = 1;
  }
}

/**
 * Adds `link`, `link-worker`, `review`, `decide` and `undecide`: linkage inside the register.
 */
export function registerLinkCommand(program: Command): void {
  program
    .command('link')
    .description(
      'link the register’s records into persons (human decisions hold; person ids stay stable)',
    )
    .option('--threshold <p>', 'match probability a link must reach (0–1)', probability)
    .option('--workers <n>', 'worker threads for the comparison phase', positive)
    .option(
      '--distributed',
      'spread the comparison over `sijil link-worker` processes through the store (docs/SCALING.md)',
    )
    .option(
      '--partitions <k>',
      'with --distributed: partitions (jobs) of the comparison',
      positive,
      DEFAULT_PARTITIONS,
    )
    .option(
      '--work-after <seconds>',
      'with --distributed: take jobs too once none was taken or finished for this long (0: from the start)',
      wholeOrZero,
      15,
    )
    .option('--json', 'print JSON')
    .action(async (flags: LinkFlags) =>
      refusing(async () => {
        const report = await withDatabase((db) =>
          linkRegister(db, {
            actor: cliActor(),
            ...(flags.threshold === undefined ? {} : { threshold: flags.threshold }),
            comparer: flags.distributed
              ? (inputs) =>
                  createPartitionedComparer(db, inputs, {
                    partitions: flags.partitions,
                    workAfterSeconds: flags.workAfter,
                    log: (line) => process.stderr.write(line + '\n'),
                  })
              : createWorkerComparer(flags.workers ?? Math.min(4, availableParallelism())),
          }),
        );
        if (flags.json) return say(JSON.stringify(report, null, 2));
        if (report.runId === null) return say('The register holds no records; nothing to link.');
        say(
          `${report.records.toLocaleString('en')} records (${report.newRecords.toLocaleString('en')} new), ` +
            `persons ${report.personsBefore.toLocaleString('en')} → ${report.personsAfter.toLocaleString('en')}`,
        );
        say(
          `${report.merges} persons merged, ${report.splits} split, ${report.recordsMoved} records moved ` +
            `(${report.attached} new records joined the one plausible person), ` +
            `${report.candidatePairs.toLocaleString('en')} candidate pairs, ${report.queued} pairs queued for review`,
        );
        if (report.conflictingDecisions > 0)
          say(
            `${report.conflictingDecisions} "same" decisions contradict "different" ones and were not applied`,
          );
        say(`Run ${report.runId}; see the queue with \`sijil review\`.`);
      }),
    );

  program
    .command('link-worker')
    .description(
      'take comparison jobs of distributed `sijil link --distributed` runs (PostgreSQL only)',
    )
    .option('--lease <seconds>', 'a job is taken again if not renewed for this long', positive, 60)
    .option('--idle <seconds>', 'stop after this long without a job (0: never)', wholeOrZero, 600)
    .option('--poll <ms>', 'pause between looks at an empty queue', positive, 1000)
    .option('--run <id>', 'take jobs of this run only', positive)
    .addOption(
      new Option('--throttle-ms <ms>', 'wait this long in each job (tests of lease expiry)')
        .argParser(wholeOrZero)
        .hideHelp(),
    )
    .action(async (flags: WorkerFlags) =>
      refusing(async () => {
        let stop = false;
        const onSignal = (): void => {
          if (stop) process.exit(130);
          stop = true;
          say('stopping after the current slice (again to quit at once)');
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          const report = await withDatabase(async (db) => {
            if (db.kind !== 'postgres')
              throw new LinkageError(
                'link-worker needs a PostgreSQL server (DATABASE_URL): the embedded store belongs to one process',
              );
            const workerId = defaultWorkerId();
            say(`worker ${workerId} ready (lease ${flags.lease} s)`);
            return runLinkWorker(db, {
              workerId,
              leaseSeconds: flags.lease,
              pollMs: flags.poll,
              idleSeconds: flags.idle,
              ...(flags.run === undefined ? {} : { runId: flags.run }),
              ...(flags.throttleMs === undefined ? {} : { throttleMs: flags.throttleMs }),
              stopping: () => stop,
              log: (line) => say(line),
            });
          });
          say(
            `worker ${report.workerId} stopped: ${report.jobs} jobs, ` +
              `${report.pairs.toLocaleString('en')} pairs` +
              (report.lost > 0 ? `, ${report.lost} lost to an expired lease` : ''),
          );
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }),
    );

  program
    .command('review')
    .description('list pairs waiting for a decision, most informative first, with the reasons')
    .option('--limit <n>', 'how many pairs', positive, 10)
    .option('--json', 'print JSON')
    .action(async (flags: { limit: number; json?: boolean }) => {
      const { items, total } = await withDatabase(async (db) => ({
        items: await listOpenReviewPairs(db, flags.limit),
        total: await countOpenReviewPairs(db),
      }));
      if (flags.json) return say(JSON.stringify(items, null, 2));
      if (items.length === 0) return say('No pairs waiting for review. Run `sijil link` first.');
      say(`${items.length} of ${total} pairs waiting for review:`);
      for (const item of items) printItem(item);
      say('');
      say('Decide with `sijil decide A B same|different [--note "…"]`.');
    });

  program
    .command('decide')
    .description('decide whether two records are the same person; applied to persons at once')
    .argument('<a>', 'record id', positive)
    .argument('<b>', 'record id', positive)
    .argument('<decision>', 'same or different')
    .option('--note <text>', 'why')
    .action(async (a: number, b: number, decision: string, flags: { note?: string }) =>
      refusing(async () => {
        if (decision !== 'same' && decision !== 'different')
          throw new LinkageError(`the decision is "same" or "different", not "${decision}"`);
        const outcome = await withDatabase((db) =>
          decidePair(db, {
            recordA: a,
            recordB: b,
            decision,
            actor: cliActor(),
            ...(flags.note === undefined ? {} : { note: flags.note }),
          }),
        );
        if (!outcome.changed) return say(`Records ${a} and ${b} were already decided ${decision}.`);
        say(
          `Records ${a} and ${b}: ${decision}` +
            (outcome.replaced ? ` (replaces "${outcome.replaced.decision}")` : '') +
            `. Persons ${outcome.personsBefore.a}/${outcome.personsBefore.b} → ` +
            `${outcome.personsAfter.a}/${outcome.personsAfter.b}; ${outcome.movedRecords.length} records moved.`,
        );
      }),
    );

  program
    .command('undecide')
    .description('undo the decision on two records (persons stay; the next link reconsiders them)')
    .argument('<a>', 'record id', positive)
    .argument('<b>', 'record id', positive)
    .action(async (a: number, b: number) =>
      refusing(async () => {
        const undone = await withDatabase((db) =>
          undoDecision(db, { recordA: a, recordB: b, actor: cliActor() }),
        );
        say(`Undid "${undone.decision}" on records ${a} and ${b} (by ${undone.decidedBy}).`);
      }),
    );
}

const shown: readonly [string, (r: ReviewRecord) => string][] = [
  ['record', (r) => `${r.id} (person ${r.personId})`],
  ['source', (r) => `${r.source}${r.sourceRecordId ? ` #${r.sourceRecordId}` : ''}`],
  ['name', (r) => r.name ?? ''],
  ['latin', (r) => r.nameLatin ?? ''],
  ['sex', (r) => r.sex ?? ''],
  ['age', (r) => (r.age === null ? '' : String(r.age))],
  ['birth', (r) => r.birthDate ?? ''],
  ['event', (r) => r.eventDate ?? ''],
  ['place', (r) => r.place ?? ''],
];

interface Explanation {
  prior?: number;
  weight?: number;
  fields?: { field: string; level: string; weight: number; valueFrequency?: number }[];
  blockingRules?: string[];
}

function printItem(item: ReviewItem): void {
  say('');
  say(
    `${item.a.id} ↔ ${item.b.id}  p=${item.probability.toFixed(3)}  priority ${item.priority.toFixed(2)}` +
      `  ${item.samePerson ? 'now one person' : 'now two persons'}`,
  );
  const width = Math.max(12, ...shown.map(([, get]) => [...get(item.a)].length));
  for (const [label, get] of shown) {
    const left = get(item.a);
    say(
      `  ${label.padEnd(7)} ${left}${' '.repeat(Math.max(1, width - [...left].length + 2))}${get(item.b)}`,
    );
  }
  const e = item.explanation as Explanation;
  const reasons = (e.fields ?? [])
    .filter((f) => f.level !== 'missing')
    .map(
      (f) =>
        `${f.field} ${f.level} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)}` +
        (f.valueFrequency === undefined ? '' : ` (value frequency ${f.valueFrequency})`),
    );
  say(
    `  why: prior ${(e.prior ?? 0).toFixed(1)}; ${reasons.join('; ') || 'no field to compare'} → weight ${(e.weight ?? 0).toFixed(1)}`,
  );
  if (e.blockingRules && e.blockingRules.length > 0)
    say(`  found by: ${e.blockingRules.join(', ')}`);
}
