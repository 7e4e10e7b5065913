import { Command } from 'commander';
import { vi } from 'vitest';

/**
 * Runs one `sijil` command in this process (registered by `register`) and returns what it wrote
 * to standard output. Errors propagate as exceptions instead of exiting the test runner.
 */
export async function runInProcess(
  register: (program: Command) => void,
  args: readonly string[],
): Promise<string> {
  const program = new Command('sijil').exitOverride();
  register(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    await program.parseAsync(['node', 'sijil', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}
