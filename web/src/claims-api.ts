import { call } from './api';

/** What a stated figure counts (src/core/claims/claim-types.ts). */
export type ClaimCategory =
  | 'killed'
  | 'children_killed'
  | 'died_under_torture'
  | 'died_under_siege'
  | 'detained_or_disappeared'
  | 'injured'
  | 'displaced'
  | 'population'
  | 'share'
  | 'other';
export type ClaimQualifier = 'exactly' | 'at_least' | 'more_than' | 'close_to' | 'about' | 'up_to';
export type ClaimStatus = 'proposed' | 'confirmed' | 'rejected';

/** Who, where, by whom and when a figure counts (src/services/claims/claim-scope.ts). */
export interface ClaimScope {
  population?: string;
  place?: { country?: string; governorate?: string; locality?: string; site?: string };
  perpetrator?: string;
  period?: { start?: string; end?: string };
  asOf?: string;
}

/** Why a scope is not, or not wholly, put as register filters (src/services/claims/scope-filters.ts). */
export interface ScopeNote {
  code:
    | 'category-not-counted'
    | 'period-open'
    | 'period-reversed'
    | 'period-too-long'
    | 'period-mid-month'
    | 'population-not-a-field'
    | 'as-of-not-applied';
  params: Record<string, string>;
  text: string;
}

/** A claim of the ledger, with the register's own count for its scope (GET /api/claims). */
export interface LedgerClaim {
  id: number;
  value: number;
  qualifier: ClaimQualifier;
  category: ClaimCategory;
  scope: ClaimScope;
  /** The same scope with the values the register's lexicon knows in Arabic. */
  scopeInArabic: ClaimScope;
  status: ClaimStatus;
  quote: string;
  document: { id: number; title: string; source: string | null };
  register: { persons: number | null; notes: ScopeNote[] };
}

export interface LedgerQuestion {
  category: ClaimCategory;
  claims: LedgerClaim[];
}

export async function fetchClaimsLedger(withRejected: boolean): Promise<LedgerQuestion[]> {
  const statuses = withRejected ? ['proposed', 'confirmed', 'rejected'] : ['proposed', 'confirmed'];
  const query = statuses.map((s) => `status=${s}`).join('&');
  return (await call<{ questions: LedgerQuestion[] }>(`/api/claims?${query}`)).questions;
}

export async function reviewClaim(id: number, decision: 'confirm' | 'reject'): Promise<void> {
  await call(`/api/claims/${id}/${decision}`, { method: 'POST', body: JSON.stringify({}) });
}
