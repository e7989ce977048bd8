import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const NotificationsPage = lazy(() => import('./NotificationsPage'));

const feature: Feature = {
  routes: [{ path: '/notifications', element: <NotificationsPage /> }],
};

export default feature;
