import { FileDoneOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature, FeatureRoute, MenuEntry } from '../../app/feature';
import { lookBackMenu, lookBackRoutes } from './register-routes';

const NominationsPage = lazy(() => import('./NominationsPage'));
const CouncilPage = lazy(() => import('./CouncilPage'));
const MeetingPage = lazy(() => import('./MeetingPage'));
const DecisionsPage = lazy(() => import('./DecisionsPage'));
const DecisionPage = lazy(() => import('./DecisionPage'));

/**
 * Emulation and commendation (thi đua, khen thưởng). The process: a unit proposes its people or itself, the office
 * checks and accepts, the council votes, the director signs the decision. Each screen adds its routes and menu entries
 * to the lists below (menu order 60–69, group 'work').
 */
const routes: FeatureRoute[] = [
  { path: '/awards/nominations', element: <NominationsPage /> },
  { path: '/awards/council', element: <CouncilPage /> },
  { path: '/awards/meetings/:id', element: <MeetingPage /> },
  { path: '/awards/decisions', element: <DecisionsPage /> },
  { path: '/awards/decisions/:id', element: <DecisionPage /> },
  // Looking back and the rules: register, person and unit pages, statistics, initiatives, registrations, clusters, catalog.
  ...lookBackRoutes,
];

const menu: MenuEntry[] = [
  {
    key: 'awards-nominations',
    path: '/awards/nominations',
    label: { vi: 'Đề nghị khen thưởng', en: 'Award nominations' },
    icon: <TrophyOutlined />,
    group: 'work',
    order: 60,
    // Units propose their own people; the office runs the process; the directorate and divisions read.
    visible: (me) => me.role !== 'viewer',
  },
  {
    key: 'awards-council',
    path: '/awards/council',
    label: { vi: 'Hội đồng thi đua – khen thưởng', en: 'Awards council' },
    icon: <TeamOutlined />,
    group: 'work',
    order: 61,
    visible: (me) => me.role === 'admin' || me.role === 'office' || me.role === 'director',
  },
  {
    key: 'awards-decisions',
    path: '/awards/decisions',
    label: { vi: 'Quyết định khen thưởng', en: 'Award decisions' },
    icon: <FileDoneOutlined />,
    group: 'work',
    order: 62,
  },
  ...lookBackMenu,
];

const feature: Feature = { routes, menu };

export default feature;
