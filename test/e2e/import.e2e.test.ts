import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/services/import/import-file.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { encodeText } from '../helpers/test-files.js';
import {
  screenshotsDir,
  startBrowserWorkspace,
  tallViewport,
  type Account,
  type BrowserWorkspace,
} from '../helpers/browser-workspace.js';
import { haveChromium, warnIfNoChromium } from '../helpers/chromium.js';
import { tempDir } from '../helpers/temp-files.js';

/**
 * The Import screen in a real browser (Debian's Chromium driven by playwright-core) against a real
 * server on loopback and a real PGlite store, in Arabic and in English: upload a list, change how
 * a column is read, see the row errors before anything is written, import, read the report.
 * Screenshots go to test-artifacts/e2e/import-*.png to be looked at.
 */
warnIfNoChromium('the import browser tests');
/**
 * An Arabic list as Arabic Excel saves it: a bad age, a row without a name, a row cut short, a
 * witness column.
 */
const arabicList = encodeText(
  [
    'الرقم,الاسم,الجنس,العمر,تاريخ الوفاة,المحافظة,ملاحظات,الشاهد',
    '1,أحمد محمود الخطيب,ذكر,34,21/08/2013,ريف دمشق,قصف جوي,أم خالد',
    '2,فاطمة علي,أنثى,ثلاثون,2013-08-22,حمص,,',
    '3,,ذكر,40,2013-08-23,حلب,,',
    '4,سعيد الأحمد,ذكر,17,05/03/2014,حلب,اعتقال,أبو سعيد',
    '5,نور حسن,أنثى',
  ].join('\r\n'),
  'windows-1256',
);

/** An English list in UTF-8 whose "Notes" column the importer does not know. */
const englishList = new TextEncoder().encode(
  [
    'id,name,name_latin,sex,age,date,governorate,Notes',
    'E-1,محمد حسن,Mohammad Hassan,male,22,2015-02-10,Idlib,shelling',
    'E-2,ليلى سمير,Layla Samir,female,twelve,2015-02-11,Idlib,=1+2',
    'E-3,عمر ياسين,Omar Yassin,male,51,March 2015,Hama,',
  ].join('\n'),
);

describe.skipIf(!haveChromium)('Import screen in Chromium (e2e)', () => {
  let t: TestDatabase;
  let workspace: BrowserWorkspace;
  let editor: Account;
  let viewer: Account;
  const files = tempDir();
  const password = 'olive trees by the old sea wall';

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await importFile(t.db, {
      path: files.file('north.csv', 'name,sex\nأحمد يوسف,male\n'),
      source: 'north-list',
      createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
      actor: 'test',
    });
    workspace = await startBrowserWorkspace(t.db);
    editor = await workspace.addAccount('editor@example.org', 'editor', password);
    viewer = await workspace.addAccount('viewer@example.org', 'viewer', password);
  });

  afterAll(async () => {
    await workspace?.close();
    await t?.dispose();
    files.cleanup();
  });

  const counts = (page: Page) => page.getByTestId('import-counts').textContent();

  it('imports an Arabic Windows-1256 list in Arabic, right to left, after a changed mapping', async () => {
    const { page, problems } = await workspace.signedInPage(editor, { viewport: tallViewport });
    await page.getByRole('link', { name: 'استيراد' }).click();
    await page.getByRole('heading', { name: 'استيراد قائمة' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('input[type=file]').setInputFiles({
      name: 'قائمة الشهداء.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(arabicList),
    });
    await page.getByRole('button', { name: 'ارفع وافحص' }).click();

    // Detected encoding and mapping, and the row errors of the whole file, before any write.
    await page.getByRole('heading', { name: 'الأعمدة' }).waitFor();
    expect(await page.getByTestId('import-encoding').textContent()).toContain('windows-1256');
    expect(await page.getByTestId('import-encoding').textContent()).toContain(
      'ليس UTF-8 (بايتات غير صالحة عند الموضع ٠)',
    );
    expect(await page.locator('select[data-column="الاسم"]').inputValue()).toBe('name');
    expect(await page.locator('select[data-column="ملاحظات"]').inputValue()).toBe('');
    expect(await page.locator('select[data-column="الشاهد"]').inputValue()).toBe('restricted');
    expect(await counts(page)).toContain('ستُرفض: ٣');
    const errors = page.getByTestId('import-problems').locator('tbody tr');
    expect(await errors.count()).toBe(3);
    expect(await errors.first().textContent()).toContain('ثلاثون');
    // The reasons in Arabic, right to left like the rest of the page.
    const reasons = page.getByTestId('import-problems').locator('td.import-reason');
    expect(await reasons.first().textContent()).toContain('ليس عمرًا');
    expect(await reasons.nth(1).textContent()).toContain('لا اسم في');
    expect(await reasons.last().textContent()).toContain(
      'عدد الخلايا في هذا السطر: ٣؛ عدد الأعمدة في سطر العناوين: ٨',
    );
    expect(await reasons.first().getAttribute('dir')).toBeNull();
    // The witness stays hidden unless asked for.
    expect(await page.locator('.import-preview').textContent()).not.toContain('أم خالد');
    // The preview runs right to left: the row number column is the rightmost.
    const first = await page.locator('.import-preview th').first().boundingBox();
    const last = await page.locator('.import-preview th').last().boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x);
    await page.screenshot({
      path: join(screenshotsDir, 'import-ar-1-checked.png'),
      fullPage: true,
    });

    // The age column kept verbatim only, the notes read as the perpetrator: check again.
    await page.locator('select[data-column="العمر"]').selectOption('');
    await page.locator('select[data-column="ملاحظات"]').selectOption('perpetrator');
    await page.getByText('غيّرت طريقة قراءة الملف').first().waitFor();
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('import-check-again').click();
    await expect.poll(() => counts(page)).toContain('ستُرفض: ٢');
    expect(await page.locator('.import-preview').textContent()).toContain('قصف جوي');
    expect(await page.locator('table.import-preview').textContent()).toContain('الجهة الفاعلة');
    expect(await page.locator('select[data-column="العمر"]').inputValue()).toBe('');

    // A new source, then the import: progress while it runs, then the report.
    await page.getByRole('radio', { name: 'مصدر جديد' }).check();
    await page.locator('input[name=sourceSlug]').fill('martyrs-list');
    await page.locator('input[name=sourceNameAr]').fill('قائمة الشهداء');
    await page.locator('input[name=sourceNameEn]').fill('List of martyrs');
    await page.screenshot({ path: join(screenshotsDir, 'import-ar-2-ready.png'), fullPage: true });
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 20_000 });
    await expect.poll(() => report.textContent()).toContain('استُورد');
    expect(await report.textContent()).toContain('قائمة الشهداء');
    expect(await page.getByTestId('import-report-counts').textContent()).toContain('المستوردة: ٣');
    expect(await page.getByTestId('import-rejected-download').count()).toBe(1);
    await page.screenshot({ path: join(screenshotsDir, 'import-ar-3-report.png'), fullPage: true });

    const stored = await t.db.query<{ name: string; perpetrator: string | null }>(
      "SELECT r.name, r.perpetrator FROM record r JOIN source s ON s.id = r.source_id WHERE s.slug = 'martyrs-list' ORDER BY r.id",
    );
    expect(stored).toEqual([
      { name: 'أحمد محمود الخطيب', perpetrator: 'قصف جوي' },
      { name: 'فاطمة علي', perpetrator: null },
      { name: 'سعيد الأحمد', perpetrator: 'اعتقال' },
    ]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('imports a list in English into an existing source, with its row errors first', async () => {
    const { page, problems } = await workspace.signedInPage(editor, {
      language: 'en',
      viewport: tallViewport,
    });
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a list' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: 'english-list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(englishList),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    expect(await page.getByTestId('import-encoding').textContent()).toContain('utf-8');
    expect(await counts(page)).toContain('would be rejected: 1');
    expect(await page.getByTestId('import-problems').textContent()).toContain('twelve');
    expect(await page.getByTestId('import-problems').textContent()).toContain('not an age');

    // "Notes" is kept verbatim; read it as the perpetrator, and fill the violation by default.
    await page.locator('select[data-column="Notes"]').selectOption('perpetrator');
    await page.locator('select[name=defaultViolation]').selectOption('killed');
    await page.getByTestId('import-check-again').click();
    await expect
      .poll(() => page.locator('table.import-preview').textContent())
      .toContain('Filled by default');
    expect(await page.locator('table.import-preview').textContent()).toContain('Violation: Killed');
    expect(await page.locator('table.import-preview').textContent()).toContain('Perpetrator');
    await page.screenshot({
      path: join(screenshotsDir, 'import-en-1-checked.png'),
      fullPage: true,
    });

    await page.locator('select[name=source]').selectOption('north-list');
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => report.textContent())
      .toContain('Imported english-list.csv into Northern list');
    expect(await page.getByTestId('import-report-counts').textContent()).toContain('imported: 2');
    await page.screenshot({ path: join(screenshotsDir, 'import-en-2-report.png'), fullPage: true });

    // The rejected rows download is a CSV with the formula defused.
    const href = await page.getByTestId('import-rejected-download').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv).toContain('twelve');
    expect(csv).toContain(",'=1+2,");

    const violations = await t.db.query<{ violation: string }>(
      "SELECT DISTINCT r.violation FROM record r JOIN import_batch b ON b.id = r.batch_id WHERE b.file_name = 'english-list.csv'",
    );
    expect(violations).toEqual([{ violation: 'killed' }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the progress of a longer import in Arabic', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `L-${i},اسم رقم ${i},${i % 2 ? 'ذكر' : 'أنثى'},${i % 90},2014-01-${(i % 28) + 1}`,
    );
    const list = ['الرقم,الاسم,الجنس,العمر,تاريخ الوفاة', ...rows].join('\n');
    const { page, problems } = await workspace.signedInPage(editor, { viewport: tallViewport });
    await page.getByRole('link', { name: 'استيراد' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'long-list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(list),
    });
    await page.getByRole('button', { name: 'ارفع وافحص' }).click();
    await page.getByRole('heading', { name: 'الأعمدة' }).waitFor({ timeout: 30_000 });
    await page.locator('select[name=source]').selectOption('north-list');
    await page.getByTestId('import-start').click();
    await page.getByRole('heading', { name: 'جارٍ الاستيراد' }).waitFor();
    await page.screenshot({
      path: join(screenshotsDir, 'import-ar-4-progress.png'),
      fullPage: true,
    });
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-report-counts').textContent()).toContain(
      'المستوردة: ٤٠٬٠٠٠',
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says in Arabic why a broken file cannot be read', async () => {
    const { page, problems } = await workspace.signedInPage(editor, { viewport: tallViewport });
    await page.getByRole('link', { name: 'استيراد' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'مكسور.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('الاسم,العمر\n"أحمد,34\nسعيد,17\n'),
    });
    await page.getByRole('button', { name: 'ارفع وافحص' }).click();
    const problem = page.getByTestId('import-file-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain(
      'الخانة المقتبسة التي تبدأ في السطر ٢ لا تُغلق أبدًا',
    );
    expect(await problem.getAttribute('lang')).toBeNull();
    await page.screenshot({
      path: join(screenshotsDir, 'import-ar-5-unreadable.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows no Import screen to a viewer', async () => {
    const { page, problems } = await workspace.signedInPage(viewer, {
      language: 'en',
      viewport: tallViewport,
    });
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
    await page.goto(`${workspace.base}/#/import`);
    await page.getByText('Your role may not import lists.').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
