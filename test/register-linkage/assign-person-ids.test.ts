import { describe, expect, it } from 'vitest';
import { assignPersonIds } from '../../src/services/register-linkage/assign-person-ids.js';
import { decisionInformation } from '../../src/services/register-linkage/review-queue.js';

describe('assignPersonIds', () => {
  it('keeps untouched ids and names a merge after the smallest person id', () => {
    // Records 10, 11, 12, 20; persons 10 = {10, 11}, 12 = {12}, 20 = {20}; 20 joins 12.
    const ids = [10, 11, 12, 20];
    const current = Int32Array.from([10, 10, 12, 20]);
    const clusterOf = Int32Array.from([0, 0, 2, 2]);
    const a = assignPersonIds(ids, current, clusterOf);
    expect(Array.from(a.personOf)).toEqual([10, 10, 12, 12]);
    expect(a.merges).toEqual([{ into: 12, from: [20] }]);
    expect(a.moves).toEqual([{ recordId: 20, fromPerson: 20, toPerson: 12 }]);
    expect(a.splits).toBe(0);
    expect(a.personsAfter).toBe(2);
  });

  it('gives a split-off piece a fresh id and lets the founder’s piece keep the old one', () => {
    // Person 5 = {5, 6, 7}; record 7 leaves.
    const a = assignPersonIds([5, 6, 7], Int32Array.from([5, 5, 5]), Int32Array.from([0, 0, 2]));
    expect(Array.from(a.personOf)).toEqual([5, 5, 7]);
    expect(a.splits).toBe(1);
    expect(a.merges).toEqual([]);
  });

  it('never hands out one id twice when the founder has left', () => {
    // Person 5 = {6, 7} (record 5 moved out earlier, to person 3 = {3, 5}); 6 and 7 split.
    const a = assignPersonIds(
      [3, 5, 6, 7],
      Int32Array.from([3, 3, 5, 5]),
      Int32Array.from([0, 0, 2, 3]),
    );
    expect(new Set(a.personOf).size).toBe(3);
    expect(a.personOf[0]).toBe(3);
    expect([a.personOf[2], a.personOf[3]]).toContain(5);
  });
});

describe('decisionInformation', () => {
  it('is one bit at even odds and falls towards certainty', () => {
    expect(decisionInformation(0.5)).toBeCloseTo(1);
    expect(decisionInformation(0.9)).toBeLessThan(decisionInformation(0.6));
    expect(decisionInformation(1)).toBe(0);
  });
});
