export * from './link-worker.js';
export * from './partition-job.js';
export * from './partitioned-comparer.js';
