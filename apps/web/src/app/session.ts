import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../components/QueryState';
import { api } from '../lib/api';
import { ME_KEY, type Me } from './auth';
import { type Lang, setLang, useL } from './i18n';

/** Switch the interface language; when signed in, remember it on the account (PATCH /api/me). */
export function useSwitchLang() {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  return useCallback(
    async (lang: Lang) => {
      setLang(lang);
      const me = qc.getQueryData<Me | null>(ME_KEY);
      if (!me) return;
      qc.setQueryData(ME_KEY, (old: Me | null | undefined) => (old ? { ...old, locale: lang } : old));
      try {
        await api.patch('/api/me', { locale: lang });
      } catch (e) {
        message.error(errorMessage(e));
      }
    },
    [qc, message],
  );
}

/** Sign out: end the session on the server, forget every cached answer, go to the sign-in page. */
export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const l = useL();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      /* the session may already be gone; signing out locally is still right */
    }
    await qc.cancelQueries();
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    navigate('/login', { replace: true });
    message.success(l('Đã đăng xuất', 'Signed out'));
  }, [qc, navigate, message, l]);
}
