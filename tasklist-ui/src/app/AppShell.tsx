import { Suspense, useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import {
  AlertOutlined,
  ApiOutlined,
  ControlOutlined,
  PartitionOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DeploymentUnitOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  MenuOutlined,
  RocketOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { FullPageSpin, useSession } from '../features/auth/session';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

const { Header, Content } = Layout;

/** The frame of every page after sign-in: header with the menu the user's roles allow. */
export function AppShell() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const me = session.me;

  const items = useMemo(() => {
    const list: MenuProps['items'] = [
      { key: '/inbox', icon: <CheckSquareOutlined />, label: t('nav.inbox') },
      { key: '/incidents', icon: <AlertOutlined />, label: t('nav.incidents') },
      { key: '/oncall', icon: <ScheduleOutlined />, label: t('nav.oncall') },
      { key: '/handover', icon: <SwapOutlined />, label: t('nav.handover') },
      { key: '/changes', icon: <DeploymentUnitOutlined />, label: t('nav.changes') },
      { key: '/releases', icon: <RocketOutlined />, label: t('nav.releases') },
      { key: '/reviews', icon: <FileSearchOutlined />, label: t('nav.reviews') },
      { key: '/knowledge', icon: <BookOutlined />, label: t('nav.knowledge') },
      { key: '/kpi', icon: <BarChartOutlined />, label: t('nav.kpi') },
    ];
    if (session.hasRole('DESIGNER', 'OPERATOR', 'AUDITOR')) {
      list.push({ key: '/models', icon: <PartitionOutlined />, label: t('nav.models') });
    }
    if (session.hasRole('OPERATOR', 'AUDITOR')) {
      list.push({ key: '/operations', icon: <ControlOutlined />, label: t('nav.operations') });
    }
    if (session.hasRole('AUDITOR', 'ADMIN')) {
      list.push({ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') });
    }
    if (session.hasRole('ADMIN')) {
      list.push({
        key: '/admin',
        icon: <SettingOutlined />,
        label: t('nav.admin'),
        children: [
          { key: '/admin/users', icon: <UserOutlined />, label: t('nav.users') },
          { key: '/admin/groups', icon: <TeamOutlined />, label: t('nav.groups') },
          { key: '/admin/services', icon: <ApiOutlined />, label: t('nav.services') },
          { key: '/admin/calendars', icon: <CalendarOutlined />, label: t('nav.calendars') },
        ],
      });
    }
    if (session.hasRole('ADMIN', 'OPERATOR')) {
      list.push({ key: '/status', icon: <DashboardOutlined />, label: t('nav.status') });
    }
    return list;
  }, [session, t]);

  const selected = location.pathname.startsWith('/tasks')
    ? '/inbox'
    : (['/inbox', '/incidents', '/oncall', '/handover', '/changes', '/releases', '/reviews', '/knowledge', '/kpi', '/audit', '/admin/users', '/admin/groups', '/admin/services', '/admin/calendars', '/status', '/models', '/operations'].find((key) =>
        location.pathname.startsWith(key),
      ) ?? '/inbox');

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <Flex vertical>
            <Typography.Text strong>{me?.displayName || me?.username}</Typography.Text>
            <Typography.Text type="secondary">{me?.username}</Typography.Text>
          </Flex>
        ),
      },
      { type: 'divider' },
      { key: 'signOut', icon: <LogoutOutlined />, label: t('app.signOut'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'signOut') void session.signOut();
    },
  };

  return (
    <Layout className="suoke-shell">
      <Header className="suoke-header">
        <Link to="/inbox" className="suoke-brand">
          <span className="suoke-brand-name">{t('app.name')}</span>
          <span className="suoke-brand-tagline">{t('app.tagline')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => navigate(key)}
          className="suoke-nav"
          overflowedIndicator={<MenuOutlined aria-label={t('app.menu')} />}
          data-testid="main-menu"
        />
        <Flex align="center" gap={12} className="suoke-header-right">
          <LanguageSwitch dark />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <button type="button" className="suoke-user" aria-label={t('app.userMenu')} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} />
              <span className="suoke-user-name" data-testid="user-display-name">
                {me?.displayName || me?.username}
              </span>
            </button>
          </Dropdown>
        </Flex>
      </Header>
      <Content className="suoke-content">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </Content>
    </Layout>
  );
}
