import type { Role } from '../../src/core/auth/permissions.js';
import type { Database } from '../../src/db/database.js';
import { addUser } from '../../src/services/users/users-service.js';

/** A signed-in browser, as far as the API can tell: its session cookie and CSRF token. */
export interface ApiClient {
  cookie: string;
  csrf: string;
}

export type CallInit = RequestInit & { client?: ApiClient; csrf?: string | null };
export type Call = (path: string, init?: CallInit) => Promise<Response>;

/** fetch against a test server, sending a client's cookie and CSRF token (or `csrf` instead). */
export function apiCaller(base: () => string): Call {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.client) headers.set('cookie', init.client.cookie);
    const csrf = init.csrf === undefined ? init.client?.csrf : init.csrf;
    if (csrf) headers.set('x-csrf-token', csrf);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${base()}${path}`, { ...init, headers, redirect: 'manual' });
  };
}

/** The `sijil_session=…` pair a sign-in response sets. */
export function sessionCookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sijil_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** Creates an account, sets its password through its one-time link, and signs it in. */
export async function signedInUser(
  db: Database,
  call: Call,
  email: string,
  role: Role,
  password: string,
): Promise<ApiClient> {
  const { setupToken } = await addUser(db, { email, role }, 'test');
  const set = await call('/api/auth/setup', {
    method: 'POST',
    body: JSON.stringify({ token: setupToken, password }),
  });
  if (set.status !== 200) throw new Error(`setting the password failed: ${set.status}`);
  const res = await call('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`signing in failed: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string; user: { role: string } };
  if (body.user.role !== role) throw new Error(`signed in as ${body.user.role}, not ${role}`);
  return { cookie: sessionCookieOf(res), csrf: body.csrfToken };
}
