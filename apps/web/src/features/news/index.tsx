import { ReadOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const NewsPage = lazy(() => import('./NewsPage'));
const ArticlePage = lazy(() => import('./ArticlePage'));

const feature: Feature = {
  routes: [
    { path: '/news', element: <NewsPage /> },
    { path: '/news/:id', element: <ArticlePage /> },
  ],
  menu: [
    {
      // The office writes, the director (or whoever the settings name) approves; the public reads /tin-tuc.
      key: 'news',
      path: '/news',
      label: { vi: 'Tin bài', en: 'News' },
      icon: <ReadOutlined />,
      group: 'work',
      order: 47,
      visible: (me) => !!me.abilities['news.write'] || !!me.abilities['news.approve'],
    },
  ],
};

export default feature;
