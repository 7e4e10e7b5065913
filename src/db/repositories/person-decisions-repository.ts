import type { Sql } from '../database.js';
import type { MatchVerdict } from './linkage-decision-repository.js';

/** A decision, standing or undone, on a pair with at least one of a person's records. */
export interface PersonDecision {
  id: number;
  recordA: number;
  recordB: number;
  /** Where each record is now. */
  personA: number;
  personB: number;
  decision: MatchVerdict;
  decidedBy: string;
  /** The account's display name or email when the actor is a user, else null. */
  decidedByName: string | null;
  decidedAt: string;
  note: string | null;
  undoneBy: string | null;
  undoneByName: string | null;
  undoneAt: string | null;
}

interface Row {
  id: number;
  record_a: number;
  record_b: number;
  person_a: number;
  person_b: number;
  decision: MatchVerdict;
  decided_by: string;
  decided_by_name: string | null;
  decided_at: Date | string;
  note: string | null;
  undone_by: string | null;
  undone_by_name: string | null;
  undone_at: Date | string | null;
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : String(d));

/**
 * Every decision, newest first, on a pair with a record among `recordIds`, undone ones included
 * (the history is complete). Unless `includeRestricted`, pairs whose other record is restricted
 * are left out, as restricted records are everywhere else.
 */
export async function decisionsOfRecords(
  db: Sql,
  recordIds: readonly number[],
  includeRestricted: boolean,
): Promise<PersonDecision[]> {
  if (recordIds.length === 0) return [];
  const rows = await db.query<Row>(
    `SELECT d.id, d.record_a, d.record_b, ra.person_id AS person_a, rb.person_id AS person_b,
            d.decision, d.decided_by, coalesce(ud.display_name, ud.email) AS decided_by_name,
            d.decided_at, d.note, d.undone_by, coalesce(uu.display_name, uu.email) AS undone_by_name,
            d.undone_at
       FROM match_decision d
       JOIN record ra ON ra.id = d.record_a
       JOIN record rb ON rb.id = d.record_b
       LEFT JOIN app_user ud ON d.decided_by = 'user:' || ud.id
       LEFT JOIN app_user uu ON d.undone_by = 'user:' || uu.id
      WHERE (d.record_a = ANY($1::int[]) OR d.record_b = ANY($1::int[]))
        AND ($2 OR (ra.confidentiality <> 'restricted' AND rb.confidentiality <> 'restricted'))
      ORDER BY d.decided_at DESC, d.id DESC`,
    [[...recordIds], includeRestricted],
  );
  return rows.map((r) => ({
    id: r.id,
    recordA: r.record_a,
    recordB: r.record_b,
    personA: r.person_a,
    personB: r.person_b,
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: iso(r.decided_at),
    note: r.note,
    undoneBy: r.undone_by,
    undoneByName: r.undone_by_name,
    undoneAt: r.undone_at === null ? null : iso(r.undone_at),
  }));
}
