/** Unique-person counts and source comparison over the register. */
export * from './compare-sources.js';
export * from './count-persons.js';
