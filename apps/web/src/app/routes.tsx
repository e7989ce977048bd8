import { Navigate, type RouteObject } from 'react-router';
import { useCurrentUser } from './auth';
import { RequireAuth, Root } from './gate';
import { AppLayout } from './Layout';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';
import { FEATURES, visibleMenu } from './registry';

/** When no feature claims '/', send people to the first page their menu offers. */
function FirstPage() {
  const me = useCurrentUser();
  const first = visibleMenu(me)[0];
  return <Navigate to={first?.path ?? '/account'} replace />;
}

export function routeTree(): RouteObject[] {
  const all = FEATURES.flatMap((f) => f.routes);
  const publicRoutes = all.filter((r) => r.public);
  const bare = all.filter((r) => !r.public && r.bare);
  const inLayout = all.filter((r) => !r.public && !r.bare);
  const hasHome = inLayout.some((r) => r.path === '/');
  return [
    {
      element: <Root />,
      errorElement: <RouteError />,
      children: [
        ...publicRoutes.map((r) => ({ path: r.path, element: r.element })),
        {
          element: <RequireAuth />,
          children: [
            ...bare.map((r) => ({ path: r.path, element: r.element })),
            {
              element: <AppLayout />,
              children: [
                ...inLayout.map((r) => ({ path: r.path, element: r.element })),
                ...(hasHome ? [] : [{ path: '/', element: <FirstPage /> }]),
                { path: '*', element: <NotFound /> },
              ],
            },
          ],
        },
      ],
    },
  ];
}
