/**
 * The workspace the browser tests drive: the built web app served by a real server on loopback
 * over the test file's store, headless Chromium to open it, accounts with passwords, and pages
 * signed in as them. The test file still opens and disposes its own store and files.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page, ViewportSize } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import type { Database } from '../../src/db/database.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { webAppDir } from '../../src/server/routes/web-app.js';
import { addUser } from '../../src/services/users/users-service.js';
import { launchChromium, openWatchedPage, type WatchedPage } from './chromium.js';

/** Where the browser tests save screenshots for a person to look at. */
export const screenshotsDir = join(process.cwd(), 'test-artifacts', 'e2e');

/** For screens of tables and charts: 100 px taller than openWatchedPage's default. */
export const tallViewport: ViewportSize = { width: 1280, height: 900 };

/** Who signs in: an account whose password has been set. */
export interface Account {
  email: string;
  password: string;
}

export interface BrowserWorkspace {
  app: FastifyInstance;
  /** The server's address, e.g. http://127.0.0.1:40123. */
  base: string;
  browser: Browser;
  /** Adds an account and sets its password through the set-password link, as its owner would. */
  addAccount(email: string, role: Role, password: string): Promise<Account>;
  /** The web app's first screen in a fresh context (openWatchedPage's default size if none). */
  openPage(viewport?: ViewportSize): Promise<WatchedPage>;
  /** A fresh page signed in as `account`, in Arabic (the app's default) unless told otherwise. */
  signedInPage(
    account: Account,
    options?: { language?: 'ar' | 'en'; viewport?: ViewportSize },
  ): Promise<WatchedPage>;
  /** Closes Chromium, then the server. */
  close(): Promise<void>;
}

/**
 * Fills in the sign-in form and submits it with the button labelled `submitLabel`, so a test that
 * names it also checks it is there; without one, with the form's submit button whatever it says.
 */
export async function signIn(page: Page, account: Account, submitLabel?: string): Promise<void> {
  await page.locator('input[name=email]').fill(account.email);
  await page.locator('input[name=password]').fill(account.password);
  const submit =
    submitLabel === undefined
      ? page.locator('form button[type=submit]')
      : page.getByRole('button', { name: submitLabel });
  await submit.click();
}

/**
 * Serves the built web app over `db` and launches Chromium. Sign-in attempts are limited to 1,000 a
 * minute unless `serverOptions` says otherwise: the tests sign in far more often than people do.
 */
export async function startBrowserWorkspace(
  db: Database,
  serverOptions: Omit<ServerOptions, 'db'> = {},
): Promise<BrowserWorkspace> {
  // Fail at once with what to do, rather than with a blank page in every test.
  if (!existsSync(join(webAppDir, 'index.html'))) {
    throw new Error(`the web app is not built in ${webAppDir}: run \`npm run build\` first`);
  }
  mkdirSync(screenshotsDir, { recursive: true });
  const app = await buildServer({ authAttemptsPerMinute: 1000, ...serverOptions, db });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const chromium = await launchChromium();
    const { browser } = chromium;
    const openPage = (viewport?: ViewportSize) => openWatchedPage(browser, `${base}/`, viewport);
    return {
      app,
      base,
      browser,
      async addAccount(email, role, password) {
        const { setupToken } = await addUser(db, { email, role }, 'test');
        const set = await fetch(`${base}/api/auth/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: setupToken, password }),
        });
        expect(set.status).toBe(200);
        return { email, password };
      },
      openPage,
      async signedInPage(account, { language = 'ar', viewport } = {}) {
        const watched = await openPage(viewport);
        const { page } = watched;
        if (language === 'en') {
          await page.getByTestId('language-switch').click();
          await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
        }
        await signIn(page, account);
        // Signed in once the workspace's navigation has replaced the sign-in form.
        await page.locator('nav a').first().waitFor();
        return watched;
      },
      async close() {
        await chromium.close();
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
