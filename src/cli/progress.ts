import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** `done`/`total` drive the percentage and ETA (bytes, say); `items` the rate (rows). */
  update(done: number, total: number, items: number): void;
  stop(): void;
}

/**
 * A bar with rate and ETA on a terminal; on a pipe or in CI, a plain line every few seconds
 * (SIJIL_PROGRESS_SECONDS, default 5) so logs stay readable.
 */
export function createProgress(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  const started = Date.now();
  const rate = (items: number) =>
    Math.round(items / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | {items} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      update(done, total, items) {
        const payload = { items, rate: rate(items) };
        if (!running) {
          bar.start(total, done, payload);
          running = true;
        } else bar.update(done, payload);
      },
      stop() {
        if (running) bar.stop();
      },
    };
  }
  const every = lineInterval();
  let lastLine = Date.now();
  return {
    update(done, total, items) {
      const now = Date.now();
      if (now - lastLine < every) return;
      lastLine = now;
      const elapsed = (now - started) / 1000;
      const fraction = total > 0 ? Math.min(done / total, 1) : 0;
      const eta = fraction > 0 ? Math.round(elapsed / fraction - elapsed) : null;
      stream.write(
        `${label}: ${Math.round(fraction * 100)}%, ${items} ${unit}, ${rate(items)} ${unit}/s${eta === null ? '' : `, about ${eta} s left`}\n`,
      );
    },
    stop() {},
  };
}

/**
 * Milliseconds between plain progress lines: SIJIL_PROGRESS_SECONDS (a log collector may want
 * them more or less often), 5 s by default or when the value is not a positive number.
 */
function lineInterval(): number {
  const seconds = Number(process.env.SIJIL_PROGRESS_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5000;
}
