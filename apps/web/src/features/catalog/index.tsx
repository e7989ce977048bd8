import { AimOutlined, AppstoreOutlined, FileTextOutlined, FunctionOutlined, SafetyOutlined, TagsOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { lazy } from 'react';
import type { Me } from '../../app/auth';
import type { Feature } from '../../app/feature';

const SectorsPage = lazy(() => import('./SectorsPage'));
const DataElementsPage = lazy(() => import('./DataElementsPage'));
const IndicatorsPage = lazy(() => import('./IndicatorsPage'));
const FormsPage = lazy(() => import('./FormsPage'));
const FormDetailPage = lazy(() => import('./FormDetailPage'));
const RulesPage = lazy(() => import('./RulesPage'));
const TargetsPage = lazy(() => import('./TargetsPage'));

/** The catalog is read by the department's own staff; reporting units meet it through their forms. */
const staff = (me: Me) => !UNIT_ROLES.includes(me.role);

const feature: Feature = {
  routes: [
    { path: '/catalog/sectors', element: <SectorsPage /> },
    { path: '/catalog/data-elements', element: <DataElementsPage /> },
    { path: '/catalog/indicators', element: <IndicatorsPage /> },
    { path: '/catalog/forms', element: <FormsPage /> },
    { path: '/catalog/forms/:id', element: <FormDetailPage /> },
    { path: '/catalog/validation-rules', element: <RulesPage /> },
    { path: '/catalog/targets', element: <TargetsPage /> },
  ],
  menu: [
    {
      key: 'cat-forms',
      path: '/catalog/forms',
      label: { vi: 'Biểu mẫu báo cáo', en: 'Report forms' },
      icon: <FileTextOutlined />,
      group: 'catalog',
      order: 110,
      visible: staff,
    },
    {
      key: 'cat-elements',
      path: '/catalog/data-elements',
      label: { vi: 'Chỉ tiêu', en: 'Data elements' },
      icon: <AppstoreOutlined />,
      group: 'catalog',
      order: 120,
      visible: staff,
    },
    {
      key: 'cat-indicators',
      path: '/catalog/indicators',
      label: { vi: 'Chỉ số', en: 'Indicators' },
      icon: <FunctionOutlined />,
      group: 'catalog',
      order: 130,
      visible: staff,
    },
    {
      key: 'cat-rules',
      path: '/catalog/validation-rules',
      label: { vi: 'Quy tắc kiểm tra', en: 'Validation rules' },
      icon: <SafetyOutlined />,
      group: 'catalog',
      order: 140,
      visible: staff,
    },
    {
      key: 'cat-targets',
      path: '/catalog/targets',
      label: { vi: 'Chỉ tiêu kế hoạch', en: 'Targets' },
      icon: <AimOutlined />,
      group: 'catalog',
      order: 150,
      visible: staff,
    },
    {
      key: 'cat-sectors',
      path: '/catalog/sectors',
      label: { vi: 'Lĩnh vực', en: 'Sectors' },
      icon: <TagsOutlined />,
      group: 'catalog',
      order: 160,
      visible: staff,
    },
  ],
};

export default feature;
