import type { Database } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import { decisionEffects } from '../../db/repositories/decision-effects-repository.js';
import {
  findDecisionById,
  type MatchDecision,
} from '../../db/repositories/linkage-decision-repository.js';
import { reopenReviewPair } from '../../db/repositories/linkage-queue-repository.js';
import { applyPersonMoves } from '../../db/repositories/linkage-records-repository.js';
import { lockAndBumpLinkageVersion } from '../../db/repositories/linkage-run-repository.js';
import { undoDecisionWithin } from './decide-pair.js';
import { LinkageError } from './linkage-error.js';
import { planPersonRestore } from './plan-person-restore.js';

/** Options of `undoReviewDecision`. */
export interface UndoReviewDecisionOptions {
  /** The decision to undo: named by id, so a newer decision on the pair is never undone by mistake. */
  readonly decisionId: number;
  readonly actor: string;
}

/** What undoing did. */
export interface UndoReviewOutcome {
  readonly decision: MatchDecision;
  /** True when persons are back as the decision found them. */
  readonly personsRestored: boolean;
  /** Why persons were left as they are, when they were. */
  readonly notRestoredBecause: string | null;
  /** Records that changed person back. */
  readonly movedRecords: readonly number[];
  /** True when the pair is back in the open review queue. */
  readonly reopened: boolean;
}

/**
 * A reviewer's undo (the U key of the review queue): a slip of the finger should leave no trace
 * but the audit trail. Unlike `undoDecision` alone, which leaves persons as they are, this also
 * puts persons back as the decision found them when nothing has moved them since, and returns the
 * pair to the open queue, all in one transaction with the undo's audit events.
 */
export async function undoReviewDecision(
  db: Database,
  o: UndoReviewDecisionOptions,
): Promise<UndoReviewOutcome> {
  return db.transaction(async (tx) => {
    // Lock first, so the decision and persons read below cannot change before the writes.
    await lockAndBumpLinkageVersion(tx);
    const decision = await findDecisionById(tx, o.decisionId);
    if (!decision) throw new LinkageError(`there is no decision ${o.decisionId}`);
    if (decision.undone)
      throw new LinkageError(
        `decision ${o.decisionId} on records ${decision.recordA} and ${decision.recordB} is already undone`,
      );
    const effect = (await decisionEffects(tx, [decision.id])).get(decision.id);
    const plan = await planPersonRestore(tx, decision, effect);
    await undoDecisionWithin(tx, {
      recordA: decision.recordA,
      recordB: decision.recordB,
      actor: o.actor,
    });
    const moves = 'moves' in plan ? plan.moves : [];
    await applyPersonMoves(tx, moves);
    const reopened = await reopenReviewPair(tx, decision.recordA, decision.recordB);
    const notRestoredBecause = 'refused' in plan ? plan.refused : null;
    const movedRecords = moves.map((m) => m.recordId);
    await appendAuditEvent(tx, {
      actor: o.actor,
      action: 'linkage.restore',
      entityType: 'match_decision',
      entityId: decision.id,
      before: { decision: decision.decision },
      after: {
        personsRestored: notRestoredBecause === null,
        notRestoredBecause,
        moved: movedRecords.length,
        moves: moves.slice(0, 1000).map((m) => [m.recordId, m.fromPerson, m.toPerson]),
        reopened,
      },
    });
    return {
      decision,
      personsRestored: notRestoredBecause === null,
      notRestoredBecause,
      movedRecords,
      reopened,
    };
  });
}
