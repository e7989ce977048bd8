import { CarryOutOutlined, FlagOutlined, InboxOutlined, SettingOutlined, SolutionOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const BoardPage = lazy(() => import('./BoardPage'));
const RecommendationPage = lazy(() => import('./RecommendationPage'));
const TriagePage = lazy(() => import('./TriagePage'));
const KeyTasksPage = lazy(() => import('./KeyTasksPage'));
const UnitRecommendationsPage = lazy(() => import('./UnitRecommendationsPage'));
const ResultsReportPage = lazy(() => import('./ResultsReportPage'));
const SettingsPage = lazy(() => import('./SettingsPage'));

/**
 * The follow-up register. The department (office, director and deputies, divisions, viewers) has the board and the key
 * tasks; whoever triages (office, divisions) has the queue; a unit has "Kiến nghị của đơn vị".
 */
const feature: Feature = {
  routes: [
    { path: '/follow-up', element: <BoardPage /> },
    { path: '/follow-up/triage', element: <TriagePage /> },
    { path: '/follow-up/key-tasks', element: <KeyTasksPage /> },
    { path: '/follow-up/report', element: <ResultsReportPage /> },
    { path: '/follow-up/settings', element: <SettingsPage /> },
    { path: '/follow-up/unit', element: <UnitRecommendationsPage /> },
    { path: '/follow-up/units/:unitId', element: <UnitRecommendationsPage /> },
    { path: '/follow-up/:id', element: <RecommendationPage /> },
  ],
  menu: [
    {
      key: 'follow-up',
      path: '/follow-up',
      label: { vi: 'Theo dõi kiến nghị', en: 'Recommendations' },
      icon: <FlagOutlined />,
      group: 'work',
      order: 50,
      visible: (me) => !UNIT_ROLES.includes(me.role),
    },
    {
      key: 'follow-up-triage',
      path: '/follow-up/triage',
      label: { vi: 'Hàng chờ kiến nghị', en: 'Triage queue' },
      icon: <InboxOutlined />,
      group: 'work',
      order: 51,
      visible: (me) => !!me.abilities['recommendations.triage'],
    },
    {
      key: 'follow-up-key-tasks',
      path: '/follow-up/key-tasks',
      label: { vi: 'Nhiệm vụ trọng tâm', en: 'Key tasks' },
      icon: <CarryOutOutlined />,
      group: 'work',
      order: 52,
      visible: (me) => !UNIT_ROLES.includes(me.role),
    },
    {
      key: 'follow-up-settings',
      path: '/follow-up/settings',
      label: { vi: 'Thiết lập theo dõi kiến nghị', en: 'Follow-up settings' },
      icon: <SettingOutlined />,
      group: 'admin',
      order: 880,
      visible: (me) => !!me.abilities['recommendations.triage'],
    },
    {
      key: 'follow-up-unit',
      path: '/follow-up/unit',
      label: { vi: 'Kiến nghị của đơn vị', en: 'Our recommendations' },
      icon: <SolutionOutlined />,
      group: 'work',
      order: 50,
      visible: (me) => UNIT_ROLES.includes(me.role),
    },
  ],
};

export default feature;
