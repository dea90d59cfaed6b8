import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
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
import { useMediaQuery } from './useMediaQuery';

const { Header, Content, Sider } = Layout;

/** Below this width the menu moves from the side into a drawer opened from the header. */
const NARROW = '(max-width: 991px)';

const SECTIONS = ['/inbox', '/incidents', '/oncall', '/handover', '/changes', '/releases', '/reviews', '/knowledge', '/kpi',
  '/audit', '/admin/users', '/admin/groups', '/admin/services', '/admin/calendars', '/status', '/models', '/operations'];

/** The frame of every page after sign-in: header with the menu the user's roles allow. */
export function AppShell() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const me = session.me;

  const items = useMemo(() => {
    const platform: NonNullable<MenuProps['items']> = [];
    if (session.hasRole('DESIGNER', 'OPERATOR', 'AUDITOR')) {
      platform.push({ key: '/models', icon: <PartitionOutlined />, label: t('nav.models') });
    }
    if (session.hasRole('OPERATOR', 'AUDITOR')) {
      platform.push({ key: '/operations', icon: <ControlOutlined />, label: t('nav.operations') });
    }
    if (session.hasRole('AUDITOR', 'ADMIN')) {
      platform.push({ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') });
    }
    if (session.hasRole('ADMIN')) {
      platform.push({
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
      platform.push({ key: '/status', icon: <DashboardOutlined />, label: t('nav.status') });
    }
    const list: MenuProps['items'] = [
      {
        type: 'group',
        key: 'work',
        label: t('nav.group.work'),
        children: [
          { key: '/inbox', icon: <CheckSquareOutlined />, label: t('nav.inbox') },
          { key: '/incidents', icon: <AlertOutlined />, label: t('nav.incidents') },
          { key: '/oncall', icon: <ScheduleOutlined />, label: t('nav.oncall') },
          { key: '/handover', icon: <SwapOutlined />, label: t('nav.handover') },
        ],
      },
      {
        type: 'group',
        key: 'delivery',
        label: t('nav.group.delivery'),
        children: [
          { key: '/changes', icon: <DeploymentUnitOutlined />, label: t('nav.changes') },
          { key: '/releases', icon: <RocketOutlined />, label: t('nav.releases') },
        ],
      },
      {
        type: 'group',
        key: 'learning',
        label: t('nav.group.learning'),
        children: [
          { key: '/reviews', icon: <FileSearchOutlined />, label: t('nav.reviews') },
          { key: '/knowledge', icon: <BookOutlined />, label: t('nav.knowledge') },
          { key: '/kpi', icon: <BarChartOutlined />, label: t('nav.kpi') },
        ],
      },
    ];
    if (platform.length > 0) {
      list.push({ type: 'group', key: 'platform', label: t('nav.group.platform'), children: platform });
    }
    return list;
  }, [session, t]);

  const narrow = useMediaQuery(NARROW);
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const selected = location.pathname.startsWith('/tasks')
    ? '/inbox'
    : (SECTIONS.find((key) => location.pathname.startsWith(key)) ?? '/inbox');

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={selected.startsWith('/admin') ? ['/admin'] : []}
      items={items}
      onClick={({ key }) => navigate(key)}
      className="suoke-nav"
      data-testid="main-menu"
    />
  );

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
        {narrow && (
          <Button
            type="text"
            className="suoke-menu-button"
            icon={<MenuOutlined />}
            aria-label={t('app.menu')}
            data-testid="menu-button"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/inbox" className="suoke-brand">
          <span className="suoke-brand-name">{t('app.name')}</span>
          <span className="suoke-brand-tagline">{t('app.tagline')}</span>
        </Link>
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
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={264}
            title={t('app.name')}
            className="suoke-nav-drawer"
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider width={216} theme="light" className="suoke-sider">
            {menu}
          </Sider>
        )}
        <Content className="suoke-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
