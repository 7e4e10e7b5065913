#!/usr/bin/env node
// The published entry point: the CLI is compiled to dist/ by `npm run build` (run by `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).catch((error) => {
  process.stderr.write(`sijil: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
