import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { buildServer } from '../../src/server/app.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { buildLinkedRegister } from './linked-register.js';

interface Summary {
  id: number;
  label: string | null;
  method: string;
  observed: number;
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  createdAt: string;
}

/** POST /api/estimates keeps an estimate; GET lists and shows them; roles decide who may. */
describe.each(testStores)('kept estimates API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, ApiClient>();
  const password = 'olive trees by the old sea wall';
  const call = apiCaller(() => base);
  const as = (role: Role) => clients.get(role)!;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await buildLinkedRegister(t.db, files);
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['editor', 'viewer'] as const)
      clients.set(role, await signedInUser(t.db, call, `${role}@example.org`, role, password));
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  const post = (body: unknown, client: ApiClient) =>
    call('/api/estimates', { method: 'POST', body: JSON.stringify(body), client });

  it('lets an editor run and keep an estimate, with what it was computed from', async () => {
    const res = await post(
      { label: 'Three lists, 2015', where: ['year=2015'], method: 'loglinear' },
      as('editor'),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      note: string;
      estimate: Summary & {
        input: { where: unknown; lists: string[] };
        registerState: { persons: number; latestBatchId: number };
        explanation: string[];
        settings: unknown;
      };
    };
    expect(body.note).toMatch(/not a count of named people/);
    const e = body.estimate;
    expect(e).toMatchObject({ label: 'Three lists, 2015', method: 'loglinear', observed: 19 });
    expect(e.estimate).toBeGreaterThanOrEqual(19);
    expect(e.lower).toBeLessThanOrEqual(e.estimate);
    expect(e.upper).toBeGreaterThanOrEqual(e.estimate);
    expect(e.input.where).toEqual({ year: ['2015'] });
    expect(e.input.lists).toEqual(['a', 'b', 'c']);
    expect(e.registerState.persons).toBe(38);
    expect(e.explanation.join(' ')).toMatch(/Estimated total/);

    const one = await call(`/api/estimates/${e.id}`, { client: as('viewer') });
    expect(one.status).toBe(200);
    expect(((await one.json()) as { estimate: Summary }).estimate.estimate).toBe(e.estimate);
  });

  it('keeps an estimate from a capture table given as CSV, and says what is wrong with a bad one', async () => {
    const csv = readFileSync(new URL('../fixtures/mse/kosovo.csv', import.meta.url), 'utf8');
    const observed = csv
      .trim()
      .split('\n')
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
    const res = await post(
      { captures: { csv, name: 'kosovo.csv' }, label: 'Kosovo' },
      as('editor'),
    );
    expect(res.status).toBe(201);
    const e = (
      (await res.json()) as {
        estimate: Summary & { inputKind: string; input: { name: string; lists: string[] } };
      }
    ).estimate;
    expect(e).toMatchObject({ inputKind: 'captures', method: 'loglinear', observed });
    expect(e.input).toMatchObject({ name: 'kosovo.csv', lists: ['EXH', 'ABA', 'OSCE', 'HRW'] });
    expect(e.estimate).toBeGreaterThan(observed);

    const bad = await post({ captures: { csv: 'A,B,count\n1,2,5\n' } }, as('editor'));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(
      /capture table cannot be read: row 2, column B: expected 0 or 1, got "2"/,
    );
    const both = await post({ captures: { csv }, where: ['year=2015'] }, as('editor'));
    expect(both.status).toBe(400);
  });

  it('lets a viewer read the kept estimates but not create one', async () => {
    const before = await call('/api/estimates', { client: as('viewer') });
    expect(before.status).toBe(200);
    const count = ((await before.json()) as { estimates: Summary[] }).estimates.length;
    expect(count).toBeGreaterThan(0);
    const refused = await post({ label: 'mine' }, as('viewer'));
    expect(refused.status).toBe(403);
    const after = (await (await call('/api/estimates', { client: as('viewer') })).json()) as {
      estimates: Summary[];
    };
    expect(after.estimates.length).toBe(count);
    expect(after.estimates.some((s) => s.label === 'mine')).toBe(false);
  });

  it('refuses anonymous callers, requests without the CSRF token, and bad requests', async () => {
    expect((await call('/api/estimates')).status).toBe(401);
    expect((await call('/api/estimates/1')).status).toBe(401);
    const noCsrf = await call('/api/estimates', {
      method: 'POST',
      body: '{}',
      client: as('editor'),
      csrf: null,
    });
    expect(noCsrf.status).toBe(403);
    expect((await post({ where: ['nonsense=1'] }, as('editor'))).status).toBe(400);
    expect((await post({ method: 'lcmcr', sources: ['a', 'b'] }, as('editor'))).status).toBe(422);
    expect((await post({ unknown: 1 }, as('editor'))).status).toBe(400);
    expect((await call('/api/estimates/9999', { client: as('viewer') })).status).toBe(404);
  });
});
