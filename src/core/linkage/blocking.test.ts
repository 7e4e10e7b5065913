import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKING_RULES, generateCandidatePairs } from './blocking.js';
import { prepareRecords } from './record-preparer.js';
import { buildLinkRecord } from './test-records.js';

/** Names of the rules that proposed the pair of records a and b, or undefined when none did. */
function rulesFor(
  c: ReturnType<typeof generateCandidatePairs>,
  a: number,
  b: number,
): string[] | undefined {
  for (let p = 0; p < c.left.length; p++)
    if (c.left[p] === Math.min(a, b) && c.right[p] === Math.max(a, b))
      return c.ruleNames.filter((_, r) => ((c.rules[p] ?? 0) & (1 << r)) !== 0);
  return undefined;
}

describe('blocking rules for short and Latin-script names', () => {
  it('meets a short form whose given name lost its last letter in a PDF export', () => {
    const records = prepareRecords([
      buildLinkRecord({ source: 'moh', recordId: '1', name: 'بشي حمدى اسماعيل بركات', sex: 'm' }),
      buildLinkRecord({ source: 'monitor', recordId: '2', nameLatin: 'Basheer Brkat', sex: 'm' }),
      buildLinkRecord({ source: 'monitor', recordId: '3', name: 'زهير ابوشماله', sex: 'm' }),
      buildLinkRecord({ source: 'moh', recordId: '4', name: 'زهي نايف محمود ابوشماله', sex: 'm' }),
    ]);
    const c = generateCandidatePairs(records);
    expect(rulesFor(c, 0, 1)).toContain('skeleton-family-near-given');
    expect(rulesFor(c, 2, 3)).toContain('skeleton-family-near-given');
  });

  it('meets a Latin family name written with another vowel after the article', () => {
    const records = prepareRecords([
      buildLinkRecord({ source: 'moh', recordId: '1', name: 'وفاء على أحمد المغاري', sex: 'f' }),
      buildLinkRecord({ source: 'monitor', recordId: '2', nameLatin: 'Wafaa Alamghari', sex: 'f' }),
    ]);
    expect(rulesFor(generateCandidatePairs(records), 0, 1)).toContain('skeleton-given-family');
  });

  it('costs a short form at most its neighbours in a family block of any size', () => {
    // 300 full names sharing a family name, given names spread over the alphabet, and one
    // Latin short form: the near rules compare it with 2 neighbours on either side only.
    const given = ['باسل', 'جميل', 'حسن', 'خالد', 'رامي', 'سامي', 'طارق', 'فادي', 'كمال', 'مازن'];
    const records = prepareRecords([
      ...Array.from({ length: 300 }, (_, i) =>
        buildLinkRecord({
          source: 'moh',
          recordId: String(i),
          name: `${given[i % given.length] ?? ''} محمد احمد النجار`,
          sex: 'm',
          age: String(20 + (i % 50)),
        }),
      ),
      buildLinkRecord({ source: 'monitor', recordId: 'x', nameLatin: 'Zaki al-Najjar', sex: 'm' }),
    ]);
    const c = generateCandidatePairs(records);
    const short = 300;
    const near = DEFAULT_BLOCKING_RULES.filter((r) => r.neighbours !== undefined);
    expect(near.map((r) => r.name)).toEqual([
      'skeleton-family-near-given',
      'skeleton-given-near-family',
    ]);
    let withShort = 0;
    for (let p = 0; p < c.left.length; p++) if (c.right[p] === short) withShort++;
    // At most 2 × 2 neighbours per near rule; the other rules need the given name's skeleton.
    expect(withShort).toBeGreaterThan(0);
    expect(withShort).toBeLessThanOrEqual(near.length * 4);
  });
});
