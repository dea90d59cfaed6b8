import { useState } from 'react';
import { Empty, Layout, Menu, Typography, theme } from 'antd';
import { AREAS } from './areas';
import { MyTasksPage } from '../features/tasks/MyTasksPage';

const { Header, Sider, Content } = Layout;

export function AppShell() {
  const [area, setArea] = useState('tasks');
  const { token } = theme.useToken();
  const current = AREAS.find((a) => a.key === area) ?? AREAS[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          Suoke Ops
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>索克生活 · Operations</Typography.Text>
      </Header>
      <Layout>
        <Sider width={200} breakpoint="md" collapsedWidth={64} style={{ background: token.colorBgContainer }}>
          <Menu
            mode="inline"
            selectedKeys={[area]}
            onClick={({ key }) => setArea(key)}
            items={AREAS.map(({ key, label, icon }) => ({ key, label, icon }))}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: 24 }}>
          {area === 'tasks' ? (
            <MyTasksPage />
          ) : (
            <>
              <Typography.Title level={3}>{current.label}</Typography.Title>
              <Empty description={`${current.label} will appear here.`} />
            </>
          )}
        </Content>
      </Layout>
    </Layout>
  );
}
