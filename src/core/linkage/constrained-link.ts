import { DEFAULT_BLOCKING_RULES, generateCandidatePairs } from './blocking.js';
import { clusterRecords, type ClusterReport } from './clustering.js';
import type { PairDecision } from './decisions.js';
import { weightTable } from './fellegi-sunter.js';
import {
  assembleLinkResult,
  attachLeftAlone,
  compareAndTrain,
  DEFAULT_LINK_OPTIONS,
  inProcessComparer,
  pairScorer,
  phaseTimer,
  probabilityToWeight,
  scorePairs,
  type LinkOptions,
  type LinkResult,
  type PairComparer,
} from './link-pipeline.js';
import type { LinkInputRecord } from './link-record.js';
import { nameFrequencies } from './name-frequencies.js';
import { prepareRecords } from './record-preparer.js';

/** What a register already knows when it links again. */
export interface LinkConstraints {
  /**
   * The current group (person) of each record, as any label: records with equal labels start
   * in one cluster. The model never splits a group; only a "different" decision can.
   */
  readonly groups: Int32Array;
  /**
   * 1 for a record no run has linked yet. Only links touching such records are taken, so
   * linking again with nothing new changes nothing, and a new batch does not redo the world.
   */
  readonly fresh: Uint8Array;
}

/**
 * Options of a constrained run: those of `linkRecords`, `decisions` being human decisions. The
 * attachment pass (`attach`) moves only fresh records that clustering left alone.
 */
export type ConstrainedLinkOptions = Partial<LinkOptions>;

/** A constrained run's result: that of `linkRecords`, plus what the constraints did. */
export interface ConstrainedLinkResult extends LinkResult {
  /** Links between different groups touching a fresh record, at or above the threshold. */
  readonly freshLinks: number;
  /** Groups the run had to break because a "different" decision separates their records. */
  readonly groupsBroken: number;
  readonly constraints: ClusterReport;
}

/**
 * Links records whose current grouping must be respected (the register's persons): the model is
 * trained on all records, with human decisions as labels; clustering starts from "same"
 * decisions, then from the current groups, and adds only links that touch a fresh record.
 * "Different" decisions are never overridden, neither by a link nor by a current group.
 */
export async function linkWithConstraints(
  inputs: readonly LinkInputRecord[],
  constraints: LinkConstraints,
  options: ConstrainedLinkOptions = {},
  comparer: PairComparer = inProcessComparer,
): Promise<ConstrainedLinkResult> {
  const opts: LinkOptions = { ...DEFAULT_LINK_OPTIONS, ...options };
  const n = inputs.length;
  if (constraints.groups.length !== n || constraints.fresh.length !== n)
    throw new Error('constraints must give a group and a fresh flag for every record');
  const timer = phaseTimer();
  const records = prepareRecords(inputs);
  const freq = nameFrequencies(records);
  timer.lap('prepare');
  const candidates = generateCandidatePairs(records, DEFAULT_BLOCKING_RULES, opts.blocking);
  timer.lap('block');
  // Every candidate pair is compared, not only fresh ones: the review queue needs them all.
  const { model, compared } = await compareAndTrain(
    comparer,
    records,
    freq,
    candidates,
    opts,
    timer,
  );

  const table = weightTable(model);
  const thresholdWeight = probabilityToWeight(opts.threshold);
  const { groups, fresh } = constraints;
  // Only links between different groups that touch a fresh record are taken.
  const { weights, links } = scorePairs(
    records,
    candidates,
    compared,
    table,
    thresholdWeight,
    (a, b) => groups[a] !== groups[b] && (fresh[a] === 1 || fresh[b] === 1),
  );
  timer.lap('score');

  // Constraint order matters: human "same" decisions first, so that a current group contradicting
  // a decision is the one broken.
  const same = opts.decisions.filter((d) => d.same);
  const different = opts.decisions.filter((d) => !d.same);
  const groupChains: PairDecision[] = [];
  const firstOfGroup = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i] ?? i;
    const first = firstOfGroup.get(g);
    if (first === undefined) firstOfGroup.set(g, i);
    else groupChains.push({ a: first, b: i, same: true });
  }
  const scorer = pairScorer(records, freq, table, candidates, weights);
  const { clusters, attached } = attachLeftAlone(
    clusterRecords(
      n,
      links,
      scorer,
      [...same, ...groupChains, ...different],
      { ...opts.cluster, threshold: thresholdWeight },
      records.source,
    ),
    { records, candidates, weights, scorer },
    opts,
    (i) => fresh[i] === 1,
  );
  timer.lap('cluster');

  // A group is broken when its records did not all end in one cluster.
  const clusterOfGroup = new Map<number, number>();
  const broken = new Set<number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i] ?? i;
    const c = clusters.clusterOf[i] ?? i;
    const seen = clusterOfGroup.get(g);
    if (seen === undefined) clusterOfGroup.set(g, c);
    else if (seen !== c) broken.add(g);
  }
  return {
    ...assembleLinkResult({
      records,
      freq,
      model,
      candidates,
      compared,
      weights,
      thresholdWeight,
      clusters,
      attached,
      seconds: timer.seconds,
    }),
    freshLinks: links.length,
    groupsBroken: broken.size,
    constraints: clusters.report,
  };
}
