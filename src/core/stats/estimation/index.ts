/** Multiple systems estimation: estimating how many people no list recorded. */
export * from './capture-table.js';
export * from './data-checks.js';
export * from './hierarchical-models.js';
export * from './lcmcr-sampler.js';
export * from './loglinear.js';
export * from './poisson-regression.js';
export * from './posterior-summary.js';
export * from './random-source.js';
export * from './special-functions.js';
export * from './stratified.js';
export * from './two-list.js';
export * from './lcmcr-chains.js';
