import { isRouteErrorResponse, useRouteError } from 'react-router';
import { CrashMessage } from '../components/ErrorBoundary';
import { useLang } from './i18n';
import { NotFound } from './NotFound';

/** The router's last line of defence: a rendering or loading error anywhere outside the layout's own boundary. */
export function RouteError() {
  const error = useRouteError();
  const lang = useLang();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <div style={{ padding: 48 }}>
      <CrashMessage error={error} lang={lang} />
    </div>
  );
}
