import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { webAppDir } from '../../src/server/routes/web-app.js';
import { addUser } from '../../src/services/users/users-service.js';
import {
  chromiumPath,
  haveChromium,
  launchChromium,
  openWatchedPage,
  type ChromiumSession,
} from '../helpers/chromium.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { nextTotpCode, wrongTotpCode } from '../helpers/totp-codes.js';

/**
 * Two-step sign-in in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server and store, in Arabic and English: turn it on from the Account screen with codes computed
 * here from the secret the screen shows, sign out, sign in with the password and a code.
 * Screenshots go to test-artifacts/e2e/totp-*.png to be looked at.
 */
if (!haveChromium) {
  console.warn(
    `e2e: skipping the browser tests: ${chromiumPath} is absent (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}
const shots = join(process.cwd(), 'test-artifacts', 'e2e');

describe.skipIf(!haveChromium)('two-step sign-in in Chromium (e2e)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let chromiumSession: ChromiumSession | undefined;
  const password = 'olive trees by the old sea wall';

  async function account(email: string) {
    const { setupToken } = await addUser(t.db, { email, role: 'editor' }, 'test');
    const set = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: setupToken, password }),
    });
    expect(set.status).toBe(200);
  }

  beforeAll(async () => {
    if (!existsSync(join(webAppDir, 'index.html'))) {
      throw new Error(`the web app is not built in ${webAppDir}: run \`npm run build\` first`);
    }
    mkdirSync(shots, { recursive: true });
    t = await openTestDatabase('pglite');
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    chromiumSession = await launchChromium();
    browser = chromiumSession.browser;
  });

  afterAll(async () => {
    await chromiumSession?.close();
    await app?.close();
    await t?.dispose();
  });

  const openPage = () => openWatchedPage(browser, `${base}/`);

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `totp-${name}.png`), fullPage: true });

  async function signInWithPassword(page: Page, email: string, submit: string) {
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: submit }).click();
  }

  /** Account screen → set up → the secret as shown → the first code → recovery codes. */
  async function turnOn(
    page: Page,
    email: string,
    labels: { setUp: string; turnOn: string; saved: string },
    prefix: string,
  ): Promise<{ secret: string; recoveryCodes: string[] }> {
    await page.getByRole('button', { name: labels.setUp }).click();
    const shown = (await page.getByTestId('totp-secret').textContent())!;
    expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = shown.replace(/ /g, '');
    await shot(page, `${prefix}-2-secret`);
    await page.locator('input[name=totp-code]').fill(await nextTotpCode(t.db, email, secret));
    await page.getByRole('button', { name: labels.turnOn }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    expect(recoveryCodes).toHaveLength(8);
    await shot(page, `${prefix}-3-recovery-codes`);
    await page.getByRole('button', { name: labels.saved }).click();
    await page.getByTestId('totp-on').waitFor();
    return { secret, recoveryCodes };
  }

  it('in Arabic: turns it on, then asks for the code after the password; a recovery code works once', async () => {
    const email = 'layla@example.org';
    await account(email);
    const { page, problems } = await openPage();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await signInWithPassword(page, email, 'دخول');
    await page.getByRole('link', { name: 'الحساب' }).click();
    await page.getByRole('heading', { name: 'حسابك' }).waitFor();
    await shot(page, 'ar-1-account-off');
    const { secret, recoveryCodes } = await turnOn(
      page,
      email,
      { setUp: 'إعداد التحقق بخطوتين', turnOn: 'تفعيل', saved: 'حفظتُها' },
      'ar',
    );
    await expect.poll(() => page.getByTestId('totp-on').textContent()).toContain('مفعّل');
    await shot(page, 'ar-4-account-on');

    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await signInWithPassword(page, email, 'دخول');
    await page.getByRole('heading', { name: 'التحقق بخطوتين' }).waitFor();
    // The code field reads left to right inside the right-to-left page.
    expect(await page.locator('input[name=code]').getAttribute('dir')).toBe('ltr');
    await page.locator('input[name=code]').fill(wrongTotpCode(secret));
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('الرمز غير صحيح');
    await shot(page, 'ar-5-wrong-code');
    await page.locator('input[name=code]').fill(await nextTotpCode(t.db, email, secret));
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.getByRole('heading', { name: 'البحث في السجل' }).waitFor();

    // Lost phone: a recovery code instead, once.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await signInWithPassword(page, email, 'دخول');
    await page.getByRole('button', { name: 'فقدت هاتفك؟ استخدم رمز استرداد' }).click();
    await page.locator('input[name=code]').fill(recoveryCodes[0]!);
    await shot(page, 'ar-6-recovery-code');
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.getByRole('heading', { name: 'البحث في السجل' }).waitFor();
    await page.getByRole('link', { name: 'الحساب' }).click();
    await expect
      .poll(() => page.locator('.account-section').textContent())
      .toMatch(/رموز الاسترداد غير المستخدمة: ٧/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('in English: turns it on, signs in with password and code, turns it off again', async () => {
    const email = 'omar@example.org';
    await account(email);
    const { page, problems } = await openPage();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await signInWithPassword(page, email, 'Sign in');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await shot(page, 'en-1-account-off');
    const { secret } = await turnOn(
      page,
      email,
      { setUp: 'Set up two-step sign-in', turnOn: 'Turn on', saved: 'I have saved them' },
      'en',
    );
    await shot(page, 'en-4-account-on');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithPassword(page, email, 'Sign in');
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await shot(page, 'en-5-code-step');
    await page.locator('input[name=code]').fill(await nextTotpCode(t.db, email, secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();

    // Turning it off needs the password and a current code.
    await page.getByRole('link', { name: 'Account' }).click();
    await page.locator('input[name=password]').fill(password);
    await page.locator('input[name=totp-code]').fill(await nextTotpCode(t.db, email, secret));
    await shot(page, 'en-6-turn-off');
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();

    // The password alone signs in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithPassword(page, email, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
