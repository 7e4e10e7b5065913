/** Record linkage: blocking, comparison, the Fellegi–Sunter model, clustering, evaluation. */
export * from './blocking.js';
export * from './clustering.js';
export * from './constrained-link.js';
export * from './compare-records.js';
export * from './decisions.js';
export * from './default-values.js';
export * from './evaluation.js';
export * from './fellegi-sunter.js';
export * from './identity-number.js';
export * from './link-pipeline.js';
export * from './link-record.js';
export * from './prng.js';
export * from './string-similarity.js';
export * from './synth.js';
export * from './columnar-records.js';
