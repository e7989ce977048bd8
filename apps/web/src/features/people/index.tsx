import { TeamOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const PeoplePage = lazy(() => import('./PeoplePage'));

const feature: Feature = {
  routes: [{ path: '/people', element: <PeoplePage /> }],
  menu: [
    {
      key: 'people',
      path: '/people',
      label: { vi: 'Cán bộ', en: 'People' },
      icon: <TeamOutlined />,
      group: 'catalog',
      order: 105,
      visible: (me) => !UNIT_ROLES.includes(me.role),
    },
    {
      key: 'people-unit',
      path: '/people',
      label: { vi: 'Cán bộ đơn vị', en: 'Our staff' },
      icon: <TeamOutlined />,
      group: 'work',
      order: 90,
      visible: (me) => UNIT_ROLES.includes(me.role),
    },
  ],
};

export default feature;
