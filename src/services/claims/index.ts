/** The claims ledger: proposed figures from documents, reviewed by people, beside the register. */
export * from './claim-error.js';
export * from './claim-scope.js';
export * from './claims-ledger.js';
export * from './propose-claims.js';
export * from './review-claim.js';
export * from './scope-filters.js';
