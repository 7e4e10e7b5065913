import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordFilters } from '../../src/core/records/record-filters.js';
import type { StoreKind } from '../../src/db/database.js';
import { countRecordFacets } from '../../src/db/repositories/record-facets-repository.js';
import { queryRecords } from '../../src/db/repositories/record-query-repository.js';
import {
  enableRecordSearchIndex,
  settleRecordSearchIndex,
} from '../../src/db/repositories/record-search-index.js';
import { buildServer } from '../../src/server/app.js';
import { importFile } from '../../src/services/import/import-file.js';
import { findRecords } from '../../src/services/records/find-records.js';
import { recordFacets } from '../../src/services/records/record-facets.js';
import { searchWords } from '../../src/services/records/search-words.js';
import { decidePair, undoDecision } from '../../src/services/register-linkage/index.js';
import { apiCaller, signedInUser, type ApiClient } from '../helpers/api-client.js';
import { importFacetsRegister } from '../helpers/facets-register.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { tempDir } from '../helpers/temp-files.js';

/**
 * The search index behind record searches and facet counts (record-search-index.ts): spellings
 * and typos it tolerates, counts that agree with the list and with the SQL they replace, and
 * freshness as imports and linkage commit.
 */

const header =
  'name,name_latin,sex,age,event_date,place_country,place_governorate,violation,confidentiality';
const people = [
  // id 1..
  'مُحَمَّد أحمد الخطيب,Muhammad Ahmad al-Khatib,male,30,2014-01-02,Syria,Homs,killed,public',
  'محمود خالد النجار,Mahmoud Khaled al-Najjar,male,12,2014-05-01,Syria,Aleppo,detained,public',
  'إبراهيم يوسف عبد الرحمن,Ibrahim Yousef Abd al-Rahman,male,45,2015-03-03,Syria,Homs,killed,public',
  'فاطمة الزهراء,Fatima al-Zahraa,female,8,2015-07-07,Syria,Aleppo,injured,public',
  'آمنة محمد,Amna Mohamed,female,60,2013,Syria,Daraa,killed,restricted',
  'مريم أبو شمالة,Maryam Abu Shamala,female,,2014,,Daraa,killed,internal',
];

/** A store holding `people`, with the search index the server would keep. */
async function openPeopleRegister(
  kind: StoreKind,
  files: ReturnType<typeof tempDir>,
  index: { waitLimit?: number } = {},
): Promise<TestDatabase> {
  const t = await openTestDatabase(kind);
  await importFile(t.db, {
    path: files.file('people.csv', [header, ...people].join('\n')),
    source: 'people-list',
    createSource: { nameEn: 'People' },
    actor: 'test',
  });
  await enableRecordSearchIndex(t.db, index);
  return t;
}

describe.each(testStores)('record search index on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();

  beforeAll(async () => {
    t = await openPeopleRegister(kind, files);
  });
  afterAll(async () => {
    await t?.dispose();
    files.cleanup();
  });

  async function names(search: string, includeRestricted = false, filters = {}) {
    const records = await findRecords(t.db, { search, includeRestricted, filters, limit: 1000 });
    return records.map((r) => r.nameLatin).sort();
  }

  it('finds Arabic spelling variants, marks and parts of words as before', async () => {
    expect(await names('محمد')).toEqual(['Muhammad Ahmad al-Khatib']);
    expect(await names('محمد', true)).toEqual(['Amna Mohamed', 'Muhammad Ahmad al-Khatib']);
    expect(await names('امنه', true)).toEqual(['Amna Mohamed']);
    expect(await names('أبراهيم')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('محم')).toEqual(['Mahmoud Khaled al-Najjar', 'Muhammad Ahmad al-Khatib']);
    expect(await names('محمد الخطيب')).toEqual(['Muhammad Ahmad al-Khatib']);
    expect(await names('محمد النجار')).toEqual([]);
  });

  it('finds compound names written joined or apart, in Arabic and Latin', async () => {
    expect(await names('عبدالرحمن')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('عبد الرحمن')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('ابوشمالة')).toEqual(['Maryam Abu Shamala']);
    expect(await names('Abdalrahman')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
  });

  it('finds Latin spellings of the same name, not other names with the same consonants', async () => {
    expect(await names('Mohammed', true)).toEqual(['Amna Mohamed', 'Muhammad Ahmad al-Khatib']);
    expect(await names('muhamad', true)).toEqual(['Amna Mohamed', 'Muhammad Ahmad al-Khatib']);
    expect(await names('Yusuf')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('Ahmed')).toEqual(['Muhammad Ahmad al-Khatib']);
    // Mahmoud has the consonants of Muhammad but a vowel group fewer.
    expect(await names('Mahmud')).toEqual(['Mahmoud Khaled al-Najjar']);
    expect(await names('Mohammed')).not.toContain('Mahmoud Khaled al-Najjar');
  });

  it('finds a name of five letters or more with one letter wrong, missing, added or swapped', async () => {
    expect(await names('ابراهين')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('ابرهيم')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('Ibrahin')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('Fatmia')).toEqual(['Fatima al-Zahraa']);
    expect(await names('ابراهين النجار')).toEqual([]);
    // Short words, and words the register holds as written, are not read as typos.
    expect(await names('خالط')).toEqual([]);
    expect(await names('محمود')).toEqual(['Mahmoud Khaled al-Najjar']);
    expect(await names('ابراهيمم يوسف')).toEqual(['Ibrahim Yousef Abd al-Rahman']);
    expect(await names('ابراهخخ')).toEqual([]);
  });

  it('applies the filters with the words, and never lists restricted records unless asked', async () => {
    expect(await names('محمد', false, { sex: ['female'] })).toEqual([]);
    expect(await names('محمد', true, { sex: ['female'] })).toEqual(['Amna Mohamed']);
    expect(await names('Mohammed', true, { year: ['2014'] })).toEqual(['Muhammad Ahmad al-Khatib']);
    expect(await names('', false, { country: [null] })).toEqual(['Maryam Abu Shamala']);
    expect(await names('', false, { ageBand: ['5-11', '12-17'] })).toEqual([
      'Fatima al-Zahraa',
      'Mahmoud Khaled al-Najjar',
    ]);
    const all = await findRecords(t.db, { limit: 1000 });
    expect(all.every((r) => r.restricted === undefined)).toBe(true);
    expect(all.map((r) => r.confidentiality)).not.toContain('restricted');
  });

  it('pages through matches in id order', async () => {
    const first = await findRecords(t.db, { search: 'ا', limit: 2 });
    const next = await findRecords(t.db, { search: 'ا', limit: 2, afterId: first[1]!.id });
    const all = await findRecords(t.db, { search: 'ا', limit: 1000 });
    expect([...first, ...next].map((r) => r.id)).toEqual(all.slice(0, 4).map((r) => r.id));
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => a - b));
  });

  it('counts facets over exactly the records it lists', async () => {
    for (const [search, filters] of [
      ['Mohammed', {}],
      ['ابراهين', {}],
      ['ا', { violation: ['killed'] }],
      ['', { governorate: ['Daraa', null], sex: ['female'] }],
    ] as const) {
      for (const includeRestricted of [false, true]) {
        const listed = await findRecords(t.db, {
          search,
          filters,
          includeRestricted,
          limit: 1000,
        });
        const counted = await recordFacets(t.db, search, filters, { includeRestricted });
        expect(counted.records).toBe(listed.length);
        expect(counted.persons).toBe(new Set(listed.map((r) => r.personId)).size);
        const bySex = new Map<string, number>();
        for (const r of listed)
          bySex.set(r.sex ?? 'unknown', (bySex.get(r.sex ?? 'unknown') ?? 0) + 1);
        if (!('sex' in filters))
          expect(
            Object.fromEntries(counted.facets.sex.values.map((v) => [v.value, v.records])),
          ).toEqual(Object.fromEntries(bySex));
      }
    }
  });

  it('makes newly imported records searchable, and leaves refused imports out', async () => {
    expect(await names('سلمى')).toEqual([]);
    await importFile(t.db, {
      path: files.file(
        'more.csv',
        `${header}\nسلمى يوسف,Salma Yousef,female,20,2016-01-01,Syria,Homs,killed,public`,
      ),
      source: 'more-list',
      createSource: { nameEn: 'More' },
      actor: 'test',
    });
    expect(await names('سلمى')).toEqual(['Salma Yousef']);
    expect(await names('Yusuf')).toEqual(['Ibrahim Yousef Abd al-Rahman', 'Salma Yousef']);
    const facets = await recordFacets(t.db, 'يوسف', {});
    expect(facets.records).toBe(2);
    expect(facets.facets.source.values.map((v) => v.value).sort()).toEqual([
      'more-list',
      'people-list',
    ]);

    // A good row stored in its own chunk, then a bad one: the import is refused and rolled back.
    const refused = await importFile(t.db, {
      path: files.file(
        'refused.csv',
        `${header}\nنادر الحلبي,Nader al-Halabi,male,33,2016-01-01,Syria,Homs,killed,public\n` +
          'خطأ,Bad Row,nonsense,999,not a date,Syria,Homs,killed,public',
      ),
      source: 'refused-list',
      createSource: { nameEn: 'Refused' },
      actor: 'test',
      maxErrors: 0,
      chunkSize: 1,
    }).catch(() => null);
    expect(refused?.rowsAccepted ?? 0).toBeLessThanOrEqual(1);
    const stored = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record WHERE name_latin = 'Nader al-Halabi'`,
    );
    expect(await names('نادر')).toHaveLength(stored[0]!.n);
    expect(await names('Nader')).toHaveLength(stored[0]!.n);
  });
});

describe.each(testStores)('a large import added to the search index on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();

  beforeAll(async () => {
    // Searches wait for up to three new records; more are added in the background.
    t = await openPeopleRegister(kind, files, { waitLimit: 3 });
  });
  afterAll(async () => {
    await t?.dispose();
    files.cleanup();
  });

  it('answers as before the import and says so until every record is in, then shows them all', async () => {
    const before = await countRecordFacets(t.db, {}, true);
    expect(before.indexing).toBe(0);
    const rows = ['سلمى يوسف', 'سلمى النجار', 'سلمى حمدان', 'سلمى بركة'].map(
      (name) => `${name},,female,20,2016-01-01,Syria,Homs,killed,public`,
    );
    await importFile(t.db, {
      path: files.file('four.csv', [header, ...rows].join('\n')),
      source: 'four-list',
      createSource: { nameEn: 'Four' },
      actor: 'test',
    });
    // The first search after the commit starts adding the four and answers without them.
    const during = await countRecordFacets(t.db, {}, true);
    expect(during.indexing).toBe(4);
    expect({ ...during, indexing: 0 }).toEqual(before);

    await settleRecordSearchIndex(t.db);
    const after = await countRecordFacets(t.db, {}, true);
    expect(after.indexing).toBe(0);
    expect(after.records).toBe(before.records + 4);
    const listed = await findRecords(t.db, { search: 'سلمى', limit: 10 });
    expect(listed.map((r) => r.name).sort()).toEqual(
      ['سلمى النجار', 'سلمى بركة', 'سلمى حمدان', 'سلمى يوسف'].sort(),
    );
    // And the counts are the store's own.
    const fromSql = await t.db.transaction((tx) => countRecordFacets(tx, {}, true));
    expect(after.records).toBe(fromSql.records);
    expect(after.persons).toBe(fromSql.persons);
  });

  it('waits for an import within the limit, as for any write', async () => {
    await importFile(t.db, {
      path: files.file(
        'one.csv',
        `${header}\nنادر الحلبي,Nader al-Halabi,male,33,2016-01-01,Syria,Homs,killed,public`,
      ),
      source: 'one-list',
      createSource: { nameEn: 'One' },
      actor: 'test',
    });
    const counted = await countRecordFacets(t.db, { words: searchWords('نادر') }, true);
    expect([counted.records, counted.indexing]).toEqual([1, 0]);
  });
});

describe.each(testStores)('record search index against SQL on %s', (kind) => {
  let t: TestDatabase;
  let cleanup = () => undefined as void;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    ({ cleanup } = await importFacetsRegister(t.db));
    await enableRecordSearchIndex(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
    cleanup();
  });

  /** Facet values in one order, since the two ways of counting list ties differently. */
  const sorted = (c: Awaited<ReturnType<typeof countRecordFacets>>) => ({
    ...c,
    facets: Object.fromEntries(
      Object.entries(c.facets).map(([f, values]) => [
        f,
        [...values].sort((a, b) => String(a.value).localeCompare(String(b.value))),
      ]),
    ),
  });

  // Inside a transaction the store answers in SQL (the index is the server's, not the
  // transaction's), so the two can be compared on words both read the same way.
  const cases: RecordFilters[] = [
    {},
    { words: searchWords('محمود') },
    { words: searchWords('الخطيب'), sources: ['south-list'] },
    { violation: ['killed'], year: ['2013'] },
    { governorate: ['Rif Dimashq', null], sex: ['male', null], age: ['adult'] },
    { month: ['2013-08', null] },
    { ageBand: ['30-44', null] },
    { sourceSet: ['north-list', 'south-list'] },
    { sourceSet: ['north-list'], country: [null, 'Syria'] },
    { year: [null] },
  ];
  it.each(cases)('counts as SQL does: %j', async (filters) => {
    for (const includeRestricted of [false, true]) {
      const fromIndex = await countRecordFacets(t.db, filters, includeRestricted);
      const fromSql = await t.db.transaction((tx) =>
        countRecordFacets(tx, filters, includeRestricted),
      );
      expect(sorted(fromIndex)).toEqual(sorted(fromSql));
    }
  });

  it.each(cases)('lists the records SQL lists, field for field: %j', async (filters) => {
    for (const includeRestricted of [false, true]) {
      const query = { filters, limit: 3, includeRestricted };
      const fromIndex = [];
      const fromSql = [];
      for (let afterId = 0; ;) {
        const page = await queryRecords(t.db, { ...query, afterId });
        fromIndex.push(...page);
        if (page.length < 3) break;
        afterId = page[2]!.id;
      }
      for (let afterId = 0; ;) {
        const page = await t.db.transaction((tx) => queryRecords(tx, { ...query, afterId }));
        fromSql.push(...page);
        if (page.length < 3) break;
        afterId = page[2]!.id;
      }
      expect(fromIndex).toEqual(fromSql);
    }
  });

  it('counts persons again after a linkage decision', async () => {
    const before = await countRecordFacets(t.db, {}, true);
    const ids = await t.db.query<{ id: number }>(
      `SELECT id FROM record WHERE name IN ('مريم حسن', 'ليلى') ORDER BY id`,
    );
    await decidePair(t.db, {
      recordA: ids[0]!.id,
      recordB: ids[1]!.id,
      decision: 'same',
      actor: 'test',
    });
    const after = await countRecordFacets(t.db, {}, true);
    expect(after.persons).toBe(before.persons - 1);
    expect(after.records).toBe(before.records);
    // Undoing leaves persons as they are (its event lists no moves: every person is read again).
    await undoDecision(t.db, { recordA: ids[0]!.id, recordB: ids[1]!.id, actor: 'test' });
    expect((await countRecordFacets(t.db, {}, true)).persons).toBe(before.persons - 1);
    await decidePair(t.db, {
      recordA: ids[0]!.id,
      recordB: ids[1]!.id,
      decision: 'different',
      actor: 'test',
    });
    const apart = await countRecordFacets(t.db, {}, true);
    expect(apart.persons).toBe(before.persons);
    expect(sorted(apart)).toEqual(
      sorted(await t.db.transaction((tx) => countRecordFacets(tx, {}, true))),
    );
  });
});

describe.each(testStores)('record search API with the index on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base = '';
  let client: ApiClient;
  let cleanup = () => undefined as void;
  const call = apiCaller(() => base);

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    ({ cleanup } = await importFacetsRegister(t.db));
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    client = await signedInUser(
      t.db,
      call,
      'viewer@example.org',
      'viewer',
      'olive trees by the old sea',
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    cleanup();
  });

  it('answers a search with a typo and a Latin spelling, with facets that agree', async () => {
    for (const [search, expected] of [
      ['الخطيت', ['أحمد محمود الخطيب', 'احمد محمود الخطيب']],
      // The second list names him in Arabic only: found across scripts by the consonants.
      ['Ahmed Mahmud', ['أحمد محمود الخطيب', 'احمد محمود الخطيب']],
    ] as const) {
      const q = `search=${encodeURIComponent(search)}`;
      const list = await call(`/api/records?${q}`, { client });
      expect(list.status).toBe(200);
      const body = (await list.json()) as { records: { name: string }[] };
      expect(body.records.map((r) => r.name).sort()).toEqual(expected);
      const facets = await call(`/api/records/facets?${q}`, { client });
      expect(facets.status).toBe(200);
      const counts = (await facets.json()) as { records: number; persons: number };
      expect(counts).toMatchObject({ records: expected.length, persons: 1 });
    }
  });
});
