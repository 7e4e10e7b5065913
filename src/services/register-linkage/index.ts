/** Linkage inside the register: runs over the stored records, decisions, the review queue. */
export * from './assign-person-ids.js';
export * from './decide-pair.js';
export * from './link-register.js';
export * from './linkage-error.js';
export * from './register-link-input.js';
export * from './review-queue.js';
export * from './undo-review-decision.js';
