import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/auth/permissions.js';
import { buildServer } from '../src/server/app.js';
import { importFile } from '../src/services/import/import-file.js';
import { addUser } from '../src/services/users/users-service.js';
import { openTestDatabase, testStores, type TestDatabase } from './helpers/test-database.js';
import {
  apiCaller,
  sessionCookieOf as sessionCookie,
  signedInUser,
  type ApiClient,
} from './helpers/api-client.js';
import { tempDir } from './helpers/temp-files.js';

type Client = ApiClient;

/** Accounts, sessions, roles and CSRF, through a real server on loopback and a real store. */
describe.each(testStores)('accounts and access on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, Client>();
  const password = 'olive trees by the old sea wall';

  const call = apiCaller(() => base);

  async function signIn(email: string, pass = password, cookie?: string): Promise<Response> {
    return call('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password: pass }),
      headers: cookie ? { cookie } : {},
    });
  }

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const list = files.file('list.csv', 'name,witness,phone\nسعيد الأحمد,أم خالد,0999\n');
    await importFile(t.db, { path: list, source: 'wit', createSource: {}, actor: 'test' });
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['admin', 'editor', 'reviewer', 'viewer'] as const) {
      clients.set(role, await signedInUser(t.db, call, `${role}@example.org`, role, password));
    }
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  it('answers 401 to anonymous callers on everything not public', async () => {
    for (const path of [
      '/api/sources',
      '/api/records',
      '/api/documents',
      '/api/users',
      '/api/audit/verify',
      '/api/auth/session',
    ]) {
      expect((await call(path)).status, path).toBe(401);
    }
    expect((await call('/api/health')).status).toBe(200);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and never stores the token itself', async () => {
    const res = await signIn('viewer@example.org');
    const raw = res.headers.getSetCookie().find((c) => c.startsWith('sijil_session='))!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    const token = sessionCookie(res).split('=')[1]!;
    const stored = await t.db.query('SELECT 1 FROM user_session WHERE id = $1', [token]);
    expect(stored).toHaveLength(0);
  });

  it('keeps the last-seen time of a session to the minute, without a write per request', async () => {
    const res = await signIn('reviewer@example.org');
    const client = { cookie: sessionCookie(res), csrf: '' };
    const touched = () =>
      t.db.query<{ id: string; xmin: string; seen: string }>(
        `SELECT id, xmin::text, last_seen_at::text AS seen FROM user_session
         WHERE user_id = (SELECT id FROM app_user WHERE email = 'reviewer@example.org')
         ORDER BY created_at DESC LIMIT 1`,
      );
    const [before] = await touched();
    for (let i = 0; i < 3; i++) expect((await call('/api/sources', { client })).status).toBe(200);
    expect(await touched()).toEqual([before]);
    // A minute later the next request moves it on, once.
    await t.db.query(
      `UPDATE user_session SET last_seen_at = last_seen_at - interval '2 minutes' WHERE id = $1`,
      [before!.id],
    );
    const [aged] = await touched();
    expect((await call('/api/sources', { client })).status).toBe(200);
    const [after] = await touched();
    expect(after!.seen > aged!.seen).toBe(true);
    expect((await call('/api/sources', { client })).status).toBe(200);
    expect(await touched()).toEqual([after]);
  });

  it('gives each role what it may do and nothing more', async () => {
    const status = async (role: Role, path: string) =>
      (await call(path, { client: clients.get(role)! })).status;
    expect(await status('viewer', '/api/sources')).toBe(200);
    expect(await status('viewer', '/api/records')).toBe(200);
    expect(await status('viewer', '/api/users')).toBe(403);
    expect(await status('reviewer', '/api/audit/verify')).toBe(403);
    expect(await status('editor', '/api/users')).toBe(403);
    expect(await status('admin', '/api/users')).toBe(200);
    expect(await status('admin', '/api/audit/verify')).toBe(200);
  });

  it('keeps restricted details from roles without access and audits every view', async () => {
    const viewer = await call('/api/records', { client: clients.get('viewer')! });
    const text = await viewer.text();
    expect(text).toContain('سعيد الأحمد');
    expect(text).not.toContain('أم خالد');
    expect(text).not.toContain('0999');
    expect(
      (await call('/api/records?include=restricted', { client: clients.get('viewer')! })).status,
    ).toBe(403);
    expect(
      (await call('/api/records?include=restricted', { client: clients.get('reviewer')! })).status,
    ).toBe(403);
    const editor = await call('/api/records?include=restricted', {
      client: clients.get('editor')!,
    });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain('أم خالد');
    const views = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_event WHERE action = 'restricted.view'",
    );
    expect(views).toHaveLength(1);
  });

  it('refuses state-changing requests without the session CSRF token', async () => {
    const admin = clients.get('admin')!;
    const body = JSON.stringify({ email: 'new@example.org', role: 'viewer' });
    expect(
      (await call('/api/users', { method: 'POST', body, client: admin, csrf: null })).status,
    ).toBe(403);
    expect(
      (
        await call('/api/users', {
          method: 'POST',
          body,
          client: admin,
          csrf: clients.get('viewer')!.csrf,
        })
      ).status,
    ).toBe(403);
    const ok = await call('/api/users', { method: 'POST', body, client: admin });
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as { setupPath: string };
    expect(created.setupPath).toMatch(/^\/setup#[A-Za-z0-9_-]{43}$/);
  });

  it('gives a fresh session on sign-in whatever cookie the browser brought (no fixation)', async () => {
    const planted = 'sijil_session=attacker-chosen-value-0123456789';
    const res = await signIn('reviewer@example.org', password, planted);
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).not.toBe(planted);
    expect((await call('/api/auth/session', { headers: { cookie: planted } })).status).toBe(401);
  });

  it('ends the session on sign-out', async () => {
    const res = await signIn('viewer@example.org');
    const client = {
      cookie: sessionCookie(res),
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    expect((await call('/api/auth/session', { client })).status).toBe(200);
    expect((await call('/api/auth/logout', { method: 'POST', client })).status).toBe(200);
    expect((await call('/api/auth/session', { client })).status).toBe(401);
  });

  it('locks an account after five wrong passwords, even against the right one', async () => {
    const { setupToken } = await addUser(
      t.db,
      { email: 'target@example.org', role: 'viewer' },
      'test',
    );
    await call('/api/auth/setup', {
      method: 'POST',
      body: JSON.stringify({ token: setupToken, password }),
    });
    for (let i = 0; i < 5; i++)
      expect((await signIn('target@example.org', 'wrong password guess')).status).toBe(401);
    const locked = await signIn('target@example.org');
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { error: string }).error).toMatch(/locked until/);
    const unknown = await signIn('nobody@example.org', 'whatever it is');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: string }).error).toBe('wrong email or password');
  });

  it('keeps an unknown email in the audit trail, but never a password typed in its place', async () => {
    const typedPassword = 'my secret Pass phrase 2024!';
    expect((await signIn('stranger@example.org', 'x')).status).toBe(401);
    expect((await signIn(typedPassword, 'x')).status).toBe(401);
    const failures = await t.db.query<{ after: unknown }>(
      "SELECT after FROM audit_event WHERE action = 'auth.login-failed' AND entity_id IS NULL",
    );
    const trail = JSON.stringify(failures);
    expect(trail).toContain('stranger@example.org');
    expect(trail.toLowerCase()).not.toContain(typedPassword.toLowerCase());
    expect(failures.some((f) => (f.after as { email: unknown }).email === null)).toBe(true);
  });

  it('spends a set-password link once, refuses weak passwords and cross-site posts', async () => {
    const { setupToken } = await addUser(
      t.db,
      { email: 'once@example.org', role: 'viewer' },
      'test',
    );
    const weak = await call('/api/auth/setup', {
      method: 'POST',
      body: JSON.stringify({ token: setupToken, password: 'short' }),
    });
    expect(weak.status).toBe(400);
    const crossSite = await call('/setup', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams({ token: setupToken, password, confirm: password }).toString(),
    });
    expect(crossSite.status).toBe(403);
    const form = await call('/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: setupToken, password, confirm: password }).toString(),
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('once@example.org is set');
    const again = await call('/api/auth/setup', {
      method: 'POST',
      body: JSON.stringify({ token: setupToken, password }),
    });
    expect(again.status).toBe(401);
  });

  it('limits sign-in attempts per address', async () => {
    const strict = await buildServer({ db: t.db, authAttemptsPerMinute: 3 });
    const url = await strict.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.org', password: 'x' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});
