import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** Says that a file's browser tests (`tests`) are skipped, and how to get Chromium, when it is absent. */
export function warnIfNoChromium(tests: string): void {
  if (!haveChromium)
    console.warn(
      `e2e: skipping ${tests}: ${chromiumPath} is absent (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
}

export interface ChromiumSession {
  readonly browser: Browser;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Chromium, headless, with a profile of its own for this run and no background connections. */
export async function launchChromium(): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), 'sijil-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disk-cache-dir=${join(profile, 'cache')}`,
      ],
    });
    return {
      browser,
      async close() {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** A page and the errors it has shown so far, which a test expects to stay empty. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/**
 * A page at `url` in a fresh browser context (no cookies, no storage), with every page error and
 * console error collected in `problems` for the test to check. 401 answers are expected (the
 * session check before signing in, wrong codes on purpose) and are not problems.
 */
export async function openWatchedPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}
