import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeClaims } from '../../src/services/claims/index.js';
import { addDocument } from '../../src/services/documents/add-document.js';
import {
  screenshotsDir,
  startBrowserWorkspace,
  tallViewport,
  type Account,
  type BrowserWorkspace,
} from '../helpers/browser-workspace.js';
import { haveChromium, warnIfNoChromium } from '../helpers/chromium.js';
import { importFacetsRegister } from '../helpers/facets-register.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * The claims ledger in a real browser against a real server and PGlite store holding the small
 * register of test/helpers/facets-register.ts and two documents whose figures were proposed as
 * claims: each figure with its quote and scope beside the register's own count, in Arabic and in
 * English; an editor confirms one and rejects another, a viewer sees no buttons. Screenshots go to
 * test-artifacts/e2e/.
 */
warnIfNoChromium('the claims browser tests');

const english =
  'Our documentation shows that at least 42 people were killed in Homs governorate by government forces. More than 7 of them were children.';
const arabic = 'وثّقنا مقتل 12 شخصاً على الأقل في درعا.';

describe.skipIf(!haveChromium)('claims ledger in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let cleanup = () => undefined as void;
  const password = 'figures in the margins of old reports';
  let editor: Account;
  let viewer: Account;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    ({ cleanup } = await importFacetsRegister(t.db));
    const enc = new TextEncoder();
    for (const [title, language, body] of [
      ['Monthly report', 'en', english],
      ['بيان شهري', 'ar', arabic],
    ] as const) {
      const doc = await addDocument(
        t.db,
        { sourceId: null, title, language, bytes: enc.encode(body) },
        'test',
      );
      await proposeClaims(t.db, doc.id, 'test');
    }
    workspace = await startBrowserWorkspace(t.db);
    editor = await workspace.addAccount('editor@example.org', 'editor', password);
    viewer = await workspace.addAccount('viewer@example.org', 'viewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    cleanup();
  });

  const killedRow = (page: Page) =>
    page.locator('section[aria-labelledby=claims-killed] tbody tr', { hasText: '42' });

  it('shows each figure beside the register count in English, and an editor reviews them', async () => {
    const { page, problems } = await workspace.signedInPage(editor, {
      language: 'en',
      viewport: tallViewport,
    });
    await page.getByRole('link', { name: 'Claims' }).click();
    await page.getByRole('heading', { name: 'Claims ledger' }).waitFor();
    await page.getByRole('heading', { name: 'Killed', exact: true }).waitFor();
    const row = killedRow(page);
    expect(await row.textContent()).toContain('at least');
    expect(await row.locator('blockquote').textContent()).toBe('at least 42 people were killed');
    expect(await row.textContent()).toContain('Monthly report');
    expect(await row.textContent()).toContain('Proposed');
    // The register's own count for the same scope is a number of people, shown beside it.
    expect(await row.locator('td.num').last().textContent()).toMatch(/^\d/);
    // A scope read from an Arabic statement, in the English workspace's words.
    const arabicRow = page.locator('tbody tr', { hasText: 'بيان شهري' });
    expect(await arabicRow.locator('dl.scope').textContent()).toContain('Daraa');
    await page.screenshot({ path: join(screenshotsDir, 'en-claims.png'), fullPage: true });

    await row.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => row.textContent()).toContain('Confirmed');
    expect(await row.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    const stored = await t.db.query<{ status: string }>(
      `SELECT status FROM claim WHERE quote LIKE '%at least 42%'`,
    );
    expect(stored.map((r) => r.status)).toEqual(['confirmed']);

    // A rejected claim leaves the ledger unless asked for.
    const children = page.locator('section[aria-labelledby=claims-children_killed] tbody tr');
    // What the register could not apply of the scope, said in the workspace's language.
    expect(await children.first().textContent()).toContain(
      'Who (“children”) is not a register field: not applied.',
    );
    await children.first().getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => children.count()).toBe(0);
    await page.getByLabel('Show rejected claims').check();
    await expect.poll(() => children.first().textContent()).toContain('Rejected');
    expect(problems).toEqual([]);
  });

  it('reads right to left in Arabic, and a viewer cannot review', async () => {
    const { page, problems } = await workspace.signedInPage(viewer, {
      viewport: tallViewport,
    });
    await page.getByRole('link', { name: 'الأرقام المعلنة' }).click();
    await page.getByRole('heading', { name: 'سجل الأرقام المعلنة' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const row = page.locator('tbody tr', { hasText: 'بيان شهري' });
    expect(await row.locator('blockquote').textContent()).toBe('مقتل 12 شخصاً على الأقل');
    // Figures in Arabic-Indic numerals; the qualifier in Arabic.
    expect(await row.locator('td.num').first().textContent()).toContain('١٢');
    expect(await row.textContent()).toContain('على الأقل');
    // Its scope in Arabic words, though the register stores the lexicon's English value.
    const scope = await row.locator('dl.scope').textContent();
    expect(scope).toContain('درعا');
    expect(scope).not.toMatch(/[A-Za-z]/);
    expect(await page.getByRole('button', { name: 'تأكيد' }).count()).toBe(0);
    // The figure column is at the start (right) of the table.
    const figure = await row.locator('td').first().boundingBox();
    const register = await row.locator('td').last().boundingBox();
    expect(figure!.x).toBeGreaterThan(register!.x);
    await page.getByLabel('إظهار الادعاءات المرفوضة').check();
    const children = page.locator('section[aria-labelledby=claims-children_killed] tbody tr');
    await expect.poll(() => children.first().textContent()).toContain('مرفوض');
    expect(await children.first().textContent()).toContain(
      'الفئة («الأطفال») ليست حقلًا في السجل: لم تُطبَّق.',
    );
    await page.screenshot({ path: join(screenshotsDir, 'ar-claims.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
