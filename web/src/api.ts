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

/** A JSON request to the API, with the CSRF token on state-changing ones; errors as ApiError. */
export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
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

/** A right password for an account with two-step sign-in on: the code comes next. */
export interface SecondFactorChallenge {
  secondFactor: true;
  challenge: string;
}

export async function signIn(
  email: string,
  password: string,
): Promise<Session | SecondFactorChallenge> {
  const answer = await call<Session | SecondFactorChallenge>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  if ('secondFactor' in answer) return { secondFactor: true, challenge: answer.challenge };
  csrfToken = answer.csrfToken;
  return { user: answer.user, csrfToken: answer.csrfToken };
}

export async function signOut(): Promise<void> {
  await call<{ ok: boolean }>('/api/auth/logout', { method: 'POST' });
  csrfToken = null;
}

export async function fetchSources(): Promise<SourceSummary[]> {
  return (await call<{ sources: SourceSummary[] }>('/api/sources')).sources;
}

// Record searches and their facets: search-api.ts.

// ---- Person page and review queue ----

/** Where one value of a record came from: a column of the source's file, or the import's default. */
export type FieldProvenance = { column: string; raw: string | null } | { default: string };

export interface PersonRecord extends RecordView {
  batchId: number | null;
  rowNumber: number | null;
  sourceRecordId: string | null;
  otherNames: string[];
  kunya: string | null;
  ageCategory: string | null;
  birthDate: DatePart;
  perpetrator: string | null;
  confidentiality: string;
  flags: string[];
  raw: Record<string, string>;
  restricted?: Record<string, string> | null;
  sourceNames: { slug: string; nameEn: string | null; nameAr: string | null };
  batch: { id: number; fileName: string; fileFormat: string; importedAt: string } | null;
  provenance: Record<string, FieldProvenance>;
}

export interface PersonDecision {
  id: number;
  recordA: number;
  recordB: number;
  personA: number;
  personB: number;
  decision: 'same' | 'different';
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: string;
  note: string | null;
  undoneBy: string | null;
  undoneByName: string | null;
  undoneAt: string | null;
  effect: {
    moved: number;
    personsBefore: { a: number | null; b: number | null };
    personsAfter: { a: number | null; b: number | null };
  } | null;
}

export interface LinkedIncident {
  id: number;
  titleEn: string | null;
  titleAr: string | null;
  date: DatePart;
  place: RecordView['place'];
  perpetrator: string | null;
  recordIds: number[];
}

export interface PersonPage {
  person: {
    id: number;
    records: PersonRecord[];
    differences: string[];
    decisions: PersonDecision[];
    incidents: LinkedIncident[];
  };
  access: { restricted: boolean; restrictedShown: boolean; decide: boolean };
}

export async function fetchPerson(id: number, includeRestricted: boolean): Promise<PersonPage> {
  const query = includeRestricted ? '?include=restricted' : '';
  return call<PersonPage>(`/api/persons/${id}${query}`);
}

/** A record as a reviewer sees it beside another. */
export interface ReviewRecord {
  id: number;
  personId: number;
  source: string;
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  sex: string | null;
  age: number | null;
  birthDate: string | null;
  eventDate: string | null;
  place: string | null;
}

/** One field's part in the model's score. */
export interface FieldReason {
  field: string;
  level: string;
  weight: number;
  valueFrequency?: number;
}

export interface ReviewPair {
  recordA: number;
  recordB: number;
  probability: number;
  matchWeight: number;
  priority: number;
  samePerson: boolean;
  explanation: { prior: number; weight: number; fields: FieldReason[]; blockingRules: string[] };
  a: ReviewRecord;
  b: ReviewRecord;
}

export interface ReviewPage {
  pairs: ReviewPair[];
  progress: { decided: number; remaining: number };
  access: { restricted: boolean; restrictedShown: boolean };
}

export async function fetchNextReviewPairs(q: {
  after: string | null;
  includeRestricted: boolean;
}): Promise<ReviewPage> {
  const params = new URLSearchParams({ limit: '1' });
  if (q.after) params.set('after', q.after);
  if (q.includeRestricted) params.set('include', 'restricted');
  return call<ReviewPage>(`/api/review/next?${params.toString()}`);
}

export interface DecisionResult {
  decision: { id: number; recordA: number; recordB: number; decision: 'same' | 'different' };
  changed: boolean;
  personsBefore: { a: number; b: number };
  personsAfter: { a: number; b: number };
  moved: number;
}

export async function decideReviewPair(body: {
  recordA: number;
  recordB: number;
  decision: 'same' | 'different';
}): Promise<DecisionResult> {
  return call<DecisionResult>('/api/review/decisions', {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

export interface UndoResult {
  personsRestored: boolean;
  notRestoredBecause: string | null;
  moved: number;
  reopened: boolean;
}

export async function undoReviewDecision(decisionId: number): Promise<UndoResult> {
  return call<UndoResult>('/api/review/decisions/undo', {
    method: 'POST',
    body: JSON.stringify({ decisionId }),
  });
}

// ---- Import screen (import-api.ts) ----

/**
 * A POST with the CSRF token whose answer the caller reads itself: a file sent as the raw body
 * (streamed by the browser, never read into memory), an answer streamed line by line. Errors
 * as ApiError, like `call`.
 */
export async function post(path: string, init: { body: BodyInit; headers: HeadersInit }) {
  const headers = new Headers(init.headers);
  if (csrfToken) headers.set('x-csrf-token', csrfToken);
  const res = await fetch(path, {
    method: 'POST',
    body: init.body,
    headers,
    credentials: 'same-origin',
  });
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
  return res;
}

// ---- Two-step sign-in (TOTP): the sign-in's second step and the Account screen ----

/** The second step of signing in: the challenge and a code from the app, or a recovery code. */
export async function signInWithCode(challenge: string, code: string): Promise<Session> {
  const session = await call<Session>('/api/auth/login/totp', {
    method: 'POST',
    body: JSON.stringify({ challenge, code }),
  });
  csrfToken = session.csrfToken;
  return { user: session.user, csrfToken: session.csrfToken };
}

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export interface TotpEnrolment {
  secret: string;
  secretForTyping: string;
  otpauthUri: string;
}

export function fetchTotpStatus(): Promise<TotpStatus> {
  return call<TotpStatus>('/api/account/totp');
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return call<TotpEnrolment>('/api/account/totp/enrolment', { method: 'POST', body: '{}' });
}

export function activateTotp(code: string): Promise<{ recoveryCodes: string[] }> {
  return call<{ recoveryCodes: string[] }>('/api/account/totp/activation', {
    method: 'POST',
    body: JSON.stringify({ code }),
  });
}

export function disableTotp(password: string, code: string): Promise<{ ok: boolean }> {
  return call<{ ok: boolean }>('/api/account/totp/disable', {
    method: 'POST',
    body: JSON.stringify({ password, code }),
  });
}
