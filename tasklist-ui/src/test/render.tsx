import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { I18nProvider, type Language } from '../app/i18n';
import { SessionProvider } from '../features/auth/session';

/** Shows where the router is, for assertions on navigation. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

/**
 * Renders a page as the app does (language, antd App, router, session), at `route`, matched by
 * `path`; other routes show a marker with their path.
 */
export function renderPage(
  page: ReactElement,
  { route = '/', path = '*', language = 'en' }: { route?: string; path?: string; language?: Language } = {},
) {
  return render(
    <I18nProvider language={language}>
      <AntApp>
        <MemoryRouter initialEntries={[route]}>
          <SessionProvider>
            <Routes>
              <Route path={path} element={page} />
              <Route path="*" element={<div data-testid="elsewhere" />} />
            </Routes>
            <LocationProbe />
          </SessionProvider>
        </MemoryRouter>
      </AntApp>
    </I18nProvider>,
  );
}
