// The `sijil` command run from the TypeScript sources (`node --import tsx run-cli.ts …`), for tests
// that start it as separate processes without a build.
import { main } from '../../src/cli/main.js';

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`sijil: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
