import { CalendarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const RoundsPage = lazy(() => import('./RoundsPage'));
const BoardPage = lazy(() => import('./BoardPage'));
const CompletenessPage = lazy(() => import('./CompletenessPage'));

const feature: Feature = {
  routes: [
    { path: '/rounds', element: <RoundsPage /> },
    { path: '/rounds/:roundId', element: <BoardPage /> },
    { path: '/rounds/:roundId/completeness', element: <CompletenessPage /> },
  ],
  menu: [
    {
      key: 'rounds',
      path: '/rounds',
      label: { vi: 'Đợt báo cáo', en: 'Reporting rounds' },
      icon: <CalendarOutlined />,
      group: 'work',
      order: 20,
    },
  ],
};

export default feature;
