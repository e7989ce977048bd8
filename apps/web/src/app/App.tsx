import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, theme as antTheme, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { CSP_NONCE } from './cspNonce';
import { useLang } from './i18n';
import { queryClient } from './queryClient';
import { routeTree } from './routes';

dayjs.extend(customParseFormat);
dayjs.extend(relativeTime);
dayjs.locale(localStorage.getItem('nhip.lang') === 'en' ? 'en' : 'vi');

export const FONT_STACK = '"Inter", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const PRIMARY = '#0b5cad';

const router = createBrowserRouter(routeTree());
/** antd writes its styles into <style> elements: they carry the page's nonce (Content-Security-Policy). */
const CSP = { nonce: CSP_NONCE };

const theme = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    fontFamily: FONT_STACK,
    fontSize: 14,
    borderRadius: 6,
    colorBgLayout: '#f3f5f8',
    colorTextBase: '#1f2933',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f3f5f8', headerHeight: 64 },
    Menu: {
      itemSelectedBg: '#e6f0fa',
      itemSelectedColor: PRIMARY,
      itemBorderRadius: 6,
      groupTitleColor: '#8a96a3',
      groupTitleFontSize: 12,
    },
    Table: { headerBg: '#f7f9fc', headerColor: '#334e68', rowHoverBg: '#f5f8fc' },
    Card: { headerFontSize: 16 },
  },
};

/** Providers: data cache, antd (Vietnamese or English locale, the department's palette), router. */
export function App() {
  const lang = useLang();
  const locale = useMemo(() => (lang === 'en' ? enUS : viVN), [lang]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={theme} csp={CSP}>
        <AntApp message={{ maxCount: 3 }}>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
