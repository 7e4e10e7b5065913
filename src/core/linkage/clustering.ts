import type { PairDecision } from './decisions.js';
import { ScoredLinks, type ScoredLink } from './scored-links.js';

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
  /** Merges refused because two records of one list would join without a link of their own. */
  readonly refusedBySameList: number;
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
 * years apart). `scorePair` scores any two records on demand. With `sourceOf` (the
 * list of each record), two records of one list are put together only when their own
 * pair reaches the threshold.
 */
export function clusterRecords(
  recordCount: number,
  links: ScoredLinks | readonly ScoredLink[],
  scorePair: (a: number, b: number) => number,
  decisions: readonly PairDecision[] = [],
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
  sourceOf?: Int32Array,
): ClusterResult {
  const list = links instanceof ScoredLinks ? links : ScoredLinks.of(links);
  const parent = new Int32Array(recordCount);
  // Members of each cluster as a linked list: first member at its root, next member of each.
  const head = new Int32Array(recordCount);
  const tail = new Int32Array(recordCount);
  const next = new Int32Array(recordCount).fill(-1);
  const size = new Int32Array(recordCount).fill(1);
  for (let i = 0; i < recordCount; i++) {
    parent[i] = i;
    head[i] = i;
    tail[i] = i;
  }
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    // Path compression.
    while (parent[x] !== r) {
      const up = parent[x] ?? r;
      parent[x] = r;
      x = up;
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
    if (cannot.size === 0) return false;
    const small = (size[ra] ?? 0) <= (size[rb] ?? 0) ? ra : rb;
    const other = small === ra ? rb : ra;
    for (let x = head[small] ?? -1; x >= 0; x = next[x] ?? -1)
      for (const y of cannot.get(x) ?? []) if (find(y) === other) return true;
    return false;
  };
  const union = (ra: number, rb: number): void => {
    const [big, small] = (size[ra] ?? 0) >= (size[rb] ?? 0) ? [ra, rb] : [rb, ra];
    parent[small] = big;
    // The small cluster's members follow the big one's.
    next[tail[big] ?? big] = head[small] ?? small;
    tail[big] = tail[small] ?? small;
    size[big] = (size[big] ?? 0) + (size[small] ?? 0);
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

  // Strongest first; ties by record indices, so that the result does not depend on input order.
  let considered = 0;
  for (let k = 0; k < list.length; k++)
    if ((list.weight[k] ?? -Infinity) >= options.threshold) considered++;
  const sorted = new Uint32Array(considered);
  considered = 0;
  for (let k = 0; k < list.length; k++)
    if ((list.weight[k] ?? -Infinity) >= options.threshold) sorted[considered++] = k;
  const w = list.weight;
  const la = list.a;
  const lb = list.b;
  sorted.sort(
    (x, y) =>
      (w[y] ?? 0) - (w[x] ?? 0) || (la[x] ?? 0) - (la[y] ?? 0) || (lb[x] ?? 0) - (lb[y] ?? 0),
  );
  let merges = 0;
  let refusedByDecision = 0;
  let refusedByVeto = 0;
  let refusedByAverage = 0;
  let refusedBySize = 0;
  let refusedBySameList = 0;
  for (const k of sorted) {
    const linkA = la[k] ?? 0;
    const linkB = lb[k] ?? 0;
    const linkWeight = w[k] ?? 0;
    const ra = find(linkA);
    const rb = find(linkB);
    if (ra === rb) continue;
    const sa = size[ra] ?? 0;
    const sb = size[rb] ?? 0;
    if (sa + sb > options.maxClusterSize) {
      refusedBySize++;
      continue;
    }
    if (separated(ra, rb)) {
      refusedByDecision++;
      continue;
    }
    if (sa > 1 || sb > 1) {
      let sum = 0;
      let count = 0;
      let vetoed = false;
      let sameList = false;
      outer: for (let x = head[ra] ?? -1; x >= 0; x = next[x] ?? -1) {
        for (let y = head[rb] ?? -1; y >= 0; y = next[y] ?? -1) {
          if (count >= options.maxCrossPairs) break outer;
          const isLink = (x === linkA && y === linkB) || (x === linkB && y === linkA);
          const pw = isLink ? linkWeight : scorePair(x, y);
          if (pw < options.vetoWeight) {
            vetoed = true;
            break outer;
          }
          // A list names a person once, as a rule: two of its records join only on a
          // link of their own, never through a third record.
          if (sourceOf !== undefined && sourceOf[x] === sourceOf[y] && pw < options.threshold) {
            sameList = true;
            break outer;
          }
          sum += pw;
          count++;
        }
      }
      if (vetoed) {
        refusedByVeto++;
        continue;
      }
      if (sameList) {
        refusedBySameList++;
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

  // Each record's cluster is the smallest record index in it.
  const clusterOf = new Int32Array(recordCount);
  const smallest = new Int32Array(recordCount).fill(-1);
  for (let i = 0; i < recordCount; i++) {
    const r = find(i);
    if ((smallest[r] ?? -1) < 0) smallest[r] = i;
    clusterOf[i] = smallest[r] ?? i;
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
      refusedBySameList,
      conflictingDecisions,
    },
  };
}
