import { ApartmentOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const OrgPage = lazy(() => import('./OrgPage'));

const feature: Feature = {
  routes: [{ path: '/org', element: <OrgPage /> }],
  menu: [
    {
      key: 'org',
      path: '/org',
      label: { vi: 'Cơ cấu tổ chức', en: 'Organisation' },
      icon: <ApartmentOutlined />,
      group: 'catalog',
      order: 100,
      visible: (me) => !UNIT_ROLES.includes(me.role),
    },
  ],
};

export default feature;
