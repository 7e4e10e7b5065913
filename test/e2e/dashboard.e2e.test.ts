import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaptureCsv } from '../../src/core/stats/estimation/index.js';
import { saveEstimate } from '../../src/services/estimation/index.js';
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
 * The dashboard and the faceted search in a real browser (Debian's Chromium driven by
 * playwright-core) against a real server and PGlite store holding the small register of
 * test/helpers/facets-register.ts, in Arabic and in English: the charts are drawn, a bar opens
 * the search filtered to the records behind it, facets narrow it. Screenshots go to
 * test-artifacts/e2e/ to be looked at.
 */
warnIfNoChromium('the dashboard browser tests');

describe.skipIf(!haveChromium)('dashboard and search facets in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let viewer: Account;
  let cleanup = () => undefined as void;
  const keptIds: number[] = [];
  const password = 'olive trees by the old sea wall';

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    ({ cleanup } = await importFacetsRegister(t.db));
    // Two kept estimates for the dashboard's list: three lists given as a table, then the
    // register's own two sources.
    const table = parseCaptureCsv(
      'a,b,c,count\n1,0,0,40\n0,1,0,35\n1,1,0,12\n0,0,1,30\n1,0,1,10\n0,1,1,9\n1,1,1,5\n',
    );
    for (const input of [{ kind: 'captures' as const, table }, { kind: 'register' as const }]) {
      const kept = await saveEstimate(
        t.db,
        { input, request: {}, label: input.kind === 'captures' ? 'Three lists' : null },
        'test',
      );
      keptIds.push(kept.id);
    }
    workspace = await startBrowserWorkspace(t.db);
    viewer = await workspace.addAccount('viewer@example.org', 'viewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    cleanup();
  });

  /** Each chart on its own, at full size, to check labels and directions closely. */
  async function chartShots(page: Page, language: string) {
    for (const chart of ['deaths', 'violations', 'places', 'age-sex', 'sources', 'estimate'])
      await page
        .getByTestId(`chart-${chart}`)
        .screenshot({ path: join(screenshotsDir, `${language}-chart-${chart}.png`) });
  }

  const rowNames = (page: Page) =>
    page.locator('table.records tbody tr td:first-child').allTextContents();

  async function openDashboard(page: Page, navLabel: string) {
    // The dashboard is the first entry of the navigation.
    await expect.poll(() => page.locator('nav a').first().textContent()).toBe(navLabel);
    await page.locator('nav a').first().click();
    await page.getByTestId('upset-chart').waitFor();
    await page.getByTestId('estimate-chart').or(page.getByTestId('not-estimated')).waitFor();
  }

  it('works in Arabic: charts right to left, a bar opens the filtered search, facets narrow it', async () => {
    const { page, problems } = await workspace.signedInPage(viewer, {
      viewport: tallViewport,
    });
    await openDashboard(page, 'لوحة المؤشرات');
    await page.getByRole('heading', { name: 'لوحة المؤشرات' }).waitFor();
    for (const chart of ['time-chart', 'violation-chart', 'place-chart', 'pyramid-chart'])
      await expect.poll(() => page.getByTestId(chart).isVisible(), { message: chart }).toBe(true);
    // Nine people in Arabic-Indic numerals.
    expect(await page.getByTestId('dashboard-total').textContent()).toContain('٩');

    // Bars grow from the start side: in Arabic the labels are right of the bars.
    const killed = page.getByTestId('violation-chart').getByRole('link', { name: /^قُتل/ });
    const label = await killed.locator('text').first().boundingBox();
    const bar = await killed.locator('rect.chart-bar').boundingBox();
    expect(label!.x).toBeGreaterThan(bar!.x + bar!.width - 1);
    // Time runs right to left: August 2013 is right of September 2013.
    const august = await page
      .getByTestId('time-chart')
      .getByRole('link', { name: /أغسطس/ })
      .locator('rect.chart-bar')
      .boundingBox();
    const september = await page
      .getByTestId('time-chart')
      .getByRole('link', { name: /سبتمبر/ })
      .locator('rect.chart-bar')
      .boundingBox();
    expect(august!.x).toBeGreaterThan(september!.x);
    await page.screenshot({ path: join(screenshotsDir, 'ar-dashboard.png'), fullPage: true });
    await chartShots(page, 'ar');

    // Kept estimates: newest first, the documented bar growing from the right.
    const kept = page.getByTestId('kept-estimates');
    await kept.locator('tbody tr').first().waitFor();
    const rowIds = await Promise.all(
      (await kept.locator('tbody tr').all()).map((row) => row.getAttribute('data-testid')),
    );
    expect(rowIds).toEqual([...keptIds].reverse().map((id) => `kept-estimate-${id}`));
    const keptSvg = await kept.locator('tbody tr svg').first().boundingBox();
    const keptBar = await kept.locator('tbody tr svg rect').first().boundingBox();
    expect(keptBar!.x + keptBar!.width).toBeGreaterThan(keptSvg!.x + keptSvg!.width - 12);
    expect(await kept.textContent()).toContain('نماذج لوغاريتمية خطية');
    await kept.screenshot({ path: join(screenshotsDir, 'ar-kept-estimates.png') });

    // The "killed" bar opens the search filtered to killed records (restricted ones hidden).
    await killed.click();
    await page.getByRole('heading', { name: 'البحث في السجل' }).waitFor();
    expect(page.url()).toContain('#/search?violation=killed');
    await expect.poll(async () => (await rowNames(page)).length).toBe(5);
    const killedBox = page.locator('input[name=facet-violation][value=killed]');
    expect(await killedBox.isChecked()).toBe(true);
    await expect
      .poll(() => page.getByTestId('search-totals').textContent())
      .toBe('السجلات المطابقة: ٥ · الأشخاص: ٤');
    // Counts beside the facet values, in Arabic-Indic numerals: 2013 has 3 killed records.
    const year2013 = page.locator('label.facet-value', {
      has: page.locator('input[name=facet-year][value="2013"]'),
    });
    expect(await year2013.locator('.facet-count').textContent()).toBe('٣');
    // The facets are at the start (right) of the results.
    const facetsBox = await page.getByTestId('facets').boundingBox();
    const tableBox = await page.locator('table.records').boundingBox();
    expect(facetsBox!.x).toBeGreaterThan(tableBox!.x);

    // Narrow by year: the fragment holds it, the list follows.
    await page.locator('input[name=facet-year][value="2013"]').check();
    await expect.poll(() => page.url()).toContain('year=2013');
    await expect.poll(async () => (await rowNames(page)).length).toBe(3);
    await page.screenshot({ path: join(screenshotsDir, 'ar-search-facets.png'), fullPage: true });

    // Back in the browser's history undoes the year; a chip removes the violation.
    await page.goBack();
    await expect.poll(async () => (await rowNames(page)).length).toBe(5);
    await page.getByTestId('active-filters').getByRole('button', { name: /قُتل/ }).click();
    await expect.poll(async () => (await rowNames(page)).length).toBe(9);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works in English: time left to right, pyramid, source overlaps and months link to records', async () => {
    const { page, problems } = await workspace.signedInPage(viewer, {
      language: 'en',
      viewport: tallViewport,
    });
    await openDashboard(page, 'Dashboard');
    expect(await page.getByTestId('dashboard-total').textContent()).toBe(
      'People in the register: 9',
    );
    const august = await page
      .getByTestId('time-chart')
      .getByRole('link', { name: /August 2013/ })
      .locator('rect.chart-bar')
      .boundingBox();
    const september = await page
      .getByTestId('time-chart')
      .getByRole('link', { name: /September 2013/ })
      .locator('rect.chart-bar')
      .boundingBox();
    expect(august!.x).toBeLessThan(september!.x);
    await page.screenshot({ path: join(screenshotsDir, 'en-dashboard.png'), fullPage: true });
    await chartShots(page, 'en');

    // Kept estimates: the labelled one with its method, the documented bar growing from the left.
    const kept = page.getByTestId(`kept-estimate-${keptIds[0]}`);
    await kept.waitFor();
    expect(await kept.textContent()).toContain('Three lists');
    expect(await kept.textContent()).toContain('Log-linear models');
    expect(await kept.textContent()).toMatch(/95% interval: [\d,]+ to [\d,]+/);
    const keptSvg = await kept.locator('svg').boundingBox();
    const keptBar = await kept.locator('svg rect').boundingBox();
    expect(keptBar!.x).toBeLessThan(keptSvg!.x + 12);
    await page
      .getByTestId('kept-estimates')
      .screenshot({ path: join(screenshotsDir, 'en-kept-estimates.png') });

    // The month column: deaths dated to August 2013.
    await page
      .getByTestId('time-chart')
      .getByRole('link', { name: /August 2013/ })
      .click();
    await page.getByRole('heading', { name: 'Search the register' }).waitFor();
    await expect.poll(async () => (await rowNames(page)).length).toBe(4);
    expect(await page.getByTestId('active-filters').textContent()).toContain('Month: August 2013');

    // The pyramid: males aged 60 and over.
    await page.goBack();
    await page
      .getByTestId('pyramid-chart')
      .getByRole('link', { name: 'Male, age 60+ (people: 1)' })
      .click();
    await expect.poll(() => rowNames(page)).toEqual(['خالد عمر']);

    // The UpSet column of people on both lists: both records of Ahmad al-Khatib.
    await page.goBack();
    await page
      .getByTestId('upset-chart')
      .getByRole('link', { name: /Recorded only by Northern list \+ Southern list/ })
      .click();
    await expect
      .poll(async () => (await rowNames(page)).sort())
      .toEqual(['أحمد محمود الخطيب', 'احمد محمود الخطيب'].sort());
    await expect
      .poll(() => page.getByTestId('search-totals').textContent())
      .toBe('Matching records: 2 · people: 1');
    await page.screenshot({
      path: join(screenshotsDir, 'en-search-source-set.png'),
      fullPage: true,
    });

    // The table behind a chart is there for screen readers and for copying figures.
    await page.goBack();
    await page.getByTestId('chart-violations').locator('summary').click();
    expect(
      await page.getByTestId('chart-violations').locator('table tbody tr').first().textContent(),
    ).toBe('Killed5');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
