import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server/app.js';
import { importFile } from '../src/services/import/import-file.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import { tempDir } from './helpers/temp-files.js';

describe.each(testStores)('HTTP server on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await importFile(t.db, {
      path: files.file('list.csv', 'name,age\n<script>alert(1)</script>,3\nسعيد,40\n'),
      source: 'x-list',
      createSource: { nameEn: 'A list <b>with</b> markup' },
      actor: 'test',
    });
    app = await buildServer({ db: t.db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  it('answers /api/health with the store kind', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: kind });
  });

  it('serves /about with real counts from the store, escaped, under a strict CSP', async () => {
    const res = await fetch(`${base}/about`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<code>x-list</code>');
    expect(html).toMatch(/<td class="num">2<\/td>/);
    expect(html).toContain('A list &#60;b&#62;with&#60;/b&#62; markup');
    expect(html).not.toContain('<b>with</b>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('shows a change to the register on the next request for /about', async () => {
    const before = await (await fetch(`${base}/about`)).text();
    expect(before).not.toContain('y-list');
    await importFile(t.db, {
      path: files.file('more.csv', 'name,age\nنور,7\nهادي,9\nريم,12\n'),
      source: 'y-list',
      createSource: { nameEn: 'Another list' },
      actor: 'test',
    });
    const after = await (await fetch(`${base}/about`)).text();
    expect(after).toContain('<code>y-list</code>');
    expect(after).toMatch(/<td class="num">3<\/td>/);
    expect(after).not.toBe(before);
  });

  it('does not show names on the public page', async () => {
    const html = await (await fetch(`${base}/about`)).text();
    expect(html).not.toContain('سعيد');
  });

  it('serves the built web app at / with no inline script, allowing fetch to itself only', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status, 'run `npm run build` to build dist/web').toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toContain('سعيد');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${base}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('answers unknown API paths with 401 to anonymous callers (no route map for strangers), pages with 404', async () => {
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(401);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });
});
