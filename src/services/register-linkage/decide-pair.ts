import type { Database, Sql } from '../../db/database.js';
import { appendAuditEvent } from '../../db/repositories/audit-repository.js';
import {
  decisionsAmong,
  differentDecisionsBetween,
  findStandingDecision,
  insertDecision,
  markDecisionUndone,
  type MatchDecision,
  type MatchVerdict,
} from '../../db/repositories/linkage-decision-repository.js';
import { closeReviewPair } from '../../db/repositories/linkage-queue-repository.js';
import {
  applyPersonMoves,
  existingPersonIds,
  personsOfRecords,
  recordsOfPerson,
  unmarkRecordsLinked,
  type PersonMove,
} from '../../db/repositories/linkage-records-repository.js';
import { lockAndBumpLinkageVersion } from '../../db/repositories/linkage-run-repository.js';
import { LinkageError } from './linkage-error.js';

/** A reviewer's decision on two records. */
export interface DecidePairOptions {
  readonly recordA: number;
  readonly recordB: number;
  readonly decision: MatchVerdict;
  readonly actor: string;
  readonly note?: string;
}

/** What a decision did to persons. */
export interface DecisionOutcome {
  readonly decision: MatchDecision;
  /** The decision it replaced, if the pair had one. */
  readonly replaced: MatchDecision | null;
  /** False when the same decision already stood (nothing was written). */
  readonly changed: boolean;
  readonly personsBefore: { readonly a: number; readonly b: number };
  readonly personsAfter: { readonly a: number; readonly b: number };
  /** Records that changed person. */
  readonly movedRecords: readonly number[];
}

/**
 * Stores a decision and applies it to persons at once, in one audited transaction.
 *
 * - "same": the two persons merge; the survivor is the smaller person id. Refused when a
 *   "different" decision stands between a record of one and a record of the other.
 * - "different": if both records are in one person, the record with the larger id (the later
 *   one) leaves it, together with the records tied to it by "same" decisions; the rest, and the
 *   person id, stay. The leaving records form a new person named after the smallest of their
 *   ids that is not a person id already. Refused when "same" decisions tie the two records.
 *
 * A pair that already had the other decision has it replaced (the old one is kept, marked undone);
 * repeating a standing decision writes nothing, unless it brings a new note.
 */
export async function decidePair(db: Database, o: DecidePairOptions): Promise<DecisionOutcome> {
  checkPair(o.recordA, o.recordB);
  const note = o.note?.trim() ? o.note.trim() : null;
  return db.transaction(async (tx) => {
    await lockAndBumpLinkageVersion(tx);
    const before = await personsOf(tx, o.recordA, o.recordB);
    const replaced = await findStandingDecision(tx, o.recordA, o.recordB);
    if (replaced && replaced.decision === o.decision && (note === null || note === replaced.note)) {
      return {
        decision: replaced,
        replaced: null,
        changed: false,
        personsBefore: before,
        personsAfter: before,
        movedRecords: [],
      };
    }
    if (replaced) await markDecisionUndone(tx, replaced.id, o.actor);

    const moves =
      o.decision === 'same'
        ? await mergeMoves(tx, o.recordA, o.recordB, before)
        : await splitMoves(tx, o.recordA, o.recordB, before);
    await applyPersonMoves(tx, moves);
    const decision = await insertDecision(tx, {
      recordA: o.recordA,
      recordB: o.recordB,
      decision: o.decision,
      actor: o.actor,
      note,
    });
    await closeReviewPair(tx, o.recordA, o.recordB);
    const after = await personsOf(tx, o.recordA, o.recordB);
    const movedRecords = moves.map((m) => m.recordId);
    await appendAuditEvent(tx, {
      actor: o.actor,
      action: 'linkage.decide',
      entityType: 'match_decision',
      entityId: decision.id,
      before: {
        decision: replaced ? { id: replaced.id, decision: replaced.decision } : null,
        persons: { [o.recordA]: before.a, [o.recordB]: before.b },
      },
      after: {
        recordA: decision.recordA,
        recordB: decision.recordB,
        decision: decision.decision,
        note,
        persons: { [o.recordA]: after.a, [o.recordB]: after.b },
        movedRecords: movedRecords.slice(0, 1000),
        moved: movedRecords.length,
      },
    });
    return {
      decision,
      replaced,
      changed: true,
      personsBefore: before,
      personsAfter: after,
      movedRecords,
    };
  });
}

/** Options of `undoDecision`. */
export interface UndoDecisionOptions {
  readonly recordA: number;
  readonly recordB: number;
  readonly actor: string;
}

/**
 * Undoes the standing decision on a pair. The constraint goes; persons are left as they are
 * (undoing is "we do not know", not the opposite decision), and both records become fresh again,
 * so the next `sijil link` reconsiders their links. Returns the undone decision.
 */
export async function undoDecision(db: Database, o: UndoDecisionOptions): Promise<MatchDecision> {
  checkPair(o.recordA, o.recordB);
  return db.transaction((tx) => undoDecisionWithin(tx, o));
}

/**
 * `undoDecision` inside the caller's transaction, for use cases that do more in the same one
 * (the review queue's undo puts persons back as they were).
 */
export async function undoDecisionWithin(tx: Sql, o: UndoDecisionOptions): Promise<MatchDecision> {
  checkPair(o.recordA, o.recordB);
  await lockAndBumpLinkageVersion(tx);
  const standing = await findStandingDecision(tx, o.recordA, o.recordB);
  if (!standing)
    throw new LinkageError(`records ${o.recordA} and ${o.recordB} have no decision to undo`);
  await markDecisionUndone(tx, standing.id, o.actor);
  await unmarkRecordsLinked(tx, [o.recordA, o.recordB]);
  await appendAuditEvent(tx, {
    actor: o.actor,
    action: 'linkage.undo',
    entityType: 'match_decision',
    entityId: standing.id,
    before: {
      recordA: standing.recordA,
      recordB: standing.recordB,
      decision: standing.decision,
      decidedBy: standing.decidedBy,
      decidedAt: standing.decidedAt,
    },
    after: { undone: true },
  });
  return standing;
}

function checkPair(a: number, b: number): void {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a <= 0 || b <= 0)
    throw new LinkageError('records are named by their ids, whole numbers above 0');
  if (a === b) throw new LinkageError('a decision needs two different records');
}

async function personsOf(tx: Sql, a: number, b: number): Promise<{ a: number; b: number }> {
  const persons = await personsOfRecords(tx, [a, b]);
  const pa = persons.get(a);
  const pb = persons.get(b);
  if (pa === undefined) throw new LinkageError(`there is no record ${a}`);
  if (pb === undefined) throw new LinkageError(`there is no record ${b}`);
  return { a: pa, b: pb };
}

async function mergeMoves(
  tx: Sql,
  a: number,
  b: number,
  persons: { a: number; b: number },
): Promise<PersonMove[]> {
  if (persons.a === persons.b) return [];
  const left = await recordsOfPerson(tx, persons.a);
  const right = await recordsOfPerson(tx, persons.b);
  const conflicts = await differentDecisionsBetween(tx, left, right);
  const first = conflicts[0];
  if (first)
    throw new LinkageError(
      `records ${a} and ${b} cannot be one person: records ${first.recordA} and ${first.recordB} ` +
        `were decided different (by ${first.decidedBy}); undo that decision first`,
    );
  const into = Math.min(persons.a, persons.b);
  const from = Math.max(persons.a, persons.b);
  return (from === persons.a ? left : right).map((recordId) => ({
    recordId,
    fromPerson: from,
    toPerson: into,
  }));
}

async function splitMoves(
  tx: Sql,
  a: number,
  b: number,
  persons: { a: number; b: number },
): Promise<PersonMove[]> {
  if (persons.a !== persons.b) return [];
  const person = persons.a;
  const members = await recordsOfPerson(tx, person);
  const same = await decisionsAmong(tx, members, 'same');
  const leaving = tiedTo(Math.max(a, b), same);
  const staying = Math.min(a, b);
  if (leaving.has(staying))
    throw new LinkageError(
      `records ${a} and ${b} are held together by "same" decisions; undo those first`,
    );
  const ids = [...leaving].sort((x, y) => x - y);
  const taken = await existingPersonIds(tx, ids);
  const newPerson = ids.find((id) => !taken.has(id));
  if (newPerson === undefined)
    throw new LinkageError('no free person id for the records leaving (cannot happen)');
  return ids.map((recordId) => ({ recordId, fromPerson: person, toPerson: newPerson }));
}

/** The record and every record tied to it by "same" decisions, transitively. */
function tiedTo(start: number, same: readonly MatchDecision[]): Set<number> {
  const next = new Map<number, number[]>();
  for (const d of same) {
    next.set(d.recordA, [...(next.get(d.recordA) ?? []), d.recordB]);
    next.set(d.recordB, [...(next.get(d.recordB) ?? []), d.recordA]);
  }
  const seen = new Set<number>([start]);
  const stack = [start];
  for (let x = stack.pop(); x !== undefined; x = stack.pop())
    for (const y of next.get(x) ?? [])
      if (!seen.has(y)) {
        seen.add(y);
        stack.push(y);
      }
  return seen;
}
