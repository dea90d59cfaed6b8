import { api } from '../../app/api';

export interface User {
  username: string;
  displayName?: string | null;
  email?: string | null;
  mobile?: string | null;
  dingtalkUserId?: string | null;
  groups: string[];
  managedGroups: string[];
  enabled: boolean;
}

/** What is sent: the password only when set (required on create). */
export interface UserInput extends Omit<User, 'username'> {
  username: string;
  password?: string;
}

export interface Group {
  name: string;
  displayName?: string | null;
  members?: string[];
  managers?: string[];
}

function list<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : (body?.items ?? []);
}

const user = (username: string) => `/api/admin/users/${encodeURIComponent(username)}`;
const group = (name: string) => `/api/admin/groups/${encodeURIComponent(name)}`;

export const fetchUsers = (signal?: AbortSignal) =>
  api<User[] | { items: User[] }>('/api/admin/users', { signal }).then(list);
export const createUser = (input: UserInput) => api<User>('/api/admin/users', { method: 'POST', json: input });
export const updateUser = (input: UserInput) => api<User>(user(input.username), { method: 'PUT', json: input });
export const deleteUser = (username: string) => api(user(username), { method: 'DELETE' });

export const fetchGroups = (signal?: AbortSignal) =>
  api<Group[] | { items: Group[] }>('/api/admin/groups', { signal }).then(list);
export const createGroup = (input: Group) =>
  api<Group>('/api/admin/groups', { method: 'POST', json: { name: input.name, displayName: input.displayName } });
export const updateGroup = (input: Group) =>
  api<Group>(group(input.name), { method: 'PUT', json: { name: input.name, displayName: input.displayName } });
export const deleteGroup = (name: string) => api(group(name), { method: 'DELETE' });
