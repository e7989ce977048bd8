import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Result, Spin } from 'antd';
import dayjs from 'dayjs';
import { Suspense, useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../components/QueryState';
import { ME_KEY, useMe } from './auth';
import { setLang, useL, useLang } from './i18n';

export { safeNext } from './safeNext';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Top of the route tree: reacts to an expired session anywhere in the app, keeps the interface language in
 * step with the signed-in user's preference, and sets dayjs's locale.
 */
export function Root() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const l = useL();
  const lang = useLang();
  const { data: me } = useMe();
  const syncedFor = useRef<number | null>(null);

  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    if (me && syncedFor.current !== me.id) {
      syncedFor.current = me.id;
      if (me.locale !== lang) setLang(me.locale);
    }
    if (!me) syncedFor.current = null;
  }, [me, lang]);

  useEffect(() => {
    let last = 0;
    const onUnauthorized = () => {
      const now = Date.now();
      if (now - last < 3000) return;
      last = now;
      const wasSignedIn = !!qc.getQueryData(ME_KEY);
      void qc.cancelQueries();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, null);
      if (wasSignedIn)
        message.warning(l('Phiên làm việc đã hết hạn, vui lòng đăng nhập lại', 'Your session has expired, please sign in again'), 6);
      const { pathname, search } = window.location;
      if (!pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    };
    window.addEventListener('nhip:unauthorized', onUnauthorized);
    return () => window.removeEventListener('nhip:unauthorized', onUnauthorized);
  }, [qc, navigate, message, l]);

  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

/** Sign-in gate: signed out → /login (remembering where the person was going); a forced password change first. */
export function RequireAuth() {
  const l = useL();
  const location = useLocation();
  const { data: me, isLoading, error, refetch } = useMe();
  if (isLoading) return <FullPageSpin />;
  if (error) {
    return (
      <Result
        status="warning"
        title={l('Không kết nối được máy chủ Nhịp', 'Cannot reach the Nhịp server')}
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {l('Thử lại', 'Retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to={`/change-password?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <Outlet />;
}
