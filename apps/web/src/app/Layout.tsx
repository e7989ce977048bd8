import {
  GlobalOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import type { MenuProps } from 'antd';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Tooltip } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageSkeleton } from '../components/QueryState';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { api } from '../lib/api';
import { type Me, useCurrentUser } from './auth';
import type { MenuEntry } from './feature';
import { useL, useLang } from './i18n';
import { visibleMenu } from './registry';
import { useSignOut, useSwitchLang } from './session';

const GROUPS: { key: MenuEntry['group']; vi: string; en: string }[] = [
  { key: 'work', vi: 'Công việc', en: 'Work' },
  { key: 'catalog', vi: 'Danh mục', en: 'Catalogues' },
  { key: 'admin', vi: 'Quản trị', en: 'Administration' },
];

/** The menu entry whose path is the longest prefix of the current address. */
function selectedKey(entries: MenuEntry[], pathname: string): string | undefined {
  let best: MenuEntry | undefined;
  for (const e of entries) {
    const match = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (match && (!best || e.path.length > best.path.length)) best = e;
  }
  return best?.key;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const last = parts[parts.length - 1] ?? '';
  return (parts.length > 1 ? (parts[0]?.[0] ?? '') + last[0] : last.slice(0, 2)).toUpperCase();
}

/**
 * The department's name for the header, from GET /api/settings/org (the department unit valid today, so a
 * reorganisation renames the header by itself); else the person's own unit; else the product name.
 */
function useDepartmentName(me: Me): string {
  const { data } = useQuery({
    queryKey: ['settings', 'org'],
    queryFn: () => api.get<{ department: { id: number | null; name: string } }>('/api/settings/org'),
    staleTime: 30 * 60_000,
    retry: false,
  });
  const fromSettings = data?.department.id != null ? data.department.name : null;
  return fromSettings || me.orgUnitName || 'Nhịp';
}

function Brand({ collapsed }: { collapsed?: boolean }) {
  return (
    <Link to="/" className="nhip-brand" style={{ justifyContent: collapsed ? 'center' : undefined, padding: collapsed ? 0 : undefined }}>
      <span className="nhip-brand-mark" aria-hidden>
        N
      </span>
      {!collapsed && <span className="nhip-brand-name">Nhịp</span>}
    </Link>
  );
}

export function AppLayout() {
  const me = useCurrentUser();
  const l = useL();
  const lang = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem('nhip.sider') === 'collapsed');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const switchLang = useSwitchLang();
  const signOut = useSignOut();
  const department = useDepartmentName(me);

  // Close the mobile menu once a page is chosen.
  const [drawerPath, setDrawerPath] = useState(location.pathname);
  if (drawerPath !== location.pathname) {
    setDrawerPath(location.pathname);
    setDrawerOpen(false);
  }

  const entries = useMemo(() => visibleMenu(me), [me]);
  const current = selectedKey(entries, location.pathname);

  const menuItems = (flat: boolean): MenuProps['items'] => {
    const out: NonNullable<MenuProps['items']> = [];
    for (const g of GROUPS) {
      const list = entries.filter((e) => e.group === g.key);
      if (list.length === 0) continue;
      const children = list.map((e) => ({ key: e.key, icon: e.icon, label: <Link to={e.path}>{l(e.label.vi, e.label.en)}</Link> }));
      if (flat) {
        if (out.length) out.push({ type: 'divider', key: `div-${g.key}` });
        out.push(...children);
      } else out.push({ type: 'group', key: g.key, label: l(g.vi, g.en), children });
    }
    return out;
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ maxWidth: 260, cursor: 'default' }}>
            <div style={{ fontWeight: 600, color: '#1f2933' }}>{me.fullName || me.username}</div>
            <div style={{ fontSize: 12, color: '#5b6672' }}>
              {me.username} · {ROLE_LABELS[me.role]?.[lang] ?? me.role}
            </div>
            {me.orgUnitName && <div style={{ fontSize: 12, color: '#5b6672' }}>{me.orgUnitName}</div>}
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'account', icon: <UserOutlined />, label: l('Tài khoản của tôi', 'My account') },
      { key: 'tokens', icon: <SafetyCertificateOutlined />, label: l('Mã truy cập cá nhân', 'Personal access tokens') },
      ...(mobile ? [{ key: 'lang', icon: <GlobalOutlined />, label: lang === 'vi' ? 'English' : 'Tiếng Việt' }] : []),
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: l('Đăng xuất', 'Sign out') },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      else if (key === 'tokens') navigate('/account/tokens');
      else if (key === 'lang') void switchLang(lang === 'vi' ? 'en' : 'vi');
      else if (key === 'logout') void signOut();
    },
  };

  const toggleCollapsed = () => {
    setCollapsed((c) => {
      localStorage.setItem('nhip.sider', c ? 'open' : 'collapsed');
      return !c;
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={248} collapsedWidth={72} collapsed={collapsed} trigger={null} className="nhip-sider" theme="light">
          <Brand collapsed={collapsed} />
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={menuItems(collapsed)}
            inlineCollapsed={collapsed}
            style={{ borderInlineEnd: 0, padding: '8px 8px 24px' }}
          />
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          <Brand />
          <Menu mode="inline" selectedKeys={current ? [current] : []} items={menuItems(false)} style={{ borderInlineEnd: 0, padding: 8 }} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="nhip-header">
          <Tooltip
            title={mobile ? l('Mở menu', 'Open menu') : collapsed ? l('Mở rộng menu', 'Expand menu') : l('Thu gọn menu', 'Collapse menu')}
          >
            <Button
              type="text"
              aria-label={l('Menu', 'Menu')}
              icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={mobile ? () => setDrawerOpen(true) : toggleCollapsed}
            />
          </Tooltip>
          <div className="nhip-header-title">
            <span className="product">{l('Nhịp · Báo cáo định kỳ', 'Nhịp · Periodic reporting')}</span>
            <span className="dept" title={department}>
              {department}
            </span>
          </div>
          <NotificationBell />
          {!mobile && (
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => void switchLang(v as 'vi' | 'en')}
              options={[
                { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
                { label: 'EN', value: 'en', title: 'English' },
              ]}
            />
          )}
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            {/* Named by the name and role it shows (WCAG 2.5.3); on a phone only the initials show, so its name starts with them and says whose account. */}
            <button
              type="button"
              className="nhip-user-button"
              aria-label={mobile ? `${initials(me.fullName || me.username)} – ${l('Tài khoản', 'Account')}: ${me.fullName || me.username}` : undefined}
            >
              <Avatar aria-hidden style={{ background: '#0b5cad', flex: 'none' }}>{initials(me.fullName || me.username)}</Avatar>
              {!mobile && (
                <span className="nhip-user-text">
                  <span className="name">{me.fullName || me.username}</span>
                  <span className="role">{ROLE_LABELS[me.role]?.[lang] ?? me.role}</span>
                </span>
              )}
            </button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="nhip-content">
          <ErrorBoundary key={location.pathname} lang={lang}>
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
