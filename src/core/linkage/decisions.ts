/**
 * Human decisions on pairs of records. A "same" decision always holds and a
 * "different" decision is never overridden by the model. Storage (who, when, audit)
 * belongs to the register; linkage only needs to read them.
 */
export interface PairDecision {
  /** Index of the first record in the linked batch. */
  readonly a: number;
  /** Index of the second record. */
  readonly b: number;
  readonly same: boolean;
}

/** Where decisions come from (the store, a CSV of reviewed pairs, a test). */
export interface DecisionSource {
  /** Decisions concerning the given records, by record key (source + record id). */
  decisionsFor(keys: readonly string[]): Promise<readonly KeyedDecision[]>;
}

/** A decision keyed by stable record keys rather than batch indices. */
export interface KeyedDecision {
  readonly keyA: string;
  readonly keyB: string;
  readonly same: boolean;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
}

/** Maps keyed decisions onto batch indices; decisions about absent records are dropped. */
export function indexDecisions(
  keys: readonly string[],
  decisions: readonly KeyedDecision[],
): PairDecision[] {
  const index = new Map<string, number>();
  keys.forEach((k, i) => index.set(k, i));
  const out: PairDecision[] = [];
  for (const d of decisions) {
    const a = index.get(d.keyA);
    const b = index.get(d.keyB);
    if (a !== undefined && b !== undefined && a !== b) out.push({ a, b, same: d.same });
  }
  return out;
}
