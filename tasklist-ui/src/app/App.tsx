import { App as AntApp, ConfigProvider } from 'antd';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../features/auth/session';
import { I18nProvider } from './i18n';
import { AppRoutes } from './router';

export const THEME = { token: { colorPrimary: '#1f7a5c' } };

export function App() {
  return (
    <ConfigProvider theme={THEME}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </ConfigProvider>
  );
}
