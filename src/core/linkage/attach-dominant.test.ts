import { describe, expect, it } from 'vitest';
import { attachDominant } from './attach-dominant.js';
import { prepareRecords } from './record-preparer.js';
import { buildLinkRecord } from './test-records.js';

/**
 * Record 0 is a short form from list "m", alone after clustering; records 1–2 are one
 * person (lists a and b), records 3–4 another. Candidate pairs: 0–1 and 0–3.
 */
function scene(weightToFirst: number, weightToSecond: number, secondList = 'c') {
  const records = prepareRecords([
    buildLinkRecord({ source: 'm', nameLatin: 'Ahmed Sharaf' }),
    buildLinkRecord({ source: 'a', name: 'احمد رمضان مصطفى شرف' }),
    buildLinkRecord({ source: 'b', name: 'احمد رمضان مصطفى شرف' }),
    buildLinkRecord({ source: secondList, name: 'احمد خليل محمود شرف' }),
    buildLinkRecord({ source: 'd', name: 'احمد خليل محمود شرف' }),
  ]);
  const weights: Record<string, number> = {
    '0-1': weightToFirst,
    '0-2': weightToFirst - 20,
    '0-3': weightToSecond,
    '0-4': weightToSecond,
  };
  const scorePair = (a: number, b: number): number =>
    weights[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? -30;
  const left = Uint32Array.of(0, 0);
  const right = Uint32Array.of(1, 3);
  const pairWeights = Float32Array.of(weightToFirst, weightToSecond);
  const clusterOf = Int32Array.of(0, 1, 1, 3, 3);
  return { records, scorePair, left, right, pairWeights, clusterOf };
}

/** attachDominant on a scene, with no decisions and the default options. */
function attachIn(s: ReturnType<typeof scene>, movable?: (record: number) => boolean) {
  return attachDominant(
    s.records,
    s.clusterOf,
    s.left,
    s.right,
    s.pairWeights,
    s.scorePair,
    [],
    undefined,
    movable,
  );
}

describe('attaching records left alone', () => {
  it('joins the one plausible person, even below the link threshold and despite a typo in one of its records', () => {
    const s = scene(-1, -12);
    const r = attachIn(s);
    expect(r.attached).toBe(1);
    expect(Array.from(r.clusterOf)).toEqual([0, 0, 0, 3, 3]);
  });

  it('moves only the records it is allowed to (the register: those no run has linked)', () => {
    const s = scene(-1, -12);
    const attach = (movable: (record: number) => boolean) => attachIn(s, movable);
    expect(attach((r) => r !== 0).attached).toBe(0);
    expect(Array.from(attach((r) => r !== 0).clusterOf)).toEqual([0, 1, 1, 3, 3]);
    expect(attach((r) => r === 0).attached).toBe(1);
  });

  it('leaves a record alone between two equally plausible persons', () => {
    const s = scene(1, 0.5);
    const r = attachIn(s);
    expect(r.attached).toBe(0);
    expect(r.clusterOf[0]).toBe(0);
  });

  it('never attaches against the model, to a person already in the same list, or across a "different" decision', () => {
    const weak = scene(-5, -20);
    expect(
      attachDominant(
        weak.records,
        weak.clusterOf,
        weak.left,
        weak.right,
        weak.pairWeights,
        weak.scorePair,
        [],
      ).attached,
    ).toBe(0);
    const sameList = scene(-20, 1, 'm');
    expect(
      attachDominant(
        sameList.records,
        sameList.clusterOf,
        sameList.left,
        sameList.right,
        sameList.pairWeights,
        sameList.scorePair,
        [],
      ).attached,
    ).toBe(0);
    const decided = scene(1, -20);
    expect(
      attachDominant(
        decided.records,
        decided.clusterOf,
        decided.left,
        decided.right,
        decided.pairWeights,
        decided.scorePair,
        [{ a: 0, b: 2, same: false }],
      ).attached,
    ).toBe(0);
  });
});
