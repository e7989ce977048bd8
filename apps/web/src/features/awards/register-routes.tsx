/**
 * The routes and menu entries of the look-back and rules screens (register, a person's and a collective's page,
 * statistics, initiatives, registrations, clusters, the catalog), spread into the feature's lists in index.tsx.
 */
import { BarChartOutlined, BookOutlined, BulbOutlined, ClusterOutlined, FormOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { FeatureRoute, MenuEntry } from '../../app/feature';

const RegisterPage = lazy(() => import('./RegisterPage'));
const PersonAwardsPage = lazy(() => import('./PersonAwardsPage'));
const UnitAwardsPage = lazy(() => import('./UnitAwardsPage'));
const StatsPage = lazy(() => import('./StatsPage'));
const InitiativesPage = lazy(() => import('./InitiativesPage'));
const RegistrationsPage = lazy(() => import('./RegistrationsPage'));
const ClustersPage = lazy(() => import('./ClustersPage'));
const ClusterPage = lazy(() => import('./ClusterPage'));
const CatalogPage = lazy(() => import('./CatalogPage'));

export const lookBackRoutes: FeatureRoute[] = [
  { path: '/awards/register', element: <RegisterPage /> },
  { path: '/awards/people/:id', element: <PersonAwardsPage /> },
  { path: '/awards/units/:code', element: <UnitAwardsPage /> },
  { path: '/awards/stats', element: <StatsPage /> },
  { path: '/awards/initiatives', element: <InitiativesPage /> },
  { path: '/awards/registrations', element: <RegistrationsPage /> },
  { path: '/awards/clusters', element: <ClustersPage /> },
  { path: '/awards/clusters/:id', element: <ClusterPage /> },
  { path: '/awards/catalog', element: <CatalogPage /> },
];

const office = (role: string) => role === 'admin' || role === 'office';

export const lookBackMenu: MenuEntry[] = [
  {
    key: 'awards-registrations',
    path: '/awards/registrations',
    label: { vi: 'Đăng ký thi đua', en: 'Emulation registration' },
    icon: <FormOutlined />,
    group: 'work',
    order: 63,
    // Units register their own targets; the office sees who registered.
    visible: (me) => office(me.role) || me.role === 'director' || UNIT_ROLES.includes(me.role),
  },
  {
    key: 'awards-clusters',
    path: '/awards/clusters',
    label: { vi: 'Khối, cụm thi đua', en: 'Emulation clusters' },
    icon: <ClusterOutlined />,
    group: 'work',
    order: 64,
  },
  {
    key: 'awards-register',
    path: '/awards/register',
    label: { vi: 'Sổ khen thưởng', en: 'Award register' },
    icon: <BookOutlined />,
    group: 'work',
    order: 65,
  },
  {
    key: 'awards-stats',
    path: '/awards/stats',
    label: { vi: 'Thống kê khen thưởng', en: 'Award statistics' },
    icon: <BarChartOutlined />,
    group: 'work',
    order: 66,
    visible: (me) => !UNIT_ROLES.includes(me.role),
  },
  {
    key: 'awards-initiatives',
    path: '/awards/initiatives',
    label: { vi: 'Sáng kiến', en: 'Initiatives' },
    icon: <BulbOutlined />,
    group: 'work',
    order: 67,
    visible: (me) => me.role !== 'viewer',
  },
  {
    key: 'awards-catalog',
    path: '/awards/catalog',
    label: { vi: 'Danh hiệu, hình thức khen thưởng', en: 'Titles and forms' },
    icon: <SafetyCertificateOutlined />,
    group: 'catalog',
    order: 170,
  },
];
