import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableRecordSearchIndex } from '../../src/db/repositories/record-search-index.js';
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
 * The staff web app in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server on loopback and a real PGlite store, in Arabic and in English. Screenshots go to
 * test-artifacts/e2e/ to be looked at: Arabic right-to-left, nothing overlapping.
 */
warnIfNoChromium('the browser tests');

describe.skipIf(!haveChromium)('staff web app in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let viewer: Account;
  const files = tempDir();
  const password = 'olive trees by the old sea wall';

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await importFile(t.db, {
      path: files.file(
        'north.csv',
        [
          'name,name_latin,sex,age,event_date,place_governorate,place_locality,violation',
          'أحمد محمود الخطيب,Ahmad Mahmoud al-Khatib,male,34,2013-08-21,ريف دمشق,زملكا,killed',
          'سعيد الأحمد,Saeed al-Ahmad,male,17,2014-02,حلب,الباب,detained',
          'فاطمة الزهراء علي,Fatima al-Zahraa Ali,female,29,2012,حمص,الحولة,killed',
        ].join('\n'),
      ),
      source: 'north-list',
      createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      actor: 'test',
    });
    await importFile(t.db, {
      path: files.file(
        'south.csv',
        'name,sex,age,place_governorate,violation\nاحمد يوسف,male,52,درعا,injured\n',
      ),
      source: 'south-list',
      createSource: { nameEn: 'Southern list', nameAr: 'قائمة الجنوب' },
      actor: 'test',
    });
    // Searches wait for a catch-up of up to 1,000 records; the last test imports more than that.
    await enableRecordSearchIndex(t.db, { waitLimit: 1000 });
    workspace = await startBrowserWorkspace(t.db);
    viewer = await workspace.addAccount('viewer@example.org', 'viewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    files.cleanup();
  });

  const htmlAttr = (page: Page, name: string) => page.locator('html').getAttribute(name);

  async function searchFor(page: Page, text: string, rows: number) {
    await page.locator('input[name=search]').fill(text);
    // The search is debounced; wait until the table shows what was asked for.
    await expect
      .poll(() => page.locator('table.records tbody tr').count(), { timeout: 10_000 })
      .toBe(rows);
  }

  const rowNames = (page: Page) =>
    page.locator('table.records tbody tr td:first-child').allTextContents();

  it('works in Arabic: right to left, sign in, hamza-tolerant search, numerals, sign out', async () => {
    const { page, problems } = await workspace.openPage();
    expect(await htmlAttr(page, 'dir')).toBe('rtl');
    expect(await htmlAttr(page, 'lang')).toBe('ar');
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'ar-1-sign-in.png'), fullPage: true });

    // A wrong password is refused in Arabic.
    await signIn(page, { ...viewer, password: 'not the password' }, 'دخول');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('كلمة المرور غير صحيحة');

    await signIn(page, viewer, 'دخول');
    await page.getByRole('heading', { name: 'البحث في السجل' }).waitFor();

    // "احمد" (bare alif) finds "أحمد …" and "… الأحمد" (hamza above) in the northern list.
    await page.locator('select[name=source]').selectOption('north-list');
    await searchFor(page, 'احمد', 2);
    expect((await rowNames(page)).sort()).toEqual(['أحمد محمود الخطيب', 'سعيد الأحمد']);
    // Arabic-Indic numerals by default in Arabic: ages 34 and 17.
    const ages = await page.locator('table.records tbody tr td.num').allTextContents();
    expect(ages.sort()).toEqual(['١٧', '٣٤']);
    // The table runs right to left: the name column is the rightmost.
    const nameBox = await page.locator('table.records th').first().boundingBox();
    const lastBox = await page.locator('table.records th').last().boundingBox();
    expect(nameBox!.x).toBeGreaterThan(lastBox!.x);
    await page.screenshot({ path: join(screenshotsDir, 'ar-2-search.png'), fullPage: true });

    // Latin numerals when the user prefers them, kept across a reload.
    await page.locator('select[name=numerals]').selectOption('latn');
    await expect
      .poll(async () => (await page.locator('table.records td.num').allTextContents()).sort())
      .toEqual(['17', '34']);
    await page.locator('select[name=numerals]').selectOption('auto');

    await page.getByRole('link', { name: 'المصادر' }).click();
    await page.getByRole('heading', { name: 'المصادر' }).waitFor();
    const sourceRows = await page.locator('table.sources tbody tr').allTextContents();
    expect(sourceRows).toHaveLength(2);
    expect(sourceRows.join(' ')).toContain('قائمة الشمال');
    expect(sourceRows.join(' ')).toContain('٣');
    await page.screenshot({ path: join(screenshotsDir, 'ar-3-sources.png'), fullPage: true });

    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    // Signed out on the server too: the API refuses the old cookie.
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(session).toBe(401);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works in English: switch language (kept across reloads), search, sources, back to Arabic, sign out', async () => {
    const { page, problems } = await workspace.openPage();
    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlAttr(page, 'dir')).toBe('ltr');
    expect(await htmlAttr(page, 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await htmlAttr(page, 'dir')).toBe('ltr');
    await page.screenshot({ path: join(screenshotsDir, 'en-1-sign-in.png'), fullPage: true });

    await signIn(page, viewer, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    // "أحمد" (hamza above) finds the southern list's "احمد يوسف" (bare alif) too.
    await searchFor(page, 'أحمد', 3);
    await page.locator('select[name=source]').selectOption('south-list');
    await expect.poll(() => rowNames(page)).toEqual(['احمد يوسف']);
    await page.locator('select[name=source]').selectOption('');
    await page.locator('input[name=search]').fill('أحمد الخطيب');
    await expect.poll(() => rowNames(page)).toEqual(['أحمد محمود الخطيب']);
    await page.locator('input[name=search]').fill('');
    await expect.poll(async () => (await rowNames(page)).length).toBe(4);
    const ages = await page.locator('table.records tbody tr td.num').allTextContents();
    expect(ages).toContain('52');
    const nameBox = await page.locator('table.records th').first().boundingBox();
    const lastBox = await page.locator('table.records th').last().boundingBox();
    expect(nameBox!.x).toBeLessThan(lastBox!.x);
    await page.screenshot({ path: join(screenshotsDir, 'en-2-search.png'), fullPage: true });

    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect((await page.locator('table.sources tbody tr').allTextContents()).join(' ')).toContain(
      'Southern list',
    );
    await expect
      .poll(() => page.locator('p.muted').first().textContent())
      .toBe('4 records from 2 sources');
    await page.screenshot({ path: join(screenshotsDir, 'en-3-sources.png'), fullPage: true });

    await page.getByTestId('language-switch').click();
    await expect.poll(() => htmlAttr(page, 'dir')).toBe('rtl');
    expect(await htmlAttr(page, 'lang')).toBe('ar');
    await page.getByRole('heading', { name: 'المصادر' }).waitFor();
    // Arabic counts in their own plural forms: four records (3–10 take the plural), two sources.
    await expect
      .poll(() => page.locator('p.muted').first().textContent())
      .toBe('٤ سجلات من مصدرين');
    await page.screenshot({
      path: join(screenshotsDir, 'en-4-back-to-arabic.png'),
      fullPage: true,
    });

    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says while a large import is being added to search, then shows it', async () => {
    const { page, problems } = await workspace.openPage();
    await page.getByTestId('language-switch').click();
    await signIn(page, viewer, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    await searchFor(page, 'سلمى', 0);
    const family = ['حمدان', 'بركة', 'النجار', 'قديح'];
    const rows = Array.from({ length: 30_000 }, (_, i) => `سلمى ${family[i % 4]},female,${i % 90}`);
    await importFile(t.db, {
      path: files.file('large.csv', ['name,sex,age', ...rows].join('\n')),
      source: 'large-list',
      createSource: { nameEn: 'Large list' },
      actor: 'test',
    });
    // The search asked again: the store holds the records, search does not show them yet, and
    // the screen says so rather than letting the counts pass for the register's.
    await page.locator('input[name=search]').fill('سلمى حمدان');
    const notice = page.getByTestId('search-indexing');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('30,000 records just imported');
    await page.screenshot({
      path: join(screenshotsDir, 'en-5-search-indexing.png'),
      fullPage: true,
    });
    // It asks again by itself until they are in, then lists them.
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('search-totals').textContent(), { timeout: 10_000 })
      .toContain('Matching records: 7,500');
    await expect.poll(() => page.locator('table.records tbody tr').count()).toBe(50);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
