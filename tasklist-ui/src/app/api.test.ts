import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, onUnauthorized } from './api';
import { json, problem, stubApi } from '../test/apiStub';

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthorized(undefined);
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('api', () => {
  it('marks calls as the UI own and sends the current CSRF cookie with changes only', async () => {
    const stub = stubApi({ 'GET /api/x': { ok: 1 }, 'POST /api/x': () => new Response(null, { status: 204 }) });
    document.cookie = 'XSRF-TOKEN=first; path=/';
    expect(await api('/api/x')).toEqual({ ok: 1 });
    document.cookie = 'XSRF-TOKEN=second; path=/';
    expect(await api('/api/x', { method: 'POST', json: { a: 1 } })).toBeUndefined();
    const [get, post] = stub.calls;
    expect(get.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(get.headers['x-xsrf-token']).toBeUndefined();
    expect(post.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(post.headers['x-xsrf-token']).toBe('second');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.body).toBe('{"a":1}');
  });

  it('turns a problem detail into an ApiError with its field errors and Retry-After', async () => {
    stubApi({
      'POST /api/bad': () =>
        problem(400, 'invalid', [
          { field: 'variables.summary', reason: 'required' },
          { field: 'variables.summary', reason: 'too short' },
        ]),
      'POST /api/slow': () => problem(429, 'wait', undefined, { 'Retry-After': '42' }),
    });
    const bad = await api('/api/bad', { method: 'POST' }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).status).toBe(400);
    expect((bad as ApiError).fieldErrors()).toEqual({ 'variables.summary': ['required', 'too short'] });
    const slow = (await api('/api/slow', { method: 'POST' }).catch((error: unknown) => error)) as ApiError;
    expect(slow.status).toBe(429);
    expect(slow.retryAfter).toBe(42);
  });

  it('reports a 401 as the end of the session, unless told not to', async () => {
    stubApi({ 'GET /api/tasks': () => problem(401, 'sign in'), 'GET /api/me': () => json({}, 401) });
    const ended = vi.fn();
    onUnauthorized(ended);
    await expect(api('/api/me', { allowUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled();
    await expect(api('/api/tasks')).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
