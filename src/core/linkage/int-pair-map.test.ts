import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntPairMap, lookup } from './int-pair-map.js';

describe('IntPairMap', () => {
  it('agrees with a Map on dense ids and sums while growing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), {
          maxLength: 400,
        }),
        (pairs) => {
          const map = new IntPairMap(1);
          const ids = new Map<string, number>();
          const sums = new Map<string, number>();
          for (const [a, b] of pairs) {
            const key = `${a},${b}`;
            if (!ids.has(key)) ids.set(key, ids.size);
            expect(map.denseId(a, b)).toBe(ids.get(key));
            map.add(a, b, 1);
            sums.set(key, (sums.get(key) ?? 0) + 1);
          }
          expect(map.size).toBe(ids.size);
          for (const [key, sum] of sums) {
            const [a, b] = key.split(',').map(Number) as [number, number];
            expect(lookup(map.table, a, b, -1)).toBe(sum);
          }
          expect(lookup(map.table, 41, 0, -1)).toBe(-1);
        },
      ),
    );
  });
});
