import { describe, expect, it } from 'vitest';
import { generateCandidatePairs, type BlockingOptions } from './blocking.js';
import { blockPartition, partitionIndex, partitionPairs } from './partitions.js';
import { prepareRecords } from './record-preparer.js';
import { generateSynthetic } from './synth.js';
import { buildLinkRecord } from './test-records.js';

const synthetic = prepareRecords(
  generateSynthetic({ records: 3000, sources: 3, seed: 7 }).map((r) => ({ ...r, place: '' })),
);

/** Checks that partitions split the single-process candidate set exactly. */
function expectExactSplit(
  records: ReturnType<typeof prepareRecords>,
  partitions: number,
  options: BlockingOptions,
): void {
  const all = generateCandidatePairs(records, undefined, options);
  const index = partitionIndex(records, partitions, options);
  const position = new Map<number, number>();
  for (let p = 0; p < all.left.length; p++)
    position.set((all.left[p] ?? 0) * records.count + (all.right[p] ?? 0), p);
  const seen = new Int32Array(all.left.length).fill(-1);
  let total = 0;
  for (let k = 0; k < partitions; k++) {
    const part = partitionPairs(index, k);
    total += part.left.length;
    for (let p = 0; p < part.left.length; p++) {
      if (p > 0) {
        const before = (part.left[p - 1] ?? 0) * records.count + (part.right[p - 1] ?? 0);
        expect((part.left[p] ?? 0) * records.count + (part.right[p] ?? 0)).toBeGreaterThan(before);
      }
      const at = position.get((part.left[p] ?? 0) * records.count + (part.right[p] ?? 0));
      // Every pair of a partition is a candidate pair of the single-process run …
      expect(at).toBeDefined();
      // … in no other partition, with the same rule bits.
      expect(seen[at ?? 0]).toBe(-1);
      seen[at ?? 0] = k;
      expect(part.rules[p]).toBe(all.rules[at ?? 0]);
    }
  }
  // The union is the whole candidate set.
  expect(total).toBe(all.left.length);
  expect(seen.every((k) => k >= 0)).toBe(true);
}

describe('comparison partitions', () => {
  it('split the candidate pairs of a synthetic register exactly, for any number of partitions', () => {
    for (const partitions of [1, 2, 7, 16])
      expectExactSplit(synthetic, partitions, { maxBlockSize: 30, window: 8 });
  });

  it('split exactly when most blocks are oversized (sliding windows, initiating rules)', () => {
    expectExactSplit(synthetic, 5, { maxBlockSize: 3, window: 2 });
  });

  it('split exactly on a block of one common name', () => {
    const records = prepareRecords(
      Array.from({ length: 400 }, (_, i) =>
        buildLinkRecord({
          recordId: String(i),
          source: i % 2 === 0 ? 'a' : 'b',
          name: i % 3 === 0 ? 'محمد احمد النجار' : 'محمد احمد محمد النجار',
          nameLatin: i % 5 === 0 ? 'Mohammed Ahmad al-Najjar' : '',
          sex: 'm',
          age: String(20 + (i % 40)),
        }),
      ),
    );
    expectExactSplit(records, 4, { maxBlockSize: 30, window: 8 });
  });

  it('spreads blocks over partitions', () => {
    const index = partitionIndex(synthetic, 8);
    const sizes = Array.from({ length: 8 }, (_, k) => partitionPairs(index, k).left.length);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(blockPartition(3, [17, 4, 99], 8)).toBe(blockPartition(3, Int32Array.of(17, 4, 99), 8));
    expect(() => partitionPairs(index, 8)).toThrow();
  });
});
