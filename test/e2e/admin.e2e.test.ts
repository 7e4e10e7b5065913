import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/db/repositories/audit-repository.js';
import { importFile } from '../../src/services/import/import-file.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import {
  screenshotsDir,
  signIn,
  startBrowserWorkspace,
  type Account,
  type BrowserWorkspace,
} from '../helpers/browser-workspace.js';
import { haveChromium, warnIfNoChromium } from '../helpers/chromium.js';
import { tempDir } from '../helpers/temp-files.js';

/**
 * The Admin screen in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server and store, in Arabic and in English: add an account, change a role, read the audit log
 * and verify its chain, download a backup. Screenshots go to test-artifacts/e2e/admin-*.png.
 */
warnIfNoChromium("the Admin screen's browser tests");
// Written into the trail as if by a careless service: it must show as text, never as markup.
const markup = '<img src=x onerror="window.__sijilInjected = 1">';

describe.skipIf(!haveChromium)('Admin screen in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let admin: Account;
  let viewer: Account;
  const files = tempDir();
  const password = 'olive trees by the old sea wall';

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await importFile(t.db, {
      path: files.file('north.csv', 'name,sex,witness\nأحمد محمود الخطيب,male,أم خالد\n'),
      source: 'north-list',
      createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      columns: { witness: 'restricted' },
      actor: 'test',
    });
    await t.db.transaction((tx) =>
      appendAuditEvent(tx, {
        actor: 'test',
        action: 'test.note',
        entityType: 'note',
        after: { note: markup },
      }),
    );
    // Enough of a trail for more than one page.
    for (let i = 0; i < 30; i += 1) {
      await t.db.transaction((tx) =>
        appendAuditEvent(tx, { actor: 'system:filler', action: 'test.filler', entityType: 'note' }),
      );
    }
    workspace = await startBrowserWorkspace(t.db);
    admin = await workspace.addAccount('admin@example.org', 'admin', password);
    viewer = await workspace.addAccount('viewer@example.org', 'viewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    files.cleanup();
  });

  const roleOf = async (email: string) =>
    (await t.db.query<{ role: string }>('SELECT role FROM app_user WHERE email = $1', [email]))[0]
      ?.role;
  const row = (page: Page, email: string) => page.locator(`tr[data-email="${email}"]`);
  /** Emails in sentences are wrapped in Unicode isolates (for Arabic); compare without them. */
  const withoutIsolates = (text: string | null) => text?.replace(/[\u2068\u2069]/g, '');
  /** Text a missing translation would show: its key. */
  const untranslated = async (page: Page) =>
    (await page.locator('main').innerText()).match(/\badmin\.[a-zA-Z.]+/g) ?? [];

  it('works in Arabic: add an account, change its role, read the audit log and verify the chain', async () => {
    const { page, problems } = await workspace.openPage();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await signIn(page, admin, 'دخول');
    await page.getByRole('link', { name: 'الإدارة' }).click();
    await page.getByRole('heading', { name: 'الإدارة', level: 1 }).waitFor();
    await row(page, 'admin@example.org').waitFor();
    // One's own account is not changed from here.
    expect(await row(page, 'admin@example.org').locator('select').isDisabled()).toBe(true);

    await page.locator('input[name=newEmail]').fill('layla@example.org');
    await page.locator('select[name=newRole]').selectOption('reviewer');
    await page.getByRole('button', { name: 'أضف الحساب' }).click();
    const link = page.locator('input[name=setupLink]');
    await link.waitFor();
    expect(await link.inputValue()).toMatch(
      new RegExp(`^${workspace.base}/setup#[A-Za-z0-9_-]{43}$`),
    );
    await expect
      .poll(() => row(page, 'layla@example.org').textContent())
      .toContain('بانتظار كلمة المرور');
    expect(await roleOf('layla@example.org')).toBe('reviewer');
    // The table runs right to left: the account column is the rightmost.
    const first = await page.locator('table.admin-accounts th').first().boundingBox();
    const last = await page.locator('table.admin-accounts th').last().boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x);
    expect(await untranslated(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'admin-ar-1-added.png'), fullPage: true });

    await page.getByRole('button', { name: 'تم: أخفِ الرابط' }).click();
    await expect.poll(() => link.count()).toBe(0);
    await row(page, 'layla@example.org').locator('select').selectOption('editor');
    await row(page, 'layla@example.org').getByRole('button', { name: 'غيّر الدور' }).click();
    await expect
      .poll(() => page.locator('.admin-notice').textContent())
      .toContain('layla@example.org');
    expect(await roleOf('layla@example.org')).toBe('editor');
    await page.screenshot({
      path: join(screenshotsDir, 'admin-ar-2-role-changed.png'),
      fullPage: true,
    });

    await page.getByRole('link', { name: 'سجل التدقيق' }).click();
    await page.locator('table.admin-audit').waitFor();
    await page.locator('select[name=action]').selectOption('user.role-change');
    await page.getByRole('button', { name: 'اعرض' }).click();
    await expect.poll(() => page.locator('table.admin-audit tbody tr').count()).toBe(1);
    const event = await page.locator('table.admin-audit tbody tr').innerText();
    expect(event).toContain('admin@example.org');
    expect(event).toContain('"role": "reviewer"');
    expect(event).toContain('"role": "editor"');
    await page.getByRole('button', { name: 'تحقّق من السلسلة' }).click();
    await expect
      .poll(() => page.getByTestId('audit-verification').textContent())
      .toMatch(/^السلسلة سليمة: تُحُقِّق من ([٠-٩٬]+ (أحداث|حدثًا|حدث)|حدث واحد|حدثين)\.$/);
    expect(await untranslated(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'admin-ar-3-audit.png'), fullPage: true });

    await page.getByRole('link', { name: 'النسخ الاحتياطية' }).click();
    await page.getByTestId('backup-download').waitFor();
    expect(await untranslated(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotsDir, 'admin-ar-4-backup.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works in English: add, change a role, escaped values in the audit log, paging, backup download', async () => {
    const { page, problems } = await workspace.openPage();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await signIn(page, admin, 'Sign in');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();

    await page.locator('input[name=newEmail]').fill('omar@example.org');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await page.locator('input[name=setupLink]').waitFor();
    expect(await page.locator('.admin-link').innerText()).toContain(
      'It works once, for 72 hours, and is shown only now.',
    );
    await row(page, 'omar@example.org').locator('select').selectOption('reviewer');
    await row(page, 'omar@example.org').getByRole('button', { name: 'Change role' }).click();
    await expect
      .poll(async () => withoutIsolates(await page.locator('.admin-notice').textContent()))
      .toBe('omar@example.org is now reviewer, from their next action.');
    expect(await roleOf('omar@example.org')).toBe('reviewer');
    await page.screenshot({
      path: join(screenshotsDir, 'admin-en-1-accounts.png'),
      fullPage: true,
    });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('table.admin-audit').waitFor();
    // Newest first: the role change just made.
    expect(await page.locator('table.admin-audit tbody tr').first().innerText()).toContain(
      'user.role-change',
    );
    // A value holding markup shows as text and runs nothing.
    await page.locator('select[name=action]').selectOption('test.note');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('table.admin-audit tbody tr').count()).toBe(1);
    expect(await page.locator('.admin-value pre').innerText()).toContain(JSON.stringify(markup));
    expect(await page.locator('table.admin-audit img').count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as { __sijilInjected?: number }).__sijilInjected),
    ).toBe(undefined);
    // 25 events a page: older ones a click away, and back.
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await expect.poll(() => page.locator('table.admin-audit tbody tr').count()).toBe(25);
    const newestFirst = await page.locator('table.admin-audit tbody tr').first().innerText();
    await page.getByRole('button', { name: 'Older events' }).click();
    await expect.poll(() => page.locator('.admin-pager').innerText()).toContain('Page 2');
    await expect
      .poll(() => page.locator('table.admin-audit tbody tr').first().innerText())
      .not.toBe(newestFirst);
    await page.getByRole('button', { name: 'Newer events' }).click();
    await expect
      .poll(() => page.locator('table.admin-audit tbody tr').first().innerText())
      .toBe(newestFirst);
    // Only what the administrator did.
    await page.locator('input[name=actor]').fill('admin@example.org');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(
        async () =>
          new Set(await page.locator('table.admin-audit tbody tr td:nth-child(2)').allInnerTexts()),
      )
      .toEqual(new Set(['admin@example.org']));
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect
      .poll(() => page.getByTestId('audit-verification').textContent())
      .toMatch(/^The chain holds: \d+ events verified\.$/);
    await page.screenshot({ path: join(screenshotsDir, 'admin-en-2-audit.png'), fullPage: true });

    await page.getByRole('link', { name: 'Backups' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('backup-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^sijil-backup-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz$/,
    );
    expect(await download.failure()).toBeNull();
    await page.screenshot({ path: join(screenshotsDir, 'admin-en-3-backup.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows no Admin entry to other roles, and the screen refuses them', async () => {
    const { page, problems } = await workspace.openPage();
    await page.getByTestId('language-switch').click();
    await signIn(page, viewer, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${workspace.base}/#/admin`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Only administrators may use this screen.');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
