import { randomBytes } from 'node:crypto';
import type { Database } from '../src/db/database.js';
import { addUser } from '../src/services/users/users-service.js';

/**
 * Adds a viewer with a password made up for the run, sets it through the account's one-time
 * link and signs in on the server at `base`, as a person would: the session cookie to send.
 */
export async function signInViewer(db: Database, base: string): Promise<string> {
  const email = `bench-${Date.now()}@example.org`;
  const password = randomBytes(24).toString('base64url');
  const { setupToken } = await addUser(db, { email, role: 'viewer' }, 'bench');
  const post = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const set = await post('/api/auth/setup', { token: setupToken, password });
  if (set.status !== 200) throw new Error(`setting the password failed: ${set.status}`);
  const login = await post('/api/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`signing in failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('sijil_session='));
  if (!cookie) throw new Error('signing in set no session cookie');
  return cookie.split(';')[0]!;
}
