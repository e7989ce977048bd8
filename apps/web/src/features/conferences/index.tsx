import { ScheduleOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const ConferencesPage = lazy(() => import('./ConferencesPage'));
const ConferencePage = lazy(() => import('./ConferencePage'));
const CheckinPage = lazy(() => import('./CheckinPage'));
const LivePage = lazy(() => import('./LivePage'));
const TicketsPage = lazy(() => import('./TicketsPage'));

const feature: Feature = {
  routes: [
    { path: '/conferences', element: <ConferencesPage /> },
    { path: '/conferences/:id', element: <ConferencePage /> },
    { path: '/conferences/:id/checkin', element: <CheckinPage /> },
    { path: '/conferences/:id/live', element: <LivePage /> },
    { path: '/conferences/:id/tickets', element: <TicketsPage /> },
  ],
  menu: [
    {
      key: 'conferences',
      path: '/conferences',
      label: { vi: 'Hội nghị', en: 'Conferences' },
      icon: <ScheduleOutlined />,
      group: 'work',
      order: 45,
      visible: (me) => !UNIT_ROLES.includes(me.role),
    },
    {
      // A unit reaches its conferences from the task on its home page, and here.
      key: 'conferences-unit',
      path: '/conferences',
      label: { vi: 'Hội nghị', en: 'Conferences' },
      icon: <ScheduleOutlined />,
      group: 'work',
      order: 45,
      visible: (me) => UNIT_ROLES.includes(me.role),
    },
  ],
};

export default feature;
