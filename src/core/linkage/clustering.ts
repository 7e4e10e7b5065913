import type { PairDecision } from './decisions.js';

/** A scored candidate link between two records. */
export interface ScoredLink {
  readonly a: number;
  readonly b: number;
  /** Match weight (log2 odds). */
  readonly weight: number;
}

/** Clustering settings (weights are log2 odds). */
export interface ClusterOptions {
  /** A link must reach this weight to be considered. */
  readonly threshold: number;
  /** Two clusters are not merged when any compared cross pair scores below this. */
  readonly vetoWeight: number;
  /** Two clusters are merged only when their cross pairs average at least this. */
  readonly averageWeight: number;
  /** No cluster grows beyond this (a guard against giants; such refusals are reported). */
  readonly maxClusterSize: number;
  /** At most this many cross pairs are scored when checking a merge. */
  readonly maxCrossPairs: number;
}

/** Defaults chosen on one held-out release pair (see docs/METHODOLOGY.md). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 2,
  vetoWeight: -3,
  averageWeight: 2,
  maxClusterSize: 40,
  maxCrossPairs: 64,
};

/** What clustering did, for the run report. */
export interface ClusterReport {
  readonly linksConsidered: number;
  readonly merges: number;
  readonly refusedByDecision: number;
  readonly refusedByVeto: number;
  readonly refusedByAverage: number;
  readonly refusedBySize: number;
  /** "Same" decisions that contradicted "different" decisions (the "different" won). */
  readonly conflictingDecisions: number;
}

/** Result: a cluster number per record (the smallest record index in its cluster). */
export interface ClusterResult {
  readonly clusterOf: Int32Array;
  readonly report: ClusterReport;
}

/**
 * Greedy constrained agglomeration. "Same" decisions are applied first and always
 * hold; links are then taken strongest first, and two clusters merge only when no
 * "different" decision separates them and the merge is supported by the pairs
 * across them, not just by the one link: no cross pair may be strongly against
 * (`vetoWeight`) and their average must reach `averageWeight`. This stops the
 * chaining that single-linkage suffers (A≈B, B≈C, but A and C are namesakes born
 * years apart). `scorePair` scores any two records on demand.
 */
export function clusterRecords(
  recordCount: number,
  links: readonly ScoredLink[],
  scorePair: (a: number, b: number) => number,
  decisions: readonly PairDecision[] = [],
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): ClusterResult {
  const parent = new Int32Array(recordCount);
  for (let i = 0; i < recordCount; i++) parent[i] = i;
  const members: number[][] = Array.from({ length: recordCount }, (_, i) => [i]);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    // Path compression.
    while (parent[x] !== r) {
      const next = parent[x] ?? r;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const cannot = new Map<number, number[]>();
  for (const d of decisions) {
    if (d.same) continue;
    (cannot.get(d.a) ?? cannot.set(d.a, []).get(d.a))?.push(d.b);
    (cannot.get(d.b) ?? cannot.set(d.b, []).get(d.b))?.push(d.a);
  }
  const separated = (ra: number, rb: number): boolean => {
    const small = (members[ra]?.length ?? 0) <= (members[rb]?.length ?? 0) ? ra : rb;
    const other = small === ra ? rb : ra;
    for (const x of members[small] ?? [])
      for (const y of cannot.get(x) ?? []) if (find(y) === other) return true;
    return false;
  };
  const union = (ra: number, rb: number): void => {
    const ma = members[ra] ?? [];
    const mb = members[rb] ?? [];
    const [big, small, bigList, smallList] =
      ma.length >= mb.length ? [ra, rb, ma, mb] : [rb, ra, mb, ma];
    parent[small] = big;
    for (const x of smallList) bigList.push(x);
    members[small] = [];
  };

  let conflictingDecisions = 0;
  for (const d of decisions) {
    if (!d.same) continue;
    const ra = find(d.a);
    const rb = find(d.b);
    if (ra === rb) continue;
    if (separated(ra, rb)) conflictingDecisions++;
    else union(ra, rb);
  }

  const sorted = links
    .filter((l) => l.weight >= options.threshold)
    .sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  let merges = 0;
  let refusedByDecision = 0;
  let refusedByVeto = 0;
  let refusedByAverage = 0;
  let refusedBySize = 0;
  for (const link of sorted) {
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra === rb) continue;
    const ma = members[ra] ?? [];
    const mb = members[rb] ?? [];
    if (ma.length + mb.length > options.maxClusterSize) {
      refusedBySize++;
      continue;
    }
    if (separated(ra, rb)) {
      refusedByDecision++;
      continue;
    }
    if (ma.length > 1 || mb.length > 1) {
      let sum = 0;
      let count = 0;
      let vetoed = false;
      outer: for (const x of ma) {
        for (const y of mb) {
          if (count >= options.maxCrossPairs) break outer;
          const isLink = (x === link.a && y === link.b) || (x === link.b && y === link.a);
          const w = isLink ? link.weight : scorePair(x, y);
          if (w < options.vetoWeight) {
            vetoed = true;
            break outer;
          }
          sum += w;
          count++;
        }
      }
      if (vetoed) {
        refusedByVeto++;
        continue;
      }
      if (count > 0 && sum / count < options.averageWeight) {
        refusedByAverage++;
        continue;
      }
    }
    union(ra, rb);
    merges++;
  }

  const clusterOf = new Int32Array(recordCount);
  const smallest = new Map<number, number>();
  for (let i = 0; i < recordCount; i++) {
    const r = find(i);
    if (!smallest.has(r)) smallest.set(r, i);
    clusterOf[i] = smallest.get(r) ?? i;
  }
  return {
    clusterOf,
    report: {
      linksConsidered: sorted.length,
      merges,
      refusedByDecision,
      refusedByVeto,
      refusedByAverage,
      refusedBySize,
      conflictingDecisions,
    },
  };
}
