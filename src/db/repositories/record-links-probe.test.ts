import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testStores,
  type TestDatabase,
} from '../../../test/helpers/test-database.js';
import { probeRecordLinks } from './record-links-probe.js';

for (const kind of testStores) {
  describe(`probeRecordLinks (${kind})`, () => {
    let store: TestDatabase;
    beforeAll(async () => {
      store = await openTestDatabase(kind);
      const db = store.db;
      const [source] = await db.query<{ id: number }>(
        "INSERT INTO source (slug, name_en) VALUES ('probe', 'Probe') RETURNING id",
      );
      for (let id = 1; id <= 6; id++) {
        await db.query('INSERT INTO person (id) VALUES ($1)', [id]);
        await db.query(
          `INSERT INTO record (id, source_id, person_id, raw) VALUES ($1, $2, $1, '{}')`,
          [id, source!.id],
        );
      }
      // 1–2: a standing decision; 3–4: an undone one; 5: an incident; 6: nothing.
      await db.query(
        "INSERT INTO match_decision (record_a, record_b, decision, decided_by) VALUES (1, 2, 'same', 'user:1')",
      );
      await db.query(
        `INSERT INTO match_decision (record_a, record_b, decision, decided_by, undone_by, undone_at)
         VALUES (3, 4, 'different', 'user:1', 'user:1', now())`,
      );
      const [incident] = await db.query<{ id: number }>(
        "INSERT INTO incident (title_en) VALUES ('Shelling of the market') RETURNING id",
      );
      await db.query('INSERT INTO record_incident (record_id, incident_id) VALUES (5, $1)', [
        incident!.id,
      ]);
    });
    afterAll(() => store.dispose());

    it('finds decisions on either side, undone ones included, and linked incidents', async () => {
      const probe = (ids: number[]) => probeRecordLinks(store.db, ids);
      expect(await probe([])).toEqual({ decisions: false, incidents: false });
      expect(await probe([6])).toEqual({ decisions: false, incidents: false });
      expect(await probe([1])).toEqual({ decisions: true, incidents: false });
      expect(await probe([2])).toEqual({ decisions: true, incidents: false });
      expect(await probe([4])).toEqual({ decisions: true, incidents: false });
      expect(await probe([6, 5])).toEqual({ decisions: false, incidents: true });
      expect(await probe([3, 5])).toEqual({ decisions: true, incidents: true });
    });
  });
}
