import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerEstimateCommand } from '../../src/cli/commands/estimate-command.js';

const kosovo = new URL('../fixtures/mse/kosovo.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sijil-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `sijil estimate …` in this process and returns what it printed. */
async function estimate(...args: string[]): Promise<string> {
  const program = new Command('sijil').exitOverride();
  registerEstimateCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'sijil', 'estimate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

interface Json {
  method: string;
  observed: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  model?: string;
  models?: {
    name: string;
    terms: string[];
    estimate: number;
    lower: number;
    upper: number;
    aic: number;
    bic: number;
  }[];
  posterior?: { median: number; seed: number; draws: number; chains: number; rHat: number };
  warnings?: { code: string }[];
  pairs?: unknown[];
}

describe('sijil estimate', () => {
  it('prints the best-BIC log-linear model and every model ranked by BIC as JSON', async () => {
    const r = JSON.parse(
      await estimate('--captures', kosovo, '--method', 'loglinear', '--json'),
    ) as Json;
    expect(Object.keys(r).slice(0, 5)).toEqual([
      'method',
      'observed',
      'estimate',
      'lower',
      'upper',
    ]);
    expect(r.method).toBe('loglinear');
    expect(r.observed).toBe(4400);
    expect(r.estimate).toBeCloseTo(10356.5189572519, 6);
    expect(r.lower).toBeCloseTo(8994.25670710859, 3);
    expect(r.upper).toBeCloseTo(12110.4081124685, 3);
    expect(r.model).toBe('[123,14,34]');
    expect(r.models).toHaveLength(113);
    const bics = (r.models ?? []).map((m) => m.bic);
    expect(bics).toEqual([...bics].sort((a, b) => a - b));
    expect(r.models?.[0]?.terms).toEqual(['EXH:ABA:OSCE', 'EXH:HRW', 'OSCE:HRW']);
  });

  it('reports the model average with --average, and respects --max-order', async () => {
    const avg = JSON.parse(await estimate('--captures', kosovo, '--average', '--json')) as Json;
    expect(avg.estimate).not.toBeCloseTo(10356.52, 0);
    const two = JSON.parse(
      await estimate('--captures', kosovo, '--max-order', '2', '--json'),
    ) as Json;
    expect(two.models).toHaveLength(64);
  });

  it('gives Chapman for a chosen pair, and all pairs otherwise', async () => {
    const pair = JSON.parse(
      await estimate('--captures', kosovo, '--method', 'chapman', '--lists', 'EXH,ABA', '--json'),
    ) as Json;
    expect(pair.estimate).toBeCloseTo(7231.47277227723, 6);
    expect(pair.observed).toBe(3035);
    const all = JSON.parse(
      await estimate('--captures', kosovo, '--method', 'chapman', '--json'),
    ) as Json;
    expect(all.estimate).toBeNull();
    expect(all.pairs).toHaveLength(6);
  });

  it('explains the estimate in plain words, not as named people', async () => {
    const text = await estimate('--captures', kosovo);
    expect(text).toContain('4,400 people are recorded on at least one of 4 lists');
    expect(text).toContain('Estimated total: about 10,357');
    expect(text).toContain('95% confidence interval for the total: 8,994 to 12,110');
    expect(text).toMatch(/not a count of identified people/);
    expect(text).toMatch(/closed/);
    expect(text).toContain('[123,14,34]');
  });

  it('runs LCMCR with a seed', async () => {
    const r = JSON.parse(
      await estimate('--captures', kosovo, '--method', 'lcmcr', '--seed', '3', '--json'),
    ) as Json;
    expect(r.method).toBe('lcmcr');
    expect(r.posterior?.seed).toBe(3);
    expect(r.posterior?.draws).toBe(1000);
    expect(r.estimate).toBeGreaterThan(9_500);
    expect(r.estimate).toBeLessThan(11_500);
    expect(r.lower).toBeLessThan(r.estimate ?? 0);
    expect(r.upper).toBeGreaterThan(r.estimate ?? Infinity);
    // Two chains by default, and they agree on this table.
    expect(r.posterior?.chains).toBe(2);
    expect(r.posterior?.rHat).toBeLessThan(1.1);
    expect(r.warnings?.map((w) => w.code)).not.toContain('chains-disagree');
  });

  it('says how many chains drew the figure and whether they agree; refuses a bad --chains', async () => {
    const text = await estimate('--captures', kosovo, '--method', 'lcmcr', '--chains', '3');
    expect(text).toMatch(
      /1000 posterior draws from 3 independent chains, each after a burn-in of 10,000/,
    );
    expect(text).toMatch(/The chains agree \(R-hat 1\.\d\d; up to 1\.1 is fine\)/);
    await expect(
      estimate('--captures', kosovo, '--method', 'lcmcr', '--chains', '0'),
    ).rejects.toThrow(/--chains must be a whole number from 1 to 16/);
  });

  it('estimates strata separately and says which list did not cover a stratum', async () => {
    const file = join(dir, 'strata.csv');
    writeFileSync(
      file,
      [
        'year,A,B,C,count',
        '2012,1,0,0,50',
        '2012,0,1,0,40',
        '2012,1,1,0,20',
        '2013,1,0,0,60',
        '2013,0,1,0,45',
        '2013,1,1,0,25',
        '2013,0,0,1,9',
        '2013,1,0,1,4',
      ].join('\n'),
    );
    const r = JSON.parse(
      await estimate(
        '--captures',
        file,
        '--by',
        'year',
        '--method',
        'chapman',
        '--lists',
        'A,B',
        '--json',
      ),
    ) as { stratum: string; estimate: number | null; stratumWarnings: string[] }[];
    expect(r.map((s) => s.stratum)).toEqual(['2012', '2013']);
    expect(r[0]?.stratumWarnings.join(' ')).toMatch(/C recorded no one in 2012/);
    expect(r[0]?.estimate).toBeCloseTo((71 * 61) / 21 - 1, 9);
  });

  it('refuses both --captures and --from-register at once, before opening any store', async () => {
    await expect(estimate('--from-register', '--captures', 'x.csv')).rejects.toThrow(/not both/);
  });
});
