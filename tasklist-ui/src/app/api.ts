/**
 * The one way the UI talks to the backend. Every call is marked as the UI's own
 * (`X-Requested-With: XMLHttpRequest`, so that a 401 never opens the browser's Basic dialog),
 * every change carries the CSRF token from the `XSRF-TOKEN` cookie (read anew before each call:
 * it changes at sign-in), and every error becomes an {@link ApiError} with the RFC 7807 problem.
 */

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait (HTTP Retry-After), when the server said so. */
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The field errors, keyed by field name (several reasons per field joined). */
  fieldErrors(): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const { field, reason } of this.problem.errors ?? []) {
      (result[field] ??= []).push(reason);
    }
    return result;
  }
}

let unauthorizedHandler: (() => void) | undefined;

/** Called when an API call answers 401: the session ended (sign-in page follows). */
export function onUnauthorized(handler: (() => void) | undefined) {
  unauthorizedHandler = handler;
}

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(prefix)) return decodeURIComponent(cookie.slice(prefix.length));
  }
  return undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (sign-in itself, the first "who am I"). */
  allowUnauthorized?: boolean;
}

export function apiHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  };
  if (method !== 'GET') {
    const token = readCookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  return headers;
}

/** Calls the API; resolves with the parsed JSON body (undefined for an empty one). */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined || options.form ? 'POST' : 'GET');
  const headers = apiHeaders(method);
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' ? (parsed as Problem) : { status: response.status };
    const retry = Number(response.headers.get('Retry-After'));
    const error = new ApiError(response.status, problem, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    if (response.status === 401 && !options.allowUnauthorized) unauthorizedHandler?.();
    throw error;
  }
  return parsed as T;
}

/** A query string of the non-empty values, for GET filters. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
