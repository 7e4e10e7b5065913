import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { DashboardBreakdowns } from '../../src/services/stats/dashboard-breakdowns.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { importFacetsRegister } from '../helpers/facets-register.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

/** The dashboard's figures: unique persons, every record counted (restricted ones too). */
describe.each(testStores)('dashboard breakdowns API on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base = '';
  let cleanup = () => undefined as void;
  let viewer: ApiClient;
  const call = apiCaller(() => base);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    ({ cleanup } = await importFacetsRegister(t.db));
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    viewer = await signedInUser(t.db, call, 'viewer@example.org', 'viewer', 'a long walk home');
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    cleanup();
  });

  async function breakdowns(): Promise<DashboardBreakdowns> {
    const res = await call('/api/stats/breakdowns', { client: viewer });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DashboardBreakdowns;
  }

  it('counts people once however many lists name them', async () => {
    const b = await breakdowns();
    expect(b.persons).toBe(9);
    expect(b.violations).toEqual([
      { violation: 'killed', persons: 5 },
      { violation: 'died_under_torture', persons: 1 },
      { violation: 'detained', persons: 1 },
      { violation: 'forcibly_disappeared', persons: 1 },
      { violation: 'injured', persons: 1 },
    ]);
  });

  it('gives deaths by month, with those dated to no single month apart', async () => {
    const { deaths } = await breakdowns();
    expect(deaths.violations).toEqual([
      'killed',
      'died_under_torture',
      'died_under_siege',
      'executed',
    ]);
    expect(deaths.persons).toBe(6);
    expect(deaths.byMonth).toEqual([
      { month: '2013-08', persons: 3 },
      { month: '2013-09', persons: 1 },
    ]);
    // فاطمة (a year only) and عمر (a range over two years).
    expect(deaths.undated).toBe(2);
  });

  it('gives places largest first, unknown countries as unknown', async () => {
    const { places, otherPlaces } = await breakdowns();
    expect(places).toEqual([
      { country: 'Syria', governorate: 'Rif Dimashq', persons: 3 },
      { country: 'Syria', governorate: 'Aleppo', persons: 2 },
      { country: 'Syria', governorate: 'Homs', persons: 2 },
      { country: 'Syria', governorate: 'Daraa', persons: 1 },
      { country: 'unknown', governorate: 'Daraa', persons: 1 },
    ]);
    expect(otherPlaces).toEqual({ places: 0, persons: 0 });
  });

  it('gives age bands by sex with each band in its broad age group', async () => {
    const { ageAndSex } = await breakdowns();
    expect(ageAndSex.bands).toEqual([
      { label: '0-4', group: 'child' },
      { label: '5-11', group: 'child' },
      { label: '12-17', group: 'child' },
      { label: '18-29', group: 'adult' },
      { label: '30-44', group: 'adult' },
      { label: '45-59', group: 'adult' },
      { label: '60+', group: 'elderly' },
    ]);
    const cell = (ageBand: string, sex: string) =>
      ageAndSex.groups.find((g) => g.ageBand === ageBand && g.sex === sex)?.persons ?? 0;
    expect(cell('30-44', 'male')).toBe(1); // Ahmad al-Khatib, on both lists
    expect(cell('30-44', 'female')).toBe(1); // the restricted record counts here
    expect(cell('12-17', 'male')).toBe(1);
    expect(cell('5-11', 'female')).toBe(1);
    expect(cell('18-29', 'female')).toBe(1);
    expect(cell('60+', 'male')).toBe(1);
    expect(cell('60+', 'unknown')).toBe(1);
    expect(cell('unknown', 'female')).toBe(2);
    expect(ageAndSex.groups.reduce((n, g) => n + g.persons, 0)).toBe(9);
  });

  it('gives the source overlaps the UpSet chart draws', async () => {
    const { sources } = await breakdowns();
    expect(sources.persons).toBe(9);
    expect(sources.captures).toEqual([
      { sources: ['north-list'], count: 6 },
      { sources: ['south-list'], count: 2 },
      { sources: ['north-list', 'south-list'], count: 1 },
    ]);
  });

  it('refuses parameters it does not take, and anonymous callers', async () => {
    const res = await call('/api/stats/breakdowns?by=year', { client: viewer });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/Unrecognized key: "by"/);
    expect((await call('/api/stats/breakdowns')).status).toBe(401);
  });
});
