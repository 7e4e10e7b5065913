import type { PairDecision } from './decisions.js';
import { linkable, type PreparedRecords } from './prepared-records.js';

/**
 * Settings of the attachment pass (weights are log2 odds).
 *
 * A record left alone by clustering may still have one plausible person among its
 * candidates. Fellegi–Sunter weighs an agreement on "Mahmoud Ayyad, male, 48" by how
 * many namesakes such a name has on average among all records; blocking has listed the
 * namesakes this record actually has. A candidate person's support is the weight of
 * its best-matching record; when one person is far likelier than every other candidate
 * person together, the record is attached to that person.
 */
export interface AttachOptions {
  /** The person must be at least this likely among the candidate persons (0–1). */
  readonly dominance: number;
  /** No attachment when the model's own weight for the person is below this. */
  readonly minWeight: number;
  readonly maxClusterSize: number;
  /** At most this many of a person's records are compared with the record. */
  readonly maxCrossPairs: number;
}

/**
 * Defaults: 4 to 1 against all other candidate persons together (the link threshold's
 * probability, 0.8), and never below clustering's veto weight (−3).
 */
export const DEFAULT_ATTACH_OPTIONS: AttachOptions = {
  dominance: 0.8,
  minWeight: -3,
  maxClusterSize: 40,
  maxCrossPairs: 64,
};

/**
 * Attaches records that clustering left alone to the person their candidates point to,
 * when that person dominates (see AttachOptions). A person that already has a record
 * from the same list is not considered (one list names one person once, as a rule), nor
 * one a "different" decision separates from the record. Returns the new cluster of each
 * record (the smallest record index in it) and how many records were attached.
 */
export function attachDominant(
  records: PreparedRecords,
  clusterOf: Int32Array,
  left: Uint32Array,
  right: Uint32Array,
  weights: Float32Array,
  scorePair: (a: number, b: number) => number,
  decisions: readonly PairDecision[],
  options: AttachOptions = DEFAULT_ATTACH_OPTIONS,
  /** Which records may be attached (the register's runs: only records no run has linked). */
  movable: (record: number) => boolean = () => true,
): { clusterOf: Int32Array; attached: number } {
  const n = clusterOf.length;
  // Clusters as union-find trees with member lists (first member, next member, size).
  const parent = Int32Array.from(clusterOf);
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const c = parent[i] ?? i;
    next[i] = head[c] ?? -1;
    head[c] = i;
    size[c] = (size[c] ?? 0) + 1;
  }
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[x] !== r) {
      const up = parent[x] ?? r;
      parent[x] = r;
      x = up;
    }
    return r;
  };
  const alone = (i: number): boolean => size[find(i)] === 1;
  // Candidate pairs of records left alone, both ways (offsets per record).
  const degree = new Int32Array(n + 1);
  for (let p = 0; p < left.length; p++) {
    const a = left[p] ?? 0;
    const b = right[p] ?? 0;
    if (alone(a)) degree[a + 1] = (degree[a + 1] ?? 0) + 1;
    if (alone(b)) degree[b + 1] = (degree[b + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) degree[i + 1] = (degree[i + 1] ?? 0) + (degree[i] ?? 0);
  const fill = degree.slice(0, n);
  const other = new Int32Array(degree[n] ?? 0);
  const pairOf = new Int32Array(degree[n] ?? 0);
  for (let p = 0; p < left.length; p++) {
    const a = left[p] ?? 0;
    const b = right[p] ?? 0;
    if (alone(a)) {
      const at = (fill[a] = (fill[a] ?? 0) + 1) - 1;
      other[at] = b;
      pairOf[at] = p;
    }
    if (alone(b)) {
      const at = (fill[b] = (fill[b] ?? 0) + 1) - 1;
      other[at] = a;
      pairOf[at] = p;
    }
  }
  const cannot = new Map<number, Set<number>>();
  for (const d of decisions) {
    if (d.same) continue;
    (cannot.get(d.a) ?? cannot.set(d.a, new Set()).get(d.a))?.add(d.b);
    (cannot.get(d.b) ?? cannot.set(d.b, new Set()).get(d.b))?.add(d.a);
  }
  // Records left alone, strongest candidate first (ties by index: a stable order).
  const best = new Float64Array(n).fill(-Infinity);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((degree[i + 1] ?? 0) === (degree[i] ?? 0) || !movable(i)) continue;
    for (let k = degree[i] ?? 0; k < (degree[i + 1] ?? 0); k++)
      best[i] = Math.max(best[i] ?? -Infinity, weights[pairOf[k] ?? 0] ?? -Infinity);
    if ((best[i] ?? -Infinity) >= options.minWeight) order.push(i);
  }
  order.sort((x, y) => (best[y] ?? 0) - (best[x] ?? 0) || x - y);

  let attached = 0;
  for (const r of order) {
    if (!alone(r)) continue;
    const known = new Map<number, number>();
    for (let k = degree[r] ?? 0; k < (degree[r + 1] ?? 0); k++)
      known.set(other[k] ?? 0, weights[pairOf[k] ?? 0] ?? -Infinity);
    // Each candidate person's support: the weight of its best-matching record. The
    // person's records are one person already; one of them written with a typo is not
    // evidence against the others. Persons whose best known pair is far below the
    // record's best cannot change the outcome.
    const floor = (best[r] ?? 0) - 16;
    let bestPerson = -1;
    let bestSupport = -Infinity;
    const supports: number[] = [];
    const seen = new Set<number>();
    for (const [o, ow] of known) {
      const c = find(o);
      if (c === find(r) || seen.has(c) || ow < floor) continue;
      seen.add(c);
      let support = -Infinity;
      let count = 0;
      let ruledOut = (size[c] ?? 0) + 1 > options.maxClusterSize;
      for (let m = head[c] ?? -1; m >= 0 && !ruledOut; m = next[m] ?? -1) {
        if (count >= options.maxCrossPairs) break;
        if (records.source[m] === records.source[r] || cannot.get(r)?.has(m) === true) {
          ruledOut = true;
          break;
        }
        if (!linkable(records, r, m)) ruledOut = true;
        support = Math.max(support, known.get(m) ?? scorePair(r, m));
        count++;
      }
      if (ruledOut || count === 0) continue;
      supports.push(support);
      if (support > bestSupport) {
        bestSupport = support;
        bestPerson = c;
      }
    }
    if (bestPerson < 0 || bestSupport < options.minWeight) continue;
    // The likelihood ratios of the candidate persons share the prior: their weights'
    // differences alone decide how likely each is among them.
    let total = 0;
    for (const w of supports) total += 2 ** (w - bestSupport);
    if (1 / total < options.dominance) continue;
    parent[r] = bestPerson;
    next[r] = head[bestPerson] ?? -1;
    head[bestPerson] = r;
    size[bestPerson] = (size[bestPerson] ?? 0) + 1;
    attached++;
  }
  // Each record's cluster is the smallest record index in it.
  const out = new Int32Array(n);
  const smallest = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = find(i);
    if ((smallest[c] ?? -1) < 0) smallest[c] = i;
    out[i] = smallest[c] ?? i;
  }
  return { clusterOf: out, attached };
}
