import { call } from '../../api';

/** The Admin screen's calls: accounts and roles, the audit log, backups (administrators only). */

export type Role = 'admin' | 'editor' | 'reviewer' | 'viewer';
export const roles: readonly Role[] = ['admin', 'editor', 'reviewer', 'viewer'];
export type AccountState = 'active' | 'waiting' | 'locked' | 'disabled';

export interface Account {
  id: number;
  email: string;
  displayName: string | null;
  role: Role;
  state: AccountState;
  disabled: boolean;
  disabledAt: string | null;
  hasPassword: boolean;
  setupLinkExpiresAt: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** A one-time set-password link to hand over; shown once, never stored by the app. */
export interface SetupLink {
  email: string;
  url: string;
}

const linkOf = (setupPath: string) => `${window.location.origin}${setupPath}`;

export async function fetchAccounts(): Promise<Account[]> {
  return (await call<{ users: Account[] }>('/api/users')).users;
}

export async function addAccount(input: { email: string; role: Role }): Promise<SetupLink> {
  const added = await call<{ user: { email: string }; setupPath: string }>('/api/users', {
    method: 'POST',
    body: JSON.stringify(input),
  });
  return { email: added.user.email, url: linkOf(added.setupPath) };
}

interface AccountChange {
  changed: boolean;
  user: Account;
}

export function changeRole(id: number, role: Role): Promise<AccountChange> {
  return call<AccountChange>(`/api/users/${id}`, {
    method: 'PATCH',
    body: JSON.stringify({ role }),
  });
}

export function setDisabled(id: number, disabled: boolean): Promise<AccountChange> {
  return call<AccountChange>(`/api/users/${id}/${disabled ? 'disable' : 'enable'}`, {
    method: 'POST',
  });
}

export async function issueResetLink(account: Account): Promise<SetupLink> {
  const issued = await call<{ setupPath: string }>(`/api/users/${account.id}/reset-link`, {
    method: 'POST',
  });
  return { email: account.email, url: linkOf(issued.setupPath) };
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectEmail: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  actor: string;
  action: string;
  entityType: string;
  from: string;
  to: string;
}

export const noAuditFilter: AuditFilter = {
  actor: '',
  action: '',
  entityType: '',
  from: '',
  to: '',
};

export interface AuditPage {
  events: AuditEvent[];
  next: number | null;
}

export function fetchAuditLog(filter: AuditFilter, before: number | null): Promise<AuditPage> {
  const params = new URLSearchParams({ limit: '25' });
  for (const key of Object.keys(filter) as (keyof AuditFilter)[]) {
    const value = filter[key].trim();
    if (value) params.set(key, value);
  }
  if (before !== null) params.set('before', String(before));
  return call<AuditPage>(`/api/audit?${params.toString()}`);
}

export function fetchAuditVocabulary(): Promise<{ actions: string[]; entityTypes: string[] }> {
  return call('/api/audit/vocabulary');
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  brokenAt: number | null;
  reason: string | null;
}

export function verifyAuditChain(): Promise<AuditVerification> {
  return call<AuditVerification>('/api/audit/verify');
}

/** Which store the server runs on: only the embedded one can be downloaded as a backup. */
export async function fetchStoreKind(): Promise<'pglite' | 'postgres'> {
  return (await call<{ store: 'pglite' | 'postgres' }>('/api/health')).store;
}

export const backupUrl = '/api/admin/backup';
