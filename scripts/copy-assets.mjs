// Copies the non-TypeScript files the compiled code reads at run time (SQL migrations) next to it:
// into dist/ (the build) or the folder given (the benchmarks' build of src/).
import { cpSync } from 'node:fs';

const out = process.argv[2] ?? 'dist';
cpSync('src/db/migrations', `${out}/db/migrations`, { recursive: true });
