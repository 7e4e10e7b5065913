import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testStores,
  type TestDatabase,
} from '../../../test/helpers/test-database.js';
import { DeferredIndexes } from './deferred-indexes.js';

const schema = `
  CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, x int, y int);
  CREATE INDEX parent_x ON parent (x);
  CREATE UNIQUE INDEX parent_y ON parent (y);
  CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
  CREATE TABLE lone (id int PRIMARY KEY, tag text);
  CREATE INDEX lone_tag ON lone (tag) WHERE tag IS NOT NULL;
  INSERT INTO parent VALUES (1, 'a', 1, 1), (2, 'b', 2, 2);
  INSERT INTO lone VALUES (1, 'one'), (2, NULL);`;

/** Every index of the two tables, with the constraint it backs, and its oid. */
async function indexes(t: TestDatabase) {
  return t.db.query<{ name: string; oid: number; definition: string }>(
    `SELECT c.relname AS name, c.oid::int AS oid,
            pg_get_indexdef(c.oid) || coalesce(' ' || k.contype::text, '') AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
      WHERE i.indrelid IN ('parent'::regclass, 'lone'::regclass) ORDER BY c.relname`,
  );
}

for (const kind of testStores) {
  describe(`DeferredIndexes (${kind})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(kind);
      await t.db.exec(schema);
    });
    afterAll(() => t.dispose());

    it('drops what no constraint of another table needs, and builds it again as it was', async () => {
      const before = await indexes(t);
      let during: string[] = [];
      await t.db.transaction(async (tx) => {
        const deferred = await DeferredIndexes.drop(tx, ['parent', 'lone']);
        during = (
          await tx.query<{ name: string }>(
            `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE i.indrelid IN ('parent'::regclass, 'lone'::regclass) ORDER BY c.relname`,
          )
        ).map((row) => row.name);
        await tx.query("INSERT INTO lone VALUES (3, 'three')");
        await deferred.rebuild(tx);
      });
      // Kept: the primary key a foreign key relies on, and a unique index no constraint backs.
      expect(during).toEqual(['parent_pkey', 'parent_y']);
      const after = await indexes(t);
      expect(after.map(({ name, definition }) => ({ name, definition }))).toEqual(
        before.map(({ name, definition }) => ({ name, definition })),
      );
      const kept = after.filter((row, n) => row.oid === before[n]!.oid).map((row) => row.name);
      expect(kept).toEqual(['parent_pkey', 'parent_y']);
      const [uses] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM lone WHERE tag = 'three'",
      );
      expect(uses!.n).toBe(1);
    });

    it('checks a dropped key when it is added back, and the failure undoes the drop', async () => {
      const before = await indexes(t);
      await expect(
        t.db.transaction(async (tx) => {
          const deferred = await DeferredIndexes.drop(tx, ['lone']);
          await tx.query("INSERT INTO lone VALUES (1, 'again')");
          await deferred.rebuild(tx);
        }),
      ).rejects.toThrow(/lone_pkey|duplicate|unique/i);
      expect(await indexes(t)).toEqual(before);
      const [held] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lone');
      expect(held!.n).toBe(3);
    });
  });
}
