import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radixGroup } from './radix-group.js';

describe('radixGroup', () => {
  it('puts exactly the records with equal keys together, in input order', () => {
    const component = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.boolean(), component, component, component, component), {
          maxLength: 60,
        }),
        (width, rows) => {
          const keys = new Int32Array(rows.length * 4);
          const present = new Uint8Array(rows.length);
          rows.forEach(([p, a, b, c, d], i) => {
            present[i] = p ? 1 : 0;
            keys.set([a, b, c, d], i * 4);
          });
          const { order, start } = radixGroup(keys, present, width, 4);
          const keyOf = (i: number): string =>
            Array.from(keys.subarray(i * 4, i * 4 + width)).join(',');
          const expected = new Map<string, number[]>();
          rows.forEach(([p], i) => {
            if (!p) return;
            const list = expected.get(keyOf(i)) ?? [];
            list.push(i);
            expected.set(keyOf(i), list);
          });
          const groups: number[][] = [];
          for (let g = 0; g + 1 < start.length; g++)
            groups.push(Array.from(order.subarray(start[g], start[g + 1])));
          expect(groups.length).toBe(expected.size);
          for (const group of groups) expect(group).toEqual(expected.get(keyOf(group[0] ?? 0)));
        },
      ),
    );
  });
});
