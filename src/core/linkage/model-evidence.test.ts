import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords } from './columnar-records.js';
import {
  compareRecords,
  lineageFrequency,
  NAME_EXACT,
  nameFrequencies,
} from './compare-records.js';
import { findDefaultAges } from './default-values.js';
import { isSiblingLike } from './fellegi-sunter.js';
import { prepareRecords } from './link-record.js';
import { buildLinkRecord } from './test-records.js';

describe('cross-script agreement', () => {
  it('scores a Latin spelling against the Arabic as exact, weighted by the skeleton frequency', () => {
    const records = prepareRecords([
      buildLinkRecord({ recordId: '1', name: 'ايمان ماهر محمود فنقه' }),
      buildLinkRecord({ recordId: '2', nameLatin: 'Eman Mahir Mahmoud Fanqah' }),
      buildLinkRecord({ recordId: '3', name: 'محمد ماهر محمود فنقه' }),
    ]);
    const [a, b] = records;
    if (!a || !b) throw new Error('prepare');
    const freq = nameFrequencies(records);
    const c = compareRecords(a, b, freq);
    for (let f = 0; f < 4; f++) expect(c.levels[f]).toBe(NAME_EXACT);
    // The family skeleton "FNK" is carried by all three records.
    expect(c.nameFrequency[3]).toBeCloseTo(1, 5);
    // The given skeleton "AMN" by two of three.
    expect(c.nameFrequency[0]).toBeCloseTo(2 / 3, 5);
  });

  it('repairs the transliterated form of the PDF-damaged Allah', () => {
    const [a, b] = prepareRecords([
      buildLinkRecord({ name: 'عبدالله عصام احمد العطار' }),
      buildLinkRecord({ nameLatin: 'Abd Hlla Essam Ahmed al-Attar' }),
    ]);
    expect(b?.skeletons).toEqual(a?.skeletons);
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
    expect(lineageFrequency(freq, 'سعيد', 'الطحله')).toBeCloseTo(0.75, 5);
  });
});

describe('sibling-like pairs', () => {
  it('are recognised by a shared father and family name and different given names', () => {
    const [a, b, c] = prepareRecords([
      buildLinkRecord({ name: 'سيدرا كرم فوزي حسونه', birthDate: '2019-01-11' }),
      buildLinkRecord({ name: 'سوزان كرم فوزي حسونه', birthDate: '2019-01-11' }),
      buildLinkRecord({ name: 'سيدرا كرم فوزي حسونه', birthDate: '2019-01-11' }),
    ]);
    if (!a || !b || !c) throw new Error('prepare');
    const freq = nameFrequencies([a, b, c]);
    expect(isSiblingLike(compareRecords(a, b, freq).levels)).toBe(true);
    expect(isSiblingLike(compareRecords(a, c, freq).levels)).toBe(false);
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

describe('columnar records', () => {
  it('round-trip through typed arrays', () => {
    const records = prepareRecords([
      buildLinkRecord({ name: 'محمد ابوعيشة(ابوحطب)', sex: 'm', age: '31', idNumber: '123' }),
      buildLinkRecord({ nameLatin: 'Abu Muhammad Khaled al-Najjar', birthDate: '1990-02-03' }),
      buildLinkRecord({ name: 'مجهول', place: 'Rafah' }),
    ]);
    const columns = encodeRecords(records);
    expect(columns.fixed).toBeInstanceOf(Int32Array);
    expect(decodeRecords(columns)).toEqual(records);
  });
});
