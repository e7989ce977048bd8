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
    // antd lightens a link under the pointer (#4c91c7 from this primary: 3.4:1 on white); darker instead, so a link the
    // mouse rests on still reads at WCAG 2.1 AA.
    colorLinkHover: '#084a8c',
    colorLinkActive: '#063a6e',
    fontFamily: FONT_STACK,
    fontSize: 14,
    borderRadius: 6,
    colorBgLayout: '#f3f5f8',
    colorTextBase: '#1f2933',
    // Secondary text as solid slate greys instead of antd's translucent black, each at least 4.5:1 (WCAG 2.1 AA)
    // on white and on the layout's light grey and blue backgrounds.
    colorTextSecondary: '#52606d',
    colorTextTertiary: '#5b6672',
    colorTextDescription: '#5b6672',
    colorTextPlaceholder: '#637080',
    // Status words in text (Typography, form messages) darker than the status colours of icons and bars.
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f3f5f8', headerHeight: 64 },
    Menu: {
      itemSelectedBg: '#e6f0fa',
      itemSelectedColor: PRIMARY,
      itemBorderRadius: 6,
      groupTitleColor: '#52606d',
      groupTitleFontSize: 12,
    },
    Table: { headerBg: '#f7f9fc', headerColor: '#334e68', rowHoverBg: '#f5f8fc' },
    Card: { headerFontSize: 16 },
    // Tag text takes the palette's 8th shade (antd uses the 7th, below 4.5:1 on the tag's light background).
    Tag: {
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#cf1322',
      green7: '#237804',
      lime7: '#3f6600',
      gold7: '#ad4e00',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      red7: '#a8071a',
      cyan7: '#006d75',
      blue7: '#0050b3',
      geekblue7: '#10239e',
      purple7: '#391085',
      magenta7: '#9e1068',
    },
    Progress: { colorSuccess: '#237804' },
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
