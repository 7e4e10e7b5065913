/** A benchmark's `--name value` options, from its command line. */
const args = process.argv.slice(2);

/** The text after `--name`, or `fallback` when the option is not given. */
export function textOption(name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

/** The number after `--name`, or `fallback` when the option is not given; anything else stops. */
export function numberOption(name: string, fallback: number): number {
  const text = textOption(name, '');
  if (text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number, not "${text}"`);
  return value;
}

/** Whether `--name` is given. */
export function hasFlag(name: string): boolean {
  return args.includes(`--${name}`);
}
