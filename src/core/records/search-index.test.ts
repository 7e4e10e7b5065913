import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordFacetNames, type RecordFilters } from './record-filters.js';
import { RecordSearchIndex, type IndexQuery, type SearchIndexRow } from './search-index.js';

// Words of very different frequencies, so that intersections take both of the index's ways:
// marking a long posting list, and looking candidates up in it one by one.
const vocabulary = ['سلمى', 'يوسف', 'نادر', 'حمدان', 'كسكين', 'بركة'];
const weights = [0.6, 0.3, 0.1, 0.03, 0.01, 0.002];
const values = {
  source: ['a', 'b', 'c'],
  violation: ['killed', 'detained', null],
  country: ['Syria', null],
  governorate: ['Homs', 'Aleppo', 'Daraa', null],
  year: ['2013', '2014', null],
  sex: ['male', 'female', null],
  ageGroup: ['child', 'adult', null],
} as const;

function rows(seed: number, count: number): SearchIndexRow[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const words = vocabulary.filter((_, w) => next() < weights[w]!);
    return {
      id: i + 1,
      personId: 1 + Math.floor(next() * count * 0.8),
      searchText: words.join(' '),
      name: null,
      nameLatin: null,
      source: pick(values.source),
      violation: pick(values.violation),
      country: pick(values.country),
      governorate: pick(values.governorate),
      year: pick(values.year),
      month: null,
      sex: pick(values.sex),
      ageGroup: pick(values.ageGroup),
      age: null,
      restricted: next() < 0.05,
    };
  });
}

describe('RecordSearchIndex', () => {
  const all = rows(7, 6000);
  const index = new RecordSearchIndex();
  index.add(all);
  const byId = new Map(all.map((r) => [r.id, r]));
  const select = (q: IndexQuery) => index.select(q, 0, all.length);
  const facetField = (facet: (typeof recordFacetNames)[number]) =>
    facet === 'age' ? 'ageGroup' : facet;

  it('lists the records of several words as the intersection of each word’s records', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        (words, includeRestricted) => {
          const alone = words.map(
            (w) => new Set(select({ filters: { words: [w] }, includeRestricted })),
          );
          const expected = [...alone[0]!].filter((id) => alone.every((set) => set.has(id)));
          expect(select({ filters: { words }, includeRestricted })).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts every facet over the listed records, each under every filter but its own', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...vocabulary), { maxLength: 3 }),
        fc.subarray(['Homs', 'Daraa', null] as (string | null)[]),
        fc.subarray(['female', null] as ('female' | null)[]),
        fc.boolean(),
        (words, governorate, sex, includeRestricted) => {
          const filters: RecordFilters = { words, governorate, sex };
          const counts = index.facetCounts({ filters, includeRestricted });
          const listed = select({ filters, includeRestricted }).map((id) => byId.get(id)!);
          expect(counts.records).toBe(listed.length);
          expect(counts.persons).toBe(new Set(listed.map((r) => r.personId)).size);
          for (const facet of recordFacetNames) {
            // The facet's own filter lifted: the records every other filter lets through.
            const own = { ...filters, [facet === 'source' ? 'sources' : facet]: [] };
            const base = select({ filters: own, includeRestricted }).map((id) => byId.get(id)!);
            const expected = new Map<string | null, number>();
            for (const r of base) {
              const value = r[facetField(facet)];
              expected.set(value, (expected.get(value) ?? 0) + 1);
            }
            const got = new Map(counts.facets[facet].map((c) => [c.value, c.records]));
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
