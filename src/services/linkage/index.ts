/** Linkage use cases over files: dedupe a spreadsheet, generate synthetic lists, evaluate. */
export * from './dedupe-file.js';
export * from './eval-files.js';
export * from './link-csv.js';
export * from './synth-file.js';
export * from './worker-comparer.js';
export * from './evaluation-sets.js';
