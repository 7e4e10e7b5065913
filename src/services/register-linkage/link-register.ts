import {
  DEFAULT_LINK_OPTIONS,
  inProcessComparer,
  linkWithConstraints,
  type LinkInputRecord,
  type PairComparer,
  type PairDecision,
} from '../../core/linkage/index.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { listStandingDecisions } from '../../db/repositories/linkage-decision-repository.js';
import { replaceOpenReviewPairs } from '../../db/repositories/linkage-queue-repository.js';
import {
  applyPersonMoves,
  countPersons,
  loadLinkageRecords,
  markRecordsLinked,
} from '../../db/repositories/linkage-records-repository.js';
import {
  insertLinkRun,
  lockAndBumpLinkageVersion,
  readLinkageVersion,
} from '../../db/repositories/linkage-run-repository.js';
import { assignPersonIds, type PersonMerge } from './assign-person-ids.js';
import { LinkageError } from './linkage-error.js';
import { toLinkInput } from './register-link-input.js';
import { DEFAULT_REVIEW_QUEUE, pairKey, selectReviewPairs } from './review-queue.js';

/** Options of `linkRegister`. */
export interface LinkRegisterOptions {
  readonly actor: string;
  /** Match probability a link must reach (0–1); the model's default when undefined. */
  readonly threshold?: number;
  /** Match probabilities of the pairs to queue for review, inclusive. */
  readonly reviewBand?: { readonly low: number; readonly high: number };
  /** Most pairs queued in all (default 10,000). */
  readonly maxQueued?: number;
  /**
   * Where the comparison phase runs (worker threads in the CLI), or how to set it up from the
   * records the run links (a distributed comparison stores them for its workers).
   */
  readonly comparer?: PairComparer | ((inputs: readonly LinkInputRecord[]) => PairComparer);
}

/** What a run did. */
export interface LinkRegisterReport {
  /** Null when the register holds no records (nothing was run or stored). */
  readonly runId: number | null;
  readonly records: number;
  /** Records no run had linked before this one. */
  readonly newRecords: number;
  readonly personsBefore: number;
  readonly personsAfter: number;
  /** Persons absorbed into another. */
  readonly merges: number;
  /** Pieces split off a person (only a "different" decision does that). */
  readonly splits: number;
  readonly recordsMoved: number;
  /** New records clustering left alone that joined the one plausible person (attach-dominant.ts). */
  readonly attached: number;
  readonly candidatePairs: number;
  readonly queued: number;
  readonly decisions: number;
  /** "Same" decisions refused because a "different" decision contradicts them. */
  readonly conflictingDecisions: number;
  readonly oversizedBlocks: number;
  /** The first merges, for the summary (all are in the audit event's counts). */
  readonly mergeSample: readonly PersonMerge[];
  readonly seconds: number;
}

/** Merges listed one by one in the audit event; beyond that they are counted. */
const AUDITED_MERGES = 200;

/**
 * Links the register's records into persons. Reads every record in bulk, trains the model with
 * human decisions as labels, clusters under constraints ("same" decisions always hold, a
 * "different" decision is never overridden, the current persons are kept and only links touching
 * records no run has linked are added), and writes in one transaction: person moves through a
 * temporary table, the run, the linked marks, the review queue and one audit event.
 */
export async function linkRegister(
  db: Database,
  options: LinkRegisterOptions,
): Promise<LinkRegisterReport> {
  const started = new Date();
  const threshold = options.threshold ?? DEFAULT_LINK_OPTIONS.threshold;
  if (!(threshold > 0 && threshold < 1))
    throw new LinkageError('the threshold is a probability between 0 and 1');
  const band = options.reviewBand ?? DEFAULT_REVIEW_QUEUE;
  if (!(band.low >= 0 && band.low <= band.high && band.high <= 1))
    throw new LinkageError('the review band must satisfy 0 ≤ low ≤ high ≤ 1');

  const version = await readLinkageVersion(db);
  const rows = await loadLinkageRecords(db);
  const decisions = await listStandingDecisions(db);
  const personsBefore = await countPersons(db);
  const empty: LinkRegisterReport = {
    runId: null,
    records: 0,
    newRecords: 0,
    personsBefore,
    personsAfter: personsBefore,
    merges: 0,
    splits: 0,
    recordsMoved: 0,
    attached: 0,
    candidatePairs: 0,
    queued: 0,
    decisions: decisions.length,
    conflictingDecisions: 0,
    oversizedBlocks: 0,
    mergeSample: [],
    seconds: 0,
  };
  if (rows.length === 0) return empty;

  const recordIds = Int32Array.from(rows, (r) => r.id);
  const index = new Map<number, number>();
  rows.forEach((r, i) => index.set(r.id, i));
  const groups = Int32Array.from(rows, (r) => r.personId);
  const fresh = Uint8Array.from(rows, (r) => (r.linked ? 0 : 1));
  const pairDecisions: PairDecision[] = [];
  const decided = new Set<string>();
  for (const d of decisions) {
    decided.add(pairKey(d.recordA, d.recordB));
    const a = index.get(d.recordA);
    const b = index.get(d.recordB);
    if (a !== undefined && b !== undefined)
      pairDecisions.push({ a, b, same: d.decision === 'same' });
  }

  const inputs = rows.map(toLinkInput);
  const comparer =
    typeof options.comparer === 'function'
      ? options.comparer(inputs)
      : (options.comparer ?? inProcessComparer);
  const result = await linkWithConstraints(
    inputs,
    { groups, fresh },
    { threshold, decisions: pairDecisions },
    comparer,
  );
  const assignment = assignPersonIds(recordIds, groups, result.clusterOf);
  const queue = selectReviewPairs(result, recordIds, assignment.personOf, decided, {
    ...DEFAULT_REVIEW_QUEUE,
    low: band.low,
    high: band.high,
    maxPairs: options.maxQueued ?? DEFAULT_REVIEW_QUEUE.maxPairs,
  });
  const freshIds = rows.filter((r) => !r.linked).map((r) => r.id);
  const merges = assignment.merges.reduce((s, m) => s + m.from.length, 0);
  const personsAfter = personsBefore + assignment.personsAfter - countDistinct(groups);
  const parameters = {
    threshold,
    reviewBand: { low: band.low, high: band.high },
    maxQueued: options.maxQueued ?? DEFAULT_REVIEW_QUEUE.maxPairs,
    cluster: DEFAULT_LINK_OPTIONS.cluster,
    blocking: DEFAULT_LINK_OPTIONS.blocking,
    seed: DEFAULT_LINK_OPTIONS.seed,
  };
  const summary = {
    records: rows.length,
    newRecords: freshIds.length,
    personsBefore,
    personsAfter,
    merges,
    splits: assignment.splits,
    recordsMoved: assignment.moves.length,
    attached: result.report.attached,
    candidatePairs: result.report.candidatePairs,
    queued: queue.length,
    decisions: decisions.length,
    conflictingDecisions: result.constraints.conflictingDecisions,
  };

  const runId = await db.transaction(async (tx) => {
    // Decisions taken while this run was reading would be overwritten: refuse instead.
    const current = await lockAndBumpLinkageVersion(tx);
    if (current !== version)
      throw new LinkageError(
        'persons changed while linkage was running (a decision or another run); run it again',
      );
    const id = await insertLinkRun(tx, {
      actor: options.actor,
      startedAt: started,
      parameters,
      records: rows.length,
      newRecords: freshIds.length,
      personsBefore,
      personsAfter,
      merges,
      splits: assignment.splits,
      candidatePairs: result.report.candidatePairs,
      queued: queue.length,
      report: {
        freshLinks: result.freshLinks,
        attached: result.report.attached,
        groupsBroken: result.groupsBroken,
        clustering: result.report.clustering,
        pairsPerRule: result.report.pairsPerRule,
        oversizedBlocks: result.report.oversizedBlocks.length,
        emIterations: result.report.emIterations,
        lambda: result.report.lambda,
        seconds: result.report.seconds,
      },
    });
    await applyPersonMoves(tx, assignment.moves);
    await markRecordsLinked(tx, freshIds, id);
    await replaceOpenReviewPairs(tx, id, queue);
    await appendAuditEvent(tx, {
      actor: options.actor,
      action: 'linkage.run',
      entityType: 'link_run',
      entityId: id,
      after: {
        ...summary,
        parameters,
        mergedPersons: assignment.merges.slice(0, AUDITED_MERGES),
        mergesListed: Math.min(AUDITED_MERGES, assignment.merges.length),
      },
    });
    return id;
  });
  return {
    ...summary,
    runId,
    oversizedBlocks: result.report.oversizedBlocks.length,
    mergeSample: assignment.merges.slice(0, 20),
    seconds: (Date.now() - started.getTime()) / 1000,
  };
}

function countDistinct(values: Int32Array): number {
  return new Set(values).size;
}
