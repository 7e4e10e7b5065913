import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../src/core/linkage/index.js';
import { importFile } from '../../src/services/import/import-file.js';
import { decidePair, linkRegister } from '../../src/services/register-linkage/index.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import {
  screenshotsDir,
  signIn,
  startBrowserWorkspace,
  tallViewport,
  type Account,
  type BrowserWorkspace,
} from '../helpers/browser-workspace.js';
import { haveChromium, warnIfNoChromium } from '../helpers/chromium.js';
import { tempDir } from '../helpers/temp-files.js';

/**
 * The person page and the review queue in a real browser (Debian's Chromium driven by
 * playwright-core) against a real server on loopback and a real PGlite store, in Arabic and in
 * English: a person's records side by side, then pairs decided, undone and skipped from the
 * keyboard. Screenshots go to test-artifacts/e2e/review-*.png to be looked at.
 */
warnIfNoChromium('the review browser tests');
describe.skipIf(!haveChromium)('person page and review queue in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let reviewer: Account;
  const files = tempDir();
  const password = 'olive trees by the old sea wall';
  let person = 0;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    // Synthetic lists with known truth fill the review queue through a real linkage run.
    const synthetic = generateSynthetic({ records: 500, sources: 3, seed: 11 });
    for (const source of ['src1', 'src2', 'src3'])
      await importFile(t.db, {
        path: files.file(
          `${source}.csv`,
          stringify([
            ['record_id', 'name', 'name_latin', 'sex', 'age', 'birth_date', 'death_date'],
            ...synthetic
              .filter((r) => r.source === source)
              .map((r) => [
                r.recordId,
                r.name,
                r.nameLatin,
                r.sex,
                r.age,
                r.birthDate,
                r.deathDate,
              ]),
          ]),
        ),
        source,
        createSource: {},
        actor: 'test',
      });
    const report = await linkRegister(t.db, { actor: 'test' });
    expect(report.queued).toBeGreaterThanOrEqual(10);
    // One person told by two lists that disagree on age and name, joined by a reviewer.
    const north = await importFile(t.db, {
      path: files.file(
        'north.csv',
        [
          'record_id,name,name_latin,sex,age,event_date,place_governorate,violation',
          'N-17,خالد يوسف قبلاوي,Khaled Youssef Qablawi,male,40,2013-08-21,ريف دمشق,killed',
        ].join('\n'),
      ),
      source: 'north-list',
      createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      actor: 'test',
    });
    expect(north.status).toBe('imported');
    await importFile(t.db, {
      path: files.file('south.csv', 'رقم,الاسم,العمر,المحافظة\nS-4,خالد قبلاوي,41,ريف دمشق\n'),
      source: 'south-list',
      createSource: { nameEn: 'Southern list', nameAr: 'قائمة الجنوب' },
      actor: 'test',
    });
    const ids = await t.db.query<{ id: number }>(
      `SELECT r.id FROM record r JOIN source s ON s.id = r.source_id
        WHERE s.slug IN ('north-list', 'south-list') ORDER BY r.id`,
    );
    const outcome = await decidePair(t.db, {
      recordA: ids[0]!.id,
      recordB: ids[1]!.id,
      decision: 'same',
      actor: 'test',
      note: 'same father and village',
    });
    person = outcome.personsAfter.a;

    workspace = await startBrowserWorkspace(t.db);
    reviewer = await workspace.addAccount('reviewer@example.org', 'reviewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    files.cleanup();
  });

  /** Opens the merged person from the search results, by the name's link. */
  async function openPersonFromSearch(page: Page) {
    // A family name the synthetic lists do not have: the two records of the one person match.
    await page.locator('input[name=search]').fill('خالد قبلاوي');
    // The search is debounced: wait until the table shows only what was asked for.
    const links = page.locator('table.records tbody tr td:first-child a');
    const hrefs = async () => {
      const out: (string | null)[] = [];
      for (let i = 0; i < (await links.count()); i++)
        out.push(await links.nth(i).getAttribute('href'));
      return out;
    };
    await expect
      .poll(hrefs, { timeout: 10_000 })
      .toEqual([`#/person/${person}`, `#/person/${person}`]);
    await links.first().click();
    await page.locator('table.person-compare').waitFor();
  }

  const currentPair = (page: Page) =>
    page.getByTestId('review-pair').getAttribute('data-pair', { timeout: 10_000 });
  const progressText = (page: Page) => page.getByTestId('review-progress').textContent();

  /** Presses a key and waits until the status line says what it should. */
  async function press(page: Page, key: string, status: string | RegExp) {
    await page.keyboard.press(key);
    await expect.poll(() => page.getByTestId('review-status').textContent()).toMatch(status);
  }

  it('works in Arabic: the person side by side, then pairs reviewed from the keyboard', async () => {
    const { page, problems } = await workspace.openPage(tallViewport);
    await signIn(page, reviewer, 'دخول');
    await page.getByRole('heading', { name: 'البحث في السجل' }).waitFor();
    await openPersonFromSearch(page);

    await page.getByRole('heading', { name: /^الشخص/ }).waitFor();
    const heads = page.locator('table.person-compare thead th');
    await expect.poll(() => heads.count()).toBe(3);
    expect(await heads.nth(1).textContent()).toContain('قائمة الشمال');
    expect(await heads.nth(2).textContent()).toContain('قائمة الجنوب');
    // Right to left: the field column is the rightmost, the first record next to it.
    const fieldBox = await heads.nth(0).boundingBox();
    const firstBox = await heads.nth(1).boundingBox();
    expect(fieldBox!.x).toBeGreaterThan(firstBox!.x);
    // The age row disagrees (40 and 41): marked with a sign and a word, not colour alone.
    const ageRow = page.locator('table.person-compare tr[data-field=age]');
    expect(await ageRow.locator('th').textContent()).toContain('≠ مختلف');
    expect(await ageRow.textContent()).toContain('٤٠');
    expect(await ageRow.textContent()).toContain('من العمود العمر: 41');
    const violationRow = page.locator('table.person-compare tr[data-field=violation]');
    expect(await violationRow.locator('.differs-mark').count()).toBe(0);
    expect(await page.locator('table.person-decisions tbody tr').count()).toBe(1);
    expect(await page.locator('table.person-decisions').textContent()).toContain(
      'same father and village',
    );
    await page.screenshot({ path: join(screenshotsDir, 'review-ar-1-person.png'), fullPage: true });

    await page.getByRole('link', { name: 'المراجعة' }).click();
    await page.getByRole('heading', { name: 'مراجعة الأزواج' }).waitFor();
    const first = await currentPair(page);
    const progressBefore = await progressText(page);
    expect(progressBefore).toMatch(/حُسم منذ آخر تشغيل للربط: .* · المتبقي: /);
    await page.screenshot({ path: join(screenshotsDir, 'review-ar-2-pair.png'), fullPage: true });
    // Close-ups of the reasons and the keyboard help, to check their direction and numbers.
    await page
      .locator('.review-layout')
      .screenshot({ path: join(screenshotsDir, 'review-ar-2b-detail.png') });

    // S: same person, the next pair comes up and progress moves; U brings the pair back.
    await press(page, 's', /^القرار: الشخص نفسه/);
    await expect.poll(() => currentPair(page)).not.toBe(first);
    expect(await progressText(page)).not.toBe(progressBefore);
    await press(page, 'u', /^تم التراجع/);
    await expect.poll(() => currentPair(page)).toBe(first);
    await expect.poll(() => progressText(page)).toBe(progressBefore);
    // ← skips onwards in Arabic (right to left); D decides "different".
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => currentPair(page)).not.toBe(first);
    expect(await page.getByText('المتخطّى في هذه الجلسة: ١').count()).toBe(1);
    await press(page, 'd', /^القرار: شخصان مختلفان/);
    await page.screenshot({
      path: join(screenshotsDir, 'review-ar-3-decided.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works in English: the person side by side, then pairs reviewed from the keyboard', async () => {
    const { page, problems } = await workspace.openPage(tallViewport);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await signIn(page, reviewer, 'Sign in');
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    await openPersonFromSearch(page);

    await page.getByRole('heading', { name: `Person ${person}` }).waitFor();
    const heads = page.locator('table.person-compare thead th');
    expect(await heads.nth(1).textContent()).toContain('Northern list');
    const fieldBox = await heads.nth(0).boundingBox();
    const firstBox = await heads.nth(1).boundingBox();
    expect(fieldBox!.x).toBeLessThan(firstBox!.x);
    const ageRow = page.locator('table.person-compare tr[data-field=age]');
    expect(await ageRow.locator('th').textContent()).toContain('≠ differs');
    expect(await ageRow.textContent()).toContain('from column العمر: 41');
    expect(await page.locator('table.person-compare').textContent()).toContain('File: north.csv');
    await page.screenshot({ path: join(screenshotsDir, 'review-en-1-person.png'), fullPage: true });

    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Review pairs' }).waitFor();
    const first = await currentPair(page);
    expect(await progressText(page)).toMatch(
      /^Decided since the last linkage run: \d+ · Remaining: \d+$/,
    );
    expect(await page.locator('.review-reasons').textContent()).toContain('Given name');
    await page.screenshot({ path: join(screenshotsDir, 'review-en-2-pair.png'), fullPage: true });
    await page
      .locator('.review-layout')
      .screenshot({ path: join(screenshotsDir, 'review-en-2b-detail.png') });

    // K skips, → skips too (onwards in English), S decides, U undoes it.
    await page.keyboard.press('k');
    await expect.poll(() => currentPair(page)).not.toBe(first);
    const second = await currentPair(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => currentPair(page)).not.toBe(second);
    const third = await currentPair(page);
    await press(page, 's', /^Decided: same person/);
    await expect.poll(() => currentPair(page)).not.toBe(third);
    await press(page, 'u', /^Undone/);
    await expect.poll(() => currentPair(page)).toBe(third);
    await page.screenshot({ path: join(screenshotsDir, 'review-en-3-undone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
