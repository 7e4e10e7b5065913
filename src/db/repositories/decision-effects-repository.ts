import type { Sql } from '../database.js';

/** What a decision did to persons, as its audit event recorded it. */
export interface DecisionEffect {
  /** Record id → person id, before and after the decision, for the decision's two records. */
  personsBefore: Record<string, number>;
  personsAfter: Record<string, number>;
  /** The records that changed person (the event lists at most 1,000). */
  movedRecords: number[];
  /** How many records changed person in all. */
  moved: number;
}

interface EventRow {
  entity_id: string;
  before: { persons?: Record<string, number> } | null;
  after: {
    persons?: Record<string, number>;
    movedRecords?: number[];
    moved?: number;
  } | null;
}

/**
 * The effects of the given decisions on persons. The decision's audit event ("linkage.decide") is
 * the one place they are kept, written in the same transaction as the moves themselves.
 */
export async function decisionEffects(
  db: Sql,
  decisionIds: readonly number[],
): Promise<Map<number, DecisionEffect>> {
  if (decisionIds.length === 0) return new Map();
  const rows = await db.query<EventRow>(
    `SELECT entity_id, before, after FROM audit_event
      WHERE action = 'linkage.decide' AND entity_type = 'match_decision'
        AND entity_id = ANY($1::text[])`,
    [decisionIds.map(String)],
  );
  const effects = new Map<number, DecisionEffect>();
  for (const r of rows) {
    const movedRecords = r.after?.movedRecords ?? [];
    effects.set(Number(r.entity_id), {
      personsBefore: r.before?.persons ?? {},
      personsAfter: r.after?.persons ?? {},
      movedRecords,
      moved: r.after?.moved ?? movedRecords.length,
    });
  }
  return effects;
}
