import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLinkJobs } from '../../src/db/repositories/link-job-repository.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-files.js';
import { groupsOf, importSynthetic, personsByRecord, reviewQueue } from './synthetic-register.js';

const runCli = new URL('./run-cli.ts', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const PARTITIONS = 12;

/** A `sijil` process run from the sources, its output gathered line by line. */
interface Proc {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  readonly exited: Promise<number | null>;
}

function start(args: readonly string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', runCli, ...args], {
    env,
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      lines.push(line);
      for (const w of waiting.filter((x) => x.pattern.test(line))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor(pattern) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiting.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`exited (${code}) before printing ${pattern}:\n${lines.join('\n')}`)),
        );
      });
    },
  };
}

/**
 * Distributed linkage with real processes on a real PostgreSQL server: a coordinator
 * (`sijil link --distributed`) and three `sijil link-worker` processes, one of which is killed
 * in the middle of a job. Needs DATABASE_URL (set in CI); the embedded store belongs to one
 * process, so there is nothing to spread there.
 */
describe.skipIf(!process.env.DATABASE_URL)(
  'distributed linkage with worker processes on postgres (needs DATABASE_URL)',
  () => {
    let single: TestDatabase;
    let spread: TestDatabase;
    const files = tempDir();
    const procs: Proc[] = [];
    const envFor = (t: TestDatabase): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: t.url,
      SIJIL_LOG: 'off',
    });

    beforeAll(async () => {
      single = await openTestDatabase('postgres');
      spread = await openTestDatabase('postgres');
      await importSynthetic(single.db, files, 1200, 21);
      await importSynthetic(spread.db, files, 1200, 21);
    });
    afterAll(async () => {
      for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await Promise.all(procs.map((p) => p.exited));
      await single.dispose();
      await spread.dispose();
      files.cleanup();
    });

    it('spreads the partitions over the workers, survives a killed worker, and links as one process does', async () => {
      const env = envFor(spread);
      const worker = (throttleMs: number): Proc =>
        start(
          [
            'link-worker',
            '--lease',
            '2',
            '--poll',
            '100',
            '--idle',
            '60',
            '--throttle-ms',
            String(throttleMs),
          ],
          env,
        );
      // The first worker sits on its first job until it is killed.
      const doomed = worker(600_000);
      procs.push(doomed);
      await doomed.waitFor(/^worker .* ready/);
      // The coordinator leaves the jobs to the workers (it would take them after 10 minutes).
      const coordinator = start(
        ['link', '--distributed', '--partitions', String(PARTITIONS), '--work-after', '600'],
        env,
      );
      procs.push(coordinator);
      const took = await doomed.waitFor(/^took partition \d+ of run \d+/);
      const killedPartition = Number(/partition (\d+)/.exec(took)?.[1]);
      const others = [worker(300), worker(300)];
      procs.push(...others);
      await Promise.all(others.map((w) => w.waitFor(/^worker .* ready/)));
      doomed.child.kill('SIGKILL');
      await doomed.exited;

      expect(await coordinator.exited).toBe(0);
      expect(coordinator.lines.join('\n')).toMatch(/Run \d+; see the queue with `sijil review`/);
      for (const w of others) w.child.kill('SIGTERM');
      expect(await Promise.all(others.map((w) => w.exited))).toEqual([0, 0]);

      // Every partition was done exactly once, by the two live workers, never by the killed one.
      const runs = await spread.db.query<{ id: number; state: string; pairs: number }>(
        'SELECT id, state, candidate_pairs AS pairs FROM link_job_run',
      );
      expect(runs).toHaveLength(1);
      expect(runs[0]?.state).toBe('collected');
      const jobs = await listLinkJobs(spread.db, runs[0]?.id ?? 0);
      expect(jobs).toHaveLength(PARTITIONS);
      expect(jobs.every((j) => j.state === 'done' && j.completions === 1)).toBe(true);
      expect(jobs.reduce((s, j) => s + (j.pairs ?? 0), 0)).toBe(runs[0]?.pairs);
      const pidOf = (w: Proc): string => `:${w.child.pid}`;
      const doneBy = new Set(jobs.map((j) => j.worker ?? ''));
      expect(doneBy.size).toBeGreaterThan(1);
      for (const by of doneBy) expect(others.some((w) => by.endsWith(pidOf(w)))).toBe(true);
      const done = others.flatMap((w) =>
        w.lines.flatMap((l) => /^done partition (\d+) of run/.exec(l)?.[1] ?? []).map(Number),
      );
      expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: PARTITIONS }, (_, k) => k));
      expect(doomed.lines.some((l) => l.startsWith('done partition'))).toBe(false);
      // The killed worker's job was taken again once its lease expired.
      const retaken = jobs.find((j) => j.partition === killedPartition);
      expect(retaken?.attempts).toBeGreaterThanOrEqual(2);
      expect(retaken?.worker?.endsWith(pidOf(doomed))).toBe(false);

      // The same register linked by one process gives the same persons and review queue.
      const reference = start(['link'], envFor(single));
      procs.push(reference);
      expect(await reference.exited).toBe(0);
      expect(groupsOf(await personsByRecord(spread.db))).toEqual(
        groupsOf(await personsByRecord(single.db)),
      );
      expect(await reviewQueue(spread.db)).toEqual(await reviewQueue(single.db));
      // And, progress lines aside, the coordinator says what the single-process command says.
      expect(coordinator.lines.filter((l) => !l.startsWith('run '))).toEqual(reference.lines);
    });
  },
);
