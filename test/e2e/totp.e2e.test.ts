import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  screenshotsDir,
  signIn,
  startBrowserWorkspace,
  type BrowserWorkspace,
} from '../helpers/browser-workspace.js';
import { haveChromium, warnIfNoChromium } from '../helpers/chromium.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { nextTotpCode, wrongTotpCode } from '../helpers/totp-codes.js';

/**
 * Two-step sign-in in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server and store, in Arabic and English: turn it on from the Account screen with codes computed
 * here from the secret the screen shows, sign out, sign in with the password and a code.
 * Screenshots go to test-artifacts/e2e/totp-*.png to be looked at.
 */
warnIfNoChromium('the browser tests');

describe.skipIf(!haveChromium)('two-step sign-in in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  const password = 'olive trees by the old sea wall';

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    workspace = await startBrowserWorkspace(t.db);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshotsDir, `totp-${name}.png`), fullPage: true });

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
    const account = await workspace.addAccount(email, 'editor', password);
    const { page, problems } = await workspace.openPage();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await signIn(page, account, 'دخول');
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
    await signIn(page, account, 'دخول');
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
    await signIn(page, account, 'دخول');
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
    const account = await workspace.addAccount(email, 'editor', password);
    const { page, problems } = await workspace.openPage();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await signIn(page, account, 'Sign in');
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
    await signIn(page, account, 'Sign in');
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
    await signIn(page, account, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
