import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEstimateCommand } from '../../src/cli/commands/estimate-command.js';
import { parseCaptureCsv } from '../../src/core/stats/estimation/index.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import {
  estimateCaptures,
  registerCaptureTable,
  saveEstimate,
  savedEstimate,
  savedEstimates,
  saveRegisterStrata,
} from '../../src/services/estimation/index.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { buildLinkedRegister } from './linked-register.js';

const kosovo = new URL('../fixtures/mse/kosovo.csv', import.meta.url).pathname;
const run = (...args: string[]): Promise<string> =>
  runInProcess(registerEstimateCommand, ['estimate', ...args]);

describe.each(testStores)('kept estimates on %s', (kind) => {
  const files = tempDir();
  const saved = { url: process.env.DATABASE_URL, data: process.env.SIJIL_DATA };
  const dataDir = join(files.dir, 'store');
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(kind, kind === 'pglite' ? dataDir : undefined);
    await buildLinkedRegister(t.db, files);
  });
  afterAll(async () => {
    await t.dispose();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    if (saved.data === undefined) delete process.env.SIJIL_DATA;
    else process.env.SIJIL_DATA = saved.data;
    files.cleanup();
  });

  it('keeps a register estimate with its input, settings, register state and result, audited', async () => {
    const db = t.db;
    const kept = await saveEstimate(
      db,
      {
        input: { kind: 'register', where: { year: ['2014'] } },
        request: { method: 'loglinear' },
        label: '  2014, three lists ',
        notes: 'first look',
      },
      'test:analyst',
    );
    // The figure is what the estimator gives on the same capture table.
    const table = await registerCaptureTable(db, { where: { year: ['2014'] } });
    const direct = await estimateCaptures(table, { method: 'loglinear' });
    expect(kept.estimate).toBeCloseTo(direct.estimate!, 6);
    expect(kept.lower).toBeCloseTo(direct.lower!, 6);
    expect(kept.observed).toBe(19);
    expect(kept.level).toBe(0.95);
    expect(kept.label).toBe('2014, three lists');
    expect(kept.notes).toBe('first look');
    expect(kept.method).toBe('loglinear');
    expect(kept.settings).toEqual({ level: 0.95, average: false, weights: 'bic' });
    expect(kept.inputKind).toBe('register');
    const input = kept.input as {
      where: unknown;
      lists: string[];
      captures: { lists: string[]; count: number }[];
    };
    expect(input.where).toEqual({ year: ['2014'] });
    expect(input.lists).toEqual(['a', 'b', 'c']);
    expect(input.captures.reduce((s, c) => s + c.count, 0)).toBe(19);
    const [batch] = await db.query<{ id: number }>('SELECT max(id) AS id FROM import_batch');
    expect(kept.registerState).toMatchObject({
      latestBatchId: batch!.id,
      records: 54,
      persons: 38,
    });
    expect(kept.createdBy).toBe('test:analyst');
    expect(kept.result.model).toBe(direct.model);

    const events = await db.query<{ action: string; entity_id: string; actor: string }>(
      "SELECT action, entity_id, actor FROM audit_event WHERE entity_type = 'estimate'",
    );
    expect(events).toEqual([
      { action: 'estimate.save', entity_id: String(kept.id), actor: 'test:analyst' },
    ]);
    expect((await verifyAudit(db)).ok).toBe(true);
    expect((await savedEstimate(db, kept.id))?.estimate).toBe(kept.estimate);
    expect(await savedEstimate(db, kept.id + 1000)).toBeNull();
  });

  it('keeps LCMCR settings (seed, K, priors, iterations) and reproduces the figure from them', async () => {
    const table = parseCaptureCsv(
      'a,b,c,count\n1,0,0,40\n0,1,0,35\n1,1,0,12\n0,0,1,30\n1,0,1,10\n0,1,1,9\n1,1,1,5\n',
    );
    const lcmcr = { burnIn: 200, samples: 100, thinning: 2, thread: 'main' as const };
    const kept = await saveEstimate(
      t.db,
      {
        input: { kind: 'captures', table, name: 'small.csv' },
        request: { method: 'lcmcr', seed: 7, lcmcr },
      },
      'test:analyst',
    );
    expect(kept.settings).toEqual({
      level: 0.95,
      seed: 7,
      K: 10,
      priors: { alpha: { shape: 0.25, rate: 0.25 } },
      burnIn: 200,
      samples: 100,
      thinning: 2,
      chains: 2,
    });
    expect(kept.registerState).toBeNull();
    expect(kept.input).toMatchObject({ name: 'small.csv', lists: ['a', 'b', 'c'] });
    const again = await estimateCaptures(table, { method: 'lcmcr', seed: 7, lcmcr });
    expect(kept.estimate).toBe(again.estimate);
    expect(kept.upper).toBe(again.upper);
  });

  it('refuses what cannot be estimated and keeps nothing', async () => {
    const before = (await savedEstimates(t.db)).length;
    await expect(
      saveEstimate(
        t.db,
        { input: { kind: 'register', sources: ['a', 'b'] }, request: { method: 'lcmcr' } },
        'test',
      ),
    ).rejects.toThrow(/three lists/);
    await expect(
      saveEstimate(
        t.db,
        { input: { kind: 'register' }, request: {}, label: 'x'.repeat(201) },
        'test',
      ),
    ).rejects.toThrow(/200/);
    expect((await savedEstimates(t.db)).length).toBe(before);
  });

  it('sijil estimate --save, list and show', async () => {
    if (kind === 'pglite') {
      await t.db.close();
      delete process.env.DATABASE_URL;
      process.env.SIJIL_DATA = dataDir;
    } else process.env.DATABASE_URL = t.url;
    const out = await run(
      '--captures',
      kosovo,
      '--save',
      '--label',
      'Kosovo, four lists',
      '--json',
    );
    const savedJson = JSON.parse(out) as { id: number; method: string; estimate: number };
    expect(savedJson.method).toBe('loglinear');
    const listed = JSON.parse(await run('list', '--json')) as {
      id: number;
      label: string;
      estimate: number;
      inputKind: string;
    }[];
    expect(listed[0]).toMatchObject({
      id: savedJson.id,
      label: 'Kosovo, four lists',
      estimate: savedJson.estimate,
      inputKind: 'captures',
    });
    expect(listed.length).toBe(3);
    const text = await run('show', String(savedJson.id));
    expect(text).toContain('Kosovo, four lists');
    expect(text).toContain('Computed from capture histories (kosovo.csv)');
    expect(text).toContain('not a count of identified people');
    const table = await run('list');
    expect(table).toContain('Kosovo, four lists');
    const fromRegister = JSON.parse(
      await run('--from-register', '--where', 'year=2015', '--save', '--json'),
    ) as { id: number; observed: number };
    expect(fromRegister.observed).toBe(19);
    expect(await run('show', String(fromRegister.id))).toMatch(
      /Computed from the linked register: filters \{"year":\["2015"\]\}.*54 records, 38 persons/,
    );
    await expect(run('show', '999')).rejects.toThrow(/no kept estimate 999/);
    await expect(run('--captures', kosovo, '--label', 'x')).rejects.toThrow(/--save/);
    if (kind === 'pglite') t = await openTestDatabase('pglite', dataDir);
  });

  it('keeps one estimate per stratum, each the estimate of its own scope', async () => {
    const kept = await saveRegisterStrata(
      t.db,
      'year',
      {},
      { request: { method: 'loglinear' }, label: 'By year' },
      'test:analyst',
    );
    expect(kept.map((k) => k.stratum).sort()).toEqual(['2014', '2015']);
    for (const k of kept) {
      expect(k.reason).toBeNull();
      expect(k.saved?.label).toBe(`By year (year = ${k.stratum})`);
      expect((k.saved?.input as { where: unknown }).where).toEqual({ year: [k.stratum] });
      const table = await registerCaptureTable(t.db, { where: { year: [k.stratum] } });
      const direct = await estimateCaptures(table, { method: 'loglinear' });
      expect(k.saved?.estimate).toBeCloseTo(direct.estimate!, 6);
    }

    if (kind === 'pglite') {
      await t.db.close();
      delete process.env.DATABASE_URL;
      process.env.SIJIL_DATA = dataDir;
    } else process.env.DATABASE_URL = t.url;
    const out = JSON.parse(
      await run('--from-register', '--by', 'year', '--save', '--label', 'Years', '--json'),
    ) as { stratum: string; id: number; observed: number }[];
    expect(out.map((o) => [o.stratum, o.observed]).sort()).toEqual([
      ['2014', 19],
      ['2015', 19],
    ]);
    const listed = JSON.parse(await run('list', '--json')) as { label: string | null }[];
    expect(listed.filter((e) => e.label?.startsWith('Years (year = ')).length).toBe(2);
    if (kind === 'pglite') t = await openTestDatabase('pglite', dataDir);
  });
});
