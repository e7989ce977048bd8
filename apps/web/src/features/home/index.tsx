import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const HomePage = lazy(() => import('./HomePage'));

const feature: Feature = {
  routes: [{ path: '/', element: <HomePage /> }],
  menu: [
    {
      key: 'home',
      path: '/',
      label: { vi: 'Trang chủ', en: 'Home' },
      icon: <HomeOutlined />,
      group: 'work',
      order: 0,
    },
  ],
};

export default feature;
