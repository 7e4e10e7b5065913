import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testStores,
  type TestDatabase,
} from '../../../test/helpers/test-database.js';
import type { RecordFields } from '../../core/records/record-fields.js';
import {
  RecordChunkEncoder,
  storeEncodedRecords,
  type RecordContent,
} from './record-repository.js';

function record(rowNumber: number, name: string): RecordContent {
  const fields: RecordFields = {
    sourceRecordId: `r${rowNumber}`,
    name,
    nameLatin: null,
    otherNames: [],
    kunya: null,
    sex: null,
    age: rowNumber,
    ageCategory: null,
    birthDate: null,
    eventDate: { start: '2024-01-0' + rowNumber, end: '2024-01-0' + rowNumber, precision: 'day' },
    placeCountry: null,
    placeGovernorate: null,
    placeLocality: null,
    placeSite: null,
    violation: 'killed',
    perpetrator: null,
    confidentiality: null,
    restricted: null,
    flags: [],
  };
  return { rowNumber, raw: { name, n: String(rowNumber) }, searchText: name, fields };
}

for (const kind of testStores) {
  describe(`records encoded as they are parsed (${kind})`, () => {
    let store: TestDatabase;
    beforeAll(async () => {
      store = await openTestDatabase(kind);
    });
    afterAll(() => store.dispose());

    it('numbers each chunk from the id it is given when taken, and stores each with its person', async () => {
      const encoder = new RecordChunkEncoder({ sourceId: 7, batchId: 9 });
      encoder.add(record(3, 'أحمد'));
      encoder.add(record(4, 'Mona'));
      expect(encoder.count).toBe(2);
      const first = encoder.take(41);
      expect(encoder.count).toBe(0);
      encoder.add(record(5, 'سارة'));
      const second = encoder.take(100);
      await store.db.transaction(async (tx) => {
        await storeEncodedRecords(tx, 41, 2, first);
        await storeEncodedRecords(tx, 100, 1, second);
      });
      const rows = await store.db.query(
        `SELECT id, person_id, source_id, batch_id, row_number, name, age, event_date_start, raw::jsonb AS raw
           FROM record ORDER BY id`,
      );
      expect(rows).toEqual([
        {
          id: 41,
          person_id: 41,
          source_id: 7,
          batch_id: 9,
          row_number: 3,
          name: 'أحمد',
          age: 3,
          event_date_start: '2024-01-03',
          raw: { name: 'أحمد', n: '3' },
        },
        {
          id: 42,
          person_id: 42,
          source_id: 7,
          batch_id: 9,
          row_number: 4,
          name: 'Mona',
          age: 4,
          event_date_start: '2024-01-04',
          raw: { name: 'Mona', n: '4' },
        },
        {
          id: 100,
          person_id: 100,
          source_id: 7,
          batch_id: 9,
          row_number: 5,
          name: 'سارة',
          age: 5,
          event_date_start: '2024-01-05',
          raw: { name: 'سارة', n: '5' },
        },
      ]);
      const persons = await store.db.query<{ id: number }>('SELECT id FROM person ORDER BY id');
      expect(persons.map((p) => p.id)).toEqual([41, 42, 100]);
    });

    it('refuses ids a record id cannot hold', () => {
      const encoder = new RecordChunkEncoder({ sourceId: 1, batchId: 1 });
      encoder.add(record(1, 'a'));
      encoder.add(record(2, 'b'));
      expect(() => encoder.take(0x7fffffff)).toThrow(RangeError);
      expect(() => encoder.take(0)).toThrow(RangeError);
    });
  });
}
