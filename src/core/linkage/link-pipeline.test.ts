import { describe, expect, it } from 'vitest';
import { generateCandidatePairs } from './blocking.js';
import { evaluateLinkage } from './evaluation.js';
import { compareRecords, COMPARISON_FIELDS } from './compare-records.js';
import { linkRecords } from './link-pipeline.js';
import { nameFrequencies } from './name-frequencies.js';
import { prepareRecords } from './record-preparer.js';
import { generateSynthetic } from './synth.js';
import { buildLinkRecord } from './test-records.js';
import { compareRange, sampleBlockPairs } from './training.js';

describe('blocking', () => {
  it('stays linear on a common name and reports the oversized block', () => {
    const records = prepareRecords(
      Array.from({ length: 2000 }, (_, i) =>
        buildLinkRecord({ recordId: String(i), name: 'محمد احمد محمد النجار', sex: 'm' }),
      ),
    );
    const c = generateCandidatePairs(records, undefined, { maxBlockSize: 100, window: 5 });
    // Pairs come out distinct and sorted.
    for (let p = 1; p < c.left.length; p++) {
      const before = (c.left[p - 1] ?? 0) * 1e7 + (c.right[p - 1] ?? 0);
      expect((c.left[p] ?? 0) * 1e7 + (c.right[p] ?? 0)).toBeGreaterThan(before);
    }
    expect(c.left.length).toBeLessThan(2000 * 5 * 8);
    expect(c.oversized.length).toBeGreaterThan(0);
  });
});

describe('comparison', () => {
  it('treats default birth dates and ages as missing', () => {
    const records = prepareRecords([
      buildLinkRecord({ name: 'سعاد محمد جوده', birthDate: '2000-01-01' }),
      buildLinkRecord({ name: 'سعاد محمد جوده', age: '20' }),
    ]);
    const birth = COMPARISON_FIELDS.findIndex((f) => f.name === 'birth');
    expect(compareRecords(records, nameFrequencies(records), 0, 1).levels[birth]).toBe(0);
  });

  it('joins compounds the normaliser did not know, and is symmetric', () => {
    const records = prepareRecords([
      buildLinkRecord({ recordId: '1', name: 'يامن كفاح محمد الحلو', age: '30' }),
      buildLinkRecord({ recordId: '2', name: 'يامنكفاح محمد الحلو', age: '31' }),
      buildLinkRecord({ recordId: '3', nameLatin: 'Mohammed Ali al-Helou', sex: 'm' }),
      buildLinkRecord({ recordId: '4', name: 'محمد علي الحلو', sex: 'm' }),
      buildLinkRecord({ recordId: '5', nameLatin: 'Mohamad Ali Helou', sex: 'm' }),
    ]);
    const freq = nameFrequencies(records);
    const left = Uint32Array.of(0, 0, 1, 2, 2, 3);
    const right = Uint32Array.of(1, 3, 4, 3, 4, 4);
    const forward = compareRange(records, freq, left, right);
    const backward = compareRange(records, freq, right, left);
    expect(Array.from(backward.levels)).toEqual(Array.from(forward.levels));
    // The joined compound agrees exactly on the given name.
    expect(forward.levels[0]).toBe(1);
    // A Latin spelling agrees with the Arabic on every part both have (no grandfather).
    expect(Array.from(forward.levels.subarray(3 * 8, 3 * 8 + 4))).toEqual([1, 1, 0, 1]);
  });
});

describe('training pairs', () => {
  it('lists every pair of a small rule and samples a large one uniformly', () => {
    const records = prepareRecords(
      Array.from({ length: 300 }, (_, i) =>
        buildLinkRecord({
          recordId: String(i),
          name: 'محمد علي',
          birthDate: `1990-01-0${(i % 3) + 1}`,
        }),
      ),
    );
    const rule = {
      name: 'birth',
      description: 'same birth date',
      keyIsText: false,
      key: (r: typeof records, i: number, out: Int32Array) => {
        out[0] = r.birth[i] ?? 0;
        return 1;
      },
      sortKey: () => 0,
    };
    const all = sampleBlockPairs(records, rule, 1_000_000, 1);
    expect(all.total).toBe(3 * ((100 * 99) / 2));
    expect(all.left.length).toBe(all.total);
    const some = sampleBlockPairs(records, rule, 1000, 1);
    expect(some.total).toBe(all.total);
    expect(some.left.length).toBe(1000);
    for (let p = 0; p < 1000; p++) {
      const a = some.left[p] ?? 0;
      const b = some.right[p] ?? 0;
      expect(a).not.toBe(b);
      expect(records.birth[a]).toBe(records.birth[b]);
    }
  });
});

describe('linkRecords', () => {
  it('links synthetic lists well and keeps every record', async () => {
    const rows = generateSynthetic({ records: 3000, sources: 3, seed: 7 });
    const result = await linkRecords(rows.map((r) => buildLinkRecord(r)));
    expect(result.clusterOf.length).toBe(rows.length);
    const e = evaluateLinkage(
      rows,
      rows.map((r, i) => ({
        source: r.source,
        recordId: r.recordId,
        clusterId: String(result.clusterOf[i]),
      })),
    );
    expect(e.precision).toBeGreaterThan(0.98);
    // The monitor's "given family" short forms of common names stay ambiguous: see
    // METHODOLOGY.md (seeds 1, 2, 3 and 7 give 0.944–0.959).
    expect(e.recall).toBeGreaterThan(0.92);
  });

  it('copes with bad input: no rows, one row, placeholders only, identical rows', async () => {
    expect((await linkRecords([])).clusterOf.length).toBe(0);
    expect((await linkRecords([buildLinkRecord({ name: 'احمد' })])).report.clusters).toBe(1);
    const placeholders = Array.from({ length: 50 }, (_, i) =>
      buildLinkRecord({ recordId: String(i), name: 'مجهول', sex: 'm', birthDate: '1990-05-05' }),
    );
    expect((await linkRecords(placeholders)).report.clusters).toBe(50);
    const same = Array.from({ length: 500 }, (_, i) =>
      buildLinkRecord({ recordId: String(i), name: 'محمد احمد علي النجار', sex: 'm', age: '30' }),
    );
    const r = await linkRecords(same);
    const sizes = new Map<number, number>();
    for (const c of r.clusterOf) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(40);
  });

  it('is deterministic and seeded', () => {
    const a = generateSynthetic({ records: 500, sources: 4, seed: 3 });
    const b = generateSynthetic({ records: 500, sources: 4, seed: 3 });
    expect(b).toEqual(a);
    expect(generateSynthetic({ records: 500, sources: 4, seed: 4 })).not.toEqual(a);
  });
});
