import { describe, expect, it } from 'vitest';
import {
  captureTable,
  observedCount,
  parseCaptureCsv,
  parseStratifiedCaptureCsv,
  prepareStrata,
} from '../../src/core/stats/estimation/index.js';

describe('capture tables and strata', () => {
  it('reads capture histories in any column order, adding repeated patterns', () => {
    const t = parseCaptureCsv('count,"A",B\n5,1,0\n3,0,1\n2,1,1\n1,1,0\n');
    expect(t.lists).toEqual(['A', 'B']);
    expect([...t.counts]).toEqual([0, 6, 3, 2]);
    expect(observedCount(t)).toBe(11);
    expect(() => parseCaptureCsv('A,B,count\n0,0,3\n')).toThrow(/no list marked/);
    expect(() => parseCaptureCsv('A,B,count\n2,0,3\n')).toThrow(/0 or 1/);
  });

  it('drops from a stratum a list that covered other strata but recorded no one in it', () => {
    const csv = [
      'year,A,B,C,count',
      '2012,1,0,0,50',
      '2012,0,1,0,40',
      '2012,1,1,0,20',
      '2012,0,0,1,30',
      '2012,1,0,1,10',
      '2013,1,0,0,60',
      '2013,0,1,0,45',
      '2013,1,1,0,25',
      '2014,1,0,0,70',
    ].join('\n');
    const strata = prepareStrata(parseStratifiedCaptureCsv(csv, 'year'));
    const byKey = new Map(strata.map((s) => [s.key, s]));
    expect(byKey.get('2012')?.dropped).toEqual([]);
    expect(byKey.get('2012')?.table.lists).toEqual(['A', 'B', 'C']);
    expect(byKey.get('2013')?.dropped).toEqual(['C']);
    expect(byKey.get('2013')?.table.lists).toEqual(['A', 'B']);
    expect(byKey.get('2013')?.estimable).toBe(true);
    expect(byKey.get('2013')?.warnings.map((w) => w.code)).toEqual(['list-missing-in-stratum']);
    expect(byKey.get('2014')?.estimable).toBe(false);
    expect(byKey.get('2014')?.warnings.map((w) => w.code)).toContain('too-few-lists');
  });

  it('refuses impossible tables', () => {
    expect(() => captureTable(['A'], [])).toThrow(/two lists/);
    expect(() => captureTable(['A', 'A'], [])).toThrow(/distinct/);
  });
});
