/** Linkage use cases over files: dedupe a spreadsheet, generate synthetic lists, evaluate. */
export * from './clustered-csv.js';
export * from './csv-rows.js';
export * from './dedupe-file.js';
export * from './eval-files.js';
export * from './link-csv.js';
export * from './prepare-rows.js';
export * from './run-worker.js';
export * from './synth-file.js';
export * from './worker-comparer.js';
export * from './evaluation-sets.js';
