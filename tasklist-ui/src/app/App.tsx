import { App as AntApp, ConfigProvider } from 'antd';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../features/auth/session';
import { I18nProvider } from './i18n';
import { AppRoutes } from './router';

/** Suoke green; the header a darker shade of it. */
export const THEME = {
  token: { colorPrimary: '#1f7a5c', colorLink: '#1f7a5c', colorInfo: '#1f7a5c' },
  components: {
    Layout: { headerBg: '#0f3d2e' },
    Menu: { darkItemBg: '#0f3d2e', darkPopupBg: '#0f3d2e', darkSubMenuItemBg: '#0b2e22', darkItemSelectedBg: '#1f7a5c' },
  },
};

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
