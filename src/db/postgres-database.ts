import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyStatement, type Database, type Sql, type SqlValue } from './database.js';

// Dates stay strings (YYYY-MM-DD) as in PGlite's text output; int8 counts become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

type Client = pg.Pool | pg.PoolClient;

function wrap(client: Client, connect: () => Promise<pg.PoolClient>): Sql {
  return {
    async query<T>(text: string, params: readonly SqlValue[] = []) {
      const result = await client.query(text, params as unknown[]);
      return result.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    async copyRows(table, columns, data, format) {
      const conn = 'release' in client ? client : await connect();
      try {
        const stream = conn.query(copyFrom(copyStatement(table, columns, 'STDIN', format)));
        const chunk =
          typeof data === 'string'
            ? data
            : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        await pipeline(Readable.from([chunk]), stream);
      } finally {
        if (conn !== client) conn.release();
      }
    },
  };
}

/** Describes a connection string without its password, for logs and /api/health. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable DATABASE_URL)';
  }
}

/** What the pool reports when a connection it holds idle fails (the server restarted, say). */
export type IdleConnectionError = (error: Error & { code?: string }) => void;

const warnOfIdleError: IdleConnectionError = (error) => {
  process.stderr.write(
    `sijil: an idle connection to PostgreSQL was closed (${error.code ?? 'no code'}: ${error.message}); ` +
      'the next query opens a new one\n',
  );
};

export async function openPostgres(
  url: string,
  onIdleError: IdleConnectionError = warnOfIdleError,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A pooled connection the server ends while idle (a restart, an administrator, a dropped
  // database) is an 'error' event on the pool; unheard, it would stop the whole process. The
  // pool has already dropped that connection.
  pool.on('error', onIdleError);
  // Fail at start-up with a clear message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const connect = () => pool.connect();
  return {
    ...wrap(pool, connect),
    kind: 'postgres',
    location: redactUrl(url),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client, connect));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A session lock taken for a moment inside the transaction must not outlive it on a
        // pooled connection (see reserveRecordIds).
        await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
