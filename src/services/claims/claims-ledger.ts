import { scopeInArabic } from '../../core/claims/index.js';
import type { CountFilters } from '../../core/stats/counts/index.js';
import type { Sql } from '../../db/database.js';
import {
  listClaims,
  type ClaimStatus,
  type StoredClaim,
} from '../../db/repositories/claim-repository.js';
import { countPersons } from '../stats/count-persons.js';
import { parseClaimScope, type ClaimScope } from './claim-scope.js';
import { registerQuestion, type ScopeNote } from './scope-filters.js';

/** The register's own count for a claim's question. */
export interface RegisterCount {
  /** Unique persons matching `where`; null when the question has no register filters. */
  persons: number | null;
  where: CountFilters | null;
  notes: ScopeNote[];
}

/** A claim as shown in the ledger. */
export interface LedgerClaim {
  id: number;
  value: number;
  qualifier: string;
  category: string;
  scope: ClaimScope;
  /** The same scope with the values the lexicon knows in Arabic, for the Arabic workspace. */
  scopeInArabic: ClaimScope;
  status: ClaimStatus;
  quote: string;
  start: number;
  end: number;
  document: { id: number; title: string; source: string | null };
  register: RegisterCount;
}

/** The claims on one question (one category), side by side. */
export interface LedgerQuestion {
  category: string;
  claims: LedgerClaim[];
}

/** Which claims to show; rejected ones only when asked for. */
export interface LedgerOptions {
  category?: string;
  statuses?: readonly ClaimStatus[];
}

/**
 * The ledger grouped by question: claims of the same category side by side, largest first,
 * each with its scope and the register's own count of unique persons for the same scope (one
 * count per distinct scope).
 */
export async function claimsLedger(
  db: Sql,
  options: LedgerOptions = {},
): Promise<LedgerQuestion[]> {
  const claims = await listClaims(db, {
    category: options.category,
    statuses: options.statuses ?? ['proposed', 'confirmed'],
  });
  const counted = new Map<string, number>();
  const questions = new Map<string, LedgerClaim[]>();
  for (const claim of claims) {
    const shown = await present(db, claim, counted);
    const list = questions.get(claim.category);
    if (list) list.push(shown);
    else questions.set(claim.category, [shown]);
  }
  return [...questions].map(([category, list]) => ({ category, claims: list }));
}

async function present(
  db: Sql,
  claim: StoredClaim,
  counted: Map<string, number>,
): Promise<LedgerClaim> {
  const scope = safeScope(claim.scope);
  const question = registerQuestion(claim.category, scope);
  let persons: number | null = null;
  if (question.where) {
    const key = JSON.stringify(question.where);
    persons = counted.get(key) ?? null;
    if (persons === null) {
      persons = (await countPersons(db, { by: [], where: question.where })).total;
      counted.set(key, persons);
    }
  }
  return {
    id: claim.id,
    value: claim.value,
    qualifier: claim.qualifier,
    category: claim.category,
    scope,
    scopeInArabic: scopeInArabic(scope),
    status: claim.status,
    quote: claim.quote,
    start: claim.start,
    end: claim.end,
    document: { id: claim.documentId, title: claim.documentTitle, source: claim.source },
    register: { persons, where: question.where, notes: question.notes },
  };
}

// A scope written outside the services (by hand in SQL) should not break the whole listing.
function safeScope(value: unknown): ClaimScope {
  try {
    return parseClaimScope(value);
  } catch {
    return {};
  }
}
