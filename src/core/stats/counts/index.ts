/** Unique-person counts and source comparison: field definitions, age groups, filters, CSV. */
export * from './age-groups.js';
export * from './capture-csv.js';
export * from './count-fields.js';
export * from './count-query.js';
export * from './source-overlaps.js';
