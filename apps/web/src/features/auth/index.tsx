import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const LoginPage = lazy(() => import('./LoginPage'));
const ChangePasswordPage = lazy(() => import('./ChangePasswordPage'));

const feature: Feature = {
  routes: [
    { path: '/login', element: <LoginPage />, public: true },
    { path: '/change-password', element: <ChangePasswordPage />, bare: true },
  ],
};

export default feature;
