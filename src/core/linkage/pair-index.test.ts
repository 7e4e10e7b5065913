import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairIndex } from './pair-index.js';

describe('pairIndex', () => {
  it('finds exactly the candidate pairs, in either order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 29 })), {
          selector: ([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`,
          maxLength: 80,
        }),
        (raw) => {
          const pairs = raw
            .filter(([a, b]) => a !== b)
            .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
            .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
          const left = Uint32Array.from(pairs, (p) => p[0]);
          const right = Uint32Array.from(pairs, (p) => p[1]);
          const index = pairIndex(30, left, right);
          const at = new Map(pairs.map((p, k) => [`${p[0]},${p[1]}`, k]));
          for (let a = 0; a < 30; a++)
            for (let b = 0; b < 30; b++) {
              const k = at.get(`${Math.min(a, b)},${Math.max(a, b)}`) ?? -1;
              expect(index.find(a, b)).toBe(a === b ? -1 : k);
            }
        },
      ),
      { numRuns: 50 },
    );
  });
});
