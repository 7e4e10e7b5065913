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

  it('keeps records added hidden out of every search and count until they are revealed', () => {
    const some = rows(11, 3000);
    const queries = (): IndexQuery[] => [
      { filters: {}, includeRestricted: false },
      { filters: {}, includeRestricted: true },
      { filters: { words: ['يوسف'] }, includeRestricted: false },
      { filters: { words: ['سلمى', 'نادر'], governorate: ['Homs'] }, includeRestricted: true },
      { filters: { words: ['كسكين', 'بركة'] }, includeRestricted: true },
      { filters: { sex: ['female'] }, source: 'b', includeRestricted: false },
    ];
    const answers = (ix: RecordSearchIndex) =>
      queries().map((q) => [ix.select(q, 0, some.length), ix.facetCounts(q)]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: some.length }), fc.nat({ max: 4 }), (cut, slices) => {
        const before = new RecordSearchIndex();
        before.add(some.slice(0, cut));
        const growing = new RecordSearchIndex();
        growing.add(some.slice(0, cut));
        // Whole-register counts kept from before the hidden rows must not survive the reveal.
        growing.facetCounts({ filters: {}, includeRestricted: false });
        const rest = some.slice(cut);
        const step = Math.ceil(rest.length / (slices + 1)) || 1;
        for (let i = 0; i < rest.length; i += step)
          growing.add(rest.slice(i, i + step), { hidden: true });
        expect(growing.size).toBe(cut);
        expect(growing.hidden).toBe(rest.length);
        expect(answers(growing)).toEqual(answers(before));
        growing.reveal();
        const after = new RecordSearchIndex();
        after.add(some);
        expect(growing.hidden).toBe(0);
        expect(answers(growing)).toEqual(answers(after));
      }),
      { numRuns: 25 },
    );
  });
});
