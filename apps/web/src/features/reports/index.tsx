import { FileTextOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const ReportPage = lazy(() => import('./ReportPage'));
const DraftPage = lazy(() => import('./DraftPage'));

const feature: Feature = {
  routes: [
    { path: '/reports/summary', element: <ReportPage /> },
    // The draft the office edits, submits for signature and the director approves (issue 10 item 7).
    { path: '/reports/summary/draft/:period', element: <DraftPage /> },
  ],
  menu: [
    {
      key: 'report-summary',
      path: '/reports/summary',
      label: { vi: 'Báo cáo tổng kết', en: 'Summary report' },
      icon: <FileTextOutlined />,
      group: 'work',
      order: 40,
      // The office, the directorate, reviewers and viewers compile and read the draft; reporting units do not.
      visible: (me) => !!me.abilities['completeness.read'],
    },
  ],
};

export default feature;
