import type { Sql } from '../../db/database.js';
import type { DecisionEffect } from '../../db/repositories/decision-effects-repository.js';
import {
  decisionsAmong,
  differentDecisionsBetween,
  type MatchDecision,
} from '../../db/repositories/linkage-decision-repository.js';
import {
  personsOfRecords,
  recordsOfPerson,
  type PersonMove,
} from '../../db/repositories/linkage-records-repository.js';

/** The moves that put persons back as a decision found them, or why that cannot be done. */
export type PersonRestorePlan =
  { readonly moves: readonly PersonMove[] } | { readonly refused: string };

/**
 * Plans putting persons back as they were before `decision` moved records (see decidePair: "same"
 * moved the larger person's records into the smaller; "different" moved the later record and those
 * tied to it into a new person). Only a decision whose moves are intact is reverted: every moved
 * record still where the decision put it, the old person not reused, and no later decision that
 * the reversal would break. Otherwise persons stay as they are, which is what undoing means at
 * the command line too.
 */
export async function planPersonRestore(
  tx: Sql,
  decision: MatchDecision,
  effect: DecisionEffect | undefined,
): Promise<PersonRestorePlan> {
  if (!effect) return { refused: 'the decision’s effect on persons is not in the audit trail' };
  if (effect.moved === 0) return { moves: [] };
  if (effect.movedRecords.length < effect.moved)
    return { refused: 'the decision moved more records than its audit event lists' };
  const a = decision.recordA;
  const b = decision.recordB;
  const beforeA = effect.personsBefore[String(a)];
  const beforeB = effect.personsBefore[String(b)];
  const afterB = effect.personsAfter[String(b)];
  if (beforeA === undefined || beforeB === undefined || afterB === undefined)
    return { refused: 'the decision’s audit event does not name the persons' };
  // Where the moved records came from, and where the decision put them.
  const from = decision.decision === 'same' ? Math.max(beforeA, beforeB) : beforeA;
  const to = decision.decision === 'same' ? Math.min(beforeA, beforeB) : afterB;
  const moved = effect.movedRecords;
  const movedSet = new Set(moved);

  const now = await personsOfRecords(tx, [...moved, a, b]);
  if (moved.some((id) => now.get(id) !== to))
    return { refused: 'records the decision moved have changed person since' };

  if (decision.decision === 'same') {
    if ((await recordsOfPerson(tx, from)).length > 0)
      return { refused: `person ${from} holds other records now` };
    const members = await recordsOfPerson(tx, to);
    const tie = (await decisionsAmong(tx, members, 'same')).find(
      (d) => d.id !== decision.id && movedSet.has(d.recordA) !== movedSet.has(d.recordB),
    );
    if (tie)
      return {
        refused: `records ${tie.recordA} and ${tie.recordB} were decided the same person since`,
      };
  } else {
    if (now.get(a) !== from) return { refused: `record ${a} has changed person since` };
    const split = await recordsOfPerson(tx, to);
    if (split.length !== moved.length) return { refused: `person ${to} has changed since` };
    const stayed = await recordsOfPerson(tx, from);
    const apart = (await differentDecisionsBetween(tx, moved, stayed)).find(
      (d) => d.id !== decision.id,
    );
    if (apart)
      return {
        refused: `records ${apart.recordA} and ${apart.recordB} were decided different since`,
      };
  }
  return { moves: moved.map((recordId) => ({ recordId, fromPerson: to, toPerson: from })) };
}
