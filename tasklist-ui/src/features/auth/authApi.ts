import { api, readCookie } from '../../app/api';

export type Role = 'ADMIN' | 'AUDITOR' | 'DESIGNER' | 'OPERATOR';

export interface Me {
  username: string;
  displayName?: string | null;
  email?: string | null;
  groups: string[];
  managedGroups: string[];
  roles: Role[];
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return api<Me>('/api/me', { signal, allowUnauthorized: true });
}

/**
 * Signs in with the form login. The CSRF cookie comes with any GET: when it is missing (first
 * visit, after sign-out) a "who am I" call, answered 401 while signed out, fetches it first.
 */
export async function signIn(username: string, password: string): Promise<void> {
  if (!readCookie('XSRF-TOKEN')) {
    await fetchMe().catch(() => undefined);
  }
  await api('/api/auth/login', { method: 'POST', form: { username, password }, allowUnauthorized: true });
}

export async function signOut(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST', allowUnauthorized: true });
}

/** A path inside the app to go back to after sign-in; anything else (other sites) is ignored. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/signin')) {
    return '/inbox';
  }
  return next;
}
