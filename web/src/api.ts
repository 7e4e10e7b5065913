/** The staff API, same origin: the session rides in an HttpOnly cookie, CSRF in a header. */

export interface User {
  id: number;
  email: string;
  displayName: string | null;
  role: 'admin' | 'editor' | 'reviewer' | 'viewer';
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface SourceSummary {
  id: number;
  slug: string;
  nameEn: string | null;
  nameAr: string | null;
  kind: string;
  records: number;
  batches: number;
  documents: number;
  lastImportAt: string | null;
}

interface DatePart {
  start: string | null;
  end: string | null;
  precision: string;
}

export interface RecordView {
  id: number;
  personId: number;
  source: string;
  name: string | null;
  nameLatin: string | null;
  sex: string | null;
  age: number | null;
  eventDate: DatePart;
  place: {
    country: string | null;
    governorate: string | null;
    locality: string | null;
    site: string | null;
  };
  violation: string | null;
}

export interface RecordPage {
  records: RecordView[];
  next: number | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body) headers.set('content-type', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('x-csrf-token', csrfToken);
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** The current session, or null when signed out. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await call<{ user: User | null; csrfToken: string | null }>(
      '/api/auth/session',
    );
    if (!session.user || !session.csrfToken) return null;
    csrfToken = session.csrfToken;
    return { user: session.user, csrfToken: session.csrfToken };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await call<Session>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  csrfToken = session.csrfToken;
  return { user: session.user, csrfToken: session.csrfToken };
}

export async function signOut(): Promise<void> {
  await call<{ ok: boolean }>('/api/auth/logout', { method: 'POST' });
  csrfToken = null;
}

export async function fetchSources(): Promise<SourceSummary[]> {
  return (await call<{ sources: SourceSummary[] }>('/api/sources')).sources;
}

export async function searchRecords(q: {
  search: string;
  source: string;
  after?: number | undefined;
  limit?: number;
}): Promise<RecordPage> {
  const params = new URLSearchParams();
  if (q.search.trim()) params.set('search', q.search.trim());
  if (q.source) params.set('source', q.source);
  params.set('limit', String(q.limit ?? 50));
  if (q.after !== undefined) params.set('after', String(q.after));
  return call<RecordPage>(`/api/records?${params.toString()}`);
}
