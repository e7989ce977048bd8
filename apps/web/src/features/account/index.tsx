import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const AccountPage = lazy(() => import('./AccountPage'));

const feature: Feature = {
  routes: [
    { path: '/account', element: <AccountPage /> },
    { path: '/account/password', element: <AccountPage /> },
    { path: '/account/tokens', element: <AccountPage /> },
  ],
};

export default feature;
