import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/core/claims/index.js';
import { heldOutScopeCases } from './fixtures/held-out-scopes.js';
import { evidenceHolds, precision, recall, scoreScope, type ScopeScore } from './scope-scoring.js';

/**
 * Claim scopes on sentences written before the scope rules were (see the fixture), scored part
 * by part (population, each place level, perpetrator, period start and end, as-of date).
 */
describe('claim scopes on held-out sentences', () => {
  const score: ScopeScore = { tp: 0, fp: 0, fn: 0 };
  let missingFigures = 0;
  for (const c of heldOutScopeCases) {
    const claim = extractClaims(c.text).find((x) => x.value === c.value);
    if (!claim) missingFigures++;
    scoreScope(claim?.scope, c.scope, score);
  }

  it('has at least 30 sentences, in English and Arabic', () => {
    expect(new Set(heldOutScopeCases.map((c) => c.text)).size).toBeGreaterThanOrEqual(30);
    expect(
      heldOutScopeCases.filter((c) => /[\u0600-\u06ff]/u.test(c.text)).length,
    ).toBeGreaterThanOrEqual(12);
  });

  it('gives every scope part with the exact words it came from', () => {
    for (const c of heldOutScopeCases)
      for (const claim of extractClaims(c.text))
        expect(evidenceHolds(c.text, claim), c.text).toBe(true);
  });

  it('stays above the precision and recall measured when the rules were first run on them', () => {
    // Measured the first time the finished rules ran on these sentences: 102 parts right,
    // 4 wrong, 2 missed (precision 0.962, recall 0.981). The wrong ones: "government forces"
    // read as the Syrian regime where the sentence does not say whose; "the first half of
    // 2018" read as 2018 (the fixture, written beforehand, gives no period there); "children"
    // for a whole of which children are a part; the missed: "prisoners" (not a population
    // word) and "Lebanon hosts" (a country without "in").
    expect(missingFigures).toBe(0);
    expect(precision(score)).toBeGreaterThanOrEqual(0.94);
    expect(recall(score)).toBeGreaterThanOrEqual(0.95);
  });
});
