/**
 * Figure extraction for the claims ledger: rules, not a model, so every proposal can be
 * explained. Decisions worth knowing:
 * - Vague amounts ("thousands", "dozens", "عشرات", "آلاف" alone) are not figures; "ten
 *   thousand", "120 ألف", "ثلاثة آلاف" and "half a million" are.
 * - "3.207" (a dot before exactly three digits, no "million" after) is 3207: counts of people
 *   are never fractions. "1.5 million" stays 1,500,000.
 * - "an estimated"/"estimated" and "some" read as `about`; "fewer than"/"under"/"أقل من" as
 *   `up_to`; a range "between 200 and 300" gives 200 `at_least` and 300 `up_to`.
 * - Spelled-out numbers under 100 ("two leaders") are proposed only with a qualifier, as part
 *   of a larger figure, or right beside their verb; "one" never is.
 * - Who is counted (refugees, prisoners, victims) is a weak cue; what happened to them
 *   (killed, arrested) wins unless it is a clause further away.
 */
export type { ClaimCategory, ClaimQualifier, ExtractedClaim } from './claim-types.js';
export { extractClaims } from './extract-claims.js';
export type { ProposedScope, ScopeEvidence, ScopeField } from './extract-scope.js';
export { populationInArabic, scopeInArabic } from './scope-in-arabic.js';
