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
});
