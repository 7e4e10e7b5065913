import { describe, expect, it } from 'vitest';
import { linkWithConstraints } from './constrained-link.js';
import { generateSynthetic } from './synth.js';

describe('linking under the register’s constraints', () => {
  it('attaches only fresh records left alone, and changes nothing else', async () => {
    const inputs = generateSynthetic({ records: 1500, sources: 3, seed: 11 }).map((r) => ({
      ...r,
      place: '',
    }));
    const lastSource = inputs.at(-1)!.source;
    // Every list but the last is linked already, each record its own person; the last is new.
    const constraints = {
      groups: Int32Array.from(inputs, (_, i) => i),
      fresh: Uint8Array.from(inputs, (r) => (r.source === lastSource ? 1 : 0)),
    };
    const withAttach = await linkWithConstraints(inputs, constraints);
    const without = await linkWithConstraints(inputs, constraints, { attach: false });
    expect(withAttach.report.attached).toBeGreaterThan(0);
    expect(without.report.attached).toBe(0);

    const size = new Map<number, number>();
    for (const c of without.clusterOf) size.set(c, (size.get(c) ?? 0) + 1);
    const members = new Map<number, number[]>();
    withAttach.clusterOf.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), i]));
    let joined = 0;
    for (const list of members.values()) {
      // A cluster of the attaching run is one cluster of the other run plus records that were
      // alone there and fresh.
      const before = [...new Set(list.map((i) => without.clusterOf[i]!))];
      const freshAlone = before.filter((c) => size.get(c) === 1 && constraints.fresh[c] === 1);
      expect(freshAlone.length).toBeGreaterThanOrEqual(before.length - 1);
      joined += before.length - 1;
    }
    expect(joined).toBe(withAttach.report.attached);
  });
});
