import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgres } from './postgres-database.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('the PostgreSQL store', () => {
  it('outlives a pooled connection the server ends while it is idle, and opens another', async () => {
    const heard: string[] = [];
    const db = await openPostgres(url!, (error) => heard.push(error.code ?? error.message));
    try {
      const [first] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = first!.pid;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      await expect.poll(() => heard, { timeout: 5000 }).toEqual(['57P01']);
      const [row] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(row!.pid).not.toBe(pid);
    } finally {
      await db.close();
    }
  });
});
