import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaptureCsv } from '../../src/core/stats/estimation/capture-table.js';
import { parseWhere, type CountQuery } from '../../src/core/stats/counts/index.js';
import { importFile } from '../../src/services/import/import-file.js';
import {
  captureHistoriesCsv,
  compareSources,
  countPersons,
  personsBehindCount,
  recordsBehindPersons,
} from '../../src/services/stats/index.js';
import { tempDir } from '../helpers/temp-files.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';

const header = 'id,name,sex,age,age_category,date,governorate,locality,violation,perpetrator';
// A small register whose persons, once linked, exercise each rule (see the expectations below).
const lists: Record<string, string[]> = {
  moh: [
    'm1,Ahmad,m,7,,2014-03-05,Damascus,Yarmouk,killed,Army',
    'm2,Fatima,f,34,,2014-03,Damascus,Yarmouk,killed,',
    'm3,Khaled,m,,,2015,Aleppo,,killed,Army',
    'm4,Sara,f,16,,2013-2014,Homs,,detained,Army',
    'm5,Omar,,,child,,,,killed,',
  ],
  ngo: [
    'n1,Ahmad,m,8,,2014-03-05,Damascus,,killed,Army',
    'n2,Khaled,f,40,,2015-06-01,Aleppo,,killed,Army',
    'n3,Sara,f,16,,2014-03-01 to 2014-03-20,Homs,,killed,Group',
    'n4,Layla,f,70,,2012,Daraa,,executed,',
  ],
  media: [
    'd1,Ahmad,f,,,,Damascus,,killed,',
    'd2,Khaled,m,,,2015,,,killed,',
    'd3,Yusuf,m,3,,2014-03-07,Damascus,Yarmouk,injured,Army',
    'd4,Layla,m,,,2012,Daraa,,executed,',
  ],
};

/** The persons linkage would form, named by their founding record. */
const links: Record<string, string[]> = {
  m1: ['n1', 'd1'],
  m3: ['n2', 'd2'],
  m4: ['n3'],
  n4: ['d4'],
};

function q(by: CountQuery['by'], where: string[] = []): CountQuery {
  return { by, where: parseWhere(where) };
}

/** A breakdown as "value|value" → persons, for exact comparison. */
function table(result: { groups: { values: object; persons: number }[] }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of result.groups) out[Object.values(g.values).join('|')] = g.persons;
  return out;
}

describe.each(testStores)('unique-person counts and source comparison on %s', (kind) => {
  let t: TestDatabase;
  const files = tempDir();
  const id = new Map<string, number>();

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    for (const [source, rows] of Object.entries(lists)) {
      const report = await importFile(t.db, {
        path: files.file(`${source}.csv`, [header, ...rows].join('\n')),
        source,
        createSource: { nameEn: source },
        actor: 'test',
      });
      expect(report.rowsAccepted).toBe(rows.length);
    }
    const rows = await t.db.query<{ id: number; source_record_id: string }>(
      'SELECT id, source_record_id FROM record',
    );
    for (const r of rows) id.set(r.source_record_id, r.id);
  });
  afterAll(async () => {
    await t.dispose();
    files.cleanup();
  });

  const pid = (ref: string) => id.get(ref)!;

  it('before linkage, every record is its own person', async () => {
    expect((await countPersons(t.db, q([]))).total).toBe(13);
    const c = await compareSources(t.db);
    expect(c.persons).toBe(13);
    expect(c.sources).toEqual([
      { source: 'media', records: 4, persons: 4, onlyHere: 4 },
      { source: 'moh', records: 5, persons: 5, onlyHere: 5 },
      { source: 'ngo', records: 4, persons: 4, onlyHere: 4 },
    ]);
    expect(c.pairs.every((p) => p.persons === 0)).toBe(true);
  });

  it('after linkage merges records, counts persons, not records', async () => {
    for (const [founder, others] of Object.entries(links)) {
      await t.db.query('UPDATE record SET person_id = $1 WHERE id = ANY($2::int[])', [
        pid(founder),
        others.map(pid),
      ]);
    }
    await t.db.query('DELETE FROM person WHERE id NOT IN (SELECT person_id FROM record)');
    const all = await countPersons(t.db, q([]));
    expect(all.total).toBe(7);
  });

  it('counts a person under every violation any record gives', async () => {
    const r = await countPersons(t.db, q(['violation']));
    expect(r.total).toBe(7);
    expect(r.inSeveralGroups).toBe(1);
    expect(r.groups.map((g) => [g.values.violation, g.persons])).toEqual([
      ['killed', 5],
      ['executed', 1],
      ['detained', 1],
      ['injured', 1],
    ]);
  });

  it('dates by year and month, with ranges only when they fall within one', async () => {
    expect(table(await countPersons(t.db, q(['year'])))).toEqual({
      '2012': 1,
      '2014': 4,
      '2015': 1,
      unknown: 1,
    });
    expect(table(await countPersons(t.db, q(['month'])))).toEqual({
      '2014-03': 4,
      '2015-06': 1,
      unknown: 2,
    });
    // The undated detention of Sara stays apart from her dated killing.
    expect(table(await countPersons(t.db, q(['violation', 'year'])))).toEqual({
      'killed|2014': 3,
      'killed|2015': 1,
      'killed|unknown': 1,
      'executed|2012': 1,
      'detained|unknown': 1,
      'injured|2014': 1,
    });
  });

  it('takes the most frequent sex and age, ties to the earliest record', async () => {
    expect(table(await countPersons(t.db, q(['sex'])))).toEqual({
      female: 3,
      male: 3,
      unknown: 1,
    });
    const ages = await countPersons(t.db, q(['age_group']));
    expect(ages.groups.map((g) => [g.values.age_group, g.persons])).toEqual([
      ['0-4', 1],
      ['5-11', 1],
      ['12-17', 1],
      ['30-44', 2],
      ['60+', 1],
      ['unknown', 1],
    ]);
    expect(table(await countPersons(t.db, q(['child'])))).toEqual({ child: 4, adult: 3 });
  });

  it('breaks down by place and perpetrator', async () => {
    expect(table(await countPersons(t.db, q(['governorate'])))).toEqual({
      Aleppo: 1,
      Damascus: 3,
      Daraa: 1,
      Homs: 1,
      unknown: 1,
    });
    expect(table(await countPersons(t.db, q(['locality'])))).toEqual({ Yarmouk: 3, unknown: 4 });
    const perpetrators = await countPersons(t.db, q(['perpetrator']));
    expect(table(perpetrators)).toEqual({ Army: 4, Group: 1, unknown: 3 });
    expect(perpetrators.inSeveralGroups).toBe(1);
  });

  it('combines filters; event filters hold on one record', async () => {
    const count = async (where: string[]) => (await countPersons(t.db, q([], where))).total;
    expect(await count(['violation=killed', 'sex=female'])).toBe(2);
    expect(await count(['violation=killed', 'year=2014'])).toBe(3);
    expect(await count(['violation=detained', 'year=2014'])).toBe(0);
    expect(await count(['violation=detained', 'year=unknown'])).toBe(1);
    expect(await count(['violation=killed,executed', 'child=adult'])).toBe(3);
    expect(await count(['age_group=12-17'])).toBe(1);
    const bySex = await countPersons(t.db, q(['sex'], ['violation=killed']));
    expect(table(bySex)).toEqual({ female: 2, male: 2, unknown: 1 });
  });

  it('opens each count to its persons and each person to their records', async () => {
    const r = await countPersons(t.db, q(['year'], ['violation=killed']));
    const g2014 = r.groups.find((g) => g.values.year === '2014')!;
    expect(g2014.persons).toBe(3);
    const persons = await personsBehindCount(t.db, g2014.where);
    expect(persons).toEqual([pid('m1'), pid('m2'), pid('m4')]);
    const first = await personsBehindCount(t.db, g2014.where, { limit: 2 });
    expect(first).toEqual([pid('m1'), pid('m2')]);
    expect(await personsBehindCount(t.db, g2014.where, { afterId: first[1]!, limit: 2 })).toEqual([
      pid('m4'),
    ]);
    const unknown = r.groups.find((g) => g.values.year === 'unknown')!;
    expect(await personsBehindCount(t.db, unknown.where)).toEqual([pid('m5')]);

    const [ahmad] = await recordsBehindPersons(t.db, [pid('m1')]);
    expect(ahmad!.records.map((x) => [x.source, x.sourceRecordId])).toEqual([
      ['moh', 'm1'],
      ['ngo', 'n1'],
      ['media', 'd1'],
    ]);
    expect(ahmad!.records[0]).toMatchObject({
      sex: 'male',
      age: 7,
      violation: 'killed',
      eventDate: { start: '2014-03-05', end: '2014-03-05', precision: 'day' },
      place: { governorate: 'Damascus', locality: 'Yarmouk' },
    });
  });

  it('compares sources over persons: only-here, pairs and capture histories', async () => {
    const c = await compareSources(t.db);
    expect(c.records).toBe(13);
    expect(c.persons).toBe(7);
    expect(c.sources).toEqual([
      { source: 'media', records: 4, persons: 4, onlyHere: 1 },
      { source: 'moh', records: 5, persons: 5, onlyHere: 2 },
      { source: 'ngo', records: 4, persons: 4, onlyHere: 0 },
    ]);
    expect(c.pairs).toEqual([
      { sources: ['media', 'moh'], persons: 2 },
      { sources: ['media', 'ngo'], persons: 3 },
      { sources: ['moh', 'ngo'], persons: 3 },
    ]);
    const histories = Object.fromEntries(c.captures.map((h) => [h.sources.join('+'), h.count]));
    expect(histories).toEqual({
      media: 1,
      moh: 2,
      'moh+ngo': 1,
      'media+ngo': 1,
      'media+moh+ngo': 2,
    });
  });

  it('exports capture histories as CSV the estimators read', async () => {
    const csv = await captureHistoriesCsv(t.db);
    expect(csv).toBe('media,moh,ngo,count\n1,0,0,1\n0,1,0,2\n1,0,1,1\n0,1,1,1\n1,1,1,2\n');
    const parsed = parseCaptureCsv(csv);
    expect(parsed.lists).toEqual(['media', 'moh', 'ngo']);
    expect([...parsed.counts].reduce((a, b) => a + b, 0)).toBe(7);

    // A chosen order and subset of sources.
    expect(await captureHistoriesCsv(t.db, { sources: ['ngo', 'moh'] })).toBe(
      'ngo,moh,count\n1,0,1\n0,1,2\n1,1,3\n',
    );
  });

  it('compares sources within a stratum, using only records that fit it', async () => {
    const c = await compareSources(t.db, { where: parseWhere(['violation=killed']) });
    expect(c.persons).toBe(5);
    expect(c.sources).toEqual([
      { source: 'media', records: 2, persons: 2, onlyHere: 0 },
      { source: 'moh', records: 4, persons: 4, onlyHere: 2 },
      { source: 'ngo', records: 3, persons: 3, onlyHere: 1 },
    ]);
    const histories = Object.fromEntries(c.captures.map((h) => [h.sources.join('+'), h.count]));
    expect(histories).toEqual({ moh: 2, ngo: 1, 'media+moh+ngo': 2 });
  });
});
