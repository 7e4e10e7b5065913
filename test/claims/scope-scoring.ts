import type { ExtractedClaim, ProposedScope } from '../../src/core/claims/index.js';

/** A scope as field=value pairs: population, place.country…, perpetrator, period.start/end, asOf. */
export function scopePairs(scope: ProposedScope | undefined): string[] {
  if (!scope) return [];
  const pairs: string[] = [];
  if (scope.population) pairs.push(`population=${scope.population}`);
  for (const [level, value] of Object.entries(scope.place ?? {}))
    if (value) pairs.push(`place.${level}=${value}`);
  if (scope.perpetrator) pairs.push(`perpetrator=${scope.perpetrator}`);
  if (scope.period?.start) pairs.push(`period.start=${scope.period.start}`);
  if (scope.period?.end) pairs.push(`period.end=${scope.period.end}`);
  if (scope.asOf) pairs.push(`asOf=${scope.asOf}`);
  return pairs.map((p) => p.toLowerCase());
}

/** Counts of scope parts found right, found wrong (or not there) and missed. */
export interface ScopeScore {
  tp: number;
  fp: number;
  fn: number;
}

export function scoreScope(
  found: ProposedScope | undefined,
  expected: ProposedScope,
  into: ScopeScore,
): void {
  const want = scopePairs(expected);
  for (const pair of scopePairs(found)) {
    const i = want.indexOf(pair);
    if (i >= 0) {
      into.tp++;
      want.splice(i, 1);
    } else into.fp++;
  }
  into.fn += want.length;
}

export const precision = (s: ScopeScore) => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
export const recall = (s: ScopeScore) => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

/** Every piece of evidence is the exact text at its offsets and supports a value in the scope. */
export function evidenceHolds(text: string, claim: ExtractedClaim): boolean {
  const pairs = new Set(scopePairs(claim.scope).map((p) => p.split('=')[0]));
  for (const e of claim.scopeEvidence ?? []) {
    if (text.slice(e.start, e.end) !== e.text) return false;
    const field = e.field === 'period' ? null : e.field.toLowerCase();
    if (field !== null && !pairs.has(field)) return false;
  }
  // And every value in the scope has evidence.
  const fields = new Set(
    (claim.scopeEvidence ?? []).map((e) =>
      e.field === 'period' ? 'period' : e.field.toLowerCase(),
    ),
  );
  for (const pair of pairs) {
    const field = pair!.startsWith('period.') ? 'period' : pair!;
    if (!fields.has(field)) return false;
  }
  return true;
}
