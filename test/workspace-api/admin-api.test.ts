import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { appendAuditEvent } from '../../src/db/repositories/audit-repository.js';
import { buildServer } from '../../src/server/app.js';
import { withheldMark } from '../../src/services/audit/withhold-restricted.js';
import { importFile } from '../../src/services/import/import-file.js';
import { changeUserRole } from '../../src/services/users/change-user-role.js';
import { setAccountDisabled } from '../../src/services/users/set-account-disabled.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

interface AccountJson {
  id: number;
  email: string;
  role: Role;
  state: 'active' | 'waiting' | 'locked' | 'disabled';
  disabled: boolean;
  disabledAt: string | null;
  hasPassword: boolean;
  setupLinkExpiresAt: string | null;
  lastLoginAt: string | null;
}
interface AuditEventJson {
  id: number;
  at: string;
  actor: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectEmail: string | null;
  before: unknown;
  after: unknown;
}
interface AuditPageJson {
  events: AuditEventJson[];
  next: number | null;
}

/** The Admin screen's API: accounts and roles, the audit log, backups; administrators only. */
describe.each(testStores)('admin API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, ApiClient>();
  const password = 'olive trees by the old sea wall';
  const call = apiCaller(() => base);
  const admin = () => clients.get('admin')!;

  const send = async <T>(
    method: string,
    path: string,
    body?: unknown,
    init: { client?: ApiClient; csrf?: string | null } = {},
  ) => {
    const res = await call(path, {
      method,
      client: init.client ?? admin(),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(init.csrf === undefined ? {} : { csrf: init.csrf }),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as T & { error?: string },
    };
  };
  const accounts = async () =>
    (await send<{ users: AccountJson[] }>('GET', '/api/users')).body.users;
  const accountOf = async (email: string) => (await accounts()).find((a) => a.email === email)!;
  const auditLog = async (query = '') =>
    (await send<AuditPageJson>('GET', `/api/audit${query}`)).body;
  const eventsOf = (action: string, entityId: number) =>
    t.db.query<{ actor: string; before: unknown; after: unknown }>(
      'SELECT actor, before, after FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, String(entityId)],
    );
  const signIn = (email: string) =>
    call('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  /** Adds an account through the API and sets its password through its one-time link. */
  const addWithPassword = async (email: string, role: Role) => {
    const added = await send<{ user: { id: number }; setupPath: string }>('POST', '/api/users', {
      email,
      role,
    });
    expect(added.status).toBe(201);
    const token = added.body.setupPath.split('#')[1]!;
    const set = await call('/api/auth/setup', {
      method: 'POST',
      body: JSON.stringify({ token, password }),
    });
    expect(set.status).toBe(200);
    return added.body.user.id;
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await importFile(t.db, {
      path: files.file('list.csv', 'name,witness\nسعيد الأحمد,أم خالد 0999\n'),
      source: 'wit',
      createSource: {},
      columns: { witness: 'restricted' },
      actor: 'test',
    });
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['admin', 'editor', 'reviewer', 'viewer'] as const)
      clients.set(role, await signedInUser(t.db, call, `${role}@example.org`, role, password));
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  it('lets only administrators in: 401 without a session, 403 for every other role', async () => {
    const viewerId = (await accountOf('viewer@example.org')).id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['POST', '/api/users', { email: 'x@example.org', role: 'viewer' }],
      ['PATCH', `/api/users/${viewerId}`, { role: 'editor' }],
      ['POST', `/api/users/${viewerId}/disable`],
      ['POST', `/api/users/${viewerId}/enable`],
      ['POST', `/api/users/${viewerId}/reset-link`],
      ['GET', '/api/audit'],
      ['GET', '/api/audit/vocabulary'],
      ['GET', '/api/audit/verify'],
      ['GET', '/api/admin/backup'],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = await call(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(anonymous.status, `anonymous ${method} ${path}`).toBe(401);
      for (const role of ['editor', 'reviewer', 'viewer'] as const) {
        const res = await send<object>(method, path, body, { client: clients.get(role)! });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    // Nothing those attempts asked for happened.
    expect((await accountOf('viewer@example.org')).role).toBe('viewer');
    expect((await accounts()).some((a) => a.email === 'x@example.org')).toBe(false);
    expect(await t.db.query("SELECT 1 FROM audit_event WHERE action LIKE 'backup.%'")).toEqual([]);
  });

  it('refuses every change without the session’s CSRF token, and changes nothing', async () => {
    const viewer = await accountOf('viewer@example.org');
    for (const [method, path, body] of [
      ['POST', '/api/users', { email: 'csrf@example.org', role: 'admin' }],
      ['PATCH', `/api/users/${viewer.id}`, { role: 'admin' }],
      ['POST', `/api/users/${viewer.id}/disable`, undefined],
      ['POST', `/api/users/${viewer.id}/reset-link`, undefined],
    ] as const) {
      expect((await send(method, path, body, { csrf: null })).status).toBe(403);
      // Another session's token is no better.
      expect((await send(method, path, body, { csrf: clients.get('editor')!.csrf })).status).toBe(
        403,
      );
    }
    const after = await accountOf('viewer@example.org');
    expect(after).toMatchObject({ role: 'viewer', disabled: false });
    expect(after.setupLinkExpiresAt).toBeNull();
  });

  it('lists accounts with their role, state and last sign-in', async () => {
    const list = await accounts();
    expect(list.map((a) => a.email)).toEqual([
      'admin@example.org',
      'editor@example.org',
      'reviewer@example.org',
      'viewer@example.org',
    ]);
    for (const account of list) {
      expect(account.state).toBe('active');
      expect(account.lastLoginAt).not.toBeNull();
      expect(account).not.toHaveProperty('passwordHash');
    }
    expect(JSON.stringify(list)).not.toMatch(/argon2|setup_token|tokenHash/i);
  });

  it('adds an account with a one-time link (never a password), waiting until it is used; audited', async () => {
    const res = await send<{ user: { id: number; email: string }; setupPath: string }>(
      'POST',
      '/api/users',
      { email: 'Layla@Example.org', role: 'reviewer' },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.setupPath).toMatch(/^\/setup#[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(res.body).sort()).toEqual(['setupPath', 'user']);
    expect(JSON.stringify(res.body)).not.toMatch(/"password/i);
    const layla = await accountOf('layla@example.org');
    expect(layla).toMatchObject({ role: 'reviewer', state: 'waiting', hasPassword: false });
    expect(Date.parse(layla.setupLinkExpiresAt!)).toBeGreaterThan(Date.now() + 71 * 3600_000);
    const [event] = await eventsOf('user.create', layla.id);
    expect(event).toMatchObject({
      actor: `user:${(await accountOf('admin@example.org')).id}`,
      after: { email: 'layla@example.org', role: 'reviewer' },
    });

    const again = await send('POST', '/api/users', { email: 'layla@example.org', role: 'viewer' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already an account for layla@example.org/);
    const invalid = await send('POST', '/api/users', { email: 'not an email', role: 'boss' });
    expect(invalid.status).toBe(400);
  });

  it('changes a role, audited with before and after; the same role again writes nothing', async () => {
    const id = await addWithPassword('omar@example.org', 'viewer');
    const res = await send<{ changed: boolean; user: AccountJson }>('PATCH', `/api/users/${id}`, {
      role: 'editor',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, user: { role: 'editor', state: 'active' } });
    // The new role applies to the account's next request: it may now import.
    const omar = await signIn('omar@example.org');
    expect(((await omar.json()) as { user: { role: string } }).user.role).toBe('editor');
    const events = await eventsOf('user.role-change', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      before: { email: 'omar@example.org', role: 'viewer' },
      after: { email: 'omar@example.org', role: 'editor' },
    });
    const same = await send<{ changed: boolean }>('PATCH', `/api/users/${id}`, { role: 'editor' });
    expect(same.body.changed).toBe(false);
    expect(await eventsOf('user.role-change', id)).toHaveLength(1);
    expect((await send('PATCH', '/api/users/999999', { role: 'viewer' })).status).toBe(404);
    expect((await send('PATCH', `/api/users/${id}`, { role: 'owner' })).status).toBe(400);
  });

  it('disables an account: it cannot sign in, its sessions end; re-enabled, it signs in again; both audited', async () => {
    const client = await signedInUser(t.db, call, 'sami@example.org', 'editor', password);
    const id = (await accountOf('sami@example.org')).id;
    expect((await call('/api/auth/session', { client })).status).toBe(200);

    const disabled = await send<{ changed: boolean; user: AccountJson }>(
      'POST',
      `/api/users/${id}/disable`,
    );
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({
      changed: true,
      user: { state: 'disabled', disabled: true },
    });
    expect(disabled.body.user.disabledAt).not.toBeNull();
    // The open session is gone, not merely refused, and a sign-in is refused like a wrong password.
    expect((await call('/api/auth/session', { client })).status).toBe(401);
    expect(await t.db.query('SELECT 1 FROM user_session WHERE user_id = $1', [id])).toHaveLength(0);
    expect((await signIn('sami@example.org')).status).toBe(401);
    // No new link for a disabled account: it would not work.
    const link = await send('POST', `/api/users/${id}/reset-link`);
    expect(link.status).toBe(409);
    expect(link.body.error).toMatch(/sami@example.org is disabled: enable the account first/);

    const enabled = await send<{ changed: boolean; user: AccountJson }>(
      'POST',
      `/api/users/${id}/enable`,
    );
    expect(enabled.body).toMatchObject({
      changed: true,
      user: { state: 'active', disabledAt: null },
    });
    expect((await signIn('sami@example.org')).status).toBe(200);

    const disable = await eventsOf('user.disable', id);
    expect(disable).toEqual([
      expect.objectContaining({
        before: { email: 'sami@example.org', disabled: false },
        after: { email: 'sami@example.org', disabled: true, sessionsEnded: true },
      }),
    ]);
    expect(await eventsOf('user.enable', id)).toEqual([
      expect.objectContaining({
        before: { email: 'sami@example.org', disabled: true },
        after: { email: 'sami@example.org', disabled: false },
      }),
    ]);
  });

  it('issues a new set-password link: the old one stops working, sessions end; audited', async () => {
    const added = await send<{ user: { id: number }; setupPath: string }>('POST', '/api/users', {
      email: 'nour@example.org',
      role: 'viewer',
    });
    const oldToken = added.body.setupPath.split('#')[1]!;
    const res = await send<{ setupPath: string; expiresAt: string }>(
      'POST',
      `/api/users/${added.body.user.id}/reset-link`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const newToken = res.body.setupPath.split('#')[1]!;
    expect(newToken).not.toBe(oldToken);
    const setWith = (token: string) =>
      call('/api/auth/setup', { method: 'POST', body: JSON.stringify({ token, password }) });
    expect((await setWith(oldToken)).status).toBe(401);
    expect((await setWith(newToken)).status).toBe(200);

    // For an account in use: its sessions end.
    const client = await signedInUser(t.db, call, 'rima@example.org', 'viewer', password);
    const rima = await accountOf('rima@example.org');
    await send('POST', `/api/users/${rima.id}/reset-link`);
    expect((await call('/api/auth/session', { client })).status).toBe(401);
    const [event] = await eventsOf('user.reset-link', rima.id);
    expect(event).toMatchObject({
      before: { email: 'rima@example.org', hasPassword: true, linkOutstanding: false },
      after: { email: 'rima@example.org', sessionsEnded: true },
    });
  });

  it('never lets an administrator demote or disable themselves, nor the last administrator go', async () => {
    const self = await accountOf('admin@example.org');
    const demote = await send('PATCH', `/api/users/${self.id}`, { role: 'viewer' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe(
      'you cannot change your own role: ask another administrator to do it',
    );
    const disable = await send('POST', `/api/users/${self.id}/disable`);
    expect(disable.status).toBe(409);
    expect(disable.body.error).toBe(
      'you cannot disable your own account: ask another administrator to do it',
    );
    expect(await accountOf('admin@example.org')).toMatchObject({ role: 'admin', disabled: false });

    // From the command line (no account of one's own), the last administrator stays too.
    const cli = { audit: 'cli:test', userId: null };
    await expect(changeUserRole(t.db, self.id, 'editor', cli)).rejects.toThrow(
      'admin@example.org is the last administrator who can sign in: make another account an administrator first',
    );
    await expect(setAccountDisabled(t.db, self.id, true, cli)).rejects.toThrow(
      /is the last administrator who can sign in/,
    );
    // An administrator still waiting for a password does not count: they cannot sign in yet.
    const waiting = await send<{ user: { id: number } }>('POST', '/api/users', {
      email: 'second-admin@example.org',
      role: 'admin',
    });
    await expect(changeUserRole(t.db, self.id, 'editor', cli)).rejects.toThrow(
      /last administrator/,
    );

    const demoteWaiting = await send<{ changed: boolean }>(
      'PATCH',
      `/api/users/${waiting.body.user.id}`,
      { role: 'viewer' },
    );
    expect(demoteWaiting.body.changed).toBe(true);

    // Another administrator who can sign in may be demoted: one remains.
    const second = await addWithPassword('hala@example.org', 'admin');
    const demoteSecond = await send<{ changed: boolean }>('PATCH', `/api/users/${second}`, {
      role: 'editor',
    });
    expect(demoteSecond.body.changed).toBe(true);
    expect(await eventsOf('user.role-change', second)).toHaveLength(1);
    // The refused changes wrote nothing.
    expect(await t.db.query("SELECT 1 FROM audit_event WHERE actor = 'cli:test'")).toHaveLength(0);
  });

  it('lists the audit trail newest first, a page at a time, with accounts named by email', async () => {
    const all = await auditLog('?limit=200');
    expect(all.next).toBeNull();
    const ids = all.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const [newest] = await t.db.query<{ id: string }>(
      'SELECT max(id)::text AS id FROM audit_event',
    );
    expect(ids[0]).toBe(Number(newest!.id));

    const paged: number[] = [];
    let query = '?limit=7';
    for (;;) {
      const page = await auditLog(query);
      expect(page.events.length).toBeLessThanOrEqual(7);
      paged.push(...page.events.map((e) => e.id));
      if (page.next === null) break;
      query = `?limit=7&before=${page.next}`;
    }
    expect(paged).toEqual(ids);

    const create = all.events.find(
      (e) => e.action === 'user.create' && e.subjectEmail === 'layla@example.org',
    )!;
    expect(create).toMatchObject({ actorEmail: 'admin@example.org', entityType: 'user' });
  });

  it('filters by actor (email or as the trail names it), action, entity type and days', async () => {
    const byAdmin = await auditLog('?actor=admin@example.org&limit=200');
    expect(byAdmin.events.length).toBeGreaterThan(5);
    expect(new Set(byAdmin.events.map((e) => e.actorEmail))).toEqual(
      new Set(['admin@example.org']),
    );
    const byCli = await auditLog('?actor=test&limit=200');
    expect(byCli.events.every((e) => e.actor === 'test')).toBe(true);
    expect(byCli.events.map((e) => e.action)).toContain('import.commit');

    const roleChanges = await auditLog('?action=user.role-change');
    expect(roleChanges.events.length).toBeGreaterThanOrEqual(3);
    expect(roleChanges.events.every((e) => e.action === 'user.role-change')).toBe(true);
    const batches = await auditLog('?entityType=import_batch');
    expect(batches.events.map((e) => e.action)).toEqual(['import.commit']);
    const both = await auditLog('?actor=admin@example.org&action=user.disable');
    expect(both.events).toHaveLength(1);

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await auditLog(`?from=${today}&to=${today}&limit=200`)).events.length).toBe(
      (await auditLog('?limit=200')).events.length,
    );
    expect((await auditLog(`?to=${yesterday}`)).events).toEqual([]);
    expect((await auditLog(`?from=${tomorrow}`)).events).toEqual([]);

    const vocabulary = await send<{ actions: string[]; entityTypes: string[] }>(
      'GET',
      '/api/audit/vocabulary',
    );
    expect(vocabulary.body.actions).toEqual(
      expect.arrayContaining(['auth.login', 'import.commit', 'user.create', 'user.role-change']),
    );
    expect(vocabulary.body.entityTypes).toEqual(expect.arrayContaining(['user', 'import_batch']));

    const unknown = await send('GET', '/api/audit?actor=nobody@example.org');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('there is no account for nobody@example.org');
    expect((await send('GET', `/api/audit?from=${tomorrow}&to=${today}`)).status).toBe(400);
    expect((await send('GET', '/api/audit?from=21/09/2024')).status).toBe(400);
    expect((await send('GET', '/api/audit?limit=5000')).status).toBe(400);
  });

  it('never shows restricted details in the audit log', async () => {
    // An editor looks at restricted details: the trail records which records, not what they hold.
    const view = await call('/api/records?include=restricted', { client: clients.get('editor')! });
    expect(await view.text()).toContain('أم خالد 0999');
    // And were a writer ever to put restricted details in an event, the log would withhold them.
    await t.db.transaction((tx) =>
      appendAuditEvent(tx, {
        actor: 'test',
        action: 'test.careless',
        entityType: 'record',
        before: { restricted: { witness: 'أم خالد 0999' } },
        after: { records: [1], restricted: true, nested: [{ Restricted: 'أم خالد 0999' }] },
      }),
    );
    const res = await call('/api/audit?limit=200', { client: admin() });
    const text = await res.text();
    expect(text).not.toContain('أم خالد');
    expect(text).not.toContain('0999');
    const page = JSON.parse(text) as AuditPageJson;
    expect(page.events.find((e) => e.action === 'restricted.view')!.after).toEqual({
      records: [expect.any(Number)],
    });
    const careless = page.events.find((e) => e.action === 'test.careless')!;
    expect(careless.before).toEqual({ restricted: withheldMark });
    expect(careless.after).toEqual({
      records: [1],
      restricted: true,
      nested: [{ Restricted: withheldMark }],
    });
  });

  it('verifies the audit chain', async () => {
    const res = await send<{ ok: boolean; events: number; brokenAt: number | null }>(
      'GET',
      '/api/audit/verify',
    );
    expect(res.body).toMatchObject({ ok: true, brokenAt: null });
    expect(res.body.events).toBeGreaterThan(20);
  });

  it.runIf(kind === 'pglite')(
    'downloads a dated backup of the embedded store, never cached; audited',
    async () => {
      const res = await call('/api/admin/backup', { client: admin() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/gzip');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="sijil-backup-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz"$/,
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      // A tarball of a PostgreSQL data folder.
      expect(gunzipSync(bytes).includes(Buffer.from('PG_VERSION'))).toBe(true);
      const [event] = await t.db.query<{ actor: string; after: { via: string } }>(
        "SELECT actor, after FROM audit_event WHERE action = 'backup.create'",
      );
      expect(event).toMatchObject({
        actor: `user:${(await accountOf('admin@example.org')).id}`,
        after: { via: 'download' },
      });
    },
  );

  it.runIf(kind === 'postgres')('says to use pg_dump on a PostgreSQL store', async () => {
    const res = await send('GET', '/api/admin/backup');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/back it up with pg_dump/);
  });
});
