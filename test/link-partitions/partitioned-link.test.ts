import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic, linkRecords, prepareRecords } from '../../src/core/linkage/index.js';
import {
  claimLinkJob,
  completeLinkJob,
  insertLinkJobRun,
  listLinkJobs,
  renewLinkJobLease,
} from '../../src/db/repositories/link-job-repository.js';
import {
  createPartitionedComparer,
  loadRunContext,
  runLinkWorker,
  scorePartition,
} from '../../src/services/link-partitions/index.js';
import { linkRegister } from '../../src/services/register-linkage/index.js';
import { sijilVersion } from '../../src/version.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-files.js';
import { groupsOf, importSynthetic, personsByRecord, reviewQueue } from './synthetic-register.js';

/**
 * A distributed link where the coordinator does every job itself (the embedded store has no other
 * process): the partitions, the job table and the collection give exactly the single-process run.
 */
describe.each(testStores)('partitioned linkage on %s', (kind) => {
  let single: TestDatabase;
  let spread: TestDatabase;
  const files = tempDir();

  beforeAll(async () => {
    single = await openTestDatabase(kind);
    spread = await openTestDatabase(kind);
    await importSynthetic(single.db, files, 900, 5);
    await importSynthetic(spread.db, files, 900, 5);
  });
  afterAll(async () => {
    await single.dispose();
    await spread.dispose();
    files.cleanup();
  });

  it('gives the persons and review queue of the single-process run, each partition done once', async () => {
    const expected = await linkRegister(single.db, { actor: 'tester' });
    let runId = -1;
    const report = await linkRegister(spread.db, {
      actor: 'tester',
      comparer: (inputs) =>
        createPartitionedComparer(spread.db, inputs, {
          partitions: 6,
          workAfterSeconds: 0,
          pollMs: 20,
          onRun: (id) => (runId = id),
        }),
    });
    expect(report.candidatePairs).toBe(expected.candidatePairs);
    expect(report.merges).toBe(expected.merges);
    expect(report.personsAfter).toBe(expected.personsAfter);
    expect(groupsOf(await personsByRecord(spread.db))).toEqual(
      groupsOf(await personsByRecord(single.db)),
    );
    expect(await reviewQueue(spread.db)).toEqual(await reviewQueue(single.db));

    const jobs = await listLinkJobs(spread.db, runId);
    expect(jobs.map((j) => j.partition)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(jobs.every((j) => j.state === 'done' && j.completions === 1)).toBe(true);
    expect(jobs.reduce((s, j) => s + (j.pairs ?? 0), 0)).toBe(expected.candidatePairs);
    // Collected: the pairs and the records' snapshot are gone, the run and its jobs stay.
    const left = await spread.db.query<{ pairs: number; inputs: number; state: string }>(
      `SELECT (SELECT count(*)::int FROM link_job_pair) AS pairs,
              (SELECT count(*)::int FROM link_job_input) AS inputs,
              (SELECT state FROM link_job_run WHERE id = $1) AS state`,
      [runId],
    );
    expect(left[0]).toEqual({ pairs: 0, inputs: 0, state: 'collected' });
  });

  it('takes a job again when its lease expires, and a stale claim writes nothing', async () => {
    const inputs = generateSynthetic({ records: 300, sources: 2, seed: 3 }).map((r) => ({
      ...r,
      place: '',
    }));
    const records = prepareRecords(inputs);
    const model = (await linkRecords(records)).model;
    const runId = await spread.db.transaction((tx) =>
      insertLinkJobRun(tx, {
        partitions: 2,
        candidatePairs: 0,
        model: JSON.stringify(model),
        blocking: { maxBlockSize: 30, window: 8 },
        version: sijilVersion,
        inputs,
      }),
    );
    const first = await claimLinkJob(spread.db, 'first', 0.2, runId);
    expect(first).toMatchObject({ runId, partition: 0, attempt: 1 });
    const ctx = await loadRunContext(spread.db, runId);
    const rows = await scorePartition(ctx, 0);
    expect(rows?.length).toBeGreaterThan(0);
    // The first worker stalls: its lease runs out and another takes the job.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await claimLinkJob(spread.db, 'second', 60, runId);
    expect(second).toMatchObject({ runId, partition: 0, attempt: 2 });
    if (first === null || second === null || rows === null) return;
    expect(await renewLinkJobLease(spread.db, first, 60)).toBe(false);
    expect(await spread.db.transaction((tx) => completeLinkJob(tx, first, rows))).toBe(false);
    expect(await spread.db.transaction((tx) => completeLinkJob(tx, second, rows))).toBe(true);
    // Done once: a second completion is refused and the pairs are stored once.
    expect(await spread.db.transaction((tx) => completeLinkJob(tx, second, rows))).toBe(false);
    const stored = await spread.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM link_job_pair WHERE run_id = $1',
      [runId],
    );
    expect(stored[0]?.n).toBe(rows.length);
    const jobs = await listLinkJobs(spread.db, runId);
    expect(jobs[0]).toMatchObject({ state: 'done', attempts: 2, worker: 'second', completions: 1 });
    expect(jobs[1]).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('leaves the jobs of a run queued by another version of Sijil to other workers', async () => {
    const inputs = generateSynthetic({ records: 50, sources: 2, seed: 4 }).map((r) => ({
      ...r,
      place: '',
    }));
    const model = (await linkRecords(prepareRecords(inputs))).model;
    const runId = await spread.db.transaction((tx) =>
      insertLinkJobRun(tx, {
        partitions: 2,
        candidatePairs: 0,
        model: JSON.stringify(model),
        blocking: { maxBlockSize: 30, window: 8 },
        version: `${sijilVersion}-other`,
        inputs,
      }),
    );
    const lines: string[] = [];
    const report = await runLinkWorker(spread.db, {
      leaseSeconds: 60,
      pollMs: 10,
      idleSeconds: 0,
      untilEmpty: true,
      runId,
      log: (line) => lines.push(line),
    });
    expect(report.jobs).toBe(0);
    expect(lines.join('\n')).toMatch(/queued by sijil .*-other; this worker is sijil/);
    const jobs = await listLinkJobs(spread.db, runId);
    expect(jobs.every((j) => j.state === 'queued' && j.attempts === 0)).toBe(true);
  });
});
