import { describe, expect, it } from 'vitest';
import { evaluateBySourcePair, evaluateLinkage } from './evaluation.js';

const truth = [
  { source: 'a', recordId: '1', entity: 'x' },
  { source: 'b', recordId: '1', entity: 'x' },
  { source: 'b', recordId: '2', entity: 'x' },
  { source: 'a', recordId: '2', entity: 'y' },
  { source: 'b', recordId: '3', entity: 'y' },
];
const prediction = [
  { source: 'a', recordId: '1', clusterId: 'p1' },
  { source: 'b', recordId: '1', clusterId: 'p1' },
  { source: 'b', recordId: '2', clusterId: 'p2' },
  { source: 'a', recordId: '2', clusterId: 'p2' },
  { source: 'b', recordId: '3', clusterId: 'p3' },
];

describe('evaluation by pair of sources', () => {
  it('splits the pairwise figures by list and adds up to the whole', () => {
    const all = evaluateLinkage(truth, prediction);
    const parts = evaluateBySourcePair(truth, prediction);
    expect(parts.map((p) => [p.a, p.b, p.truePairs, p.predictedPairs, p.truePositives])).toEqual([
      ['a', 'b', 3, 2, 1],
      ['b', 'b', 1, 0, 0],
    ]);
    expect(parts.reduce((s, p) => s + p.truePairs, 0)).toBe(all.truePairs);
    expect(parts.reduce((s, p) => s + p.predictedPairs, 0)).toBe(all.predictedPairs);
    expect(parts.reduce((s, p) => s + p.truePositives, 0)).toBe(all.truePositives);
  });
});
