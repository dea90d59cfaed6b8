import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { ME, stubApi } from '../test/apiStub';
import { SessionProvider } from '../features/auth/session';
import { AppShell } from './AppShell';
import { I18nProvider } from './i18n';

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function renderShell() {
  return render(
    <I18nProvider>
      <AntApp>
        <MemoryRouter initialEntries={['/inbox']}>
          <SessionProvider>
            <Routes>
              <Route element={<AppShell />}>
                <Route path="/inbox" element={<div>inbox page</div>} />
              </Route>
              <Route path="*" element={<div>elsewhere</div>} />
            </Routes>
            <Where />
          </SessionProvider>
        </MemoryRouter>
      </AntApp>
    </I18nProvider>,
  );
}

describe('AppShell', () => {
  it('speaks Chinese first, shows the user and only the inbox to a responder', async () => {
    stubApi({ 'GET /api/me': ME });
    renderShell();
    expect(await screen.findByTestId('user-display-name')).toHaveTextContent('Tier One');
    expect(screen.getByText('索克运维')).toBeInTheDocument();
    const menu = screen.getByTestId('main-menu');
    expect(within(menu).getByText('待办')).toBeInTheDocument();
    expect(within(menu).queryByText('审计')).not.toBeInTheDocument();
    expect(within(menu).queryByText('系统管理')).not.toBeInTheDocument();
  });

  it('shows audit to auditors and administration to admins; switches to English', async () => {
    stubApi({ 'GET /api/me': { ...ME, groups: ['admins', 'auditors'], roles: ['ADMIN', 'AUDITOR'] } });
    renderShell();
    const menu = await screen.findByTestId('main-menu');
    await waitFor(() => expect(within(menu).getByText('审计')).toBeInTheDocument());
    expect(within(menu).getByText('系统管理')).toBeInTheDocument();
    fireEvent.click(screen.getByText('English'));
    await waitFor(() => expect(within(menu).getByText('Audit')).toBeInTheDocument());
    expect(screen.getByText('Suoke Ops')).toBeInTheDocument();
    expect(window.localStorage.getItem('suoke.language')).toBe('en');
  });

  it('groups the sections in the side menu; on a narrow screen the menu opens from the header', async () => {
    stubApi({ 'GET /api/me': { ...ME, groups: ['auditors'], roles: ['AUDITOR'] } });
    const original = window.matchMedia;
    try {
      window.matchMedia = ((query: string) => ({
        ...original(query),
        matches: query.includes('max-width: 991px'),
      })) as typeof window.matchMedia;
      renderShell();
      await screen.findByTestId('user-display-name');
      expect(screen.queryByTestId('main-menu')).not.toBeInTheDocument();
      fireEvent.click(screen.getByTestId('menu-button'));
      const menu = await screen.findByTestId('main-menu');
      expect(within(menu).getByText('日常工作')).toBeInTheDocument();
      expect(within(menu).getByText('流程与平台')).toBeInTheDocument();
      fireEvent.click(within(menu).getByText('审计'));
      await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/audit'));
    } finally {
      window.matchMedia = original;
    }
  });

  it('signs out from the user menu', async () => {
    const stub = stubApi({ 'GET /api/me': ME, 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });
    renderShell();
    fireEvent.click(await screen.findByTestId('user-menu'));
    fireEvent.click(await screen.findByText('退出登录'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/signin?signedOut=1'));
    expect(stub.callsTo('POST', '/api/auth/logout')).toHaveLength(1);
  });

  it('goes to the sign-in page with the way back when an API call answers 401', async () => {
    const { api } = await import('./api');
    stubApi({ 'GET /api/me': ME, 'GET /api/tasks': () => new Response('{}', { status: 401 }) });
    renderShell();
    await screen.findByTestId('user-display-name');
    await api('/api/tasks').catch(() => undefined);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Finbox&expired=1'));
  });
});
