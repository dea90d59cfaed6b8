import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ME, json, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import SignInPage from './SignInPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

function fill(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('says so when the password is wrong, and stays on the page', async () => {
    let signedIn = false;
    const stub = stubApi({
      'GET /api/me': () => {
        document.cookie = 'XSRF-TOKEN=t1; path=/';
        return signedIn ? json(ME) : problem(401, 'sign in');
      },
      'POST /api/auth/login': () => problem(401, 'Wrong user name or password.'),
    });
    renderPage(<SignInPage />, { route: '/signin?next=%2Ftasks%2F42', path: '/signin' });
    await screen.findByLabelText('User name');
    fill('tier1', 'nope');
    expect(await screen.findByTestId('signin-alert')).toHaveTextContent('Wrong user name or password');
    const [login] = stub.callsTo('POST', '/api/auth/login');
    expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(login.body).get('username')).toBe('tier1');
    expect(login.headers['x-xsrf-token']).toBe('t1');
    expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Ftasks%2F42');
  });

  it('shows the wait after too many attempts, counting down', async () => {
    stubApi({
      'GET /api/me': () => problem(401, 'sign in'),
      'POST /api/auth/login': () => problem(429, 'Too many', undefined, { 'Retry-After': '90' }),
    });
    renderPage(<SignInPage />, { route: '/signin', path: '/signin' });
    await screen.findByLabelText('User name');
    fill('tier1', 'again');
    const alert = await screen.findByTestId('signin-alert');
    expect(alert).toHaveTextContent(/Try again in (90|89) s/);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('signs in and goes back to the page asked for', async () => {
    let signedIn = false;
    const stub = stubApi({
      'GET /api/me': () => (signedIn ? json(ME) : problem(401, 'sign in')),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json({ username: 'tier1', groups: ['tier1-oncall'] });
      },
    });
    renderPage(<SignInPage />, { route: '/signin?next=%2Ftasks%2F42', path: '/signin' });
    await screen.findByLabelText('User name');
    fill('tier1', 'right');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/tasks\/42$/));
    expect(stub.callsTo('POST', '/api/auth/login')).toHaveLength(1);
  });

  it('never follows a next address to another site', async () => {
    let signedIn = false;
    stubApi({
      'GET /api/me': () => (signedIn ? json(ME) : problem(401, 'sign in')),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json({ username: 'tier1', groups: [] });
      },
    });
    renderPage(<SignInPage />, { route: '/signin?next=%2F%2Fevil.example%2F', path: '/signin' });
    await screen.findByLabelText('User name');
    fill('tier1', 'right');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/inbox$/));
  });

  it('speaks Chinese by default language of the app', async () => {
    stubApi({ 'GET /api/me': () => problem(401, 'sign in') });
    renderPage(<SignInPage />, { route: '/signin', path: '/signin', language: 'zh' });
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    expect(screen.getByText('索克运维')).toBeInTheDocument();
  });
});
