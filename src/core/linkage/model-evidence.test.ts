import { describe, expect, it } from 'vitest';
import { compareRecords, NAME_EXACT } from './compare-records.js';
import { findDefaultAges } from './default-values.js';
import { isSiblingLike } from './fellegi-sunter.js';
import { lineageFrequency, nameFrequencies, stringId } from './name-frequencies.js';
import { PART_STRIDE, SKELETON_AT } from './prepared-records.js';
import { prepareRecords } from './record-preparer.js';
import { generateSynthetic } from './synth.js';
import { buildLinkRecord } from './test-records.js';
import { trainModel } from './training.js';

describe('cross-script agreement', () => {
  it('scores a Latin spelling against the Arabic as exact, weighted by the skeleton frequency', () => {
    const records = prepareRecords([
      buildLinkRecord({ recordId: '1', name: 'ايمان ماهر محمود فنقه' }),
      buildLinkRecord({ recordId: '2', nameLatin: 'Eman Mahir Mahmoud Fanqah' }),
      buildLinkRecord({ recordId: '3', name: 'محمد ماهر محمود فنقه' }),
    ]);
    const freq = nameFrequencies(records);
    const c = compareRecords(records, freq, 0, 1);
    for (let f = 0; f < 4; f++) expect(c.levels[f]).toBe(NAME_EXACT);
    // The family skeleton "FNK" is carried by all three records.
    expect(c.nameFrequency[3]).toBeCloseTo(1, 5);
    // The given skeleton "AMN" by two of three.
    expect(c.nameFrequency[0]).toBeCloseTo(2 / 3, 5);
  });

  it('repairs the transliterated form of the PDF-damaged Allah', () => {
    const records = prepareRecords([
      buildLinkRecord({ name: 'عبدالله عصام احمد العطار' }),
      buildLinkRecord({ nameLatin: 'Abd Hlla Essam Ahmed al-Attar' }),
    ]);
    const skeletons = (k: number): number[] =>
      Array.from(
        records.names.parts.subarray(k * PART_STRIDE + SKELETON_AT, (k + 1) * PART_STRIDE),
      );
    expect(skeletons(1)).toEqual(skeletons(0));
  });
});

describe('lineage frequencies', () => {
  it('fall back to the marginal frequency for a lineage seen once', () => {
    const records = prepareRecords([
      buildLinkRecord({ recordId: '1', name: 'محمد سعيد محمد الطحله' }),
      buildLinkRecord({ recordId: '2', name: 'محمد سعيد محمد الطحله' }),
      buildLinkRecord({ recordId: '3', name: 'احمد سعيد علي النجار' }),
      buildLinkRecord({ recordId: '4', name: 'علي خالد علي النجار' }),
    ]);
    const freq = nameFrequencies(records);
    // One distinct chain with family الطحله: the father's frequency is its marginal (3 of 4).
    const id = (text: string): number => stringId(records.strings, text);
    expect(lineageFrequency(freq, id('سعيد'), id('الطحله'))).toBeCloseTo(0.75, 5);
  });
});

describe('sibling-like pairs', () => {
  it('are recognised by a shared father and family name and different given names', () => {
    const records = prepareRecords([
      buildLinkRecord({ name: 'سيدرا كرم فوزي حسونه', birthDate: '2019-01-11' }),
      buildLinkRecord({ name: 'سوزان كرم فوزي حسونه', birthDate: '2019-01-11' }),
      buildLinkRecord({ name: 'سيدرا كرم فوزي حسونه', birthDate: '2019-01-11' }),
    ]);
    const freq = nameFrequencies(records);
    expect(isSiblingLike(compareRecords(records, freq, 0, 1).levels)).toBe(true);
    expect(isSiblingLike(compareRecords(records, freq, 0, 2).levels)).toBe(false);
  });
});

describe('default ages', () => {
  it('finds the age a list fills in, and keeps real ages of a large list', () => {
    const ages: number[] = [];
    for (let a = 0; a < 80; a++) for (let k = 0; k < 20; k++) ages.push(a);
    for (let k = 0; k < 200; k++) ages.push(24);
    const found = findDefaultAges(ages);
    expect(found.has(24)).toBe(true);
    expect(found.has(20)).toBe(false);
  });

  it('assumes the known defaults when a list is too small to tell', () => {
    expect(findDefaultAges([20, 21, 30]).has(20)).toBe(true);
  });
});

describe('prepared records', () => {
  it('share one name between records with the same cells, and keep every field', () => {
    const records = prepareRecords([
      buildLinkRecord({ name: 'محمد ابوعيشة(ابوحطب)', sex: 'm', age: '31', idNumber: '123' }),
      buildLinkRecord({ nameLatin: 'Abu Muhammad Khaled al-Najjar', birthDate: '1990-02-03' }),
      buildLinkRecord({ name: 'مجهول', place: 'Rafah' }),
      buildLinkRecord({
        name: 'محمد ابوعيشة(ابوحطب)',
        nameLatin: 'ignored',
        idNumber: '400000008',
      }),
    ]);
    expect(records.count).toBe(4);
    expect(records.name[3]).toBe(records.name[0]);
    expect(records.names.count).toBe(3);
    expect(Array.from(records.sex)).toEqual([1, 0, 0, 0]);
    expect(records.age[0]).toBe(31);
    expect(records.birth[1]).toBe(19900203);
    expect(records.idNumber[0]).toBe(-1);
    expect(records.idNumber[3]).toBe(400000008);
    expect(records.place[2]).toBe(stringId(records.strings, 'rafah'));
    expect(records.names.alternates.length).toBe(1);
  });
});

describe('list priors', () => {
  it('find two records of one list far less often the same person than records of two lists', () => {
    const rows = generateSynthetic({ records: 4000, sources: 3, seed: 5 });
    const records = prepareRecords(rows.map((r) => buildLinkRecord(r)));
    const model = trainModel(records, nameFrequencies(records), {
      randomPairs: 50_000,
      seed: 1,
      decisions: [],
    });
    const priors = model.listPriors;
    if (!priors) throw new Error('no list priors');
    // About 2% of a synthetic list repeats a person; most people are on two lists or more.
    expect(priors.within * 5).toBeLessThan(priors.across);
    expect(priors.within).toBeGreaterThan(0);
  });
});
