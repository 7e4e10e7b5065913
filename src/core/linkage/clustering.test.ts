import { describe, expect, it } from 'vitest';
import { clusterRecords, DEFAULT_CLUSTER_OPTIONS } from './clustering.js';

const score = (table: Record<string, number>) => (a: number, b: number) =>
  table[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? -20;

describe('clusterRecords', () => {
  it('does not chain namesakes through a record that matches both', () => {
    // 0 and 2 are namesakes born years apart; 1 has no birth date and matches either.
    const pairs = { '0-1': 10, '1-2': 9, '0-2': -12 };
    const links = [
      { a: 0, b: 1, weight: 10 },
      { a: 1, b: 2, weight: 9 },
    ];
    const r = clusterRecords(3, links, score(pairs));
    expect(r.clusterOf[0]).toBe(r.clusterOf[1]);
    expect(r.clusterOf[2]).not.toBe(r.clusterOf[0]);
    expect(r.report.refusedByVeto).toBe(1);
  });

  it('never overrides a "different" decision and always keeps a "same" one', () => {
    const links = [{ a: 0, b: 1, weight: 30 }];
    const different = clusterRecords(3, links, score({ '0-1': 30 }), [{ a: 0, b: 1, same: false }]);
    expect(different.clusterOf[0]).not.toBe(different.clusterOf[1]);
    const same = clusterRecords(3, [], score({}), [{ a: 0, b: 2, same: true }]);
    expect(same.clusterOf[0]).toBe(same.clusterOf[2]);
  });

  it('caps cluster size', () => {
    const n = 100;
    const links = Array.from({ length: n - 1 }, (_, i) => ({ a: i, b: i + 1, weight: 20 }));
    const r = clusterRecords(n, links, () => 20, [], {
      ...DEFAULT_CLUSTER_OPTIONS,
      maxClusterSize: 10,
    });
    const sizes = new Map<number, number>();
    for (const c of r.clusterOf) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(10);
  });

  it('joins two records of one list only on a link of their own', () => {
    // 0 and 2 are in list 0, 1 in list 1: 0–1 and 1–2 link, 0–2 is weak but not vetoed.
    const pairs = { '0-1': 10, '1-2': 9, '0-2': 1 };
    const links = [
      { a: 0, b: 1, weight: 10 },
      { a: 1, b: 2, weight: 9 },
    ];
    const lists = Int32Array.of(0, 1, 0);
    const r = clusterRecords(3, links, score(pairs), [], DEFAULT_CLUSTER_OPTIONS, lists);
    expect(r.clusterOf[0]).toBe(r.clusterOf[1]);
    expect(r.clusterOf[2]).not.toBe(r.clusterOf[0]);
    expect(r.report.refusedBySameList).toBe(1);
    // Without lists the weak pair only has to clear the veto and the average.
    expect(clusterRecords(3, links, score(pairs)).clusterOf[2]).toBe(0);
  });
});
