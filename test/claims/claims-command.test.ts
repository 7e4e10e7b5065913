import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerClaimsCommand } from '../../src/cli/commands/claims-command.js';
import { tempDir } from '../helpers/temp-files.js';
import { runInProcess } from '../helpers/run-in-process.js';

const files = tempDir();
afterAll(() => files.cleanup());
afterEach(() => vi.restoreAllMocks());

/** `sijil …` in this process, its standard output captured. */
const run = (...args: string[]): Promise<string> => runInProcess(registerClaimsCommand, [...args]);

describe('sijil claims extract', () => {
  const text =
    'The regime has killed at least 3,207 Palestinians, 497 of them under torture, since 2011.\n';

  it('prints one JSON object per line with exact offsets', async () => {
    const file = files.file('statement.txt', text);
    const lines = (await run('claims', 'extract', file, '--json')).trim().split('\n');
    const claims = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(claims).toEqual([
      {
        value: 3207,
        qualifier: 'at_least',
        category: 'killed',
        quote: 'killed at least 3,207 Palestinians',
        start: 15,
        end: 49,
        scope: {
          population: 'Palestinians',
          perpetrator: 'Syrian regime',
          period: { start: '2011' },
        },
        scopeEvidence: [
          { field: 'perpetrator', value: 'Syrian regime', text: 'The regime', start: 0, end: 10 },
          { field: 'population', value: 'Palestinians', text: 'Palestinians', start: 37, end: 49 },
          { field: 'period', value: '2011…', text: 'since 2011', start: 78, end: 88 },
        ],
      },
      {
        value: 497,
        qualifier: 'exactly',
        category: 'died_under_torture',
        quote: '497 of them under torture',
        start: 51,
        end: 76,
        // The part takes what it does not say from its whole.
        scope: {
          population: 'Palestinians',
          perpetrator: 'Syrian regime',
          period: { start: '2011' },
        },
        scopeEvidence: [
          { field: 'perpetrator', value: 'Syrian regime', text: 'The regime', start: 0, end: 10 },
          { field: 'population', value: 'Palestinians', text: 'Palestinians', start: 37, end: 49 },
          { field: 'period', value: '2011…', text: 'since 2011', start: 78, end: 88 },
        ],
      },
    ]);
    for (const claim of claims)
      for (const e of claim.scopeEvidence as { text: string; start: number; end: number }[])
        expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(Object.keys(claims[0] ?? {})).toEqual([
      'value',
      'qualifier',
      'category',
      'quote',
      'start',
      'end',
      'scope',
      'scopeEvidence',
    ]);
    // No scope key at all when the words give none.
    const bare = files.file('bare.txt', 'More than 300 were wounded.\n');
    const [line] = (await run('claims', 'extract', bare, '--json')).trim().split('\n');
    expect(Object.keys(JSON.parse(line!) as object)).toEqual([
      'value',
      'qualifier',
      'category',
      'quote',
      'start',
      'end',
    ]);
  });

  it('reads a file with a byte-order mark, giving offsets into the text after it', async () => {
    const arabic = 'وثقت الشبكة مقتل ما لا يقل عن ٣٢٠٧ لاجئين فلسطينيين';
    const file = files.file('bom.txt', '\ufeff' + arabic);
    const [line] = (await run('claims', 'extract', file, '--json')).trim().split('\n');
    const claim = JSON.parse(line ?? '{}') as {
      value: number;
      start: number;
      end: number;
      quote: string;
    };
    expect(claim.value).toBe(3207);
    expect(arabic.slice(claim.start, claim.end)).toBe(claim.quote);
  });

  it('prints a readable table without --json', async () => {
    const file = files.file('table.txt', text);
    const out = await run('claims', 'extract', file);
    expect(out).toMatch(/^value\s+qualifier\s+category\s+offsets\s+quote$/m);
    expect(out).toMatch(
      /^3,207\s+at_least\s+killed\s+15-49\s+killed at least 3,207 Palestinians$/m,
    );
    expect(out).toMatch(/2 proposed claims/);
    expect(out).toMatch(
      /^ {4}proposed scope: population=Palestinians; perpetrator=Syrian regime; period=2011…$/m,
    );
  });

  it('says so when a file states no figures', async () => {
    const file = files.file('none.txt', 'Since 1948, for 75 years.\n');
    expect(await run('claims', 'extract', file)).toMatch(/No figures found/);
    expect(await run('claims', 'extract', file, '--json')).toBe('');
  });
});
