import { DashboardOutlined, TableOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Me } from '../../app/auth';
import type { Feature } from '../../app/feature';

const DashboardPage = lazy(() => import('./DashboardPage'));
const PivotPage = lazy(() => import('./PivotPage'));

/** The directorate, the office, reviewers and viewers read compiled figures; reporting units do not. */
const readsFigures = (me: Me) => !!me.abilities['completeness.read'];

const feature: Feature = {
  routes: [
    { path: '/dashboard', element: <DashboardPage /> },
    { path: '/analytics/pivot', element: <PivotPage /> },
  ],
  menu: [
    {
      key: 'dashboard',
      path: '/dashboard',
      label: { vi: 'Bảng điều hành', en: 'Dashboard' },
      icon: <DashboardOutlined />,
      group: 'work',
      order: 5,
      visible: readsFigures,
    },
    {
      key: 'pivot',
      path: '/analytics/pivot',
      label: { vi: 'Bảng tổng hợp', en: 'Pivot table' },
      icon: <TableOutlined />,
      group: 'work',
      order: 30,
      visible: readsFigures,
    },
  ],
};

export default feature;
