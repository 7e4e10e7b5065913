import type { Sql } from '../database.js';

/** Where a claim stands: proposed by extraction, then confirmed or rejected by a person. */
export type ClaimStatus = 'proposed' | 'confirmed' | 'rejected';

/** A claim as stored, with its document's title and source. */
export interface StoredClaim {
  id: number;
  documentId: number;
  documentTitle: string;
  source: string | null;
  value: number;
  qualifier: string;
  category: string;
  scope: Record<string, unknown>;
  quote: string;
  start: number;
  end: number;
  status: ClaimStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

/** A claim to store; offsets are into the document's body. */
export interface ClaimInput {
  documentId: number;
  value: number;
  qualifier: string;
  category: string;
  quote: string;
  start: number;
  end: number;
  /** A proposed scope (see services/claims/claim-scope.ts); empty when none was read. */
  scope?: Record<string, unknown>;
}

interface ClaimRow {
  id: number;
  document_id: number;
  title: string;
  slug: string | null;
  value: string | number;
  qualifier: string;
  category: string;
  scope: Record<string, unknown> | null;
  quote: string;
  quote_start: number;
  quote_end: number;
  status: ClaimStatus;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
  created_at: Date | string;
}

const selectClaims = `SELECT c.id, c.document_id, d.title, s.slug, c.value, c.qualifier, c.category,
    c.scope, c.quote, c.quote_start, c.quote_end, c.status, c.reviewed_by, c.reviewed_at,
    c.created_at
  FROM claim c JOIN document d ON d.id = c.document_id LEFT JOIN source s ON s.id = d.source_id`;

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : v);

function fromRow(r: ClaimRow): StoredClaim {
  return {
    id: r.id,
    documentId: r.document_id,
    documentTitle: r.title,
    source: r.slug,
    // numeric comes back as text from pg: the values are whole counts or percentages.
    value: Number(r.value),
    qualifier: r.qualifier,
    category: r.category,
    scope: r.scope ?? {},
    quote: r.quote,
    start: r.quote_start,
    end: r.quote_end,
    status: r.status,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at === null ? null : iso(r.reviewed_at),
    createdAt: iso(r.created_at),
  };
}

/** The document's body, or null when there is no such document. */
export async function findDocumentBody(
  db: Sql,
  documentId: number,
): Promise<{ title: string; body: string } | null> {
  const rows = await db.query<{ title: string; body: string }>(
    'SELECT title, body FROM document WHERE id = $1',
    [documentId],
  );
  return rows[0] ?? null;
}

/** Stores proposed claims, skipping any the document already has; returns the new ids. */
export async function insertProposedClaims(
  tx: Sql,
  claims: readonly ClaimInput[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const c of claims) {
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO claim (document_id, value, qualifier, category, quote, quote_start, quote_end, scope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (document_id, quote_start, quote_end, category, value) DO NOTHING
       RETURNING id`,
      [
        c.documentId,
        c.value,
        c.qualifier,
        c.category,
        c.quote,
        c.start,
        c.end,
        JSON.stringify(c.scope ?? {}),
      ],
    );
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}

/** One claim, or null. `forUpdate` locks it for the rest of the transaction. */
export async function findClaim(
  db: Sql,
  id: number,
  forUpdate = false,
): Promise<StoredClaim | null> {
  const rows = await db.query<ClaimRow>(
    `${selectClaims} WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Records a person's review of a claim. */
export async function updateClaimReview(
  tx: Sql,
  id: number,
  change: { status: ClaimStatus; scope: Record<string, unknown>; reviewedBy: string },
): Promise<void> {
  await tx.query(
    `UPDATE claim SET status = $2, scope = $3, reviewed_by = $4, reviewed_at = now() WHERE id = $1`,
    [id, change.status, JSON.stringify(change.scope), change.reviewedBy],
  );
}

/** Which claims to list. */
export interface ClaimFilter {
  category?: string;
  documentId?: number;
  statuses?: readonly ClaimStatus[];
}

/** Claims by category, then value (largest first), then id. */
export async function listClaims(db: Sql, filter: ClaimFilter = {}): Promise<StoredClaim[]> {
  const where: string[] = [];
  const params: (string | number | string[])[] = [];
  if (filter.category !== undefined) {
    params.push(filter.category);
    where.push(`c.category = $${params.length}`);
  }
  if (filter.documentId !== undefined) {
    params.push(filter.documentId);
    where.push(`c.document_id = $${params.length}`);
  }
  if (filter.statuses && filter.statuses.length > 0) {
    params.push([...filter.statuses]);
    where.push(`c.status = ANY($${params.length}::text[])`);
  }
  const rows = await db.query<ClaimRow>(
    `${selectClaims}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.category, c.value DESC, c.id`,
    params,
  );
  return rows.map(fromRow);
}
