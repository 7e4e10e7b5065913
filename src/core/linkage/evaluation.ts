/**
 * Evaluation against ground truth, defined exactly as the shared scorer
 * (linkscore.py) defines it so that the figures agree: only records with a known
 * entity count; a record absent from the prediction is a singleton; pairs are
 * unordered pairs of records; with `crossSource` only pairs with exactly one side in
 * that source count.
 */

/** A truth row: '' entity means unknown (left out of scoring). */
export interface TruthRow {
  readonly source: string;
  readonly recordId: string;
  readonly entity: string;
}

/** A prediction row. */
export interface PredictionRow {
  readonly source: string;
  readonly recordId: string;
  readonly clusterId: string;
}

/** Pairwise and cluster-level figures. */
export interface EvaluationResult {
  readonly labelled: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Distinct true entities among labelled records. */
  readonly entities: number;
  /** Distinct predicted clusters among labelled records. */
  readonly clusters: number;
  /** True entities whose records form exactly one predicted cluster with nothing else. */
  readonly exactClusters: number;
  /** exactClusters / entities. */
  readonly clusterRecall: number;
  /** exactClusters / clusters. */
  readonly clusterPrecision: number;
}

/** Scores a prediction against truth. */
export function evaluateLinkage(
  truth: Iterable<TruthRow>,
  prediction: Iterable<PredictionRow>,
  crossSource?: string,
): EvaluationResult {
  const entityOf = new Map<string, string>();
  for (const t of truth) if (t.entity !== '') entityOf.set(keyOf(t.source, t.recordId), t.entity);
  const clusterOf = new Map<string, string>();
  for (const p of prediction) clusterOf.set(keyOf(p.source, p.recordId), p.clusterId);

  const byEntity = new Map<string, string[]>();
  const byCluster = new Map<string, string[]>();
  const byCell = new Map<string, string[]>();
  for (const [key, entity] of entityOf) {
    const source = key.slice(0, key.indexOf('\u0000'));
    // Prefixes keep singleton ids apart from real cluster ids.
    const cluster = clusterOf.has(key) ? `c:${clusterOf.get(key) ?? ''}` : `s:${key}`;
    push(byEntity, entity, source);
    push(byCluster, cluster, source);
    push(byCell, `${cluster}\u0000${entity}`, source);
  }
  const pairs = (groups: Map<string, string[]>): number => {
    let total = 0;
    for (const members of groups.values()) {
      if (crossSource !== undefined) {
        const a = members.filter((s) => s === crossSource).length;
        total += a * (members.length - a);
      } else total += (members.length * (members.length - 1)) / 2;
    }
    return total;
  };
  const tp = pairs(byCell);
  const pp = pairs(byCluster);
  const tt = pairs(byEntity);
  const precision = pp ? tp / pp : 1;
  const recall = tt ? tp / tt : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

  // A cell that is both a whole entity and a whole cluster is an exactly found person.
  let exact = 0;
  for (const [cell, members] of byCell) {
    const [cluster, entity] = cell.split('\u0000') as [string, string];
    if (
      byEntity.get(entity)?.length === members.length &&
      byCluster.get(cluster)?.length === members.length
    )
      exact++;
  }
  return {
    labelled: entityOf.size,
    truePairs: tt,
    predictedPairs: pp,
    truePositives: tp,
    precision,
    recall,
    f1,
    entities: byEntity.size,
    clusters: byCluster.size,
    exactClusters: exact,
    clusterRecall: byEntity.size ? exact / byEntity.size : 1,
    clusterPrecision: byCluster.size ? exact / byCluster.size : 1,
  };
}

/** Pairwise figures for pairs between two sources (or within one, when `a` equals `b`). */
export interface SourcePairFigures {
  readonly a: string;
  readonly b: string;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * Pairwise precision and recall for each pair of sources (within one source too), on the
 * same footing as `evaluateLinkage`: where a linkage loses, by list.
 */
export function evaluateBySourcePair(
  truth: Iterable<TruthRow>,
  prediction: Iterable<PredictionRow>,
): SourcePairFigures[] {
  const entityOf = new Map<string, string>();
  for (const t of truth) if (t.entity !== '') entityOf.set(keyOf(t.source, t.recordId), t.entity);
  const clusterOf = new Map<string, string>();
  for (const p of prediction) clusterOf.set(keyOf(p.source, p.recordId), p.clusterId);
  const byEntity = new Map<string, string[]>();
  const byCluster = new Map<string, string[]>();
  const byCell = new Map<string, string[]>();
  for (const [key, entity] of entityOf) {
    const source = key.slice(0, key.indexOf('\u0000'));
    const cluster = clusterOf.has(key) ? `c:${clusterOf.get(key) ?? ''}` : `s:${key}`;
    push(byEntity, entity, source);
    push(byCluster, cluster, source);
    push(byCell, `${cluster}\u0000${entity}`, source);
  }
  const count = (groups: Map<string, string[]>): Map<string, number> => {
    const out = new Map<string, number>();
    for (const members of groups.values()) {
      const per = new Map<string, number>();
      for (const s of members) per.set(s, (per.get(s) ?? 0) + 1);
      const sources = [...per.keys()].sort();
      sources.forEach((x, i) => {
        const nx = per.get(x) ?? 0;
        const within = `${x}\u0000${x}`;
        out.set(within, (out.get(within) ?? 0) + (nx * (nx - 1)) / 2);
        for (const y of sources.slice(i + 1)) {
          const key = `${x}\u0000${y}`;
          out.set(key, (out.get(key) ?? 0) + nx * (per.get(y) ?? 0));
        }
      });
    }
    return out;
  };
  const tt = count(byEntity);
  const pp = count(byCluster);
  const tp = count(byCell);
  return [...new Set([...tt.keys(), ...pp.keys()])]
    .sort()
    .filter((k) => (tt.get(k) ?? 0) > 0 || (pp.get(k) ?? 0) > 0)
    .map((k) => {
      const [a = '', b = ''] = k.split('\u0000');
      const t = tt.get(k) ?? 0;
      const p = pp.get(k) ?? 0;
      const hit = tp.get(k) ?? 0;
      return {
        a,
        b,
        truePairs: t,
        predictedPairs: p,
        truePositives: hit,
        precision: p ? hit / p : 1,
        recall: t ? hit / t : 1,
      };
    });
}

/** One line per pair of sources: `a b true=… predicted=… tp=… precision=… recall=…`. */
export function formatBySourcePair(figures: readonly SourcePairFigures[]): string {
  return figures
    .map(
      (f) =>
        `${f.a} ${f.b} true=${f.truePairs} predicted=${f.predictedPairs} tp=${f.truePositives} ` +
        `precision=${f.precision.toFixed(4)} recall=${f.recall.toFixed(4)}`,
    )
    .join('\n');
}

/** Formats figures as linkscore.py prints them, followed by the cluster-level lines. */
export function formatEvaluation(r: EvaluationResult): string {
  return [
    `labelled=${r.labelled} true_pairs=${r.truePairs} predicted_pairs=${r.predictedPairs} tp=${r.truePositives}`,
    `precision=${r.precision.toFixed(4)} recall=${r.recall.toFixed(4)} f1=${r.f1.toFixed(4)}`,
    `entities=${r.entities} clusters=${r.clusters} exact_clusters=${r.exactClusters}`,
    `cluster_precision=${r.clusterPrecision.toFixed(4)} cluster_recall=${r.clusterRecall.toFixed(4)}`,
  ].join('\n');
}

function keyOf(source: string, recordId: string): string {
  return `${source}\u0000${recordId}`;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
