import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import { AppShell } from './app/AppShell';
import 'antd/dist/reset.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider theme={{ token: { colorPrimary: '#1f7a5c' } }}>
      <AntApp>
        <AppShell />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
