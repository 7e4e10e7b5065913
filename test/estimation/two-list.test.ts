import { describe, expect, it } from 'vitest';
import {
  chapman,
  chiSquare1Quantile,
  lincolnPetersen,
  listTotal,
  normalQuantile,
  pairOverlap,
} from '../../src/core/stats/estimation/index.js';
import { pairEstimates } from '../../src/services/estimation/index.js';
import { kosovo, referenceRows, relativeError, SIX_DIGITS } from './reference-data.js';

const table = kosovo();

describe('two-list estimates on the Kosovo table, against R', () => {
  it('matches Lincoln–Petersen, Chapman and its variance for every pair', () => {
    const rows = referenceRows('two_list_estimates.csv');
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const a = table.lists.indexOf(String(row.list1));
      const b = table.lists.indexOf(String(row.list2));
      const c = {
        n1: listTotal(table, a),
        n2: listTotal(table, b),
        both: pairOverlap(table, a, b),
      };
      expect([c.n1, c.n2, c.both]).toEqual([row.n1, row.n2, row.m]);
      expect(c.n1 + c.n2 - c.both).toBe(row.union);
      const lp = lincolnPetersen(c);
      const ch = chapman(c);
      expect(relativeError(lp.estimate, Number(row.LP))).toBeLessThan(SIX_DIGITS);
      expect(relativeError(ch.estimate, Number(row.Chapman))).toBeLessThan(SIX_DIGITS);
      expect(relativeError(ch.variance, Number(row.Chapman_var))).toBeLessThan(SIX_DIGITS);
      expect(relativeError(ch.standardError, Number(row.Chapman_se))).toBeLessThan(SIX_DIGITS);
      expect(ch.lower).toBeGreaterThan(Number(row.union));
      expect(ch.lower).toBeLessThan(ch.estimate);
      expect(ch.upper).toBeGreaterThan(ch.estimate);
    }
    expect(pairEstimates(table)).toHaveLength(6);
  });

  it('handles lists that share nobody', () => {
    const none = { n1: 10, n2: 20, both: 0 };
    expect(lincolnPetersen(none).estimate).toBe(Infinity);
    expect(lincolnPetersen(none).upper).toBe(Infinity);
    expect(chapman(none).estimate).toBe(230);
  });

  it('has the normal and chi-square quantiles R has', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(chiSquare1Quantile(0.95)).toBeCloseTo(3.841458820694124, 13);
  });
});
