/** Estimating the undocumented: runs the estimators on capture histories and explains the results. */
export * from './estimate-captures.js';
export * from './explain-estimate.js';
export * from './lcmcr-runner.js';
export * from './estimate-register.js';
export * from './saved-estimates.js';
export * from './save-strata.js';
