import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { buildServer } from '../../src/server/app.js';
import { proposeClaims } from '../../src/services/claims/index.js';
import { addDocument } from '../../src/services/documents/add-document.js';
import { importFile } from '../../src/services/import/import-file.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

type Client = ApiClient;

/** Persons by combination of lists (a: bit 0, b: bit 1, c: bit 2). */
const histories: Record<number, number> = { 1: 10, 2: 8, 3: 5, 4: 6, 5: 4, 6: 3, 7: 2 };
const lists = ['a', 'b', 'c'];

interface ClaimJson {
  id: number;
  value: number;
  status: string;
  scope: Record<string, unknown>;
  register: { persons: number | null };
}

/** Counts, source comparison, estimates and the claims ledger over HTTP, by role. */
describe.each(testStores)('figures API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const files = tempDir();
  const clients = new Map<Role, Client>();
  const password = 'olive trees by the old sea wall';

  const call = apiCaller(() => base);
  const as = (role: Role) => clients.get(role)!;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const rows: Record<string, string[]> = { a: [], b: [], c: [] };
    let person = 0;
    for (const [pattern, count] of Object.entries(histories)) {
      for (let i = 0; i < count; i++) {
        person += 1;
        const year = person % 2 === 0 ? 2014 : 2015;
        lists.forEach((list, j) => {
          if (Number(pattern) & (1 << j))
            rows[list]!.push(`${list}${person},P${person},${year},killed,p${person}`);
        });
      }
    }
    for (const list of lists)
      await importFile(t.db, {
        path: files.file(`${list}.csv`, ['id,name,date,violation,key', ...rows[list]!].join('\n')),
        source: list,
        createSource: { nameEn: list },
        actor: 'test',
      });
    await t.db.query(
      `UPDATE record r SET person_id = f.first FROM
         (SELECT raw::jsonb->>'key' AS k, min(id) AS first FROM record GROUP BY raw::jsonb->>'key') f
       WHERE r.raw::jsonb->>'key' = f.k`,
    );
    await t.db.query('DELETE FROM person WHERE id NOT IN (SELECT person_id FROM record)');
    const doc = await addDocument(
      t.db,
      {
        sourceId: null,
        title: 'Statement',
        language: 'en',
        bytes: new TextEncoder().encode(
          'The group documented at least 3,207 Palestinians killed, and close to 10,000 killed in all.',
        ),
      },
      'test',
    );
    await proposeClaims(t.db, doc.id, 'test');

    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['editor', 'viewer'] as const) {
      clients.set(role, await signedInUser(t.db, call, `${role}@example.org`, role, password));
    }
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
    files.cleanup();
  });

  it('answers 401 to anonymous callers', async () => {
    for (const path of ['/api/stats', '/api/stats/sources', '/api/claims', '/api/estimate'])
      expect((await call(path)).status, path).toBe(401);
    expect((await call('/api/claims/1/confirm', { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('counts unique persons with breakdowns and filters', async () => {
    const res = await call('/api/stats?by=year&where=violation=killed', { client: as('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: number;
      groups: { values: { year: string }; persons: number }[];
    };
    expect(body.total).toBe(38);
    expect(body.groups.map((g) => [g.values.year, g.persons])).toEqual([
      ['2014', 19],
      ['2015', 19],
    ]);
    const filtered = await call('/api/stats?where=year=2014&where=violation=killed', {
      client: as('viewer'),
    });
    expect(((await filtered.json()) as { total: number }).total).toBe(19);
    const bad = await call('/api/stats?where=year=twenty', { client: as('viewer') });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/four digits/);
  });

  it('compares sources with overlaps and capture histories', async () => {
    const res = await call('/api/stats/sources', { client: as('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      persons: number;
      sources: { source: string; persons: number; onlyHere: number }[];
      captures: { sources: string[]; count: number }[];
    };
    expect(body.persons).toBe(38);
    expect(body.sources.map((s) => [s.source, s.persons, s.onlyHere])).toEqual([
      ['a', 21, 10],
      ['b', 18, 8],
      ['c', 15, 6],
    ]);
    expect(body.captures.find((c) => c.sources.length === 3)?.count).toBe(2);
  });

  it('shows the ledger, and lets editors, not viewers, review claims with CSRF', async () => {
    const res = await call('/api/claims?category=killed', { client: as('viewer') });
    expect(res.status).toBe(200);
    const { questions } = (await res.json()) as {
      questions: { category: string; claims: ClaimJson[] }[];
    };
    expect(questions.map((q) => q.category)).toEqual(['killed']);
    const claims = questions[0]!.claims;
    expect(claims.map((c) => [c.value, c.status])).toEqual([
      [10000, 'proposed'],
      [3207, 'proposed'],
    ]);
    expect(claims[0]!.register.persons).toBe(38);
    const id = claims[1]!.id;
    const confirm = `/api/claims/${id}/confirm`;
    const scope = { population: 'Palestinians in Syria', period: { start: '2014', end: '2014' } };
    const body = JSON.stringify({ scope });

    expect((await call(confirm, { method: 'POST', body, client: as('viewer') })).status).toBe(403);
    const noCsrf = await call(confirm, { method: 'POST', body, client: as('editor'), csrf: null });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.text()).toMatch(/CSRF/);

    const ok = await call(confirm, { method: 'POST', body, client: as('editor') });
    expect(ok.status).toBe(200);
    const confirmed = ((await ok.json()) as { claim: ClaimJson }).claim;
    expect(confirmed).toMatchObject({ id, status: 'confirmed', scope });
    expect(confirmed).not.toHaveProperty('quote_start');

    const after = (await (await call('/api/claims', { client: as('viewer') })).json()) as {
      questions: { claims: ClaimJson[] }[];
    };
    const shown = after.questions[0]!.claims.find((c) => c.id === id)!;
    expect(shown.register.persons).toBe(19);

    const badScope = await call(confirm, {
      method: 'POST',
      body: JSON.stringify({ scope: { planet: 'Mars' } }),
      client: as('editor'),
    });
    expect(badScope.status).toBe(400);
    const missing = await call('/api/claims/999999/reject', {
      method: 'POST',
      body: '{}',
      client: as('editor'),
    });
    expect(missing.status).toBe(404);
    const rejected = await call(`/api/claims/${claims[0]!.id}/reject`, {
      method: 'POST',
      body: '{}',
      client: as('editor'),
    });
    expect(rejected.status).toBe(200);
    expect(((await rejected.json()) as { claim: ClaimJson }).claim.status).toBe('rejected');
    const audit = await t.db.query<{ actor: string }>(
      `SELECT actor FROM audit_event WHERE entity_type = 'claim' ORDER BY id`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actor).toMatch(/^user:/);
  });

  it('estimates from the register, never as a count of named people', async () => {
    const res = await call('/api/estimate?method=loglinear', { client: as('viewer') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      note: string;
      observed: number;
      estimate: number;
      explanation: string[];
      models: unknown[];
    };
    expect(body.observed).toBe(38);
    expect(body.estimate).toBeGreaterThan(38);
    expect(body.note).toMatch(/not a count of named people/);
    expect(body.explanation.join(' ')).toMatch(/not a count of identified people/);
    expect(body.models.length).toBeGreaterThan(1);

    const lcmcr = await call('/api/estimate?method=lcmcr&burnIn=200&samples=50&thinning=1', {
      client: as('viewer'),
    });
    expect(lcmcr.status).toBe(200);
    expect(((await lcmcr.json()) as { posterior: { draws: number } }).posterior.draws).toBe(50);
    const threeChains = await call(
      '/api/estimate?method=lcmcr&burnIn=200&samples=60&thinning=1&chains=3',
      { client: as('viewer') },
    );
    expect(threeChains.status).toBe(200);
    const posterior = (
      (await threeChains.json()) as { posterior: { chains: number; draws: number } }
    ).posterior;
    expect(posterior).toMatchObject({ chains: 3, draws: 60 });
    const tooManyChains = await call('/api/estimate?method=lcmcr&chains=99', {
      client: as('viewer'),
    });
    expect(tooManyChains.status).toBe(400);
    const tooFewDraws = await call('/api/estimate?method=lcmcr&samples=10&chains=16', {
      client: as('viewer'),
    });
    expect(tooFewDraws.status).toBe(422);
    expect(((await tooFewDraws.json()) as { error: string }).error).toMatch(
      /10 draws cannot be shared by 16 chains: ask for at least 32/,
    );

    const byYear = await call('/api/estimate?method=chapman&by=year', { client: as('viewer') });
    expect(byYear.status).toBe(200);
    const strata = (await byYear.json()) as { by: string; strata: { stratum: string }[] };
    expect(strata.strata.map((s) => s.stratum)).toEqual(['2014', '2015']);

    const tooLong = await call('/api/estimate?method=lcmcr&samples=1000000', {
      client: as('viewer'),
    });
    expect(tooLong.status).toBe(400);
    const oneList = await call('/api/estimate?source=a', { client: as('viewer') });
    expect(oneList.status).toBe(422);
  });
});
