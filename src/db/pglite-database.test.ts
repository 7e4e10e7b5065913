import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite-database.js';

describe('the embedded store', () => {
  it('creates WAL segments without zero-filling them, for the whole session', async () => {
    const db = await openPglite();
    try {
      await db
        .transaction(async (tx) => {
          await tx.exec('SET LOCAL wal_init_zero = on');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      const [row] = await db.query<{ wal_init_zero: string }>('SHOW wal_init_zero');
      expect(row?.wal_init_zero).toBe('off');
    } finally {
      await db.close();
    }
  });

  it('counts every finished statement that may write, and no plain SELECT', async () => {
    const db = await openPglite();
    try {
      const writes = () => db.writesFinished!();
      await db.exec('CREATE TABLE t (n integer)');
      let seen = writes();
      const changed = () => {
        const now = writes();
        const moved = now !== seen;
        seen = now;
        return moved;
      };
      await db.query('SELECT count(*) FROM t');
      await db.query('  select n FROM t WHERE n > $1', [1]);
      expect(changed()).toBe(false);
      await db.query('INSERT INTO t VALUES (1)');
      expect(changed()).toBe(true);
      await db.query('WITH x AS (INSERT INTO t VALUES (2) RETURNING n) SELECT n FROM x');
      expect(changed()).toBe(true);
      await db.copyRows('t', ['n'], '3\n');
      expect(changed()).toBe(true);
      await db.transaction(async (tx) => {
        await tx.query('SELECT 1');
      });
      expect(changed()).toBe(true);
      await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (4)');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(changed()).toBe(true);
      await db.query('UPDATE t SET n = n + 1').catch(() => undefined);
      expect(changed()).toBe(true);
      await db.query('SELECT * FROM nowhere').catch(() => undefined);
      expect(changed()).toBe(false);
    } finally {
      await db.close();
    }
  });
});
