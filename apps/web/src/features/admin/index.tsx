import { AuditOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';
import { RequireAbility } from '../../components/RequireAbility';

const UsersPage = lazy(() => import('./UsersPage'));
const AuditPage = lazy(() => import('./AuditPage'));
const ExchangePage = lazy(() => import('./ExchangePage'));

const feature: Feature = {
  routes: [
    {
      path: '/admin/users',
      element: (
        <RequireAbility ability="users.manage">
          <UsersPage />
        </RequireAbility>
      ),
    },
    {
      path: '/admin/audit',
      element: (
        <RequireAbility ability="audit.read">
          <AuditPage />
        </RequireAbility>
      ),
    },
    {
      path: '/admin/exchange',
      element: (
        <RequireAbility ability="metadata.import">
          <ExchangePage />
        </RequireAbility>
      ),
    },
  ],
  menu: [
    {
      key: 'admin-users',
      path: '/admin/users',
      label: { vi: 'Người dùng', en: 'Users' },
      icon: <TeamOutlined />,
      group: 'admin',
      order: 900,
      visible: (me) => !!me.abilities['users.manage'],
    },
    {
      key: 'admin-exchange',
      path: '/admin/exchange',
      label: { vi: 'Trao đổi dữ liệu', en: 'Data exchange' },
      icon: <SwapOutlined />,
      group: 'admin',
      order: 910,
      visible: (me) => !!me.abilities['metadata.import'],
    },
    {
      key: 'admin-audit',
      path: '/admin/audit',
      label: { vi: 'Nhật ký hệ thống', en: 'Audit log' },
      icon: <AuditOutlined />,
      group: 'admin',
      order: 920,
      visible: (me) => !!me.abilities['audit.read'],
    },
  ],
};

export default feature;
