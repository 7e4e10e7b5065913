import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth/permissions.js';
import { buildServer } from '../../src/server/app.js';
import { decidePair } from '../../src/services/register-linkage/index.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { importFacetsRegister } from '../helpers/facets-register.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

interface FacetsAnswer {
  records: number;
  persons: number;
  facets: Record<string, { values: { value: string; records: number }[]; more: number }>;
  ageGroups: { group: string; from: number; to: number | null }[];
}

/** A facet's values as value → records, for comparing with hand counts. */
const counts = (answer: FacetsAnswer, facet: string) =>
  Object.fromEntries(answer.facets[facet]!.values.map((v) => [v.value, v.records]));

describe.each(testStores)('record search facets API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base = '';
  let cleanup = () => undefined as void;
  const call = apiCaller(() => base);
  const clients = new Map<Role, ApiClient>();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    ({ cleanup } = await importFacetsRegister(t.db));
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const role of ['viewer', 'editor'] as const)
      clients.set(
        role,
        await signedInUser(t.db, call, `${role}@example.org`, role, 'olive trees by the old sea'),
      );
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    cleanup();
  });

  async function facets(query: string, role: Role = 'viewer'): Promise<FacetsAnswer> {
    const res = await call(`/api/records/facets?${query}`, { client: clients.get(role)! });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as FacetsAnswer;
  }

  async function names(query: string): Promise<string[]> {
    const res = await call(`/api/records?${query}`, { client: clients.get('viewer')! });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { records: { name: string }[] };
    return body.records.map((r) => r.name).sort();
  }

  it('counts every facet value over the records a viewer may see (restricted ones left out)', async () => {
    const all = await facets('');
    expect(all.records).toBe(9);
    expect(all.persons).toBe(8); // the two Ahmad al-Khatib records are one person
    expect(counts(all, 'source')).toEqual({ 'north-list': 6, 'south-list': 3 });
    expect(counts(all, 'violation')).toEqual({
      killed: 5,
      detained: 1,
      died_under_torture: 1,
      forcibly_disappeared: 1,
      injured: 1,
    });
    // Closed vocabularies in their own order, unknown last.
    expect(all.facets.violation!.values.map((v) => v.value)).toEqual([
      'killed',
      'died_under_torture',
      'detained',
      'forcibly_disappeared',
      'injured',
    ]);
    expect(counts(all, 'country')).toEqual({ Syria: 8, unknown: 1 });
    expect(counts(all, 'governorate')).toEqual({
      'Rif Dimashq': 4,
      Aleppo: 2,
      Daraa: 2,
      Homs: 1,
    });
    // A month or a day dates the year; a year alone too; a range over two years does not.
    expect(counts(all, 'year')).toEqual({ '2014': 2, '2013': 4, '2012': 1, unknown: 2 });
    expect(all.facets.year!.values.map((v) => v.value)).toEqual([
      '2014',
      '2013',
      '2012',
      'unknown',
    ]);
    expect(counts(all, 'sex')).toEqual({ female: 4, male: 4, unknown: 1 });
    // The age decides; without one, the recorded category (مريم حسن: "child").
    expect(counts(all, 'age')).toEqual({ child: 3, adult: 3, elderly: 2, unknown: 1 });
    expect(all.ageGroups).toEqual([
      { group: 'child', from: 0, to: 17 },
      { group: 'adult', from: 18, to: 59 },
      { group: 'elderly', from: 60, to: null },
    ]);
  });

  it('narrows the list and every other facet with a chosen value, but keeps its own facet whole', async () => {
    const killed = await facets('violation=killed');
    expect(killed.records).toBe(5);
    expect(killed.persons).toBe(4);
    expect(counts(killed, 'violation')).toEqual(counts(await facets(''), 'violation'));
    expect(counts(killed, 'year')).toEqual({ '2013': 3, '2012': 1, unknown: 1 });
    expect(counts(killed, 'sex')).toEqual({ female: 2, male: 2, unknown: 1 });

    const killed2013 = await facets('violation=killed&year=2013');
    expect([killed2013.records, killed2013.persons]).toEqual([3, 2]);
    expect(counts(killed2013, 'year')).toEqual({ '2013': 3, '2012': 1, unknown: 1 });
    expect(counts(killed2013, 'violation')).toEqual({ killed: 3, died_under_torture: 1 });
    expect(await names('violation=killed&year=2013')).toEqual(
      ['أحمد محمود الخطيب', 'احمد محمود الخطيب', 'مريم حسن'].sort(),
    );
  });

  it('reads repeated values as either, and unknown as no value recorded', async () => {
    expect((await facets('violation=killed&violation=injured')).records).toBe(6);
    expect(await names('sex=unknown')).toEqual(['عمر']);
    expect(await names('country=unknown')).toEqual(['ليلى']);
    expect(await names('year=unknown&violation=killed')).toEqual(['عمر']);
    expect(await names('age=child')).toEqual(['سعيد الأحمد', 'سلمى يوسف', 'مريم حسن'].sort());
    expect(await names('age=elderly&sex=male')).toEqual(['خالد عمر']);
  });

  it('filters by month, age band, source and exact source set, as charts link to them', async () => {
    expect(await names('month=2013-08')).toEqual(
      ['أحمد محمود الخطيب', 'احمد محمود الخطيب', 'خالد عمر', 'مريم حسن'].sort(),
    );
    expect(await names('ageBand=5-11')).toEqual(['سلمى يوسف']);
    // Unknown age band: no age recorded, even with a category.
    expect(await names('ageBand=unknown')).toEqual(['ليلى', 'مريم حسن'].sort());
    expect(await names('source=south-list&sex=female')).toEqual(['ليلى']);
    // Persons recorded by both lists and no other: both records of Ahmad al-Khatib.
    expect(await names('sourceSet=north-list&sourceSet=south-list')).toEqual(
      ['أحمد محمود الخطيب', 'احمد محمود الخطيب'].sort(),
    );
    expect(await names('sourceSet=south-list')).toEqual(['ليلى', 'عمر'].sort());
    expect(await names('sourceSet=no-such-list')).toEqual([]);
    const both = await facets('sourceSet=north-list&sourceSet=south-list');
    expect([both.records, both.persons]).toEqual([2, 1]);
  });

  it('combines name words with facets, tolerant of Arabic letter variants', async () => {
    const ahmad = await facets('search=احمد');
    expect([ahmad.records, ahmad.persons]).toEqual([3, 2]);
    expect(counts(ahmad, 'source')).toEqual({ 'north-list': 2, 'south-list': 1 });
    expect(await names('search=احمد&age=child')).toEqual(['سعيد الأحمد']);
  });

  it('counts restricted records only for roles that may see them, when asked', async () => {
    const editor = await facets('include=restricted&violation=killed', 'editor');
    expect(editor.records).toBe(6);
    expect(counts(editor, 'governorate')).toMatchObject({ Homs: 2 });
    const refused = await call('/api/records/facets?include=restricted', {
      client: clients.get('viewer')!,
    });
    expect(refused.status).toBe(403);
  });

  it('refuses bad parameters with 400 and a message naming each', async () => {
    const bad = async (query: string, message: RegExp, path = '/api/records/facets') => {
      const res = await call(`${path}?${query}`, { client: clients.get('viewer')! });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error, query).toMatch(message);
    };
    await bad('violation=murdered', /violation: "murdered" is not one of killed, .*unknown/);
    await bad('year=24', /year: a year is four digits/);
    await bad('year=0000', /year: a year is four digits \(1000–2999\)/);
    await bad('month=2014-13', /month: a month is YYYY-MM/);
    await bad('sex=x', /sex: "x" is not one of female, male, unknown/);
    await bad('age=teen', /age: "teen" is not one of child, adult, elderly, unknown/);
    await bad('ageBand=10-20', /ageBand: "10-20" is not one of/);
    await bad('source=North%20List', /source: a source code/);
    await bad('colour=red', /Unrecognized key: "colour"/);
    await bad('governorate=', /governorate: a place cannot be empty/);
    await bad(`governorate=${'x'.repeat(121)}`, /governorate: Too big/);
    await bad(`search=${'a'.repeat(201)}`, /search: a search is at most 200 characters/);
    await bad(Array.from({ length: 21 }, () => 'year=2013').join('&'), /year: give at most 20/);
    await bad('violation=murdered&limit=0', /violation: .*; limit: /, '/api/records');
    await bad('after=-1', /after: /, '/api/records');
  });

  // Last: it links two more records, which the tests above do not expect.
  it("leaves restricted records out of a viewer's source combinations", async () => {
    const [nour, omar] = await t.db.query<{ id: number }>(
      `SELECT id FROM record WHERE name IN ('نور الهدى', 'عمر') ORDER BY id`,
    );
    await decidePair(t.db, {
      recordA: nour!.id,
      recordB: omar!.id,
      decision: 'same',
      actor: 'test',
    });
    // To a viewer, عمر is on the southern list only: the restricted northern record is not told.
    expect(await names('sourceSet=south-list')).toEqual(['ليلى', 'عمر'].sort());
    expect(await names('sourceSet=north-list&sourceSet=south-list')).toEqual(
      ['أحمد محمود الخطيب', 'احمد محمود الخطيب'].sort(),
    );
    const editor = await call(
      '/api/records?include=restricted&sourceSet=north-list&sourceSet=south-list',
      { client: clients.get('editor')! },
    );
    const body = (await editor.json()) as { records: { name: string }[] };
    expect(body.records.map((r) => r.name).sort()).toEqual(
      ['أحمد محمود الخطيب', 'احمد محمود الخطيب', 'عمر', 'نور الهدى'].sort(),
    );
  });

  it('answers 401 to anonymous callers', async () => {
    expect((await call('/api/records/facets')).status).toBe(401);
    expect((await call('/api/records?violation=killed')).status).toBe(401);
  });
});
